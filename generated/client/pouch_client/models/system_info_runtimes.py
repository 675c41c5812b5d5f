from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.runtime import Runtime


T = TypeVar("T", bound="SystemInfoRuntimes")


@_attrs_define
class SystemInfoRuntimes:
    """List of [OCI compliant](https://github.com/opencontainers/runtime-spec)
    runtimes configured on the daemon. Keys hold the "name" used to
    reference the runtime.

    The Pouch daemon relies on an OCI compliant runtime (invoked via the
    `containerd` daemon) as its interface to the Linux kernel namespaces,
    cgroups, and SELinux.

    The default runtime is `runc`, and automatically configured. Additional
    runtimes can be configured by the user and will be listed here.

        Example:
            {'runc': {'path': 'pouch-runc'}, 'runc-master': {'path': '/go/bin/runc'}, 'custom': {'path': '/usr/local/bin/my-
                oci-runtime', 'runtimeArgs': ['--debug', '--systemd-cgroup=false']}}

    """

    additional_properties: dict[str, Runtime] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runtime import Runtime  # noqa: PLC0415

        d = dict(src_dict)
        system_info_runtimes = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = Runtime.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        system_info_runtimes.additional_properties = additional_properties
        return system_info_runtimes

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Runtime:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Runtime) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
