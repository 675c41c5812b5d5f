from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blkio_stat_entry import BlkioStatEntry


T = TypeVar("T", bound="BlkioStats")


@_attrs_define
class BlkioStats:
    """BlkioStats stores All IO service stats for data read and write.

    Attributes:
        io_merged_recursive (list[BlkioStatEntry] | Unset):
        io_queue_recursive (list[BlkioStatEntry] | Unset):
        io_service_bytes_recursive (list[BlkioStatEntry] | Unset):
        io_service_time_recursive (list[BlkioStatEntry] | Unset):
        io_serviced_recursive (list[BlkioStatEntry] | Unset):
        io_time_recursive (list[BlkioStatEntry] | Unset):
        io_wait_time_recursive (list[BlkioStatEntry] | Unset):
        sectors_recursive (list[BlkioStatEntry] | Unset):
    """

    io_merged_recursive: list[BlkioStatEntry] | Unset = UNSET
    io_queue_recursive: list[BlkioStatEntry] | Unset = UNSET
    io_service_bytes_recursive: list[BlkioStatEntry] | Unset = UNSET
    io_service_time_recursive: list[BlkioStatEntry] | Unset = UNSET
    io_serviced_recursive: list[BlkioStatEntry] | Unset = UNSET
    io_time_recursive: list[BlkioStatEntry] | Unset = UNSET
    io_wait_time_recursive: list[BlkioStatEntry] | Unset = UNSET
    sectors_recursive: list[BlkioStatEntry] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        io_merged_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_merged_recursive, Unset):
            io_merged_recursive = []
            for io_merged_recursive_item_data in self.io_merged_recursive:
                io_merged_recursive_item = io_merged_recursive_item_data.to_dict()
                io_merged_recursive.append(io_merged_recursive_item)

        io_queue_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_queue_recursive, Unset):
            io_queue_recursive = []
            for io_queue_recursive_item_data in self.io_queue_recursive:
                io_queue_recursive_item = io_queue_recursive_item_data.to_dict()
                io_queue_recursive.append(io_queue_recursive_item)

        io_service_bytes_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_service_bytes_recursive, Unset):
            io_service_bytes_recursive = []
            for io_service_bytes_recursive_item_data in self.io_service_bytes_recursive:
                io_service_bytes_recursive_item = io_service_bytes_recursive_item_data.to_dict()
                io_service_bytes_recursive.append(io_service_bytes_recursive_item)

        io_service_time_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_service_time_recursive, Unset):
            io_service_time_recursive = []
            for io_service_time_recursive_item_data in self.io_service_time_recursive:
                io_service_time_recursive_item = io_service_time_recursive_item_data.to_dict()
                io_service_time_recursive.append(io_service_time_recursive_item)

        io_serviced_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_serviced_recursive, Unset):
            io_serviced_recursive = []
            for io_serviced_recursive_item_data in self.io_serviced_recursive:
                io_serviced_recursive_item = io_serviced_recursive_item_data.to_dict()
                io_serviced_recursive.append(io_serviced_recursive_item)

        io_time_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_time_recursive, Unset):
            io_time_recursive = []
            for io_time_recursive_item_data in self.io_time_recursive:
                io_time_recursive_item = io_time_recursive_item_data.to_dict()
                io_time_recursive.append(io_time_recursive_item)

        io_wait_time_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.io_wait_time_recursive, Unset):
            io_wait_time_recursive = []
            for io_wait_time_recursive_item_data in self.io_wait_time_recursive:
                io_wait_time_recursive_item = io_wait_time_recursive_item_data.to_dict()
                io_wait_time_recursive.append(io_wait_time_recursive_item)

        sectors_recursive: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sectors_recursive, Unset):
            sectors_recursive = []
            for sectors_recursive_item_data in self.sectors_recursive:
                sectors_recursive_item = sectors_recursive_item_data.to_dict()
                sectors_recursive.append(sectors_recursive_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if io_merged_recursive is not UNSET:
            field_dict["io_merged_recursive"] = io_merged_recursive
        if io_queue_recursive is not UNSET:
            field_dict["io_queue_recursive"] = io_queue_recursive
        if io_service_bytes_recursive is not UNSET:
            field_dict["io_service_bytes_recursive"] = io_service_bytes_recursive
        if io_service_time_recursive is not UNSET:
            field_dict["io_service_time_recursive"] = io_service_time_recursive
        if io_serviced_recursive is not UNSET:
            field_dict["io_serviced_recursive"] = io_serviced_recursive
        if io_time_recursive is not UNSET:
            field_dict["io_time_recursive"] = io_time_recursive
        if io_wait_time_recursive is not UNSET:
            field_dict["io_wait_time_recursive"] = io_wait_time_recursive
        if sectors_recursive is not UNSET:
            field_dict["sectors_recursive"] = sectors_recursive

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blkio_stat_entry import BlkioStatEntry  # noqa: PLC0415

        d = dict(src_dict)
        _io_merged_recursive = d.pop("io_merged_recursive", UNSET)
        io_merged_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_merged_recursive is not UNSET:
            io_merged_recursive = []
            for io_merged_recursive_item_data in _io_merged_recursive:
                io_merged_recursive_item = BlkioStatEntry.from_dict(io_merged_recursive_item_data)

                io_merged_recursive.append(io_merged_recursive_item)

        _io_queue_recursive = d.pop("io_queue_recursive", UNSET)
        io_queue_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_queue_recursive is not UNSET:
            io_queue_recursive = []
            for io_queue_recursive_item_data in _io_queue_recursive:
                io_queue_recursive_item = BlkioStatEntry.from_dict(io_queue_recursive_item_data)

                io_queue_recursive.append(io_queue_recursive_item)

        _io_service_bytes_recursive = d.pop("io_service_bytes_recursive", UNSET)
        io_service_bytes_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_service_bytes_recursive is not UNSET:
            io_service_bytes_recursive = []
            for io_service_bytes_recursive_item_data in _io_service_bytes_recursive:
                io_service_bytes_recursive_item = BlkioStatEntry.from_dict(io_service_bytes_recursive_item_data)

                io_service_bytes_recursive.append(io_service_bytes_recursive_item)

        _io_service_time_recursive = d.pop("io_service_time_recursive", UNSET)
        io_service_time_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_service_time_recursive is not UNSET:
            io_service_time_recursive = []
            for io_service_time_recursive_item_data in _io_service_time_recursive:
                io_service_time_recursive_item = BlkioStatEntry.from_dict(io_service_time_recursive_item_data)

                io_service_time_recursive.append(io_service_time_recursive_item)

        _io_serviced_recursive = d.pop("io_serviced_recursive", UNSET)
        io_serviced_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_serviced_recursive is not UNSET:
            io_serviced_recursive = []
            for io_serviced_recursive_item_data in _io_serviced_recursive:
                io_serviced_recursive_item = BlkioStatEntry.from_dict(io_serviced_recursive_item_data)

                io_serviced_recursive.append(io_serviced_recursive_item)

        _io_time_recursive = d.pop("io_time_recursive", UNSET)
        io_time_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_time_recursive is not UNSET:
            io_time_recursive = []
            for io_time_recursive_item_data in _io_time_recursive:
                io_time_recursive_item = BlkioStatEntry.from_dict(io_time_recursive_item_data)

                io_time_recursive.append(io_time_recursive_item)

        _io_wait_time_recursive = d.pop("io_wait_time_recursive", UNSET)
        io_wait_time_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _io_wait_time_recursive is not UNSET:
            io_wait_time_recursive = []
            for io_wait_time_recursive_item_data in _io_wait_time_recursive:
                io_wait_time_recursive_item = BlkioStatEntry.from_dict(io_wait_time_recursive_item_data)

                io_wait_time_recursive.append(io_wait_time_recursive_item)

        _sectors_recursive = d.pop("sectors_recursive", UNSET)
        sectors_recursive: list[BlkioStatEntry] | Unset = UNSET
        if _sectors_recursive is not UNSET:
            sectors_recursive = []
            for sectors_recursive_item_data in _sectors_recursive:
                sectors_recursive_item = BlkioStatEntry.from_dict(sectors_recursive_item_data)

                sectors_recursive.append(sectors_recursive_item)

        blkio_stats = cls(
            io_merged_recursive=io_merged_recursive,
            io_queue_recursive=io_queue_recursive,
            io_service_bytes_recursive=io_service_bytes_recursive,
            io_service_time_recursive=io_service_time_recursive,
            io_serviced_recursive=io_serviced_recursive,
            io_time_recursive=io_time_recursive,
            io_wait_time_recursive=io_wait_time_recursive,
            sectors_recursive=sectors_recursive,
        )

        blkio_stats.additional_properties = d
        return blkio_stats

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
