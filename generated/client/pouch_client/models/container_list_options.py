from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_list_options_filter import ContainerListOptionsFilter


T = TypeVar("T", bound="ContainerListOptions")


@_attrs_define
class ContainerListOptions:
    """options of list container, filters (a `map[string][]string`) to process on the container list. Available filters:

    - `id=container-id`
    - `name=container-name`
    - `status=running`
    - `label=key` or `label=key=value`
    - `network=container-network`
    - `volume=volume-id`

        Attributes:
            all_ (bool | Unset):
            before (str | Unset):
            filter_ (ContainerListOptionsFilter | Unset):
            limit (int | Unset):
            since (str | Unset):
    """

    all_: bool | Unset = UNSET
    before: str | Unset = UNSET
    filter_: ContainerListOptionsFilter | Unset = UNSET
    limit: int | Unset = UNSET
    since: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        all_ = self.all_

        before = self.before

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        limit = self.limit

        since = self.since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if all_ is not UNSET:
            field_dict["All"] = all_
        if before is not UNSET:
            field_dict["Before"] = before
        if filter_ is not UNSET:
            field_dict["Filter"] = filter_
        if limit is not UNSET:
            field_dict["Limit"] = limit
        if since is not UNSET:
            field_dict["Since"] = since

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_list_options_filter import ContainerListOptionsFilter  # noqa: PLC0415

        d = dict(src_dict)
        all_ = d.pop("All", UNSET)

        before = d.pop("Before", UNSET)

        _filter_ = d.pop("Filter", UNSET)
        filter_: ContainerListOptionsFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = ContainerListOptionsFilter.from_dict(_filter_)

        limit = d.pop("Limit", UNSET)

        since = d.pop("Since", UNSET)

        container_list_options = cls(
            all_=all_,
            before=before,
            filter_=filter_,
            limit=limit,
            since=since,
        )

        container_list_options.additional_properties = d
        return container_list_options

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
