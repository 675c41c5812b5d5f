from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ipam import IPAM
    from ..models.network_inspect_resp_labels import NetworkInspectRespLabels
    from ..models.network_inspect_resp_options import NetworkInspectRespOptions


T = TypeVar("T", bound="NetworkInspectResp")


@_attrs_define
class NetworkInspectResp:
    """is the expected body of the 'GET networks/{id}'' http request message

    Attributes:
        driver (str | Unset): Driver means the network's driver.
        enable_i_pv_6 (bool | Unset): EnableIPv6 represents whether to enable IPv6.
        ipam (IPAM | Unset): represents IP Address Management
        id (str | Unset): ID uniquely identifies a network on a single machine
        internal (bool | Unset): Internal checks the network is internal network or not.
        labels (NetworkInspectRespLabels | Unset): Labels holds metadata specific to the network being created.
        name (str | Unset): Name is the requested name of the network
        options (NetworkInspectRespOptions | Unset): Options holds the network specific options to use for when creating
            the network.
        scope (str | Unset): Scope describes the level at which the network exists.
    """

    driver: str | Unset = UNSET
    enable_i_pv_6: bool | Unset = UNSET
    ipam: IPAM | Unset = UNSET
    id: str | Unset = UNSET
    internal: bool | Unset = UNSET
    labels: NetworkInspectRespLabels | Unset = UNSET
    name: str | Unset = UNSET
    options: NetworkInspectRespOptions | Unset = UNSET
    scope: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        driver = self.driver

        enable_i_pv_6 = self.enable_i_pv_6

        ipam: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ipam, Unset):
            ipam = self.ipam.to_dict()

        id = self.id

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
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if enable_i_pv_6 is not UNSET:
            field_dict["EnableIPv6"] = enable_i_pv_6
        if ipam is not UNSET:
            field_dict["IPAM"] = ipam
        if id is not UNSET:
            field_dict["Id"] = id
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
        from ..models.network_inspect_resp_labels import NetworkInspectRespLabels  # noqa: PLC0415
        from ..models.network_inspect_resp_options import NetworkInspectRespOptions  # noqa: PLC0415

        d = dict(src_dict)
        driver = d.pop("Driver", UNSET)

        enable_i_pv_6 = d.pop("EnableIPv6", UNSET)

        _ipam = d.pop("IPAM", UNSET)
        ipam: IPAM | Unset
        if isinstance(_ipam, Unset):
            ipam = UNSET
        else:
            ipam = IPAM.from_dict(_ipam)

        id = d.pop("Id", UNSET)

        internal = d.pop("Internal", UNSET)

        _labels = d.pop("Labels", UNSET)
        labels: NetworkInspectRespLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = NetworkInspectRespLabels.from_dict(_labels)

        name = d.pop("Name", UNSET)

        _options = d.pop("Options", UNSET)
        options: NetworkInspectRespOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = NetworkInspectRespOptions.from_dict(_options)

        scope = d.pop("Scope", UNSET)

        network_inspect_resp = cls(
            driver=driver,
            enable_i_pv_6=enable_i_pv_6,
            ipam=ipam,
            id=id,
            internal=internal,
            labels=labels,
            name=name,
            options=options,
            scope=scope,
        )

        network_inspect_resp.additional_properties = d
        return network_inspect_resp

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
