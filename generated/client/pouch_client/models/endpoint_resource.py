from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EndpointResource")


@_attrs_define
class EndpointResource:
    """NetworkResource is the body of the "get network" http response message

    Attributes:
        endpoint_id (str | Unset): EndpointID represents the endpoint's id
        i_pv_4_address (str | Unset): IPv4Address represents the enpoint's ipv4 address
        i_pv_6_address (str | Unset): IPv4Address represents the enpoint's ipv6 address
        mac_address (str | Unset): MacAddress represents the enpoint's mac address
        name (str | Unset): Name is the requested name of the network
    """

    endpoint_id: str | Unset = UNSET
    i_pv_4_address: str | Unset = UNSET
    i_pv_6_address: str | Unset = UNSET
    mac_address: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        endpoint_id = self.endpoint_id

        i_pv_4_address = self.i_pv_4_address

        i_pv_6_address = self.i_pv_6_address

        mac_address = self.mac_address

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if endpoint_id is not UNSET:
            field_dict["EndpointID"] = endpoint_id
        if i_pv_4_address is not UNSET:
            field_dict["IPv4Address"] = i_pv_4_address
        if i_pv_6_address is not UNSET:
            field_dict["IPv6Address"] = i_pv_6_address
        if mac_address is not UNSET:
            field_dict["MacAddress"] = mac_address
        if name is not UNSET:
            field_dict["Name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        endpoint_id = d.pop("EndpointID", UNSET)

        i_pv_4_address = d.pop("IPv4Address", UNSET)

        i_pv_6_address = d.pop("IPv6Address", UNSET)

        mac_address = d.pop("MacAddress", UNSET)

        name = d.pop("Name", UNSET)

        endpoint_resource = cls(
            endpoint_id=endpoint_id,
            i_pv_4_address=i_pv_4_address,
            i_pv_6_address=i_pv_6_address,
            mac_address=mac_address,
            name=name,
        )

        endpoint_resource.additional_properties = d
        return endpoint_resource

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
