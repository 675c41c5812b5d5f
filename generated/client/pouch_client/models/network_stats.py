from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkStats")


@_attrs_define
class NetworkStats:
    """container stats almost from cgroup resource usage.

    Attributes:
        endpoint_id (str | Unset): Endpoint ID.
        instance_id (str | Unset): Instance ID.
        rx_bytes (int | Unset): Bytes received.
        rx_dropped (int | Unset): Incoming packets dropped.
        rx_errors (int | Unset): Received errors.
        rx_packets (int | Unset): Packets received.
        tx_bytes (int | Unset): Bytes sent.
        tx_dropped (int | Unset): Outgoing packets dropped.
        tx_errors (int | Unset): Sent errors.
        tx_packets (int | Unset): Packets sent.
    """

    endpoint_id: str | Unset = UNSET
    instance_id: str | Unset = UNSET
    rx_bytes: int | Unset = UNSET
    rx_dropped: int | Unset = UNSET
    rx_errors: int | Unset = UNSET
    rx_packets: int | Unset = UNSET
    tx_bytes: int | Unset = UNSET
    tx_dropped: int | Unset = UNSET
    tx_errors: int | Unset = UNSET
    tx_packets: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        endpoint_id = self.endpoint_id

        instance_id = self.instance_id

        rx_bytes = self.rx_bytes

        rx_dropped = self.rx_dropped

        rx_errors = self.rx_errors

        rx_packets = self.rx_packets

        tx_bytes = self.tx_bytes

        tx_dropped = self.tx_dropped

        tx_errors = self.tx_errors

        tx_packets = self.tx_packets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if endpoint_id is not UNSET:
            field_dict["endpoint_id"] = endpoint_id
        if instance_id is not UNSET:
            field_dict["instance_id"] = instance_id
        if rx_bytes is not UNSET:
            field_dict["rx_bytes"] = rx_bytes
        if rx_dropped is not UNSET:
            field_dict["rx_dropped"] = rx_dropped
        if rx_errors is not UNSET:
            field_dict["rx_errors"] = rx_errors
        if rx_packets is not UNSET:
            field_dict["rx_packets"] = rx_packets
        if tx_bytes is not UNSET:
            field_dict["tx_bytes"] = tx_bytes
        if tx_dropped is not UNSET:
            field_dict["tx_dropped"] = tx_dropped
        if tx_errors is not UNSET:
            field_dict["tx_errors"] = tx_errors
        if tx_packets is not UNSET:
            field_dict["tx_packets"] = tx_packets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        endpoint_id = d.pop("endpoint_id", UNSET)

        instance_id = d.pop("instance_id", UNSET)

        rx_bytes = d.pop("rx_bytes", UNSET)

        rx_dropped = d.pop("rx_dropped", UNSET)

        rx_errors = d.pop("rx_errors", UNSET)

        rx_packets = d.pop("rx_packets", UNSET)

        tx_bytes = d.pop("tx_bytes", UNSET)

        tx_dropped = d.pop("tx_dropped", UNSET)

        tx_errors = d.pop("tx_errors", UNSET)

        tx_packets = d.pop("tx_packets", UNSET)

        network_stats = cls(
            endpoint_id=endpoint_id,
            instance_id=instance_id,
            rx_bytes=rx_bytes,
            rx_dropped=rx_dropped,
            rx_errors=rx_errors,
            rx_packets=rx_packets,
            tx_bytes=tx_bytes,
            tx_dropped=tx_dropped,
            tx_errors=tx_errors,
            tx_packets=tx_packets,
        )

        network_stats.additional_properties = d
        return network_stats

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
