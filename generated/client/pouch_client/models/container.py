from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_labels import ContainerLabels
    from ..models.container_network_settings import ContainerNetworkSettings
    from ..models.host_config import HostConfig
    from ..models.mount_point import MountPoint
    from ..models.port import Port


T = TypeVar("T", bound="Container")


@_attrs_define
class Container:
    """an array of Container contains response of Engine API:
    GET "/containers/json"

        Attributes:
            command (str | Unset):
            created (int | Unset): Created time of container in daemon.
            host_config (HostConfig | Unset): Container configuration that depends on the host we are running on
            id (str | Unset): Container ID
            image (str | Unset):
            image_id (str | Unset):
            labels (ContainerLabels | Unset):
            mounts (list[MountPoint] | Unset): Set of mount point in a container.
            names (list[str] | Unset):  Example: ['container_1', 'container_2'].
            network_settings (ContainerNetworkSettings | Unset):
            ports (list[Port] | Unset): The container's published and exposed ports as dockerd lists them (Docker's
                `types.Port`): one entry per host binding, one without `PublicPort` for a port
                that is exposed but not published (so a stopped container lists its ports without
                `PublicPort`).
            size_root_fs (int | Unset):
            size_rw (int | Unset):
            state (str | Unset):
            status (str | Unset):
    """

    command: str | Unset = UNSET
    created: int | Unset = UNSET
    host_config: HostConfig | Unset = UNSET
    id: str | Unset = UNSET
    image: str | Unset = UNSET
    image_id: str | Unset = UNSET
    labels: ContainerLabels | Unset = UNSET
    mounts: list[MountPoint] | Unset = UNSET
    names: list[str] | Unset = UNSET
    network_settings: ContainerNetworkSettings | Unset = UNSET
    ports: list[Port] | Unset = UNSET
    size_root_fs: int | Unset = UNSET
    size_rw: int | Unset = UNSET
    state: str | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        command = self.command

        created = self.created

        host_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.host_config, Unset):
            host_config = self.host_config.to_dict()

        id = self.id

        image = self.image

        image_id = self.image_id

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        mounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.mounts, Unset):
            mounts = []
            for mounts_item_data in self.mounts:
                mounts_item = mounts_item_data.to_dict()
                mounts.append(mounts_item)

        names: list[str] | Unset = UNSET
        if not isinstance(self.names, Unset):
            names = self.names

        network_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_settings, Unset):
            network_settings = self.network_settings.to_dict()

        ports: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ports, Unset):
            ports = []
            for ports_item_data in self.ports:
                ports_item = ports_item_data.to_dict()
                ports.append(ports_item)

        size_root_fs = self.size_root_fs

        size_rw = self.size_rw

        state = self.state

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if command is not UNSET:
            field_dict["Command"] = command
        if created is not UNSET:
            field_dict["Created"] = created
        if host_config is not UNSET:
            field_dict["HostConfig"] = host_config
        if id is not UNSET:
            field_dict["Id"] = id
        if image is not UNSET:
            field_dict["Image"] = image
        if image_id is not UNSET:
            field_dict["ImageID"] = image_id
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if mounts is not UNSET:
            field_dict["Mounts"] = mounts
        if names is not UNSET:
            field_dict["Names"] = names
        if network_settings is not UNSET:
            field_dict["NetworkSettings"] = network_settings
        if ports is not UNSET:
            field_dict["Ports"] = ports
        if size_root_fs is not UNSET:
            field_dict["SizeRootFs"] = size_root_fs
        if size_rw is not UNSET:
            field_dict["SizeRw"] = size_rw
        if state is not UNSET:
            field_dict["State"] = state
        if status is not UNSET:
            field_dict["Status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_labels import ContainerLabels  # noqa: PLC0415
        from ..models.container_network_settings import ContainerNetworkSettings  # noqa: PLC0415
        from ..models.host_config import HostConfig  # noqa: PLC0415
        from ..models.mount_point import MountPoint  # noqa: PLC0415
        from ..models.port import Port  # noqa: PLC0415

        d = dict(src_dict)
        command = d.pop("Command", UNSET)

        created = d.pop("Created", UNSET)

        _host_config = d.pop("HostConfig", UNSET)
        host_config: HostConfig | Unset
        if isinstance(_host_config, Unset):
            host_config = UNSET
        else:
            host_config = HostConfig.from_dict(_host_config)

        id = d.pop("Id", UNSET)

        image = d.pop("Image", UNSET)

        image_id = d.pop("ImageID", UNSET)

        _labels = d.pop("Labels", UNSET)
        labels: ContainerLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = ContainerLabels.from_dict(_labels)

        _mounts = d.pop("Mounts", UNSET)
        mounts: list[MountPoint] | Unset = UNSET
        if _mounts is not UNSET:
            mounts = []
            for mounts_item_data in _mounts:
                mounts_item = MountPoint.from_dict(mounts_item_data)

                mounts.append(mounts_item)

        names = cast(list[str], d.pop("Names", UNSET))

        _network_settings = d.pop("NetworkSettings", UNSET)
        network_settings: ContainerNetworkSettings | Unset
        if isinstance(_network_settings, Unset):
            network_settings = UNSET
        else:
            network_settings = ContainerNetworkSettings.from_dict(_network_settings)

        _ports = d.pop("Ports", UNSET)
        ports: list[Port] | Unset = UNSET
        if _ports is not UNSET:
            ports = []
            for ports_item_data in _ports:
                ports_item = Port.from_dict(ports_item_data)

                ports.append(ports_item)

        size_root_fs = d.pop("SizeRootFs", UNSET)

        size_rw = d.pop("SizeRw", UNSET)

        state = d.pop("State", UNSET)

        status = d.pop("Status", UNSET)

        container = cls(
            command=command,
            created=created,
            host_config=host_config,
            id=id,
            image=image,
            image_id=image_id,
            labels=labels,
            mounts=mounts,
            names=names,
            network_settings=network_settings,
            ports=ports,
            size_root_fs=size_root_fs,
            size_rw=size_rw,
            state=state,
            status=status,
        )

        container.additional_properties = d
        return container

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
