from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageInfoRootFS")


@_attrs_define
class ImageInfoRootFS:
    """the rootfs key references the layer content addresses used by the image.

    Attributes:
        type_ (str): type of the rootfs
        base_layer (str | Unset): the base layer content hash.
        layers (list[str] | Unset): an array of layer content hashes
    """

    type_: str
    base_layer: str | Unset = UNSET
    layers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        base_layer = self.base_layer

        layers: list[str] | Unset = UNSET
        if not isinstance(self.layers, Unset):
            layers = self.layers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Type": type_,
            }
        )
        if base_layer is not UNSET:
            field_dict["BaseLayer"] = base_layer
        if layers is not UNSET:
            field_dict["Layers"] = layers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("Type")

        base_layer = d.pop("BaseLayer", UNSET)

        layers = cast(list[str], d.pop("Layers", UNSET))

        image_info_root_fs = cls(
            type_=type_,
            base_layer=base_layer,
            layers=layers,
        )

        image_info_root_fs.additional_properties = d
        return image_info_root_fs

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
