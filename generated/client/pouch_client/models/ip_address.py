from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IPAddress")


@_attrs_define
class IPAddress:
    """Address represents an IPv4 or IPv6 IP address.

    Attributes:
        addr (str | Unset): IP address.
        prefix_len (int | Unset): Mask length of the IP address.
    """

    addr: str | Unset = UNSET
    prefix_len: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        addr = self.addr

        prefix_len = self.prefix_len

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if addr is not UNSET:
            field_dict["Addr"] = addr
        if prefix_len is not UNSET:
            field_dict["PrefixLen"] = prefix_len

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        addr = d.pop("Addr", UNSET)

        prefix_len = d.pop("PrefixLen", UNSET)

        ip_address = cls(
            addr=addr,
            prefix_len=prefix_len,
        )

        ip_address.additional_properties = d
        return ip_address

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
