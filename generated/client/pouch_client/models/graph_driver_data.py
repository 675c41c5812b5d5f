from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.graph_driver_data_data import GraphDriverDataData


T = TypeVar("T", bound="GraphDriverData")


@_attrs_define
class GraphDriverData:
    """Information about a container's graph driver.

    Attributes:
        data (GraphDriverDataData):
        name (str):
    """

    data: GraphDriverDataData
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
        from ..models.graph_driver_data_data import GraphDriverDataData  # noqa: PLC0415

        d = dict(src_dict)
        data = GraphDriverDataData.from_dict(d.pop("Data"))

        name = d.pop("Name")

        graph_driver_data = cls(
            data=data,
            name=name,
        )

        graph_driver_data.additional_properties = d
        return graph_driver_data

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
