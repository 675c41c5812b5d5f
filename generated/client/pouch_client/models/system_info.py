from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.system_info_cgroup_driver import SystemInfoCgroupDriver
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.commit import Commit
    from ..models.registry_service_config import RegistryServiceConfig
    from ..models.system_info_runtimes import SystemInfoRuntimes


T = TypeVar("T", bound="SystemInfo")


@_attrs_define
class SystemInfo:
    """
    Attributes:
        architecture (str | Unset): Hardware architecture of the host, as returned by the Go runtime
            (`GOARCH`).

            A full list of possible values can be found in the [Go
            documentation](https://golang.org/doc/install/source#environment). Example: x86_64.
        cgroup_driver (SystemInfoCgroupDriver | Unset): The driver to use for managing cgroups. Default:
            SystemInfoCgroupDriver.CGROUPFS. Example: cgroupfs.
        containerd_commit (Commit | Unset): Commit holds the Git-commit (SHA1) that a binary was built from, as
            reported in the version-string of external tools, such as `containerd`,
            or `runC`.
        containers (int | Unset): Total number of containers on the host. Example: 14.
        containers_paused (int | Unset): Number of containers with status `"paused"`. Example: 1.
        containers_running (int | Unset): Number of containers with status `"running"`. Example: 3.
        containers_stopped (int | Unset): Number of containers with status `"stopped"`. Example: 10.
        cri_enabled (bool | Unset): Indicates if pouchd has accepted flag --enable-cri and enables cri part. Default:
            False. Example: False.
        debug (bool | Unset): Indicates if the daemon is running in debug-mode / with debug-level logging enabled.
            Example: True.
        default_registry (str | Unset): default registry can be defined by user.
        default_runtime (str | Unset): Name of the default OCI runtime that is used when starting containers.
            The default can be overridden per-container at create time. Default: 'runc'. Example: runc.
        driver (str | Unset): Name of the storage driver in use. Example: overlay2.
        driver_status (list[list[str]] | Unset): Information specific to the storage driver, provided as
            "label" / "value" pairs.

            This information is provided by the storage driver, and formatted
            in a way consistent with the output of `pouch info` on the command
            line.

            <p><br /></p>

            > **Note**: The information returned in this field, including the
            > formatting of values and labels, should not be considered stable,
            > and may change without notice. Example: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'],
            ['Native Overlay Diff', 'true']].
        experimental_build (bool | Unset): Indicates if experimental features are enabled on the daemon. Example: True.
        http_proxy (str | Unset): HTTP-proxy configured for the daemon. This value is obtained from the
            [`HTTP_PROXY`](https://www.gnu.org/software/wget/manual/html_node/Proxies.html) environment variable.

            Containers do not automatically inherit this configuration. Example:
            http://user:pass@proxy.corp.example.com:8080.
        https_proxy (str | Unset): HTTPS-proxy configured for the daemon. This value is obtained from the
            [`HTTPS_PROXY`](https://www.gnu.org/software/wget/manual/html_node/Proxies.html) environment variable.

            Containers do not automatically inherit this configuration. Example:
            https://user:pass@proxy.corp.example.com:4443.
        id (str | Unset): Unique identifier of the daemon.

            <p><br /></p>

            > **Note**: The format of the ID itself is not part of the API, and
            > should not be considered stable. Example: 7TRN:IPZB:QYBB:VPBQ:UMPP:KARE:6ZNR:XE6T:7EWV:PKF4:ZOJD:TPYS.
        images (int | Unset): Total number of images on the host.

            Both _tagged_ and _untagged_ (dangling) images are counted. Example: 508.
        index_server_address (str | Unset): Address / URL of the index server that is used for image search,
            and as a default for user authentication.
        kernel_version (str | Unset): Kernel version of the host.
            On Linux, this information obtained from `uname`.
        labels (list[str] | Unset): User-defined labels (key/value metadata) as set on the daemon. Example:
            ['storage=ssd', 'production'].
        listen_addresses (list[str] | Unset): List of addresses the pouchd listens on Example:
            ['unix:///var/run/pouchd.sock', 'tcp://0.0.0.0:4243'].
        live_restore_enabled (bool | Unset): Indicates if live restore is enabled.
            If enabled, containers are kept running when the daemon is shutdown
            or upon daemon start if running containers are detected. Default: False. Example: False.
        logging_driver (str | Unset): The logging driver to use as a default for new containers.
        lxcfs_enabled (bool | Unset): Indicates if lxcfs is enabled. Default: False. Example: False.
        mem_total (int | Unset): Total amount of physical memory available on the host, in kilobytes (kB). Example:
            2095882240.
        ncpu (int | Unset): The number of logical CPUs usable by the daemon.

            The number of available CPUs is checked by querying the operating
            system when the daemon starts. Changes to operating system CPU
            allocation after the daemon is started are not reflected. Example: 4.
        name (str | Unset): Hostname of the host. Example: node5.corp.example.com.
        os_type (str | Unset): Generic type of the operating system of the host, as returned by the
            Go runtime (`GOOS`).

            Currently returned value is "linux". A full list of
            possible values can be found in the [Go documentation](https://golang.org/doc/install/source#environment).
            Example: linux.
        operating_system (str | Unset): Name of the host's operating system, for example: "Ubuntu 16.04.2 LTS". Example:
            Alpine Linux v3.5.
        pouch_root_dir (str | Unset): Root directory of persistent Pouch state.

            Defaults to `/var/lib/pouch` on Linux. Example: /var/lib/pouch.
        registry_config (RegistryServiceConfig | Unset): RegistryServiceConfig stores daemon registry services
            configuration.
        runc_commit (Commit | Unset): Commit holds the Git-commit (SHA1) that a binary was built from, as
            reported in the version-string of external tools, such as `containerd`,
            or `runC`.
        runtimes (SystemInfoRuntimes | Unset): List of [OCI compliant](https://github.com/opencontainers/runtime-spec)
            runtimes configured on the daemon. Keys hold the "name" used to
            reference the runtime.

            The Pouch daemon relies on an OCI compliant runtime (invoked via the
            `containerd` daemon) as its interface to the Linux kernel namespaces,
            cgroups, and SELinux.

            The default runtime is `runc`, and automatically configured. Additional
            runtimes can be configured by the user and will be listed here. Example: {'runc': {'path': 'pouch-runc'}, 'runc-
            master': {'path': '/go/bin/runc'}, 'custom': {'path': '/usr/local/bin/my-oci-runtime', 'runtimeArgs': ['--
            debug', '--systemd-cgroup=false']}}.
        security_options (list[str] | Unset): List of security features that are enabled on the daemon, such as
            apparmor, seccomp, SELinux, and user-namespaces (userns).

            Additional configuration options for each security feature may
            be present, and are included as a comma-separated list of key/value
            pairs. Example: ['name=apparmor', 'name=seccomp,profile=default', 'name=selinux', 'name=userns'].
        server_version (str | Unset): Version string of the daemon. Example: 17.06.0-ce.
        volume_drivers (list[str] | Unset): The list of volume drivers which the pouchd supports Example: ['local',
            'tmpfs'].
    """

    architecture: str | Unset = UNSET
    cgroup_driver: SystemInfoCgroupDriver | Unset = SystemInfoCgroupDriver.CGROUPFS
    containerd_commit: Commit | Unset = UNSET
    containers: int | Unset = UNSET
    containers_paused: int | Unset = UNSET
    containers_running: int | Unset = UNSET
    containers_stopped: int | Unset = UNSET
    cri_enabled: bool | Unset = False
    debug: bool | Unset = UNSET
    default_registry: str | Unset = UNSET
    default_runtime: str | Unset = "runc"
    driver: str | Unset = UNSET
    driver_status: list[list[str]] | Unset = UNSET
    experimental_build: bool | Unset = UNSET
    http_proxy: str | Unset = UNSET
    https_proxy: str | Unset = UNSET
    id: str | Unset = UNSET
    images: int | Unset = UNSET
    index_server_address: str | Unset = UNSET
    kernel_version: str | Unset = UNSET
    labels: list[str] | Unset = UNSET
    listen_addresses: list[str] | Unset = UNSET
    live_restore_enabled: bool | Unset = False
    logging_driver: str | Unset = UNSET
    lxcfs_enabled: bool | Unset = False
    mem_total: int | Unset = UNSET
    ncpu: int | Unset = UNSET
    name: str | Unset = UNSET
    os_type: str | Unset = UNSET
    operating_system: str | Unset = UNSET
    pouch_root_dir: str | Unset = UNSET
    registry_config: RegistryServiceConfig | Unset = UNSET
    runc_commit: Commit | Unset = UNSET
    runtimes: SystemInfoRuntimes | Unset = UNSET
    security_options: list[str] | Unset = UNSET
    server_version: str | Unset = UNSET
    volume_drivers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        architecture = self.architecture

        cgroup_driver: str | Unset = UNSET
        if not isinstance(self.cgroup_driver, Unset):
            cgroup_driver = self.cgroup_driver.value

        containerd_commit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.containerd_commit, Unset):
            containerd_commit = self.containerd_commit.to_dict()

        containers = self.containers

        containers_paused = self.containers_paused

        containers_running = self.containers_running

        containers_stopped = self.containers_stopped

        cri_enabled = self.cri_enabled

        debug = self.debug

        default_registry = self.default_registry

        default_runtime = self.default_runtime

        driver = self.driver

        driver_status: list[list[str]] | Unset = UNSET
        if not isinstance(self.driver_status, Unset):
            driver_status = []
            for driver_status_item_data in self.driver_status:
                driver_status_item = driver_status_item_data

                driver_status.append(driver_status_item)

        experimental_build = self.experimental_build

        http_proxy = self.http_proxy

        https_proxy = self.https_proxy

        id = self.id

        images = self.images

        index_server_address = self.index_server_address

        kernel_version = self.kernel_version

        labels: list[str] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels

        listen_addresses: list[str] | Unset = UNSET
        if not isinstance(self.listen_addresses, Unset):
            listen_addresses = self.listen_addresses

        live_restore_enabled = self.live_restore_enabled

        logging_driver = self.logging_driver

        lxcfs_enabled = self.lxcfs_enabled

        mem_total = self.mem_total

        ncpu = self.ncpu

        name = self.name

        os_type = self.os_type

        operating_system = self.operating_system

        pouch_root_dir = self.pouch_root_dir

        registry_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.registry_config, Unset):
            registry_config = self.registry_config.to_dict()

        runc_commit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.runc_commit, Unset):
            runc_commit = self.runc_commit.to_dict()

        runtimes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.runtimes, Unset):
            runtimes = self.runtimes.to_dict()

        security_options: list[str] | Unset = UNSET
        if not isinstance(self.security_options, Unset):
            security_options = self.security_options

        server_version = self.server_version

        volume_drivers: list[str] | Unset = UNSET
        if not isinstance(self.volume_drivers, Unset):
            volume_drivers = self.volume_drivers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if architecture is not UNSET:
            field_dict["Architecture"] = architecture
        if cgroup_driver is not UNSET:
            field_dict["CgroupDriver"] = cgroup_driver
        if containerd_commit is not UNSET:
            field_dict["ContainerdCommit"] = containerd_commit
        if containers is not UNSET:
            field_dict["Containers"] = containers
        if containers_paused is not UNSET:
            field_dict["ContainersPaused"] = containers_paused
        if containers_running is not UNSET:
            field_dict["ContainersRunning"] = containers_running
        if containers_stopped is not UNSET:
            field_dict["ContainersStopped"] = containers_stopped
        if cri_enabled is not UNSET:
            field_dict["CriEnabled"] = cri_enabled
        if debug is not UNSET:
            field_dict["Debug"] = debug
        if default_registry is not UNSET:
            field_dict["DefaultRegistry"] = default_registry
        if default_runtime is not UNSET:
            field_dict["DefaultRuntime"] = default_runtime
        if driver is not UNSET:
            field_dict["Driver"] = driver
        if driver_status is not UNSET:
            field_dict["DriverStatus"] = driver_status
        if experimental_build is not UNSET:
            field_dict["ExperimentalBuild"] = experimental_build
        if http_proxy is not UNSET:
            field_dict["HttpProxy"] = http_proxy
        if https_proxy is not UNSET:
            field_dict["HttpsProxy"] = https_proxy
        if id is not UNSET:
            field_dict["ID"] = id
        if images is not UNSET:
            field_dict["Images"] = images
        if index_server_address is not UNSET:
            field_dict["IndexServerAddress"] = index_server_address
        if kernel_version is not UNSET:
            field_dict["KernelVersion"] = kernel_version
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if listen_addresses is not UNSET:
            field_dict["ListenAddresses"] = listen_addresses
        if live_restore_enabled is not UNSET:
            field_dict["LiveRestoreEnabled"] = live_restore_enabled
        if logging_driver is not UNSET:
            field_dict["LoggingDriver"] = logging_driver
        if lxcfs_enabled is not UNSET:
            field_dict["LxcfsEnabled"] = lxcfs_enabled
        if mem_total is not UNSET:
            field_dict["MemTotal"] = mem_total
        if ncpu is not UNSET:
            field_dict["NCPU"] = ncpu
        if name is not UNSET:
            field_dict["Name"] = name
        if os_type is not UNSET:
            field_dict["OSType"] = os_type
        if operating_system is not UNSET:
            field_dict["OperatingSystem"] = operating_system
        if pouch_root_dir is not UNSET:
            field_dict["PouchRootDir"] = pouch_root_dir
        if registry_config is not UNSET:
            field_dict["RegistryConfig"] = registry_config
        if runc_commit is not UNSET:
            field_dict["RuncCommit"] = runc_commit
        if runtimes is not UNSET:
            field_dict["Runtimes"] = runtimes
        if security_options is not UNSET:
            field_dict["SecurityOptions"] = security_options
        if server_version is not UNSET:
            field_dict["ServerVersion"] = server_version
        if volume_drivers is not UNSET:
            field_dict["VolumeDrivers"] = volume_drivers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commit import Commit  # noqa: PLC0415
        from ..models.registry_service_config import RegistryServiceConfig  # noqa: PLC0415
        from ..models.system_info_runtimes import SystemInfoRuntimes  # noqa: PLC0415

        d = dict(src_dict)
        architecture = d.pop("Architecture", UNSET)

        _cgroup_driver = d.pop("CgroupDriver", UNSET)
        cgroup_driver: SystemInfoCgroupDriver | Unset
        if isinstance(_cgroup_driver, Unset):
            cgroup_driver = UNSET
        else:
            cgroup_driver = SystemInfoCgroupDriver(_cgroup_driver)

        _containerd_commit = d.pop("ContainerdCommit", UNSET)
        containerd_commit: Commit | Unset
        if isinstance(_containerd_commit, Unset):
            containerd_commit = UNSET
        else:
            containerd_commit = Commit.from_dict(_containerd_commit)

        containers = d.pop("Containers", UNSET)

        containers_paused = d.pop("ContainersPaused", UNSET)

        containers_running = d.pop("ContainersRunning", UNSET)

        containers_stopped = d.pop("ContainersStopped", UNSET)

        cri_enabled = d.pop("CriEnabled", UNSET)

        debug = d.pop("Debug", UNSET)

        default_registry = d.pop("DefaultRegistry", UNSET)

        default_runtime = d.pop("DefaultRuntime", UNSET)

        driver = d.pop("Driver", UNSET)

        _driver_status = d.pop("DriverStatus", UNSET)
        driver_status: list[list[str]] | Unset = UNSET
        if _driver_status is not UNSET:
            driver_status = []
            for driver_status_item_data in _driver_status:
                driver_status_item = cast(list[str], driver_status_item_data)

                driver_status.append(driver_status_item)

        experimental_build = d.pop("ExperimentalBuild", UNSET)

        http_proxy = d.pop("HttpProxy", UNSET)

        https_proxy = d.pop("HttpsProxy", UNSET)

        id = d.pop("ID", UNSET)

        images = d.pop("Images", UNSET)

        index_server_address = d.pop("IndexServerAddress", UNSET)

        kernel_version = d.pop("KernelVersion", UNSET)

        labels = cast(list[str], d.pop("Labels", UNSET))

        listen_addresses = cast(list[str], d.pop("ListenAddresses", UNSET))

        live_restore_enabled = d.pop("LiveRestoreEnabled", UNSET)

        logging_driver = d.pop("LoggingDriver", UNSET)

        lxcfs_enabled = d.pop("LxcfsEnabled", UNSET)

        mem_total = d.pop("MemTotal", UNSET)

        ncpu = d.pop("NCPU", UNSET)

        name = d.pop("Name", UNSET)

        os_type = d.pop("OSType", UNSET)

        operating_system = d.pop("OperatingSystem", UNSET)

        pouch_root_dir = d.pop("PouchRootDir", UNSET)

        _registry_config = d.pop("RegistryConfig", UNSET)
        registry_config: RegistryServiceConfig | Unset
        if isinstance(_registry_config, Unset):
            registry_config = UNSET
        else:
            registry_config = RegistryServiceConfig.from_dict(_registry_config)

        _runc_commit = d.pop("RuncCommit", UNSET)
        runc_commit: Commit | Unset
        if isinstance(_runc_commit, Unset):
            runc_commit = UNSET
        else:
            runc_commit = Commit.from_dict(_runc_commit)

        _runtimes = d.pop("Runtimes", UNSET)
        runtimes: SystemInfoRuntimes | Unset
        if isinstance(_runtimes, Unset):
            runtimes = UNSET
        else:
            runtimes = SystemInfoRuntimes.from_dict(_runtimes)

        security_options = cast(list[str], d.pop("SecurityOptions", UNSET))

        server_version = d.pop("ServerVersion", UNSET)

        volume_drivers = cast(list[str], d.pop("VolumeDrivers", UNSET))

        system_info = cls(
            architecture=architecture,
            cgroup_driver=cgroup_driver,
            containerd_commit=containerd_commit,
            containers=containers,
            containers_paused=containers_paused,
            containers_running=containers_running,
            containers_stopped=containers_stopped,
            cri_enabled=cri_enabled,
            debug=debug,
            default_registry=default_registry,
            default_runtime=default_runtime,
            driver=driver,
            driver_status=driver_status,
            experimental_build=experimental_build,
            http_proxy=http_proxy,
            https_proxy=https_proxy,
            id=id,
            images=images,
            index_server_address=index_server_address,
            kernel_version=kernel_version,
            labels=labels,
            listen_addresses=listen_addresses,
            live_restore_enabled=live_restore_enabled,
            logging_driver=logging_driver,
            lxcfs_enabled=lxcfs_enabled,
            mem_total=mem_total,
            ncpu=ncpu,
            name=name,
            os_type=os_type,
            operating_system=operating_system,
            pouch_root_dir=pouch_root_dir,
            registry_config=registry_config,
            runc_commit=runc_commit,
            runtimes=runtimes,
            security_options=security_options,
            server_version=server_version,
            volume_drivers=volume_drivers,
        )

        system_info.additional_properties = d
        return system_info

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
