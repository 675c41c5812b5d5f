from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchResultItem")


@_attrs_define
class SearchResultItem:
    """search result item in search results.

    Attributes:
        description (str | Unset): description just shows the description of this image
        is_automated (bool | Unset): is_automated means whether this image is automated.
        is_official (bool | Unset): is_official shows if this image is marked official.
        name (str | Unset): name represents the name of this image
        star_count (int | Unset): star_count refers to the star count of this image.
    """

    description: str | Unset = UNSET
    is_automated: bool | Unset = UNSET
    is_official: bool | Unset = UNSET
    name: str | Unset = UNSET
    star_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        is_automated = self.is_automated

        is_official = self.is_official

        name = self.name

        star_count = self.star_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if is_automated is not UNSET:
            field_dict["is_automated"] = is_automated
        if is_official is not UNSET:
            field_dict["is_official"] = is_official
        if name is not UNSET:
            field_dict["name"] = name
        if star_count is not UNSET:
            field_dict["star_count"] = star_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        is_automated = d.pop("is_automated", UNSET)

        is_official = d.pop("is_official", UNSET)

        name = d.pop("name", UNSET)

        star_count = d.pop("star_count", UNSET)

        search_result_item = cls(
            description=description,
            is_automated=is_automated,
            is_official=is_official,
            name=name,
            star_count=star_count,
        )

        search_result_item.additional_properties = d
        return search_result_item

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
