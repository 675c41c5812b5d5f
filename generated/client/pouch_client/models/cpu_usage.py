from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CPUUsage")


@_attrs_define
class CPUUsage:
    """CPUUsage stores All CPU stats aggregated since container inception.

    Attributes:
        percpu_usage (list[int] | Unset): Total CPU time consumed per core (Linux).
        total_usage (int | Unset): Total CPU time consumed.
        usage_in_kernelmode (int | Unset): Time spent by tasks of the cgroup in kernel mode (Linux).
            Units, nanoseconds (Linux)
        usage_in_usermode (int | Unset): Time spent by tasks of the cgroup in user mode (Linux).
            Units, nanoseconds (Linux)
    """

    percpu_usage: list[int] | Unset = UNSET
    total_usage: int | Unset = UNSET
    usage_in_kernelmode: int | Unset = UNSET
    usage_in_usermode: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        percpu_usage: list[int] | Unset = UNSET
        if not isinstance(self.percpu_usage, Unset):
            percpu_usage = self.percpu_usage

        total_usage = self.total_usage

        usage_in_kernelmode = self.usage_in_kernelmode

        usage_in_usermode = self.usage_in_usermode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if percpu_usage is not UNSET:
            field_dict["percpu_usage"] = percpu_usage
        if total_usage is not UNSET:
            field_dict["total_usage"] = total_usage
        if usage_in_kernelmode is not UNSET:
            field_dict["usage_in_kernelmode"] = usage_in_kernelmode
        if usage_in_usermode is not UNSET:
            field_dict["usage_in_usermode"] = usage_in_usermode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        percpu_usage = cast(list[int], d.pop("percpu_usage", UNSET))

        total_usage = d.pop("total_usage", UNSET)

        usage_in_kernelmode = d.pop("usage_in_kernelmode", UNSET)

        usage_in_usermode = d.pop("usage_in_usermode", UNSET)

        cpu_usage = cls(
            percpu_usage=percpu_usage,
            total_usage=total_usage,
            usage_in_kernelmode=usage_in_kernelmode,
            usage_in_usermode=usage_in_usermode,
        )

        cpu_usage.additional_properties = d
        return cpu_usage

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
