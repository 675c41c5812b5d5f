from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.volume_info import VolumeInfo


T = TypeVar("T", bound="VolumeListResp")


@_attrs_define
class VolumeListResp:
    """
    Attributes:
        volumes (list[VolumeInfo]): List of volumes
        warnings (list[str]): Warnings that occurred when fetching the list of volumes
    """

    volumes: list[VolumeInfo]
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        volumes = []
        for volumes_item_data in self.volumes:
            volumes_item = volumes_item_data.to_dict()
            volumes.append(volumes_item)

        warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Volumes": volumes,
                "Warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.volume_info import VolumeInfo  # noqa: PLC0415

        d = dict(src_dict)
        volumes = []
        _volumes = d.pop("Volumes")
        for volumes_item_data in _volumes:
            volumes_item = VolumeInfo.from_dict(volumes_item_data)

            volumes.append(volumes_item)

        warnings = cast(list[str], d.pop("Warnings"))

        volume_list_resp = cls(
            volumes=volumes,
            warnings=warnings,
        )

        volume_list_resp.additional_properties = d
        return volume_list_resp

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
