from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoint_settings import EndpointSettings


T = TypeVar("T", bound="NetworkConnect")


@_attrs_define
class NetworkConnect:
    """contains the request for the remote API: POST /networks/{id:.*}/connect

    Attributes:
        container (str): The ID or name of the container to connect to the network.
        endpoint_config (EndpointSettings | Unset): Configuration for a network endpoint.
    """

    container: str
    endpoint_config: EndpointSettings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        container = self.container

        endpoint_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.endpoint_config, Unset):
            endpoint_config = self.endpoint_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Container": container,
            }
        )
        if endpoint_config is not UNSET:
            field_dict["EndpointConfig"] = endpoint_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.endpoint_settings import EndpointSettings  # noqa: PLC0415

        d = dict(src_dict)
        container = d.pop("Container")

        _endpoint_config = d.pop("EndpointConfig", UNSET)
        endpoint_config: EndpointSettings | Unset
        if isinstance(_endpoint_config, Unset):
            endpoint_config = UNSET
        else:
            endpoint_config = EndpointSettings.from_dict(_endpoint_config)

        network_connect = cls(
            container=container,
            endpoint_config=endpoint_config,
        )

        network_connect.additional_properties = d
        return network_connect

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
