from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.volume_info_labels import VolumeInfoLabels
    from ..models.volume_info_status import VolumeInfoStatus


T = TypeVar("T", bound="VolumeInfo")


@_attrs_define
class VolumeInfo:
    """Volume represents the configuration of a volume for the container.

    Attributes:
        created_at (str | Unset): Date/Time the volume was created.
        driver (str | Unset): Driver is the Driver name used to create the volume.
        labels (VolumeInfoLabels | Unset): Labels is metadata specific to the volume.
        mountpoint (str | Unset): Mountpoint is the location on disk of the volume.
        name (str | Unset): Name is the name of the volume.
        scope (str | Unset): Scope describes the level at which the volume exists
            (e.g. `global` for cluster-wide or `local` for machine level)
        status (VolumeInfoStatus | Unset): Status provides low-level status information about the volume.
    """

    created_at: str | Unset = UNSET
    driver: str | Unset = UNSET
    labels: VolumeInfoLabels | Unset = UNSET
    mountpoint: str | Unset = UNSET
    name: str | Unset = UNSET
    scope: str | Unset = UNSET
    status: VolumeInfoStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        driver = self.driver

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        mountpoint = self.mountpoint

        name = self.name

        scope = self.scope

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created_at is not UNSET:
            field_dict["CreatedAt"] = created_at
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if mountpoint is not UNSET:
            field_dict["Mountpoint"] = mountpoint
        if name is not UNSET:
            field_dict["Name"] = name
        if scope is not UNSET:
            field_dict["Scope"] = scope
        if status is not UNSET:
            field_dict["Status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.volume_info_labels import VolumeInfoLabels  # noqa: PLC0415
        from ..models.volume_info_status import VolumeInfoStatus  # noqa: PLC0415

        d = dict(src_dict)
        created_at = d.pop("CreatedAt", UNSET)

        driver = d.pop("Driver", UNSET)

        _labels = d.pop("Labels", UNSET)
        labels: VolumeInfoLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = VolumeInfoLabels.from_dict(_labels)

        mountpoint = d.pop("Mountpoint", UNSET)

        name = d.pop("Name", UNSET)

        scope = d.pop("Scope", UNSET)

        _status = d.pop("Status", UNSET)
        status: VolumeInfoStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = VolumeInfoStatus.from_dict(_status)

        volume_info = cls(
            created_at=created_at,
            driver=driver,
            labels=labels,
            mountpoint=mountpoint,
            name=name,
            scope=scope,
            status=status,
        )

        volume_info.additional_properties = d
        return volume_info

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
