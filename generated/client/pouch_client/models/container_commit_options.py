from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerCommitOptions")


@_attrs_define
class ContainerCommitOptions:
    """options of committing a container into an image

    Attributes:
        author (str | Unset): author is the one build the image
        comment (str | Unset): comment is external information add for the image
        repository (str | Unset): repository is the image name
        tag (str | Unset): tag is the image tag
    """

    author: str | Unset = UNSET
    comment: str | Unset = UNSET
    repository: str | Unset = UNSET
    tag: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author

        comment = self.comment

        repository = self.repository

        tag = self.tag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if author is not UNSET:
            field_dict["Author"] = author
        if comment is not UNSET:
            field_dict["Comment"] = comment
        if repository is not UNSET:
            field_dict["Repository"] = repository
        if tag is not UNSET:
            field_dict["Tag"] = tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author = d.pop("Author", UNSET)

        comment = d.pop("Comment", UNSET)

        repository = d.pop("Repository", UNSET)

        tag = d.pop("Tag", UNSET)

        container_commit_options = cls(
            author=author,
            comment=comment,
            repository=repository,
            tag=tag,
        )

        container_commit_options.additional_properties = d
        return container_commit_options

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
