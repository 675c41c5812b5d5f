from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.memory_stats_stats import MemoryStatsStats


T = TypeVar("T", bound="MemoryStats")


@_attrs_define
class MemoryStats:
    """MemoryStats aggregates all memory stats since container inception on Linux.

    Attributes:
        failcnt (int | Unset): number of times memory usage hits limits.
        limit (int | Unset): xxx
        max_usage (int | Unset): maximum usage ever recorded.
        stats (MemoryStatsStats | Unset): all the stats exported via memory.stat.
        usage (int | Unset): current res_counter usage for memory
    """

    failcnt: int | Unset = UNSET
    limit: int | Unset = UNSET
    max_usage: int | Unset = UNSET
    stats: MemoryStatsStats | Unset = UNSET
    usage: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        failcnt = self.failcnt

        limit = self.limit

        max_usage = self.max_usage

        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

        usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if failcnt is not UNSET:
            field_dict["failcnt"] = failcnt
        if limit is not UNSET:
            field_dict["limit"] = limit
        if max_usage is not UNSET:
            field_dict["max_usage"] = max_usage
        if stats is not UNSET:
            field_dict["stats"] = stats
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.memory_stats_stats import MemoryStatsStats  # noqa: PLC0415

        d = dict(src_dict)
        failcnt = d.pop("failcnt", UNSET)

        limit = d.pop("limit", UNSET)

        max_usage = d.pop("max_usage", UNSET)

        _stats = d.pop("stats", UNSET)
        stats: MemoryStatsStats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = MemoryStatsStats.from_dict(_stats)

        usage = d.pop("usage", UNSET)

        memory_stats = cls(
            failcnt=failcnt,
            limit=limit,
            max_usage=max_usage,
            stats=stats,
            usage=usage,
        )

        memory_stats.additional_properties = d
        return memory_stats

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
