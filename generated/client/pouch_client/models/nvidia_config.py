from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NvidiaConfig")


@_attrs_define
class NvidiaConfig:
    """
    Attributes:
        nvidia_driver_capabilities (str | Unset): NvidiaDriverCapabilities controls which driver libraries/binaries will
            be mounted inside the container Example: Possible values
            compute,video, graphics,utility …: a comma-separated list of driver features the container needs.
            all: enable all available driver capabilities.
            .
        nvidia_visible_devices (str | Unset): NvidiaVisibleDevices controls which GPUs will be made accessible inside
            the container Example: Possible values.
            0,1,2, GPU-fef8089b …: a comma-separated list of GPU UUID(s) or index(es).
            all: all GPUs will be accessible, this is the default value in our container images.
            none: no GPU will be accessible, but driver capabilities will be enabled.
            .
    """

    nvidia_driver_capabilities: str | Unset = UNSET
    nvidia_visible_devices: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nvidia_driver_capabilities = self.nvidia_driver_capabilities

        nvidia_visible_devices = self.nvidia_visible_devices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if nvidia_driver_capabilities is not UNSET:
            field_dict["NvidiaDriverCapabilities"] = nvidia_driver_capabilities
        if nvidia_visible_devices is not UNSET:
            field_dict["NvidiaVisibleDevices"] = nvidia_visible_devices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nvidia_driver_capabilities = d.pop("NvidiaDriverCapabilities", UNSET)

        nvidia_visible_devices = d.pop("NvidiaVisibleDevices", UNSET)

        nvidia_config = cls(
            nvidia_driver_capabilities=nvidia_driver_capabilities,
            nvidia_visible_devices=nvidia_visible_devices,
        )

        nvidia_config.additional_properties = d
        return nvidia_config

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
