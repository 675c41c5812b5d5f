from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.events_actor_attributes import EventsActorAttributes


T = TypeVar("T", bound="EventsActor")


@_attrs_define
class EventsActor:
    """EventsActor describes something that generates events,
    like a container, or a network, or a volume.
    It has a defined name and a set or attributes.
    The container attributes are its labels, other actors
    can generate these attributes from other properties.

        Attributes:
            attributes (EventsActorAttributes | Unset):
            id (str | Unset):
    """

    attributes: EventsActorAttributes | Unset = UNSET
    id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attributes is not UNSET:
            field_dict["Attributes"] = attributes
        if id is not UNSET:
            field_dict["ID"] = id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.events_actor_attributes import EventsActorAttributes  # noqa: PLC0415

        d = dict(src_dict)
        _attributes = d.pop("Attributes", UNSET)
        attributes: EventsActorAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = EventsActorAttributes.from_dict(_attributes)

        id = d.pop("ID", UNSET)

        events_actor = cls(
            attributes=attributes,
            id=id,
        )

        events_actor.additional_properties = d
        return events_actor

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
