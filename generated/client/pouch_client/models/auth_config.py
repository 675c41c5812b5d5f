from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthConfig")


@_attrs_define
class AuthConfig:
    """
    Attributes:
        username (str):
        auth (str | Unset):
        identity_token (str | Unset): IdentityToken is used to authenticate the user and get an access token for the
            registry
        password (str | Unset):
        registry_token (str | Unset): RegistryToken is a bearer token to be sent to a registry
        server_address (str | Unset):
    """

    username: str
    auth: str | Unset = UNSET
    identity_token: str | Unset = UNSET
    password: str | Unset = UNSET
    registry_token: str | Unset = UNSET
    server_address: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        auth = self.auth

        identity_token = self.identity_token

        password = self.password

        registry_token = self.registry_token

        server_address = self.server_address

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Username": username,
            }
        )
        if auth is not UNSET:
            field_dict["Auth"] = auth
        if identity_token is not UNSET:
            field_dict["IdentityToken"] = identity_token
        if password is not UNSET:
            field_dict["Password"] = password
        if registry_token is not UNSET:
            field_dict["RegistryToken"] = registry_token
        if server_address is not UNSET:
            field_dict["ServerAddress"] = server_address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("Username")

        auth = d.pop("Auth", UNSET)

        identity_token = d.pop("IdentityToken", UNSET)

        password = d.pop("Password", UNSET)

        registry_token = d.pop("RegistryToken", UNSET)

        server_address = d.pop("ServerAddress", UNSET)

        auth_config = cls(
            username=username,
            auth=auth,
            identity_token=identity_token,
            password=password,
            registry_token=registry_token,
            server_address=server_address,
        )

        auth_config.additional_properties = d
        return auth_config

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
