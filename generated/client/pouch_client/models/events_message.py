from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.events_actor import EventsActor


T = TypeVar("T", bound="EventsMessage")


@_attrs_define
class EventsMessage:
    """EventsMessage represents the information an event contains, the message
    at least contains type, action and id. type specifies which object generates
    the event, like container, or a network, or a volume. the action specifies
    the action name, like create, or destroy. the id identifies the object that
    generates the event.
    The message also can contain the EventsActor that describes the extra
    attributes that describe the event.

        Attributes:
            action (str | Unset):
            actor (EventsActor | Unset): EventsActor describes something that generates events,
                like a container, or a network, or a volume.
                It has a defined name and a set or attributes.
                The container attributes are its labels, other actors
                can generate these attributes from other properties.
            from_ (str | Unset):
            id (str | Unset):
            status (str | Unset):
            time (int | Unset):
            time_nano (int | Unset):
            type_ (EventType | Unset): The type of event. For example, "container" or "image",
                Now we only support container, image, network and volume events.
    """

    action: str | Unset = UNSET
    actor: EventsActor | Unset = UNSET
    from_: str | Unset = UNSET
    id: str | Unset = UNSET
    status: str | Unset = UNSET
    time: int | Unset = UNSET
    time_nano: int | Unset = UNSET
    type_: EventType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor: dict[str, Any] | Unset = UNSET
        if not isinstance(self.actor, Unset):
            actor = self.actor.to_dict()

        from_ = self.from_

        id = self.id

        status = self.status

        time = self.time

        time_nano = self.time_nano

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if actor is not UNSET:
            field_dict["actor"] = actor
        if from_ is not UNSET:
            field_dict["from"] = from_
        if id is not UNSET:
            field_dict["id"] = id
        if status is not UNSET:
            field_dict["status"] = status
        if time is not UNSET:
            field_dict["time"] = time
        if time_nano is not UNSET:
            field_dict["timeNano"] = time_nano
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.events_actor import EventsActor  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action", UNSET)

        _actor = d.pop("actor", UNSET)
        actor: EventsActor | Unset
        if isinstance(_actor, Unset):
            actor = UNSET
        else:
            actor = EventsActor.from_dict(_actor)

        from_ = d.pop("from", UNSET)

        id = d.pop("id", UNSET)

        status = d.pop("status", UNSET)

        time = d.pop("time", UNSET)

        time_nano = d.pop("timeNano", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: EventType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = EventType(_type_)

        events_message = cls(
            action=action,
            actor=actor,
            from_=from_,
            id=id,
            status=status,
            time=time,
            time_nano=time_nano,
            type_=type_,
        )

        events_message.additional_properties = d
        return events_message

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
