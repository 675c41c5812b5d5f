from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerProcessList")


@_attrs_define
class ContainerProcessList:
    """OK Response to ContainerTop operation

    Attributes:
        processes (list[list[str]] | Unset): Each process running in the container, where each is process is an array of
            values corresponding to the titles
        titles (list[str] | Unset): The ps column titles
    """

    processes: list[list[str]] | Unset = UNSET
    titles: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        processes: list[list[str]] | Unset = UNSET
        if not isinstance(self.processes, Unset):
            processes = []
            for processes_item_data in self.processes:
                processes_item = processes_item_data

                processes.append(processes_item)

        titles: list[str] | Unset = UNSET
        if not isinstance(self.titles, Unset):
            titles = self.titles

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if processes is not UNSET:
            field_dict["Processes"] = processes
        if titles is not UNSET:
            field_dict["Titles"] = titles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _processes = d.pop("Processes", UNSET)
        processes: list[list[str]] | Unset = UNSET
        if _processes is not UNSET:
            processes = []
            for processes_item_data in _processes:
                processes_item = cast(list[str], processes_item_data)

                processes.append(processes_item)

        titles = cast(list[str], d.pop("Titles", UNSET))

        container_process_list = cls(
            processes=processes,
            titles=titles,
        )

        container_process_list.additional_properties = d
        return container_process_list

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
