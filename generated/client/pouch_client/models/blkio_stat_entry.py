from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BlkioStatEntry")


@_attrs_define
class BlkioStatEntry:
    """BlkioStatEntry is one small entity to store a piece of Blkio stats

    Attributes:
        major (int | Unset):
        minor (int | Unset):
        op (str | Unset):
        value (int | Unset):
    """

    major: int | Unset = UNSET
    minor: int | Unset = UNSET
    op: str | Unset = UNSET
    value: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        major = self.major

        minor = self.minor

        op = self.op

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if major is not UNSET:
            field_dict["major"] = major
        if minor is not UNSET:
            field_dict["minor"] = minor
        if op is not UNSET:
            field_dict["op"] = op
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        major = d.pop("major", UNSET)

        minor = d.pop("minor", UNSET)

        op = d.pop("op", UNSET)

        value = d.pop("value", UNSET)

        blkio_stat_entry = cls(
            major=major,
            minor=minor,
            op=op,
            value=value,
        )

        blkio_stat_entry.additional_properties = d
        return blkio_stat_entry

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
