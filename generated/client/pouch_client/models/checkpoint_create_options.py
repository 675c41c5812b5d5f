from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckpointCreateOptions")


@_attrs_define
class CheckpointCreateOptions:
    """options of creating a checkpoint from a running container, checkpoint is used to restore a container with current
    state later

        Attributes:
            checkpoint_id (str):
            checkpoint_dir (str | Unset): A relative directory, kept under the container's own one (no '..' segment).
            exit_ (bool | Unset):
    """

    checkpoint_id: str
    checkpoint_dir: str | Unset = UNSET
    exit_: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checkpoint_id = self.checkpoint_id

        checkpoint_dir = self.checkpoint_dir

        exit_ = self.exit_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "CheckpointID": checkpoint_id,
            }
        )
        if checkpoint_dir is not UNSET:
            field_dict["CheckpointDir"] = checkpoint_dir
        if exit_ is not UNSET:
            field_dict["Exit"] = exit_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checkpoint_id = d.pop("CheckpointID")

        checkpoint_dir = d.pop("CheckpointDir", UNSET)

        exit_ = d.pop("Exit", UNSET)

        checkpoint_create_options = cls(
            checkpoint_id=checkpoint_id,
            checkpoint_dir=checkpoint_dir,
            exit_=exit_,
        )

        checkpoint_create_options.additional_properties = d
        return checkpoint_create_options

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
