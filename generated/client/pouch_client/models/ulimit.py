from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Ulimit")


@_attrs_define
class Ulimit:
    """A list of resource limits

    Attributes:
        hard (int | Unset): Hard limit
        name (str | Unset): Name of ulimit
        soft (int | Unset): Soft limit
    """

    hard: int | Unset = UNSET
    name: str | Unset = UNSET
    soft: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hard = self.hard

        name = self.name

        soft = self.soft

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if hard is not UNSET:
            field_dict["Hard"] = hard
        if name is not UNSET:
            field_dict["Name"] = name
        if soft is not UNSET:
            field_dict["Soft"] = soft

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hard = d.pop("Hard", UNSET)

        name = d.pop("Name", UNSET)

        soft = d.pop("Soft", UNSET)

        ulimit = cls(
            hard=hard,
            name=name,
            soft=soft,
        )

        ulimit.additional_properties = d
        return ulimit

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
