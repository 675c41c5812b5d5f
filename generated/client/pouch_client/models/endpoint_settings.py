from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoint_ipam_config_type_0 import EndpointIPAMConfigType0
    from ..models.endpoint_settings_driver_opts_type_0 import EndpointSettingsDriverOptsType0


T = TypeVar("T", bound="EndpointSettings")


@_attrs_define
class EndpointSettings:
    """Configuration for a network endpoint.

    Attributes:
        aliases (list[str] | None | Unset):  Example: ['server_x', 'server_y'].
        driver_opts (EndpointSettingsDriverOptsType0 | None | Unset): DriverOpts is a mapping of driver options and
            values. These options
            are passed directly to the driver and are driver specific. Example: {'com.example.some-label': 'some-value',
            'com.example.some-other-label': 'some-other-value'}.
        endpoint_id (str | Unset): Unique ID for the service endpoint in a Sandbox. Example:
            b88f5b905aabf2893f3cbc4ee42d1ea7980bbc0a92e2c8922b1e1795298afb0b.
        gateway (str | Unset): Gateway address for this network. Example: 172.17.0.1.
        global_i_pv_6_address (str | Unset): Global IPv6 address. Example: 2001:db8::5689.
        global_i_pv_6_prefix_len (int | Unset): Mask length of the global IPv6 address. Example: 64.
        ipam_config (EndpointIPAMConfigType0 | None | Unset): IPAM configurations for the endpoint
        ip_address (str | Unset): IPv4 address. Example: 172.17.0.4.
        ip_prefix_len (int | Unset): Mask length of the IPv4 address. Example: 16.
        i_pv_6_gateway (str | Unset): IPv6 gateway address. Example: 2001:db8:2::100.
        links (list[str] | None | Unset):  Example: ['container_1', 'container_2'].
        mac_address (str | Unset): MAC address for the endpoint on this network. Example: 02:42:ac:11:00:04.
        network_id (str | Unset): Unique ID of the network. Example:
            08754567f1f40222263eab4102e1c733ae697e8e354aa9cd6e18d7402835292a.
    """

    aliases: list[str] | None | Unset = UNSET
    driver_opts: EndpointSettingsDriverOptsType0 | None | Unset = UNSET
    endpoint_id: str | Unset = UNSET
    gateway: str | Unset = UNSET
    global_i_pv_6_address: str | Unset = UNSET
    global_i_pv_6_prefix_len: int | Unset = UNSET
    ipam_config: EndpointIPAMConfigType0 | None | Unset = UNSET
    ip_address: str | Unset = UNSET
    ip_prefix_len: int | Unset = UNSET
    i_pv_6_gateway: str | Unset = UNSET
    links: list[str] | None | Unset = UNSET
    mac_address: str | Unset = UNSET
    network_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.endpoint_ipam_config_type_0 import EndpointIPAMConfigType0  # noqa: PLC0415
        from ..models.endpoint_settings_driver_opts_type_0 import EndpointSettingsDriverOptsType0  # noqa: PLC0415

        aliases: list[str] | None | Unset
        if isinstance(self.aliases, Unset):
            aliases = UNSET
        elif isinstance(self.aliases, list):
            aliases = self.aliases

        else:
            aliases = self.aliases

        driver_opts: dict[str, Any] | None | Unset
        if isinstance(self.driver_opts, Unset):
            driver_opts = UNSET
        elif isinstance(self.driver_opts, EndpointSettingsDriverOptsType0):
            driver_opts = self.driver_opts.to_dict()
        else:
            driver_opts = self.driver_opts

        endpoint_id = self.endpoint_id

        gateway = self.gateway

        global_i_pv_6_address = self.global_i_pv_6_address

        global_i_pv_6_prefix_len = self.global_i_pv_6_prefix_len

        ipam_config: dict[str, Any] | None | Unset
        if isinstance(self.ipam_config, Unset):
            ipam_config = UNSET
        elif isinstance(self.ipam_config, EndpointIPAMConfigType0):
            ipam_config = self.ipam_config.to_dict()
        else:
            ipam_config = self.ipam_config

        ip_address = self.ip_address

        ip_prefix_len = self.ip_prefix_len

        i_pv_6_gateway = self.i_pv_6_gateway

        links: list[str] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, list):
            links = self.links

        else:
            links = self.links

        mac_address = self.mac_address

        network_id = self.network_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aliases is not UNSET:
            field_dict["Aliases"] = aliases
        if driver_opts is not UNSET:
            field_dict["DriverOpts"] = driver_opts
        if endpoint_id is not UNSET:
            field_dict["EndpointID"] = endpoint_id
        if gateway is not UNSET:
            field_dict["Gateway"] = gateway
        if global_i_pv_6_address is not UNSET:
            field_dict["GlobalIPv6Address"] = global_i_pv_6_address
        if global_i_pv_6_prefix_len is not UNSET:
            field_dict["GlobalIPv6PrefixLen"] = global_i_pv_6_prefix_len
        if ipam_config is not UNSET:
            field_dict["IPAMConfig"] = ipam_config
        if ip_address is not UNSET:
            field_dict["IPAddress"] = ip_address
        if ip_prefix_len is not UNSET:
            field_dict["IPPrefixLen"] = ip_prefix_len
        if i_pv_6_gateway is not UNSET:
            field_dict["IPv6Gateway"] = i_pv_6_gateway
        if links is not UNSET:
            field_dict["Links"] = links
        if mac_address is not UNSET:
            field_dict["MacAddress"] = mac_address
        if network_id is not UNSET:
            field_dict["NetworkID"] = network_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.endpoint_ipam_config_type_0 import EndpointIPAMConfigType0  # noqa: PLC0415
        from ..models.endpoint_settings_driver_opts_type_0 import EndpointSettingsDriverOptsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_aliases(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                aliases_type_0 = cast(list[str], data)

                return aliases_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        aliases = _parse_aliases(d.pop("Aliases", UNSET))

        def _parse_driver_opts(data: object) -> EndpointSettingsDriverOptsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                driver_opts_type_0 = EndpointSettingsDriverOptsType0.from_dict(data)

                return driver_opts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EndpointSettingsDriverOptsType0 | None | Unset, data)

        driver_opts = _parse_driver_opts(d.pop("DriverOpts", UNSET))

        endpoint_id = d.pop("EndpointID", UNSET)

        gateway = d.pop("Gateway", UNSET)

        global_i_pv_6_address = d.pop("GlobalIPv6Address", UNSET)

        global_i_pv_6_prefix_len = d.pop("GlobalIPv6PrefixLen", UNSET)

        def _parse_ipam_config(data: object) -> EndpointIPAMConfigType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_endpoint_ipam_config_type_0 = EndpointIPAMConfigType0.from_dict(data)

                return componentsschemas_endpoint_ipam_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EndpointIPAMConfigType0 | None | Unset, data)

        ipam_config = _parse_ipam_config(d.pop("IPAMConfig", UNSET))

        ip_address = d.pop("IPAddress", UNSET)

        ip_prefix_len = d.pop("IPPrefixLen", UNSET)

        i_pv_6_gateway = d.pop("IPv6Gateway", UNSET)

        def _parse_links(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                links_type_0 = cast(list[str], data)

                return links_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        links = _parse_links(d.pop("Links", UNSET))

        mac_address = d.pop("MacAddress", UNSET)

        network_id = d.pop("NetworkID", UNSET)

        endpoint_settings = cls(
            aliases=aliases,
            driver_opts=driver_opts,
            endpoint_id=endpoint_id,
            gateway=gateway,
            global_i_pv_6_address=global_i_pv_6_address,
            global_i_pv_6_prefix_len=global_i_pv_6_prefix_len,
            ipam_config=ipam_config,
            ip_address=ip_address,
            ip_prefix_len=ip_prefix_len,
            i_pv_6_gateway=i_pv_6_gateway,
            links=links,
            mac_address=mac_address,
            network_id=network_id,
        )

        endpoint_settings.additional_properties = d
        return endpoint_settings

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
