from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ipam import IPAM
    from ..models.network_resource_containers import NetworkResourceContainers
    from ..models.network_resource_index_configs import NetworkResourceIndexConfigs
    from ..models.network_resource_labels import NetworkResourceLabels
    from ..models.network_resource_options import NetworkResourceOptions


T = TypeVar("T", bound="NetworkResource")


@_attrs_define
class NetworkResource:
    """NetworkResource is the body of the "get network" http response message

    Attributes:
        containers (NetworkResourceContainers | Unset): Containers contains endpoints belonging to the network
        driver (str | Unset): Driver is the Driver name used to create the network (e.g. `bridge`, `overlay`)
        enable_i_pv_6 (bool | Unset): EnableIPv6 represents whether to enable IPv6
        ipam (IPAM | Unset): represents IP Address Management
        id (str | Unset): ID uniquely identifies a network on a single machine
        index_configs (NetworkResourceIndexConfigs | Unset):
        internal (bool | Unset): Internal represents if the network is used internal only
        labels (NetworkResourceLabels | Unset): Labels holds metadata specific to the network being created Example:
            {'com.example.some-label': 'some-label', 'com.example.some-other-label': 'some-other-label'}.
        name (str | Unset): Name is the requested name of the network
        options (NetworkResourceOptions | Unset): Options holds the network specific options to use for when creating
            the network Example: {'com.example.some-options': 'some-option', 'com.example.some-other-options': 'some-other-
            option'}.
        scope (str | Unset): Scope describes the level at which the network exists (e.g. `global` for cluster-wide or
            `local` for machine level)
    """

    containers: NetworkResourceContainers | Unset = UNSET
    driver: str | Unset = UNSET
    enable_i_pv_6: bool | Unset = UNSET
    ipam: IPAM | Unset = UNSET
    id: str | Unset = UNSET
    index_configs: NetworkResourceIndexConfigs | Unset = UNSET
    internal: bool | Unset = UNSET
    labels: NetworkResourceLabels | Unset = UNSET
    name: str | Unset = UNSET
    options: NetworkResourceOptions | Unset = UNSET
    scope: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        containers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.containers, Unset):
            containers = self.containers.to_dict()

        driver = self.driver

        enable_i_pv_6 = self.enable_i_pv_6

        ipam: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ipam, Unset):
            ipam = self.ipam.to_dict()

        id = self.id

        index_configs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.index_configs, Unset):
            index_configs = self.index_configs.to_dict()

        internal = self.internal

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        name = self.name

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        scope = self.scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if containers is not UNSET:
            field_dict["Containers"] = containers
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if enable_i_pv_6 is not UNSET:
            field_dict["EnableIPv6"] = enable_i_pv_6
        if ipam is not UNSET:
            field_dict["IPAM"] = ipam
        if id is not UNSET:
            field_dict["Id"] = id
        if index_configs is not UNSET:
            field_dict["IndexConfigs"] = index_configs
        if internal is not UNSET:
            field_dict["Internal"] = internal
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if name is not UNSET:
            field_dict["Name"] = name
        if options is not UNSET:
            field_dict["Options"] = options
        if scope is not UNSET:
            field_dict["Scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ipam import IPAM  # noqa: PLC0415
        from ..models.network_resource_containers import NetworkResourceContainers  # noqa: PLC0415
        from ..models.network_resource_index_configs import NetworkResourceIndexConfigs  # noqa: PLC0415
        from ..models.network_resource_labels import NetworkResourceLabels  # noqa: PLC0415
        from ..models.network_resource_options import NetworkResourceOptions  # noqa: PLC0415

        d = dict(src_dict)
        _containers = d.pop("Containers", UNSET)
        containers: NetworkResourceContainers | Unset
        if isinstance(_containers, Unset):
            containers = UNSET
        else:
            containers = NetworkResourceContainers.from_dict(_containers)

        driver = d.pop("Driver", UNSET)

        enable_i_pv_6 = d.pop("EnableIPv6", UNSET)

        _ipam = d.pop("IPAM", UNSET)
        ipam: IPAM | Unset
        if isinstance(_ipam, Unset):
            ipam = UNSET
        else:
            ipam = IPAM.from_dict(_ipam)

        id = d.pop("Id", UNSET)

        _index_configs = d.pop("IndexConfigs", UNSET)
        index_configs: NetworkResourceIndexConfigs | Unset
        if isinstance(_index_configs, Unset):
            index_configs = UNSET
        else:
            index_configs = NetworkResourceIndexConfigs.from_dict(_index_configs)

        internal = d.pop("Internal", UNSET)

        _labels = d.pop("Labels", UNSET)
        labels: NetworkResourceLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = NetworkResourceLabels.from_dict(_labels)

        name = d.pop("Name", UNSET)

        _options = d.pop("Options", UNSET)
        options: NetworkResourceOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = NetworkResourceOptions.from_dict(_options)

        scope = d.pop("Scope", UNSET)

        network_resource = cls(
            containers=containers,
            driver=driver,
            enable_i_pv_6=enable_i_pv_6,
            ipam=ipam,
            id=id,
            index_configs=index_configs,
            internal=internal,
            labels=labels,
            name=name,
            options=options,
            scope=scope,
        )

        network_resource.additional_properties = d
        return network_resource

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
