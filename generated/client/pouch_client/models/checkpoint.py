from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Checkpoint")


@_attrs_define
class Checkpoint:
    """describe a created checkpoint, include container name and checkpoint name

    Attributes:
        checkpoint_name (str | Unset):
        container_id (str | Unset):
    """

    checkpoint_name: str | Unset = UNSET
    container_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checkpoint_name = self.checkpoint_name

        container_id = self.container_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if checkpoint_name is not UNSET:
            field_dict["CheckpointName"] = checkpoint_name
        if container_id is not UNSET:
            field_dict["ContainerID"] = container_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checkpoint_name = d.pop("CheckpointName", UNSET)

        container_id = d.pop("ContainerID", UNSET)

        checkpoint = cls(
            checkpoint_name=checkpoint_name,
            container_id=container_id,
        )

        checkpoint.additional_properties = d
        return checkpoint

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
