from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.registry_service_config_index_configs import RegistryServiceConfigIndexConfigs


T = TypeVar("T", bound="RegistryServiceConfig")


@_attrs_define
class RegistryServiceConfig:
    """RegistryServiceConfig stores daemon registry services configuration.

    Attributes:
        allow_nondistributable_artifacts_cid_rs (list[str] | Unset): List of IP ranges to which nondistributable
            artifacts can be pushed,
            using the CIDR syntax [RFC 4632](https://tools.ietf.org/html/4632).

            Some images contain artifacts whose distribution is restricted by license.
            When these images are pushed to a registry, restricted artifacts are not
            included.

            This configuration override this behavior, and enables the daemon to
            push nondistributable artifacts to all registries whose resolved IP
            address is within the subnet described by the CIDR syntax.

            This option is useful when pushing images containing
            nondistributable artifacts to a registry on an air-gapped network so
            hosts on that network can pull the images without connecting to
            another server.

            > **Warning**: Nondistributable artifacts typically have restrictions
            > on how and where they can be distributed and shared. Only use this
            > feature to push artifacts to private registries and ensure that you
            > are in compliance with any terms that cover redistributing
            > nondistributable artifacts. Example: ['::1/128', '127.0.0.0/8'].
        allow_nondistributable_artifacts_hostnames (list[str] | Unset): List of registry hostnames to which
            nondistributable artifacts can be
            pushed, using the format `<hostname>[:<port>]` or `<IP address>[:<port>]`.

            Some images (for example, Windows base images) contain artifacts
            whose distribution is restricted by license. When these images are
            pushed to a registry, restricted artifacts are not included.

            This configuration override this behavior for the specified
            registries.

            This option is useful when pushing images containing
            nondistributable artifacts to a registry on an air-gapped network so
            hosts on that network can pull the images without connecting to
            another server.

            > **Warning**: Nondistributable artifacts typically have restrictions
            > on how and where they can be distributed and shared. Only use this
            > feature to push artifacts to private registries and ensure that you
            > are in compliance with any terms that cover redistributing
            > nondistributable artifacts. Example: ['registry.internal.corp.example.com:3000',
            '[2001:db8:a0b:12f0::1]:443'].
        index_configs (RegistryServiceConfigIndexConfigs | Unset):  Example: {'127.0.0.1:5000': {'Name':
            '127.0.0.1:5000', 'Mirrors': [], 'Secure': False, 'Official': False}, '[2001:db8:a0b:12f0::1]:80': {'Name':
            '[2001:db8:a0b:12f0::1]:80', 'Mirrors': [], 'Secure': False, 'Official': False},
            'registry.internal.corp.example.com:3000': {'Name': 'registry.internal.corp.example.com:3000', 'Mirrors': [],
            'Secure': False, 'Official': False}}.
        insecure_registry_cid_rs (list[str] | Unset): List of IP ranges of insecure registries, using the CIDR syntax
            ([RFC 4632](https://tools.ietf.org/html/4632)). Insecure registries
            accept un-encrypted (HTTP) and/or untrusted (HTTPS with certificates
            from unknown CAs) communication.

            By default, local registries (`127.0.0.0/8`) are configured as
            insecure. All other registries are secure. Communicating with an
            insecure registry is not possible if the daemon assumes that registry
            is secure.

            This configuration override this behavior, insecure communication with
            registries whose resolved IP address is within the subnet described by
            the CIDR syntax.

            Registries can also be marked insecure by hostname. Those registries
            are listed under `IndexConfigs` and have their `Secure` field set to
            `false`.

            > **Warning**: Using this option can be useful when running a local
            > registry, but introduces security vulnerabilities. This option
            > should therefore ONLY be used for testing purposes. For increased
            > security, users should add their CA to their system's list of trusted
            > CAs instead of enabling this option. Example: ['::1/128', '127.0.0.0/8'].
        mirrors (list[str] | Unset): List of registry URLs that act as a mirror for the official registry. Example:
            ['https://hub-mirror.corp.example.com:5000/', 'https://[2001:db8:a0b:12f0::1]/'].
    """

    allow_nondistributable_artifacts_cid_rs: list[str] | Unset = UNSET
    allow_nondistributable_artifacts_hostnames: list[str] | Unset = UNSET
    index_configs: RegistryServiceConfigIndexConfigs | Unset = UNSET
    insecure_registry_cid_rs: list[str] | Unset = UNSET
    mirrors: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allow_nondistributable_artifacts_cid_rs: list[str] | Unset = UNSET
        if not isinstance(self.allow_nondistributable_artifacts_cid_rs, Unset):
            allow_nondistributable_artifacts_cid_rs = self.allow_nondistributable_artifacts_cid_rs

        allow_nondistributable_artifacts_hostnames: list[str] | Unset = UNSET
        if not isinstance(self.allow_nondistributable_artifacts_hostnames, Unset):
            allow_nondistributable_artifacts_hostnames = self.allow_nondistributable_artifacts_hostnames

        index_configs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.index_configs, Unset):
            index_configs = self.index_configs.to_dict()

        insecure_registry_cid_rs: list[str] | Unset = UNSET
        if not isinstance(self.insecure_registry_cid_rs, Unset):
            insecure_registry_cid_rs = self.insecure_registry_cid_rs

        mirrors: list[str] | Unset = UNSET
        if not isinstance(self.mirrors, Unset):
            mirrors = self.mirrors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_nondistributable_artifacts_cid_rs is not UNSET:
            field_dict["AllowNondistributableArtifactsCIDRs"] = allow_nondistributable_artifacts_cid_rs
        if allow_nondistributable_artifacts_hostnames is not UNSET:
            field_dict["AllowNondistributableArtifactsHostnames"] = allow_nondistributable_artifacts_hostnames
        if index_configs is not UNSET:
            field_dict["IndexConfigs"] = index_configs
        if insecure_registry_cid_rs is not UNSET:
            field_dict["InsecureRegistryCIDRs"] = insecure_registry_cid_rs
        if mirrors is not UNSET:
            field_dict["Mirrors"] = mirrors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.registry_service_config_index_configs import RegistryServiceConfigIndexConfigs  # noqa: PLC0415

        d = dict(src_dict)
        allow_nondistributable_artifacts_cid_rs = cast(list[str], d.pop("AllowNondistributableArtifactsCIDRs", UNSET))

        allow_nondistributable_artifacts_hostnames = cast(
            list[str], d.pop("AllowNondistributableArtifactsHostnames", UNSET)
        )

        _index_configs = d.pop("IndexConfigs", UNSET)
        index_configs: RegistryServiceConfigIndexConfigs | Unset
        if isinstance(_index_configs, Unset):
            index_configs = UNSET
        else:
            index_configs = RegistryServiceConfigIndexConfigs.from_dict(_index_configs)

        insecure_registry_cid_rs = cast(list[str], d.pop("InsecureRegistryCIDRs", UNSET))

        mirrors = cast(list[str], d.pop("Mirrors", UNSET))

        registry_service_config = cls(
            allow_nondistributable_artifacts_cid_rs=allow_nondistributable_artifacts_cid_rs,
            allow_nondistributable_artifacts_hostnames=allow_nondistributable_artifacts_hostnames,
            index_configs=index_configs,
            insecure_registry_cid_rs=insecure_registry_cid_rs,
            mirrors=mirrors,
        )

        registry_service_config.additional_properties = d
        return registry_service_config

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
