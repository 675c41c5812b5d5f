from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SystemVersion")


@_attrs_define
class SystemVersion:
    """
    Attributes:
        api_version (str | Unset): Api Version held by daemon
        arch (str | Unset): Arch type of underlying hardware Example: amd64.
        build_time (str | Unset): The time when this binary of daemon is built Example: 2017-08-29
            17:41:57.729792+00:00.
        git_commit (str | Unset): Commit ID held by the latest commit operation
        go_version (str | Unset): version of Go runtime Example: 1.8.3.
        kernel_version (str | Unset): Operating system kernel version Example: 3.13.0-106-generic.
        os (str | Unset): Operating system type of underlying system Example: linux.
        version (str | Unset): version of Pouch Daemon Example: 0.1.2.
    """

    api_version: str | Unset = UNSET
    arch: str | Unset = UNSET
    build_time: str | Unset = UNSET
    git_commit: str | Unset = UNSET
    go_version: str | Unset = UNSET
    kernel_version: str | Unset = UNSET
    os: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_version = self.api_version

        arch = self.arch

        build_time = self.build_time

        git_commit = self.git_commit

        go_version = self.go_version

        kernel_version = self.kernel_version

        os = self.os

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if api_version is not UNSET:
            field_dict["ApiVersion"] = api_version
        if arch is not UNSET:
            field_dict["Arch"] = arch
        if build_time is not UNSET:
            field_dict["BuildTime"] = build_time
        if git_commit is not UNSET:
            field_dict["GitCommit"] = git_commit
        if go_version is not UNSET:
            field_dict["GoVersion"] = go_version
        if kernel_version is not UNSET:
            field_dict["KernelVersion"] = kernel_version
        if os is not UNSET:
            field_dict["Os"] = os
        if version is not UNSET:
            field_dict["Version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_version = d.pop("ApiVersion", UNSET)

        arch = d.pop("Arch", UNSET)

        build_time = d.pop("BuildTime", UNSET)

        git_commit = d.pop("GitCommit", UNSET)

        go_version = d.pop("GoVersion", UNSET)

        kernel_version = d.pop("KernelVersion", UNSET)

        os = d.pop("Os", UNSET)

        version = d.pop("Version", UNSET)

        system_version = cls(
            api_version=api_version,
            arch=arch,
            build_time=build_time,
            git_commit=git_commit,
            go_version=go_version,
            kernel_version=kernel_version,
            os=os,
            version=version,
        )

        system_version.additional_properties = d
        return system_version

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
