from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cpu_usage import CPUUsage
    from ..models.throttling_data import ThrottlingData


T = TypeVar("T", bound="CPUStats")


@_attrs_define
class CPUStats:
    """CPUStats aggregates and wraps all CPU related info of container

    Attributes:
        cpu_usage (CPUUsage | Unset): CPUUsage stores All CPU stats aggregated since container inception.
        online_cpus (int | Unset): onine CPUs
        system_cpu_usage (int | Unset): System CPU Usage
        throttling_data (ThrottlingData | Unset): ThrottlingData stores CPU throttling stats of one running container.
    """

    cpu_usage: CPUUsage | Unset = UNSET
    online_cpus: int | Unset = UNSET
    system_cpu_usage: int | Unset = UNSET
    throttling_data: ThrottlingData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cpu_usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cpu_usage, Unset):
            cpu_usage = self.cpu_usage.to_dict()

        online_cpus = self.online_cpus

        system_cpu_usage = self.system_cpu_usage

        throttling_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.throttling_data, Unset):
            throttling_data = self.throttling_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cpu_usage is not UNSET:
            field_dict["cpu_usage"] = cpu_usage
        if online_cpus is not UNSET:
            field_dict["online_cpus"] = online_cpus
        if system_cpu_usage is not UNSET:
            field_dict["system_cpu_usage"] = system_cpu_usage
        if throttling_data is not UNSET:
            field_dict["throttling_data"] = throttling_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cpu_usage import CPUUsage  # noqa: PLC0415
        from ..models.throttling_data import ThrottlingData  # noqa: PLC0415

        d = dict(src_dict)
        _cpu_usage = d.pop("cpu_usage", UNSET)
        cpu_usage: CPUUsage | Unset
        if isinstance(_cpu_usage, Unset):
            cpu_usage = UNSET
        else:
            cpu_usage = CPUUsage.from_dict(_cpu_usage)

        online_cpus = d.pop("online_cpus", UNSET)

        system_cpu_usage = d.pop("system_cpu_usage", UNSET)

        _throttling_data = d.pop("throttling_data", UNSET)
        throttling_data: ThrottlingData | Unset
        if isinstance(_throttling_data, Unset):
            throttling_data = UNSET
        else:
            throttling_data = ThrottlingData.from_dict(_throttling_data)

        cpu_stats = cls(
            cpu_usage=cpu_usage,
            online_cpus=online_cpus,
            system_cpu_usage=system_cpu_usage,
            throttling_data=throttling_data,
        )

        cpu_stats.additional_properties = d
        return cpu_stats

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
