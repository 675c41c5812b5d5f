from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.container_change_kind import ContainerChangeKind

T = TypeVar("T", bound="ContainerChange")


@_attrs_define
class ContainerChange:
    """A change in a container's filesystem (docker diff)

    Attributes:
        path (str): Path to the file that changed
        kind (ContainerChangeKind): Kind of change: 0 modified, 1 added, 2 deleted
    """

    path: str
    kind: ContainerChangeKind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Path": path,
                "Kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("Path")

        kind = ContainerChangeKind(d.pop("Kind"))

        container_change = cls(
            path=path,
            kind=kind,
        )

        container_change.additional_properties = d
        return container_change

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
