from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_config import ContainerConfig
    from ..models.image_info_root_fs import ImageInfoRootFS


T = TypeVar("T", bound="ImageInfo")


@_attrs_define
class ImageInfo:
    """An object containing all details of an image at API side

    Attributes:
        architecture (str | Unset): the CPU architecture.
        config (ContainerConfig | Unset): Configuration for a container that is portable between hosts
        created_at (str | Unset): time of image creation.
        id (str | Unset): ID of an image.
        os (str | Unset): the name of the operating system.
        repo_digests (list[str] | Unset): repository with digest.
        repo_tags (list[str] | Unset): repository with tag.
        root_fs (ImageInfoRootFS | Unset): the rootfs key references the layer content addresses used by the image.
        size (int | Unset): size of image's taking disk space.
    """

    architecture: str | Unset = UNSET
    config: ContainerConfig | Unset = UNSET
    created_at: str | Unset = UNSET
    id: str | Unset = UNSET
    os: str | Unset = UNSET
    repo_digests: list[str] | Unset = UNSET
    repo_tags: list[str] | Unset = UNSET
    root_fs: ImageInfoRootFS | Unset = UNSET
    size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        architecture = self.architecture

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        created_at = self.created_at

        id = self.id

        os = self.os

        repo_digests: list[str] | Unset = UNSET
        if not isinstance(self.repo_digests, Unset):
            repo_digests = self.repo_digests

        repo_tags: list[str] | Unset = UNSET
        if not isinstance(self.repo_tags, Unset):
            repo_tags = self.repo_tags

        root_fs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.root_fs, Unset):
            root_fs = self.root_fs.to_dict()

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if architecture is not UNSET:
            field_dict["Architecture"] = architecture
        if config is not UNSET:
            field_dict["Config"] = config
        if created_at is not UNSET:
            field_dict["CreatedAt"] = created_at
        if id is not UNSET:
            field_dict["Id"] = id
        if os is not UNSET:
            field_dict["Os"] = os
        if repo_digests is not UNSET:
            field_dict["RepoDigests"] = repo_digests
        if repo_tags is not UNSET:
            field_dict["RepoTags"] = repo_tags
        if root_fs is not UNSET:
            field_dict["RootFS"] = root_fs
        if size is not UNSET:
            field_dict["Size"] = size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_config import ContainerConfig  # noqa: PLC0415
        from ..models.image_info_root_fs import ImageInfoRootFS  # noqa: PLC0415

        d = dict(src_dict)
        architecture = d.pop("Architecture", UNSET)

        _config = d.pop("Config", UNSET)
        config: ContainerConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ContainerConfig.from_dict(_config)

        created_at = d.pop("CreatedAt", UNSET)

        id = d.pop("Id", UNSET)

        os = d.pop("Os", UNSET)

        repo_digests = cast(list[str], d.pop("RepoDigests", UNSET))

        repo_tags = cast(list[str], d.pop("RepoTags", UNSET))

        _root_fs = d.pop("RootFS", UNSET)
        root_fs: ImageInfoRootFS | Unset
        if isinstance(_root_fs, Unset):
            root_fs = UNSET
        else:
            root_fs = ImageInfoRootFS.from_dict(_root_fs)

        size = d.pop("Size", UNSET)

        image_info = cls(
            architecture=architecture,
            config=config,
            created_at=created_at,
            id=id,
            os=os,
            repo_digests=repo_digests,
            repo_tags=repo_tags,
            root_fs=root_fs,
            size=size,
        )

        image_info.additional_properties = d
        return image_info

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
