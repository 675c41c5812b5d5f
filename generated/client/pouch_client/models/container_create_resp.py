from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerCreateResp")


@_attrs_define
class ContainerCreateResp:
    """response returned by daemon when container create successfully

    Attributes:
        id (str): The ID of the created container
        warnings (list[str]): Warnings encountered when creating the container
        name (str | Unset): The name of the created container
    """

    id: str
    warnings: list[str]
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        warnings = self.warnings

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Id": id,
                "Warnings": warnings,
            }
        )
        if name is not UNSET:
            field_dict["Name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("Id")

        warnings = cast(list[str], d.pop("Warnings"))

        name = d.pop("Name", UNSET)

        container_create_resp = cls(
            id=id,
            warnings=warnings,
            name=name,
        )

        container_create_resp.additional_properties = d
        return container_create_resp

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
