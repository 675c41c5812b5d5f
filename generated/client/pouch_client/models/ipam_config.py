from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ipam_config_aux_address_type_0 import IPAMConfigAuxAddressType0


T = TypeVar("T", bound="IPAMConfig")


@_attrs_define
class IPAMConfig:
    """represents IPAM configurations

    Attributes:
        aux_address (IPAMConfigAuxAddressType0 | None | Unset): aux address in sub-network
        gateway (str | Unset): gateway for sub-network
        ip_range (str | Unset): sub ip range in sub-network
        subnet (str | Unset): subnet address for network
    """

    aux_address: IPAMConfigAuxAddressType0 | None | Unset = UNSET
    gateway: str | Unset = UNSET
    ip_range: str | Unset = UNSET
    subnet: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ipam_config_aux_address_type_0 import IPAMConfigAuxAddressType0  # noqa: PLC0415

        aux_address: dict[str, Any] | None | Unset
        if isinstance(self.aux_address, Unset):
            aux_address = UNSET
        elif isinstance(self.aux_address, IPAMConfigAuxAddressType0):
            aux_address = self.aux_address.to_dict()
        else:
            aux_address = self.aux_address

        gateway = self.gateway

        ip_range = self.ip_range

        subnet = self.subnet

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aux_address is not UNSET:
            field_dict["AuxAddress"] = aux_address
        if gateway is not UNSET:
            field_dict["Gateway"] = gateway
        if ip_range is not UNSET:
            field_dict["IPRange"] = ip_range
        if subnet is not UNSET:
            field_dict["Subnet"] = subnet

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ipam_config_aux_address_type_0 import IPAMConfigAuxAddressType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_aux_address(data: object) -> IPAMConfigAuxAddressType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                aux_address_type_0 = IPAMConfigAuxAddressType0.from_dict(data)

                return aux_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IPAMConfigAuxAddressType0 | None | Unset, data)

        aux_address = _parse_aux_address(d.pop("AuxAddress", UNSET))

        gateway = d.pop("Gateway", UNSET)

        ip_range = d.pop("IPRange", UNSET)

        subnet = d.pop("Subnet", UNSET)

        ipam_config = cls(
            aux_address=aux_address,
            gateway=gateway,
            ip_range=ip_range,
            subnet=subnet,
        )

        ipam_config.additional_properties = d
        return ipam_config

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
