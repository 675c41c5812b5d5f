from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blkio_stats import BlkioStats
    from ..models.container_stats_networks import ContainerStatsNetworks
    from ..models.cpu_stats import CPUStats
    from ..models.memory_stats import MemoryStats
    from ..models.pids_stats import PidsStats


T = TypeVar("T", bound="ContainerStats")


@_attrs_define
class ContainerStats:
    """container stats almost from cgroup resource usage.

    Attributes:
        blkio_stats (BlkioStats | Unset): BlkioStats stores All IO service stats for data read and write.
        cpu_stats (CPUStats | Unset): CPUStats aggregates and wraps all CPU related info of container
        id (str | Unset): container id
        memory_stats (MemoryStats | Unset): MemoryStats aggregates all memory stats since container inception on Linux.
        name (str | Unset): container name
        networks (ContainerStatsNetworks | Unset):
        pids_stats (PidsStats | Unset): PidsStats contains the stats of a container's pids
        precpu_stats (CPUStats | Unset): CPUStats aggregates and wraps all CPU related info of container
        read (datetime.datetime | Unset): read time of container stats.
    """

    blkio_stats: BlkioStats | Unset = UNSET
    cpu_stats: CPUStats | Unset = UNSET
    id: str | Unset = UNSET
    memory_stats: MemoryStats | Unset = UNSET
    name: str | Unset = UNSET
    networks: ContainerStatsNetworks | Unset = UNSET
    pids_stats: PidsStats | Unset = UNSET
    precpu_stats: CPUStats | Unset = UNSET
    read: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blkio_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.blkio_stats, Unset):
            blkio_stats = self.blkio_stats.to_dict()

        cpu_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cpu_stats, Unset):
            cpu_stats = self.cpu_stats.to_dict()

        id = self.id

        memory_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.memory_stats, Unset):
            memory_stats = self.memory_stats.to_dict()

        name = self.name

        networks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.networks, Unset):
            networks = self.networks.to_dict()

        pids_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pids_stats, Unset):
            pids_stats = self.pids_stats.to_dict()

        precpu_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.precpu_stats, Unset):
            precpu_stats = self.precpu_stats.to_dict()

        read: str | Unset = UNSET
        if not isinstance(self.read, Unset):
            read = self.read.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if blkio_stats is not UNSET:
            field_dict["blkio_stats"] = blkio_stats
        if cpu_stats is not UNSET:
            field_dict["cpu_stats"] = cpu_stats
        if id is not UNSET:
            field_dict["id"] = id
        if memory_stats is not UNSET:
            field_dict["memory_stats"] = memory_stats
        if name is not UNSET:
            field_dict["name"] = name
        if networks is not UNSET:
            field_dict["networks"] = networks
        if pids_stats is not UNSET:
            field_dict["pids_stats"] = pids_stats
        if precpu_stats is not UNSET:
            field_dict["precpu_stats"] = precpu_stats
        if read is not UNSET:
            field_dict["read"] = read

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blkio_stats import BlkioStats  # noqa: PLC0415
        from ..models.container_stats_networks import ContainerStatsNetworks  # noqa: PLC0415
        from ..models.cpu_stats import CPUStats  # noqa: PLC0415
        from ..models.memory_stats import MemoryStats  # noqa: PLC0415
        from ..models.pids_stats import PidsStats  # noqa: PLC0415

        d = dict(src_dict)
        _blkio_stats = d.pop("blkio_stats", UNSET)
        blkio_stats: BlkioStats | Unset
        if isinstance(_blkio_stats, Unset):
            blkio_stats = UNSET
        else:
            blkio_stats = BlkioStats.from_dict(_blkio_stats)

        _cpu_stats = d.pop("cpu_stats", UNSET)
        cpu_stats: CPUStats | Unset
        if isinstance(_cpu_stats, Unset):
            cpu_stats = UNSET
        else:
            cpu_stats = CPUStats.from_dict(_cpu_stats)

        id = d.pop("id", UNSET)

        _memory_stats = d.pop("memory_stats", UNSET)
        memory_stats: MemoryStats | Unset
        if isinstance(_memory_stats, Unset):
            memory_stats = UNSET
        else:
            memory_stats = MemoryStats.from_dict(_memory_stats)

        name = d.pop("name", UNSET)

        _networks = d.pop("networks", UNSET)
        networks: ContainerStatsNetworks | Unset
        if isinstance(_networks, Unset):
            networks = UNSET
        else:
            networks = ContainerStatsNetworks.from_dict(_networks)

        _pids_stats = d.pop("pids_stats", UNSET)
        pids_stats: PidsStats | Unset
        if isinstance(_pids_stats, Unset):
            pids_stats = UNSET
        else:
            pids_stats = PidsStats.from_dict(_pids_stats)

        _precpu_stats = d.pop("precpu_stats", UNSET)
        precpu_stats: CPUStats | Unset
        if isinstance(_precpu_stats, Unset):
            precpu_stats = UNSET
        else:
            precpu_stats = CPUStats.from_dict(_precpu_stats)

        _read = d.pop("read", UNSET)
        read: datetime.datetime | Unset
        if isinstance(_read, Unset):
            read = UNSET
        else:
            read = datetime.datetime.fromisoformat(_read)

        container_stats = cls(
            blkio_stats=blkio_stats,
            cpu_stats=cpu_stats,
            id=id,
            memory_stats=memory_stats,
            name=name,
            networks=networks,
            pids_stats=pids_stats,
            precpu_stats=precpu_stats,
            read=read,
        )

        container_stats.additional_properties = d
        return container_stats

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
