from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Runtime")


@_attrs_define
class Runtime:
    """Runtime describes an [OCI compliant](https://github.com/opencontainers/runtime-spec)
    runtime.

    The runtime is invoked by the daemon via the `containerd` daemon. OCI
    runtimes act as an interface to the Linux kernel namespaces, cgroups,
    and SELinux.

        Attributes:
            path (str | Unset): Name and, optional, path, of the OCI executable binary.

                If the path is omitted, the daemon searches the host's `$PATH` for the
                binary and uses the first result. Example: /usr/local/bin/my-oci-runtime.
            runtime_args (list[str] | Unset): List of command-line arguments to pass to the runtime when invoked.
                DEPRECATED: Use Options instead. Remove when shim v1 is deprecated. Example: ['--debug', '--systemd-
                cgroup=false'].
            type_ (str | Unset): The runtime type used in containerd. Example: io.containerd.runtime.v1.linux.
    """

    path: str | Unset = UNSET
    runtime_args: list[str] | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        runtime_args: list[str] | Unset = UNSET
        if not isinstance(self.runtime_args, Unset):
            runtime_args = self.runtime_args

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if runtime_args is not UNSET:
            field_dict["runtimeArgs"] = runtime_args
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path", UNSET)

        runtime_args = cast(list[str], d.pop("runtimeArgs", UNSET))

        type_ = d.pop("type", UNSET)

        runtime = cls(
            path=path,
            runtime_args=runtime_args,
            type_=type_,
        )

        runtime.additional_properties = d
        return runtime

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
