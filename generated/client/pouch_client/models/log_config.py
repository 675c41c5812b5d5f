from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.log_config_type import LogConfigType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.log_config_config_type_0 import LogConfigConfigType0


T = TypeVar("T", bound="LogConfig")


@_attrs_define
class LogConfig:
    """The logging configuration for this container

    Attributes:
        config (LogConfigConfigType0 | None | Unset):
        type_ (LogConfigType | Unset):
    """

    config: LogConfigConfigType0 | None | Unset = UNSET
    type_: LogConfigType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.log_config_config_type_0 import LogConfigConfigType0  # noqa: PLC0415

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, LogConfigConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if config is not UNSET:
            field_dict["Config"] = config
        if type_ is not UNSET:
            field_dict["Type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.log_config_config_type_0 import LogConfigConfigType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_config(data: object) -> LogConfigConfigType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = LogConfigConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LogConfigConfigType0 | None | Unset, data)

        config = _parse_config(d.pop("Config", UNSET))

        _type_ = d.pop("Type", UNSET)
        type_: LogConfigType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = LogConfigType(_type_)

        log_config = cls(
            config=config,
            type_=type_,
        )

        log_config.additional_properties = d
        return log_config

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
