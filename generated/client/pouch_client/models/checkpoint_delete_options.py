from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckpointDeleteOptions")


@_attrs_define
class CheckpointDeleteOptions:
    """options of deleting a checkpoint from a container

    Attributes:
        checkpoint_dir (str | Unset):
        checkpoint_id (str | Unset):
    """

    checkpoint_dir: str | Unset = UNSET
    checkpoint_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checkpoint_dir = self.checkpoint_dir

        checkpoint_id = self.checkpoint_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if checkpoint_dir is not UNSET:
            field_dict["CheckpointDir"] = checkpoint_dir
        if checkpoint_id is not UNSET:
            field_dict["CheckpointID"] = checkpoint_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checkpoint_dir = d.pop("CheckpointDir", UNSET)

        checkpoint_id = d.pop("CheckpointID", UNSET)

        checkpoint_delete_options = cls(
            checkpoint_dir=checkpoint_dir,
            checkpoint_id=checkpoint_id,
        )

        checkpoint_delete_options.additional_properties = d
        return checkpoint_delete_options

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
