from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.volume_create_config_driver_opts_type_0 import VolumeCreateConfigDriverOptsType0
    from ..models.volume_create_config_labels_type_0 import VolumeCreateConfigLabelsType0


T = TypeVar("T", bound="VolumeCreateConfig")


@_attrs_define
class VolumeCreateConfig:
    """config used to create a volume

    Attributes:
        driver (str | Unset): Name of the volume driver to use. Default: 'local'.
        driver_opts (None | Unset | VolumeCreateConfigDriverOptsType0): A mapping of driver options and values. These
            options are passed directly to the driver and are driver specific.
        labels (None | Unset | VolumeCreateConfigLabelsType0): User-defined key/value metadata.
        name (str | Unset): The new volume's name. If not specified, Pouch generates a name.
    """

    driver: str | Unset = "local"
    driver_opts: None | Unset | VolumeCreateConfigDriverOptsType0 = UNSET
    labels: None | Unset | VolumeCreateConfigLabelsType0 = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.volume_create_config_driver_opts_type_0 import VolumeCreateConfigDriverOptsType0  # noqa: PLC0415
        from ..models.volume_create_config_labels_type_0 import VolumeCreateConfigLabelsType0  # noqa: PLC0415

        driver = self.driver

        driver_opts: dict[str, Any] | None | Unset
        if isinstance(self.driver_opts, Unset):
            driver_opts = UNSET
        elif isinstance(self.driver_opts, VolumeCreateConfigDriverOptsType0):
            driver_opts = self.driver_opts.to_dict()
        else:
            driver_opts = self.driver_opts

        labels: dict[str, Any] | None | Unset
        if isinstance(self.labels, Unset):
            labels = UNSET
        elif isinstance(self.labels, VolumeCreateConfigLabelsType0):
            labels = self.labels.to_dict()
        else:
            labels = self.labels

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if driver_opts is not UNSET:
            field_dict["DriverOpts"] = driver_opts
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if name is not UNSET:
            field_dict["Name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.volume_create_config_driver_opts_type_0 import VolumeCreateConfigDriverOptsType0  # noqa: PLC0415
        from ..models.volume_create_config_labels_type_0 import VolumeCreateConfigLabelsType0  # noqa: PLC0415

        d = dict(src_dict)
        driver = d.pop("Driver", UNSET)

        def _parse_driver_opts(data: object) -> None | Unset | VolumeCreateConfigDriverOptsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                driver_opts_type_0 = VolumeCreateConfigDriverOptsType0.from_dict(data)

                return driver_opts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VolumeCreateConfigDriverOptsType0, data)

        driver_opts = _parse_driver_opts(d.pop("DriverOpts", UNSET))

        def _parse_labels(data: object) -> None | Unset | VolumeCreateConfigLabelsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                labels_type_0 = VolumeCreateConfigLabelsType0.from_dict(data)

                return labels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VolumeCreateConfigLabelsType0, data)

        labels = _parse_labels(d.pop("Labels", UNSET))

        name = d.pop("Name", UNSET)

        volume_create_config = cls(
            driver=driver,
            driver_opts=driver_opts,
            labels=labels,
            name=name,
        )

        volume_create_config.additional_properties = d
        return volume_create_config

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
