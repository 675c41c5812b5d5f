from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EndpointIPAMConfigType0")


@_attrs_define
class EndpointIPAMConfigType0:
    """IPAM configurations for the endpoint

    Attributes:
        i_pv_4_address (str | Unset): ipv4 address
        i_pv_6_address (str | Unset): ipv6 address
        link_local_i_ps (list[str] | None | Unset): link to the list of local ip
    """

    i_pv_4_address: str | Unset = UNSET
    i_pv_6_address: str | Unset = UNSET
    link_local_i_ps: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        i_pv_4_address = self.i_pv_4_address

        i_pv_6_address = self.i_pv_6_address

        link_local_i_ps: list[str] | None | Unset
        if isinstance(self.link_local_i_ps, Unset):
            link_local_i_ps = UNSET
        elif isinstance(self.link_local_i_ps, list):
            link_local_i_ps = self.link_local_i_ps

        else:
            link_local_i_ps = self.link_local_i_ps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if i_pv_4_address is not UNSET:
            field_dict["IPv4Address"] = i_pv_4_address
        if i_pv_6_address is not UNSET:
            field_dict["IPv6Address"] = i_pv_6_address
        if link_local_i_ps is not UNSET:
            field_dict["LinkLocalIPs"] = link_local_i_ps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        i_pv_4_address = d.pop("IPv4Address", UNSET)

        i_pv_6_address = d.pop("IPv6Address", UNSET)

        def _parse_link_local_i_ps(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                link_local_i_ps_type_0 = cast(list[str], data)

                return link_local_i_ps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        link_local_i_ps = _parse_link_local_i_ps(d.pop("LinkLocalIPs", UNSET))

        endpoint_ipam_config_type_0 = cls(
            i_pv_4_address=i_pv_4_address,
            i_pv_6_address=i_pv_6_address,
            link_local_i_ps=link_local_i_ps,
        )

        endpoint_ipam_config_type_0.additional_properties = d
        return endpoint_ipam_config_type_0

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
