from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ip_address import IPAddress
    from ..models.network_settings_networks import NetworkSettingsNetworks
    from ..models.port_map import PortMap


T = TypeVar("T", bound="NetworkSettings")


@_attrs_define
class NetworkSettings:
    """NetworkSettings exposes the network settings in the API.

    Attributes:
        bridge (str | Unset): Name of the network'a bridge (for example, `pouch-br`). Example: pouch-br.
        hairpin_mode (bool | Unset): Indicates if hairpin NAT should be enabled on the virtual interface Example: False.
        link_local_i_pv_6_address (str | Unset): IPv6 unicast address using the link-local prefix Example:
            fe80::42:acff:fe11:1.
        link_local_i_pv_6_prefix_len (int | Unset): Prefix length of the IPv6 unicast address. Example: 64.
        networks (NetworkSettingsNetworks | Unset): Information about all networks that the container is connected to
        ports (PortMap | Unset): PortMap describes the mapping of container ports to host ports, using the
            container's port-number and protocol as key in the format `<port>/<protocol>`,
            for example, `80/udp`.

            If a container's port is mapped for both `tcp` and `udp`, two separate
            entries are added to the mapping table.
        sandbox_id (str | Unset): SandboxID uniquely represents a container's network stack. Example:
            9d12daf2c33f5959c8bf90aa513e4f65b561738661003029ec84830cd503a0c3.
        sandbox_key (str | Unset): SandboxKey identifies the sandbox Example: /var/run/pouch/netns/8ab54b426c38.
        secondary_ip_addresses (list[IPAddress] | Unset):
        secondary_i_pv_6_addresses (list[IPAddress] | Unset):
    """

    bridge: str | Unset = UNSET
    hairpin_mode: bool | Unset = UNSET
    link_local_i_pv_6_address: str | Unset = UNSET
    link_local_i_pv_6_prefix_len: int | Unset = UNSET
    networks: NetworkSettingsNetworks | Unset = UNSET
    ports: PortMap | Unset = UNSET
    sandbox_id: str | Unset = UNSET
    sandbox_key: str | Unset = UNSET
    secondary_ip_addresses: list[IPAddress] | Unset = UNSET
    secondary_i_pv_6_addresses: list[IPAddress] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bridge = self.bridge

        hairpin_mode = self.hairpin_mode

        link_local_i_pv_6_address = self.link_local_i_pv_6_address

        link_local_i_pv_6_prefix_len = self.link_local_i_pv_6_prefix_len

        networks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.networks, Unset):
            networks = self.networks.to_dict()

        ports: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ports, Unset):
            ports = self.ports.to_dict()

        sandbox_id = self.sandbox_id

        sandbox_key = self.sandbox_key

        secondary_ip_addresses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.secondary_ip_addresses, Unset):
            secondary_ip_addresses = []
            for secondary_ip_addresses_item_data in self.secondary_ip_addresses:
                secondary_ip_addresses_item = secondary_ip_addresses_item_data.to_dict()
                secondary_ip_addresses.append(secondary_ip_addresses_item)

        secondary_i_pv_6_addresses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.secondary_i_pv_6_addresses, Unset):
            secondary_i_pv_6_addresses = []
            for secondary_i_pv_6_addresses_item_data in self.secondary_i_pv_6_addresses:
                secondary_i_pv_6_addresses_item = secondary_i_pv_6_addresses_item_data.to_dict()
                secondary_i_pv_6_addresses.append(secondary_i_pv_6_addresses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bridge is not UNSET:
            field_dict["Bridge"] = bridge
        if hairpin_mode is not UNSET:
            field_dict["HairpinMode"] = hairpin_mode
        if link_local_i_pv_6_address is not UNSET:
            field_dict["LinkLocalIPv6Address"] = link_local_i_pv_6_address
        if link_local_i_pv_6_prefix_len is not UNSET:
            field_dict["LinkLocalIPv6PrefixLen"] = link_local_i_pv_6_prefix_len
        if networks is not UNSET:
            field_dict["Networks"] = networks
        if ports is not UNSET:
            field_dict["Ports"] = ports
        if sandbox_id is not UNSET:
            field_dict["SandboxID"] = sandbox_id
        if sandbox_key is not UNSET:
            field_dict["SandboxKey"] = sandbox_key
        if secondary_ip_addresses is not UNSET:
            field_dict["SecondaryIPAddresses"] = secondary_ip_addresses
        if secondary_i_pv_6_addresses is not UNSET:
            field_dict["SecondaryIPv6Addresses"] = secondary_i_pv_6_addresses

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ip_address import IPAddress  # noqa: PLC0415
        from ..models.network_settings_networks import NetworkSettingsNetworks  # noqa: PLC0415
        from ..models.port_map import PortMap  # noqa: PLC0415

        d = dict(src_dict)
        bridge = d.pop("Bridge", UNSET)

        hairpin_mode = d.pop("HairpinMode", UNSET)

        link_local_i_pv_6_address = d.pop("LinkLocalIPv6Address", UNSET)

        link_local_i_pv_6_prefix_len = d.pop("LinkLocalIPv6PrefixLen", UNSET)

        _networks = d.pop("Networks", UNSET)
        networks: NetworkSettingsNetworks | Unset
        if isinstance(_networks, Unset):
            networks = UNSET
        else:
            networks = NetworkSettingsNetworks.from_dict(_networks)

        _ports = d.pop("Ports", UNSET)
        ports: PortMap | Unset
        if isinstance(_ports, Unset):
            ports = UNSET
        else:
            ports = PortMap.from_dict(_ports)

        sandbox_id = d.pop("SandboxID", UNSET)

        sandbox_key = d.pop("SandboxKey", UNSET)

        _secondary_ip_addresses = d.pop("SecondaryIPAddresses", UNSET)
        secondary_ip_addresses: list[IPAddress] | Unset = UNSET
        if _secondary_ip_addresses is not UNSET:
            secondary_ip_addresses = []
            for secondary_ip_addresses_item_data in _secondary_ip_addresses:
                secondary_ip_addresses_item = IPAddress.from_dict(secondary_ip_addresses_item_data)

                secondary_ip_addresses.append(secondary_ip_addresses_item)

        _secondary_i_pv_6_addresses = d.pop("SecondaryIPv6Addresses", UNSET)
        secondary_i_pv_6_addresses: list[IPAddress] | Unset = UNSET
        if _secondary_i_pv_6_addresses is not UNSET:
            secondary_i_pv_6_addresses = []
            for secondary_i_pv_6_addresses_item_data in _secondary_i_pv_6_addresses:
                secondary_i_pv_6_addresses_item = IPAddress.from_dict(secondary_i_pv_6_addresses_item_data)

                secondary_i_pv_6_addresses.append(secondary_i_pv_6_addresses_item)

        network_settings = cls(
            bridge=bridge,
            hairpin_mode=hairpin_mode,
            link_local_i_pv_6_address=link_local_i_pv_6_address,
            link_local_i_pv_6_prefix_len=link_local_i_pv_6_prefix_len,
            networks=networks,
            ports=ports,
            sandbox_id=sandbox_id,
            sandbox_key=sandbox_key,
            secondary_ip_addresses=secondary_ip_addresses,
            secondary_i_pv_6_addresses=secondary_i_pv_6_addresses,
        )

        network_settings.additional_properties = d
        return network_settings

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
