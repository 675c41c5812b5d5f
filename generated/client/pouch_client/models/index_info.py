from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IndexInfo")


@_attrs_define
class IndexInfo:
    """IndexInfo contains information about a registry.

    Attributes:
        mirrors (list[str] | Unset): List of mirrors, expressed as URIs. Example: ['https://hub-
            mirror.corp.example.com:5000/'].
        name (str | Unset): Name of the registry.
        official (bool | Unset): Indicates whether this is an official registry. Example: True.
        secure (bool | Unset): Indicates if the the registry is part of the list of insecure
            registries.

            If `false`, the registry is insecure. Insecure registries accept
            un-encrypted (HTTP) and/or untrusted (HTTPS with certificates from
            unknown CAs) communication.

            > **Warning**: Insecure registries can be useful when running a local
            > registry. However, because its use creates security vulnerabilities
            > it should ONLY be enabled for testing purposes. For increased
            > security, users should add their CA to their system's list of
            > trusted CAs instead of enabling this option. Example: True.
    """

    mirrors: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    official: bool | Unset = UNSET
    secure: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mirrors: list[str] | Unset = UNSET
        if not isinstance(self.mirrors, Unset):
            mirrors = self.mirrors

        name = self.name

        official = self.official

        secure = self.secure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mirrors is not UNSET:
            field_dict["Mirrors"] = mirrors
        if name is not UNSET:
            field_dict["Name"] = name
        if official is not UNSET:
            field_dict["Official"] = official
        if secure is not UNSET:
            field_dict["Secure"] = secure

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mirrors = cast(list[str], d.pop("Mirrors", UNSET))

        name = d.pop("Name", UNSET)

        official = d.pop("Official", UNSET)

        secure = d.pop("Secure", UNSET)

        index_info = cls(
            mirrors=mirrors,
            name=name,
            official=official,
            secure=secure,
        )

        index_info.additional_properties = d
        return index_info

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
