from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerUpgradeConfig")


@_attrs_define
class ContainerUpgradeConfig:
    """ContainerUpgradeConfig is used for API "POST /containers/{name:.*}/upgrade". when upgrade a container,
    we must specify new image used to create a new container, and also can specify `Cmd` and `Entrypoint` for
    new container. There is all parameters that upgrade a container, if want to change other parameters, i
    think you should use `update` API interface.

        Attributes:
            image (str):
            cmd (list[str] | None | Unset): Execution commands and args
            entrypoint (list[str] | None | Unset): The entrypoint for the container as a string or an array of strings.
                If the array consists of exactly one empty string (`[""]`) then the entry point is reset to system default.
    """

    image: str
    cmd: list[str] | None | Unset = UNSET
    entrypoint: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        cmd: list[str] | None | Unset
        if isinstance(self.cmd, Unset):
            cmd = UNSET
        elif isinstance(self.cmd, list):
            cmd = self.cmd

        else:
            cmd = self.cmd

        entrypoint: list[str] | None | Unset
        if isinstance(self.entrypoint, Unset):
            entrypoint = UNSET
        elif isinstance(self.entrypoint, list):
            entrypoint = self.entrypoint

        else:
            entrypoint = self.entrypoint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Image": image,
            }
        )
        if cmd is not UNSET:
            field_dict["Cmd"] = cmd
        if entrypoint is not UNSET:
            field_dict["Entrypoint"] = entrypoint

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image = d.pop("Image")

        def _parse_cmd(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cmd_type_0 = cast(list[str], data)

                return cmd_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        cmd = _parse_cmd(d.pop("Cmd", UNSET))

        def _parse_entrypoint(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                entrypoint_type_0 = cast(list[str], data)

                return entrypoint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        entrypoint = _parse_entrypoint(d.pop("Entrypoint", UNSET))

        container_upgrade_config = cls(
            image=image,
            cmd=cmd,
            entrypoint=entrypoint,
        )

        container_upgrade_config.additional_properties = d
        return container_upgrade_config

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
