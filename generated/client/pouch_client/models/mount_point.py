from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MountPoint")


@_attrs_define
class MountPoint:
    """A mount point inside a container

    Attributes:
        copy_data (bool | Unset):
        destination (str | Unset):
        driver (str | Unset):
        id (str | Unset):
        mode (str | Unset):
        name (str | Unset):
        named (bool | Unset):
        propagation (str | Unset):
        rw (bool | Unset):
        replace (str | Unset):
        source (str | Unset):
        type_ (str | Unset):
    """

    copy_data: bool | Unset = UNSET
    destination: str | Unset = UNSET
    driver: str | Unset = UNSET
    id: str | Unset = UNSET
    mode: str | Unset = UNSET
    name: str | Unset = UNSET
    named: bool | Unset = UNSET
    propagation: str | Unset = UNSET
    rw: bool | Unset = UNSET
    replace: str | Unset = UNSET
    source: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        copy_data = self.copy_data

        destination = self.destination

        driver = self.driver

        id = self.id

        mode = self.mode

        name = self.name

        named = self.named

        propagation = self.propagation

        rw = self.rw

        replace = self.replace

        source = self.source

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if copy_data is not UNSET:
            field_dict["CopyData"] = copy_data
        if destination is not UNSET:
            field_dict["Destination"] = destination
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if id is not UNSET:
            field_dict["ID"] = id
        if mode is not UNSET:
            field_dict["Mode"] = mode
        if name is not UNSET:
            field_dict["Name"] = name
        if named is not UNSET:
            field_dict["Named"] = named
        if propagation is not UNSET:
            field_dict["Propagation"] = propagation
        if rw is not UNSET:
            field_dict["RW"] = rw
        if replace is not UNSET:
            field_dict["Replace"] = replace
        if source is not UNSET:
            field_dict["Source"] = source
        if type_ is not UNSET:
            field_dict["Type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        copy_data = d.pop("CopyData", UNSET)

        destination = d.pop("Destination", UNSET)

        driver = d.pop("Driver", UNSET)

        id = d.pop("ID", UNSET)

        mode = d.pop("Mode", UNSET)

        name = d.pop("Name", UNSET)

        named = d.pop("Named", UNSET)

        propagation = d.pop("Propagation", UNSET)

        rw = d.pop("RW", UNSET)

        replace = d.pop("Replace", UNSET)

        source = d.pop("Source", UNSET)

        type_ = d.pop("Type", UNSET)

        mount_point = cls(
            copy_data=copy_data,
            destination=destination,
            driver=driver,
            id=id,
            mode=mode,
            name=name,
            named=named,
            propagation=propagation,
            rw=rw,
            replace=replace,
            source=source,
            type_=type_,
        )

        mount_point.additional_properties = d
        return mount_point

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
