from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerRemoveOptions")


@_attrs_define
class ContainerRemoveOptions:
    """options of remove container

    Attributes:
        force (bool | Unset):
        link (bool | Unset):
        volumes (bool | Unset):
    """

    force: bool | Unset = UNSET
    link: bool | Unset = UNSET
    volumes: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        force = self.force

        link = self.link

        volumes = self.volumes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if force is not UNSET:
            field_dict["Force"] = force
        if link is not UNSET:
            field_dict["Link"] = link
        if volumes is not UNSET:
            field_dict["Volumes"] = volumes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        force = d.pop("Force", UNSET)

        link = d.pop("Link", UNSET)

        volumes = d.pop("Volumes", UNSET)

        container_remove_options = cls(
            force=force,
            link=link,
            volumes=volumes,
        )

        container_remove_options.additional_properties = d
        return container_remove_options

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
