from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.index_info import IndexInfo


T = TypeVar("T", bound="RegistryServiceConfigIndexConfigs")


@_attrs_define
class RegistryServiceConfigIndexConfigs:
    """
    Example:
        {'127.0.0.1:5000': {'Name': '127.0.0.1:5000', 'Mirrors': [], 'Secure': False, 'Official': False},
            '[2001:db8:a0b:12f0::1]:80': {'Name': '[2001:db8:a0b:12f0::1]:80', 'Mirrors': [], 'Secure': False, 'Official':
            False}, 'registry.internal.corp.example.com:3000': {'Name': 'registry.internal.corp.example.com:3000',
            'Mirrors': [], 'Secure': False, 'Official': False}}

    """

    additional_properties: dict[str, IndexInfo] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.index_info import IndexInfo  # noqa: PLC0415

        d = dict(src_dict)
        registry_service_config_index_configs = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = IndexInfo.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        registry_service_config_index_configs.additional_properties = additional_properties
        return registry_service_config_index_configs

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> IndexInfo:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: IndexInfo) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
