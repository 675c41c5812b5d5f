from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecStartConfig")


@_attrs_define
class ExecStartConfig:
    """ExecStartConfig is a temp struct used by execStart.

    Attributes:
        detach (bool | Unset): ExecStart will first check if it's detached
        tty (bool | Unset): Check if there's a tty
    """

    detach: bool | Unset = UNSET
    tty: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detach = self.detach

        tty = self.tty

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if detach is not UNSET:
            field_dict["Detach"] = detach
        if tty is not UNSET:
            field_dict["Tty"] = tty

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detach = d.pop("Detach", UNSET)

        tty = d.pop("Tty", UNSET)

        exec_start_config = cls(
            detach=detach,
            tty=tty,
        )

        exec_start_config.additional_properties = d
        return exec_start_config

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
