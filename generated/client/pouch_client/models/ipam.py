from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ipam_config import IPAMConfig
    from ..models.ipam_options_type_0 import IPAMOptionsType0


T = TypeVar("T", bound="IPAM")


@_attrs_define
class IPAM:
    """represents IP Address Management

    Attributes:
        config (list[IPAMConfig] | None | Unset):
        driver (str | Unset):
        options (IPAMOptionsType0 | None | Unset):
    """

    config: list[IPAMConfig] | None | Unset = UNSET
    driver: str | Unset = UNSET
    options: IPAMOptionsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ipam_options_type_0 import IPAMOptionsType0  # noqa: PLC0415

        config: list[dict[str, Any]] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, list):
            config = []
            for config_type_0_item_data in self.config:
                config_type_0_item = config_type_0_item_data.to_dict()
                config.append(config_type_0_item)

        else:
            config = self.config

        driver = self.driver

        options: dict[str, Any] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, IPAMOptionsType0):
            options = self.options.to_dict()
        else:
            options = self.options

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if config is not UNSET:
            field_dict["Config"] = config
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if options is not UNSET:
            field_dict["Options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ipam_config import IPAMConfig  # noqa: PLC0415
        from ..models.ipam_options_type_0 import IPAMOptionsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_config(data: object) -> list[IPAMConfig] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                config_type_0 = []
                _config_type_0 = data
                for config_type_0_item_data in _config_type_0:
                    config_type_0_item = IPAMConfig.from_dict(config_type_0_item_data)

                    config_type_0.append(config_type_0_item)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[IPAMConfig] | None | Unset, data)

        config = _parse_config(d.pop("Config", UNSET))

        driver = d.pop("Driver", UNSET)

        def _parse_options(data: object) -> IPAMOptionsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_0 = IPAMOptionsType0.from_dict(data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IPAMOptionsType0 | None | Unset, data)

        options = _parse_options(d.pop("Options", UNSET))

        ipam = cls(
            config=config,
            driver=driver,
            options=options,
        )

        ipam.additional_properties = d
        return ipam

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
