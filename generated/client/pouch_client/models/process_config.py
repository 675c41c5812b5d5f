from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProcessConfig")


@_attrs_define
class ProcessConfig:
    """ExecProcessConfig holds information about the exec process.

    Attributes:
        arguments (list[str]):
        entrypoint (str):
        privileged (bool):
        tty (bool):
        user (str):
    """

    arguments: list[str]
    entrypoint: str
    privileged: bool
    tty: bool
    user: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arguments = self.arguments

        entrypoint = self.entrypoint

        privileged = self.privileged

        tty = self.tty

        user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arguments": arguments,
                "entrypoint": entrypoint,
                "privileged": privileged,
                "tty": tty,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arguments = cast(list[str], d.pop("arguments"))

        entrypoint = d.pop("entrypoint")

        privileged = d.pop("privileged")

        tty = d.pop("tty")

        user = d.pop("user")

        process_config = cls(
            arguments=arguments,
            entrypoint=entrypoint,
            privileged=privileged,
            tty=tty,
            user=user,
        )

        process_config.additional_properties = d
        return process_config

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
