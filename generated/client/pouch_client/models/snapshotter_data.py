from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.snapshotter_data_data import SnapshotterDataData


T = TypeVar("T", bound="SnapshotterData")


@_attrs_define
class SnapshotterData:
    """Information about a container's snapshotter.

    Attributes:
        data (SnapshotterDataData):
        name (str):
    """

    data: SnapshotterDataData
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Data": data,
                "Name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.snapshotter_data_data import SnapshotterDataData  # noqa: PLC0415

        d = dict(src_dict)
        data = SnapshotterDataData.from_dict(d.pop("Data"))

        name = d.pop("Name")

        snapshotter_data = cls(
            data=data,
            name=name,
        )

        snapshotter_data.additional_properties = d
        return snapshotter_data

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
