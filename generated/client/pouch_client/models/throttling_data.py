from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ThrottlingData")


@_attrs_define
class ThrottlingData:
    """ThrottlingData stores CPU throttling stats of one running container.

    Attributes:
        periods (int | Unset): Number of periods with throttling active.
        throttled_periods (int | Unset): Number of periods when the container hits its throttling limit.
        throttled_time (int | Unset): Aggregate time the container was throttled for in nanoseconds.
    """

    periods: int | Unset = UNSET
    throttled_periods: int | Unset = UNSET
    throttled_time: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        periods = self.periods

        throttled_periods = self.throttled_periods

        throttled_time = self.throttled_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if periods is not UNSET:
            field_dict["periods"] = periods
        if throttled_periods is not UNSET:
            field_dict["throttled_periods"] = throttled_periods
        if throttled_time is not UNSET:
            field_dict["throttled_time"] = throttled_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        periods = d.pop("periods", UNSET)

        throttled_periods = d.pop("throttled_periods", UNSET)

        throttled_time = d.pop("throttled_time", UNSET)

        throttling_data = cls(
            periods=periods,
            throttled_periods=throttled_periods,
            throttled_time=throttled_time,
        )

        throttling_data.additional_properties = d
        return throttling_data

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
