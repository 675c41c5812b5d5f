from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ipam import IPAM
    from ..models.network_create_labels_type_0 import NetworkCreateLabelsType0
    from ..models.network_create_options_type_0 import NetworkCreateOptionsType0


T = TypeVar("T", bound="NetworkCreateConfig")


@_attrs_define
class NetworkCreateConfig:
    """contains the request for the remote API: POST /networks/create

    Attributes:
        name (str): Name is the name of the network.
        check_duplicate (bool | Unset): CheckDuplicate is used to check the network is duplicate or not.
        driver (str | Unset): Driver means the network's driver.
        enable_i_pv_6 (bool | Unset):
        ipam (IPAM | Unset): represents IP Address Management
        internal (bool | Unset): Internal checks the network is internal network or not.
        labels (NetworkCreateLabelsType0 | None | Unset):
        options (NetworkCreateOptionsType0 | None | Unset):
    """

    name: str
    check_duplicate: bool | Unset = UNSET
    driver: str | Unset = UNSET
    enable_i_pv_6: bool | Unset = UNSET
    ipam: IPAM | Unset = UNSET
    internal: bool | Unset = UNSET
    labels: NetworkCreateLabelsType0 | None | Unset = UNSET
    options: NetworkCreateOptionsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.network_create_labels_type_0 import NetworkCreateLabelsType0  # noqa: PLC0415
        from ..models.network_create_options_type_0 import NetworkCreateOptionsType0  # noqa: PLC0415

        name = self.name

        check_duplicate = self.check_duplicate

        driver = self.driver

        enable_i_pv_6 = self.enable_i_pv_6

        ipam: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ipam, Unset):
            ipam = self.ipam.to_dict()

        internal = self.internal

        labels: dict[str, Any] | None | Unset
        if isinstance(self.labels, Unset):
            labels = UNSET
        elif isinstance(self.labels, NetworkCreateLabelsType0):
            labels = self.labels.to_dict()
        else:
            labels = self.labels

        options: dict[str, Any] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, NetworkCreateOptionsType0):
            options = self.options.to_dict()
        else:
            options = self.options

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Name": name,
            }
        )
        if check_duplicate is not UNSET:
            field_dict["CheckDuplicate"] = check_duplicate
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if enable_i_pv_6 is not UNSET:
            field_dict["EnableIPv6"] = enable_i_pv_6
        if ipam is not UNSET:
            field_dict["IPAM"] = ipam
        if internal is not UNSET:
            field_dict["Internal"] = internal
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if options is not UNSET:
            field_dict["Options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ipam import IPAM  # noqa: PLC0415
        from ..models.network_create_labels_type_0 import NetworkCreateLabelsType0  # noqa: PLC0415
        from ..models.network_create_options_type_0 import NetworkCreateOptionsType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("Name")

        check_duplicate = d.pop("CheckDuplicate", UNSET)

        driver = d.pop("Driver", UNSET)

        enable_i_pv_6 = d.pop("EnableIPv6", UNSET)

        _ipam = d.pop("IPAM", UNSET)
        ipam: IPAM | Unset
        if isinstance(_ipam, Unset):
            ipam = UNSET
        else:
            ipam = IPAM.from_dict(_ipam)

        internal = d.pop("Internal", UNSET)

        def _parse_labels(data: object) -> NetworkCreateLabelsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                labels_type_0 = NetworkCreateLabelsType0.from_dict(data)

                return labels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkCreateLabelsType0 | None | Unset, data)

        labels = _parse_labels(d.pop("Labels", UNSET))

        def _parse_options(data: object) -> NetworkCreateOptionsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_0 = NetworkCreateOptionsType0.from_dict(data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkCreateOptionsType0 | None | Unset, data)

        options = _parse_options(d.pop("Options", UNSET))

        network_create_config = cls(
            name=name,
            check_duplicate=check_duplicate,
            driver=driver,
            enable_i_pv_6=enable_i_pv_6,
            ipam=ipam,
            internal=internal,
            labels=labels,
            options=options,
        )

        network_create_config.additional_properties = d
        return network_create_config

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
