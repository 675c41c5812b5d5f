from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HistoryResultItem")


@_attrs_define
class HistoryResultItem:
    """An object containing image history at API side.

    Attributes:
        author (str): the author of the build point.
        comment (str): a custom message set when creating the layer.
        created (int): the combined date and time at which the layer was created.
        created_by (str): the command which created the layer.
        empty_layer (bool): mark whether the history item created a filesystem diff or not.
        id (str): ID of each layer image.
        size (int): size of each layer image.
    """

    author: str
    comment: str
    created: int
    created_by: str
    empty_layer: bool
    id: str
    size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author

        comment = self.comment

        created = self.created

        created_by = self.created_by

        empty_layer = self.empty_layer

        id = self.id

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Author": author,
                "Comment": comment,
                "Created": created,
                "CreatedBy": created_by,
                "EmptyLayer": empty_layer,
                "ID": id,
                "Size": size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author = d.pop("Author")

        comment = d.pop("Comment")

        created = d.pop("Created")

        created_by = d.pop("CreatedBy")

        empty_layer = d.pop("EmptyLayer")

        id = d.pop("ID")

        size = d.pop("Size")

        history_result_item = cls(
            author=author,
            comment=comment,
            created=created,
            created_by=created_by,
            empty_layer=empty_layer,
            id=id,
            size=size,
        )

        history_result_item.additional_properties = d
        return history_result_item

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
