from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_config import ContainerConfig
    from ..models.container_state import ContainerState
    from ..models.graph_driver_data import GraphDriverData
    from ..models.host_config import HostConfig
    from ..models.mount_point import MountPoint
    from ..models.network_settings import NetworkSettings
    from ..models.snapshotter_data import SnapshotterData


T = TypeVar("T", bound="ContainerJSON")


@_attrs_define
class ContainerJSON:
    """ContainerJSON contains response of Engine API:
    GET "/containers/{id}/json"

        Attributes:
            app_armor_profile (str | Unset): AppArmorProfile are specific for AppArmor to Unix platforms
            args (list[str] | Unset): The arguments to the command being run
            config (ContainerConfig | Unset): Configuration for a container that is portable between hosts
            created (str | Unset): The time the container was created
            driver (str | Unset):
            exec_i_ds (list[str] | Unset): exec ids of container
            graph_driver (GraphDriverData | Unset): Information about a container's graph driver.
            host_config (HostConfig | Unset): Container configuration that depends on the host we are running on
            host_root_path (str | Unset): The rootfs path of the container on the host.
            hostname_path (str | Unset): the path of container's hostname file on host.
            hosts_path (str | Unset): the path of container's hosts file on host.
            id (str | Unset): The ID of the container
            image (str | Unset): The container's image
            log_path (str | Unset): the path of container's log file on host.
            mount_label (str | Unset): MountLabel contains the options for the 'mount' command.
            mounts (list[MountPoint] | Unset): Set of mount point in a container.
            name (str | Unset): name of the created container.
            network_settings (NetworkSettings | Unset): NetworkSettings exposes the network settings in the API.
            path (str | Unset): The path to the command being run
            process_label (str | Unset):
            resolv_conf_path (str | Unset): the path of container's resolvConf file on host.
            restart_count (int | Unset): the container's restart time
            size_root_fs (int | Unset): The total size of all the files in this container.
            size_rw (int | Unset): The size of files that have been created or changed by this container.
            snapshotter (SnapshotterData | Unset): Information about a container's snapshotter.
            state (ContainerState | Unset):
    """

    app_armor_profile: str | Unset = UNSET
    args: list[str] | Unset = UNSET
    config: ContainerConfig | Unset = UNSET
    created: str | Unset = UNSET
    driver: str | Unset = UNSET
    exec_i_ds: list[str] | Unset = UNSET
    graph_driver: GraphDriverData | Unset = UNSET
    host_config: HostConfig | Unset = UNSET
    host_root_path: str | Unset = UNSET
    hostname_path: str | Unset = UNSET
    hosts_path: str | Unset = UNSET
    id: str | Unset = UNSET
    image: str | Unset = UNSET
    log_path: str | Unset = UNSET
    mount_label: str | Unset = UNSET
    mounts: list[MountPoint] | Unset = UNSET
    name: str | Unset = UNSET
    network_settings: NetworkSettings | Unset = UNSET
    path: str | Unset = UNSET
    process_label: str | Unset = UNSET
    resolv_conf_path: str | Unset = UNSET
    restart_count: int | Unset = UNSET
    size_root_fs: int | Unset = UNSET
    size_rw: int | Unset = UNSET
    snapshotter: SnapshotterData | Unset = UNSET
    state: ContainerState | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        app_armor_profile = self.app_armor_profile

        args: list[str] | Unset = UNSET
        if not isinstance(self.args, Unset):
            args = self.args

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        created = self.created

        driver = self.driver

        exec_i_ds: list[str] | Unset = UNSET
        if not isinstance(self.exec_i_ds, Unset):
            exec_i_ds = self.exec_i_ds

        graph_driver: dict[str, Any] | Unset = UNSET
        if not isinstance(self.graph_driver, Unset):
            graph_driver = self.graph_driver.to_dict()

        host_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.host_config, Unset):
            host_config = self.host_config.to_dict()

        host_root_path = self.host_root_path

        hostname_path = self.hostname_path

        hosts_path = self.hosts_path

        id = self.id

        image = self.image

        log_path = self.log_path

        mount_label = self.mount_label

        mounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.mounts, Unset):
            mounts = []
            for mounts_item_data in self.mounts:
                mounts_item = mounts_item_data.to_dict()
                mounts.append(mounts_item)

        name = self.name

        network_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_settings, Unset):
            network_settings = self.network_settings.to_dict()

        path = self.path

        process_label = self.process_label

        resolv_conf_path = self.resolv_conf_path

        restart_count = self.restart_count

        size_root_fs = self.size_root_fs

        size_rw = self.size_rw

        snapshotter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.snapshotter, Unset):
            snapshotter = self.snapshotter.to_dict()

        state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if app_armor_profile is not UNSET:
            field_dict["AppArmorProfile"] = app_armor_profile
        if args is not UNSET:
            field_dict["Args"] = args
        if config is not UNSET:
            field_dict["Config"] = config
        if created is not UNSET:
            field_dict["Created"] = created
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if exec_i_ds is not UNSET:
            field_dict["ExecIDs"] = exec_i_ds
        if graph_driver is not UNSET:
            field_dict["GraphDriver"] = graph_driver
        if host_config is not UNSET:
            field_dict["HostConfig"] = host_config
        if host_root_path is not UNSET:
            field_dict["HostRootPath"] = host_root_path
        if hostname_path is not UNSET:
            field_dict["HostnamePath"] = hostname_path
        if hosts_path is not UNSET:
            field_dict["HostsPath"] = hosts_path
        if id is not UNSET:
            field_dict["Id"] = id
        if image is not UNSET:
            field_dict["Image"] = image
        if log_path is not UNSET:
            field_dict["LogPath"] = log_path
        if mount_label is not UNSET:
            field_dict["MountLabel"] = mount_label
        if mounts is not UNSET:
            field_dict["Mounts"] = mounts
        if name is not UNSET:
            field_dict["Name"] = name
        if network_settings is not UNSET:
            field_dict["NetworkSettings"] = network_settings
        if path is not UNSET:
            field_dict["Path"] = path
        if process_label is not UNSET:
            field_dict["ProcessLabel"] = process_label
        if resolv_conf_path is not UNSET:
            field_dict["ResolvConfPath"] = resolv_conf_path
        if restart_count is not UNSET:
            field_dict["RestartCount"] = restart_count
        if size_root_fs is not UNSET:
            field_dict["SizeRootFs"] = size_root_fs
        if size_rw is not UNSET:
            field_dict["SizeRw"] = size_rw
        if snapshotter is not UNSET:
            field_dict["Snapshotter"] = snapshotter
        if state is not UNSET:
            field_dict["State"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_config import ContainerConfig  # noqa: PLC0415
        from ..models.container_state import ContainerState  # noqa: PLC0415
        from ..models.graph_driver_data import GraphDriverData  # noqa: PLC0415
        from ..models.host_config import HostConfig  # noqa: PLC0415
        from ..models.mount_point import MountPoint  # noqa: PLC0415
        from ..models.network_settings import NetworkSettings  # noqa: PLC0415
        from ..models.snapshotter_data import SnapshotterData  # noqa: PLC0415

        d = dict(src_dict)
        app_armor_profile = d.pop("AppArmorProfile", UNSET)

        args = cast(list[str], d.pop("Args", UNSET))

        _config = d.pop("Config", UNSET)
        config: ContainerConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ContainerConfig.from_dict(_config)

        created = d.pop("Created", UNSET)

        driver = d.pop("Driver", UNSET)

        exec_i_ds = cast(list[str], d.pop("ExecIDs", UNSET))

        _graph_driver = d.pop("GraphDriver", UNSET)
        graph_driver: GraphDriverData | Unset
        if isinstance(_graph_driver, Unset):
            graph_driver = UNSET
        else:
            graph_driver = GraphDriverData.from_dict(_graph_driver)

        _host_config = d.pop("HostConfig", UNSET)
        host_config: HostConfig | Unset
        if isinstance(_host_config, Unset):
            host_config = UNSET
        else:
            host_config = HostConfig.from_dict(_host_config)

        host_root_path = d.pop("HostRootPath", UNSET)

        hostname_path = d.pop("HostnamePath", UNSET)

        hosts_path = d.pop("HostsPath", UNSET)

        id = d.pop("Id", UNSET)

        image = d.pop("Image", UNSET)

        log_path = d.pop("LogPath", UNSET)

        mount_label = d.pop("MountLabel", UNSET)

        _mounts = d.pop("Mounts", UNSET)
        mounts: list[MountPoint] | Unset = UNSET
        if _mounts is not UNSET:
            mounts = []
            for mounts_item_data in _mounts:
                mounts_item = MountPoint.from_dict(mounts_item_data)

                mounts.append(mounts_item)

        name = d.pop("Name", UNSET)

        _network_settings = d.pop("NetworkSettings", UNSET)
        network_settings: NetworkSettings | Unset
        if isinstance(_network_settings, Unset):
            network_settings = UNSET
        else:
            network_settings = NetworkSettings.from_dict(_network_settings)

        path = d.pop("Path", UNSET)

        process_label = d.pop("ProcessLabel", UNSET)

        resolv_conf_path = d.pop("ResolvConfPath", UNSET)

        restart_count = d.pop("RestartCount", UNSET)

        size_root_fs = d.pop("SizeRootFs", UNSET)

        size_rw = d.pop("SizeRw", UNSET)

        _snapshotter = d.pop("Snapshotter", UNSET)
        snapshotter: SnapshotterData | Unset
        if isinstance(_snapshotter, Unset):
            snapshotter = UNSET
        else:
            snapshotter = SnapshotterData.from_dict(_snapshotter)

        _state = d.pop("State", UNSET)
        state: ContainerState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = ContainerState.from_dict(_state)

        container_json = cls(
            app_armor_profile=app_armor_profile,
            args=args,
            config=config,
            created=created,
            driver=driver,
            exec_i_ds=exec_i_ds,
            graph_driver=graph_driver,
            host_config=host_config,
            host_root_path=host_root_path,
            hostname_path=hostname_path,
            hosts_path=hosts_path,
            id=id,
            image=image,
            log_path=log_path,
            mount_label=mount_label,
            mounts=mounts,
            name=name,
            network_settings=network_settings,
            path=path,
            process_label=process_label,
            resolv_conf_path=resolv_conf_path,
            restart_count=restart_count,
            size_root_fs=size_root_fs,
            size_rw=size_rw,
            snapshotter=snapshotter,
            state=state,
        )

        container_json.additional_properties = d
        return container_json

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
