from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.host_config_isolation import HostConfigIsolation
from ..models.host_config_rich_mode import HostConfigRichMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.device_mapping import DeviceMapping
    from ..models.host_config_storage_opt_type_0 import HostConfigStorageOptType0
    from ..models.host_config_sysctls_type_0 import HostConfigSysctlsType0
    from ..models.host_config_tmpfs_type_0 import HostConfigTmpfsType0
    from ..models.log_config import LogConfig
    from ..models.nvidia_config import NvidiaConfig
    from ..models.port_map import PortMap
    from ..models.restart_policy import RestartPolicy
    from ..models.throttle_device import ThrottleDevice
    from ..models.ulimit import Ulimit
    from ..models.weight_device import WeightDevice


T = TypeVar("T", bound="HostConfig")


@_attrs_define
class HostConfig:
    """Container configuration that depends on the host we are running on

    Attributes:
        blkio_device_read_bps (list[ThrottleDevice] | None | Unset): Limit read rate (bytes per second) from a device,
            in the form `[{"Path": "device_path", "Rate": rate}]`.
        blkio_device_read_i_ops (list[ThrottleDevice] | None | Unset): Limit read rate (IO per second) from a device, in
            the form `[{"Path": "device_path", "Rate": rate}]`.
        blkio_device_write_bps (list[ThrottleDevice] | None | Unset): Limit write rate (bytes per second) to a device,
            in the form `[{"Path": "device_path", "Rate": rate}]`.
        blkio_device_write_i_ops (list[ThrottleDevice] | None | Unset): Limit write rate (IO per second) to a device, in
            the form `[{"Path": "device_path", "Rate": rate}]`.
        blkio_weight (int | Unset): Block IO weight (relative weight), need CFQ IO Scheduler enable.
        blkio_weight_device (list[WeightDevice] | None | Unset): Block IO weight (relative device weight) in the form
            `[{"Path": "device_path", "Weight": weight}]`.
        cgroup_parent (str | Unset): Path to `cgroups` under which the container's `cgroup` is created. If the path is
            not absolute, the path is considered to be relative to the `cgroups` path of the init process. Cgroups are
            created if they do not already exist.
        cpu_count (int | Unset): The number of usable CPUs (Windows only).
            On Windows Server containers, the processor resource controls are mutually exclusive. The order of precedence is
            `CPUCount` first, then `CPUShares`, and `CPUPercent` last.
        cpu_percent (int | Unset): The usable percentage of the available CPUs (Windows only).
            On Windows Server containers, the processor resource controls are mutually exclusive. The order of precedence is
            `CPUCount` first, then `CPUShares`, and `CPUPercent` last.
        cpu_period (int | Unset): CPU CFS (Completely Fair Scheduler) period.
            The length of a CPU period in microseconds.
        cpu_quota (int | Unset): CPU CFS (Completely Fair Scheduler) quota.
            Microseconds of CPU time that the container can get in a CPU period."
        cpu_realtime_period (int | Unset): The length of a CPU real-time period in microseconds. Set to 0 to allocate no
            time allocated to real-time tasks.
        cpu_realtime_runtime (int | Unset): The length of a CPU real-time runtime in microseconds. Set to 0 to allocate
            no time allocated to real-time tasks.
        cpu_shares (int | Unset): An integer value representing this container's relative CPU weight versus other
            containers.
        cpuset_cpus (str | Unset): CPUs in which to allow execution (e.g., `0-3`, `0,1`) Example: 0-3.
        cpuset_mems (str | Unset): Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA
            systems.
        device_cgroup_rules (list[str] | None | Unset): a list of cgroup rules to apply to the container
        devices (list[DeviceMapping] | None | Unset): A list of devices to add to the container.
        io_maximum_bandwidth (int | Unset): Maximum IO in bytes per second for the container system drive (Windows only)
        io_maximum_i_ops (int | Unset): Maximum IOps for the container system drive (Windows only)
        intel_rdt_l3_cbm (str | Unset): IntelRdtL3Cbm specifies settings for Intel RDT/CAT group that the container is
            placed into to limit the resources (e.g., L3 cache) the container has available.
        kernel_memory (int | Unset): Kernel memory limit in bytes.
        memory (int | Unset): Memory limit in bytes.
        memory_extra (int | Unset): MemoryExtra is an integer value representing memory extra in bytes
        memory_force_empty_ctl (int | Unset): MemoryForceEmptyCtl represents whether to reclaim the page cache when
            deleting cgroup.
        memory_reservation (int | Unset): Memory soft limit in bytes.
        memory_swap (int | Unset): Total memory limit (memory + swap). Set as `-1` to enable unlimited swap.
        memory_swappiness (int | None | Unset): Tune a container's memory swappiness behavior. Accepts an integer
            between 0 and 100. -1 is also accepted, as a legacy alias of 0.
        memory_wmark_ratio (int | Unset): MemoryWmarkRatio is an integer value representing this container's memory low
            water mark percentage.
            The value of memory low water mark is memory.limit_in_bytes * MemoryWmarkRatio.
        nano_cpus (int | Unset): CPU quota in units of 10<sup>-9</sup> CPUs.
        nvidia_config (NvidiaConfig | Unset):
        oom_kill_disable (bool | None | Unset): Disable OOM Killer for the container.
        pids_limit (int | None | Unset): Tune a container's pids limit. Set -1 for unlimited. Only on Linux 4.4 does
            this parameter support.
        sche_lat_switch (int | Unset): ScheLatSwitch enables scheduler latency count in cpuacct
        ulimits (list[Ulimit] | None | Unset): A list of resource limits to set in the container. For example: `{"Name":
            "nofile", "Soft": 1024, "Hard": 2048}`"
        auto_remove (bool | Unset): Automatically remove the container when the container's process exits. This has no
            effect if `RestartPolicy` is set.
        binds (list[str] | None | Unset): A list of volume bindings for this container. Each volume binding is a string
            in one of these forms:

            - `host-src:container-dest` to bind-mount a host path into the container. Both `host-src`, and `container-dest`
            must be an _absolute_ path.
            - `host-src:container-dest:ro` to make the bind mount read-only inside the container. Both `host-src`, and
            `container-dest` must be an _absolute_ path.
            - `volume-name:container-dest` to bind-mount a volume managed by a volume driver into the container. `container-
            dest` must be an _absolute_ path.
            - `volume-name:container-dest:ro` to mount the volume read-only inside the container.  `container-dest` must be
            an _absolute_ path.
        cap_add (list[str] | None | Unset): A list of kernel capabilities to add to the container.
        cap_drop (list[str] | None | Unset): A list of kernel capabilities to drop from the container.
        cgroup (str | Unset): Cgroup to use for the container.
        console_size (list[int] | None | Unset): Initial console size, as an `[height, width]` array. (Windows only)
        container_id_file (str | Unset): Path to a file where the container ID is written
        dns (list[str] | None | Unset): A list of DNS servers for the container to use.
        dns_options (list[str] | None | Unset): A list of DNS options.
        dns_search (list[str] | None | Unset): A list of DNS search domains.
        enable_lxcfs (bool | Unset): Whether to enable lxcfs.
        extra_hosts (list[str] | None | Unset): A list of hostnames/IP mappings to add to the container's `/etc/hosts`
            file. Specified in the form `["hostname:IP"]`.
        group_add (list[str] | None | Unset): A list of additional groups that the container process will run as.
        init_script (str | Unset): Initial script executed in container. The script will be executed before entrypoint
            or command
        ipc_mode (str | Unset): IPC sharing mode for the container. Possible values are:
            - `"none"`: own private IPC namespace, with /dev/shm not mounted
            - `"private"`: own private IPC namespace
            - `"shareable"`: own private IPC namespace, with a possibility to share it with other containers
            - `"container:<name|id>"`: join another (shareable) container's IPC namespace
            - `"host"`: use the host system's IPC namespace
            If not specified, daemon default is used, which can either be `"private"`
            or `"shareable"`, depending on daemon version and configuration.
        isolation (HostConfigIsolation | Unset): Isolation technology of the container. (Windows only)
        links (list[str] | None | Unset): A list of links for the container in the form `container_name:alias`.
        log_config (LogConfig | Unset): The logging configuration for this container
        masked_paths (list[str] | None | Unset): Masks over the provided paths inside the container.
        network_mode (str | Unset): Network mode to use for this container. Supported standard values are:
            `netns:<path>`, `bridge`, `host`, `none`, and `container:<name|id>`. Any other value is taken as a custom
            network's name to which this container should connect to.
        oom_score_adj (int | Unset): An integer value containing the score given to the container in order to tune OOM
            killer preferences.
            The range is in [-1000, 1000].
        pid_mode (str | Unset): Set the PID (Process) Namespace mode for the container. It can be either:
            - `"container:<name|id>"`: joins another container's PID namespace
            - `"host"`: use the host's PID namespace inside the container
        port_bindings (PortMap | Unset): PortMap describes the mapping of container ports to host ports, using the
            container's port-number and protocol as key in the format `<port>/<protocol>`,
            for example, `80/udp`.

            If a container's port is mapped for both `tcp` and `udp`, two separate
            entries are added to the mapping table.
        privileged (bool | Unset): Gives the container full access to the host.
        publish_all_ports (bool | Unset): Allocates a random host port for all of a container's exposed ports.
        readonly_paths (list[str] | None | Unset): Set the provided paths as RO inside the container.
        readonly_rootfs (bool | Unset): Mount the container's root filesystem as read only.
        restart_policy (RestartPolicy | Unset): Define container's restart policy
        rich (bool | Unset): Whether to start container in rich container mode. (default false)
        rich_mode (HostConfigRichMode | Unset): Choose one rich container mode.(default dumb-init)
        runtime (str | Unset): Runtime to use with this container.
        runtime_type (str | Unset): The runtime type used in containerd.
        security_opt (list[str] | None | Unset): A list of string values to customize labels for MLS systems, such as
            SELinux.
        shm_size (int | Unset): Size of `/dev/shm` in bytes. If omitted, the system uses 64MB.
        storage_opt (HostConfigStorageOptType0 | None | Unset): Storage driver options for this container, in the form
            `{"size": "120G"}`.
        sysctls (HostConfigSysctlsType0 | None | Unset): A list of kernel parameters (sysctls) to set in the container.
            For example: `{"net.ipv4.ip_forward": "1"}`
        tmpfs (HostConfigTmpfsType0 | None | Unset): A map of container directories which should be replaced by tmpfs
            mounts, and their corresponding mount options. For example: `{ "/run": "rw,noexec,nosuid,size=65536k" }`.
        uts_mode (str | Unset): UTS namespace to use for the container.
        userns_mode (str | Unset): Sets the usernamespace mode for the container when usernamespace remapping option is
            enabled.
        volume_driver (str | Unset): Driver that this container uses to mount volumes.
        volumes_from (list[str] | None | Unset): A list of volumes to inherit from another container, specified in the
            form `<container name>[:<ro|rw>]`.
    """

    blkio_device_read_bps: list[ThrottleDevice] | None | Unset = UNSET
    blkio_device_read_i_ops: list[ThrottleDevice] | None | Unset = UNSET
    blkio_device_write_bps: list[ThrottleDevice] | None | Unset = UNSET
    blkio_device_write_i_ops: list[ThrottleDevice] | None | Unset = UNSET
    blkio_weight: int | Unset = UNSET
    blkio_weight_device: list[WeightDevice] | None | Unset = UNSET
    cgroup_parent: str | Unset = UNSET
    cpu_count: int | Unset = UNSET
    cpu_percent: int | Unset = UNSET
    cpu_period: int | Unset = UNSET
    cpu_quota: int | Unset = UNSET
    cpu_realtime_period: int | Unset = UNSET
    cpu_realtime_runtime: int | Unset = UNSET
    cpu_shares: int | Unset = UNSET
    cpuset_cpus: str | Unset = UNSET
    cpuset_mems: str | Unset = UNSET
    device_cgroup_rules: list[str] | None | Unset = UNSET
    devices: list[DeviceMapping] | None | Unset = UNSET
    io_maximum_bandwidth: int | Unset = UNSET
    io_maximum_i_ops: int | Unset = UNSET
    intel_rdt_l3_cbm: str | Unset = UNSET
    kernel_memory: int | Unset = UNSET
    memory: int | Unset = UNSET
    memory_extra: int | Unset = UNSET
    memory_force_empty_ctl: int | Unset = UNSET
    memory_reservation: int | Unset = UNSET
    memory_swap: int | Unset = UNSET
    memory_swappiness: int | None | Unset = UNSET
    memory_wmark_ratio: int | Unset = UNSET
    nano_cpus: int | Unset = UNSET
    nvidia_config: NvidiaConfig | Unset = UNSET
    oom_kill_disable: bool | None | Unset = UNSET
    pids_limit: int | None | Unset = UNSET
    sche_lat_switch: int | Unset = UNSET
    ulimits: list[Ulimit] | None | Unset = UNSET
    auto_remove: bool | Unset = UNSET
    binds: list[str] | None | Unset = UNSET
    cap_add: list[str] | None | Unset = UNSET
    cap_drop: list[str] | None | Unset = UNSET
    cgroup: str | Unset = UNSET
    console_size: list[int] | None | Unset = UNSET
    container_id_file: str | Unset = UNSET
    dns: list[str] | None | Unset = UNSET
    dns_options: list[str] | None | Unset = UNSET
    dns_search: list[str] | None | Unset = UNSET
    enable_lxcfs: bool | Unset = UNSET
    extra_hosts: list[str] | None | Unset = UNSET
    group_add: list[str] | None | Unset = UNSET
    init_script: str | Unset = UNSET
    ipc_mode: str | Unset = UNSET
    isolation: HostConfigIsolation | Unset = UNSET
    links: list[str] | None | Unset = UNSET
    log_config: LogConfig | Unset = UNSET
    masked_paths: list[str] | None | Unset = UNSET
    network_mode: str | Unset = UNSET
    oom_score_adj: int | Unset = UNSET
    pid_mode: str | Unset = UNSET
    port_bindings: PortMap | Unset = UNSET
    privileged: bool | Unset = UNSET
    publish_all_ports: bool | Unset = UNSET
    readonly_paths: list[str] | None | Unset = UNSET
    readonly_rootfs: bool | Unset = UNSET
    restart_policy: RestartPolicy | Unset = UNSET
    rich: bool | Unset = UNSET
    rich_mode: HostConfigRichMode | Unset = UNSET
    runtime: str | Unset = UNSET
    runtime_type: str | Unset = UNSET
    security_opt: list[str] | None | Unset = UNSET
    shm_size: int | Unset = UNSET
    storage_opt: HostConfigStorageOptType0 | None | Unset = UNSET
    sysctls: HostConfigSysctlsType0 | None | Unset = UNSET
    tmpfs: HostConfigTmpfsType0 | None | Unset = UNSET
    uts_mode: str | Unset = UNSET
    userns_mode: str | Unset = UNSET
    volume_driver: str | Unset = UNSET
    volumes_from: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.host_config_storage_opt_type_0 import HostConfigStorageOptType0  # noqa: PLC0415
        from ..models.host_config_sysctls_type_0 import HostConfigSysctlsType0  # noqa: PLC0415
        from ..models.host_config_tmpfs_type_0 import HostConfigTmpfsType0  # noqa: PLC0415

        blkio_device_read_bps: list[dict[str, Any]] | None | Unset
        if isinstance(self.blkio_device_read_bps, Unset):
            blkio_device_read_bps = UNSET
        elif isinstance(self.blkio_device_read_bps, list):
            blkio_device_read_bps = []
            for blkio_device_read_bps_type_0_item_data in self.blkio_device_read_bps:
                blkio_device_read_bps_type_0_item = blkio_device_read_bps_type_0_item_data.to_dict()
                blkio_device_read_bps.append(blkio_device_read_bps_type_0_item)

        else:
            blkio_device_read_bps = self.blkio_device_read_bps

        blkio_device_read_i_ops: list[dict[str, Any]] | None | Unset
        if isinstance(self.blkio_device_read_i_ops, Unset):
            blkio_device_read_i_ops = UNSET
        elif isinstance(self.blkio_device_read_i_ops, list):
            blkio_device_read_i_ops = []
            for blkio_device_read_i_ops_type_0_item_data in self.blkio_device_read_i_ops:
                blkio_device_read_i_ops_type_0_item = blkio_device_read_i_ops_type_0_item_data.to_dict()
                blkio_device_read_i_ops.append(blkio_device_read_i_ops_type_0_item)

        else:
            blkio_device_read_i_ops = self.blkio_device_read_i_ops

        blkio_device_write_bps: list[dict[str, Any]] | None | Unset
        if isinstance(self.blkio_device_write_bps, Unset):
            blkio_device_write_bps = UNSET
        elif isinstance(self.blkio_device_write_bps, list):
            blkio_device_write_bps = []
            for blkio_device_write_bps_type_0_item_data in self.blkio_device_write_bps:
                blkio_device_write_bps_type_0_item = blkio_device_write_bps_type_0_item_data.to_dict()
                blkio_device_write_bps.append(blkio_device_write_bps_type_0_item)

        else:
            blkio_device_write_bps = self.blkio_device_write_bps

        blkio_device_write_i_ops: list[dict[str, Any]] | None | Unset
        if isinstance(self.blkio_device_write_i_ops, Unset):
            blkio_device_write_i_ops = UNSET
        elif isinstance(self.blkio_device_write_i_ops, list):
            blkio_device_write_i_ops = []
            for blkio_device_write_i_ops_type_0_item_data in self.blkio_device_write_i_ops:
                blkio_device_write_i_ops_type_0_item = blkio_device_write_i_ops_type_0_item_data.to_dict()
                blkio_device_write_i_ops.append(blkio_device_write_i_ops_type_0_item)

        else:
            blkio_device_write_i_ops = self.blkio_device_write_i_ops

        blkio_weight = self.blkio_weight

        blkio_weight_device: list[dict[str, Any]] | None | Unset
        if isinstance(self.blkio_weight_device, Unset):
            blkio_weight_device = UNSET
        elif isinstance(self.blkio_weight_device, list):
            blkio_weight_device = []
            for blkio_weight_device_type_0_item_data in self.blkio_weight_device:
                blkio_weight_device_type_0_item = blkio_weight_device_type_0_item_data.to_dict()
                blkio_weight_device.append(blkio_weight_device_type_0_item)

        else:
            blkio_weight_device = self.blkio_weight_device

        cgroup_parent = self.cgroup_parent

        cpu_count = self.cpu_count

        cpu_percent = self.cpu_percent

        cpu_period = self.cpu_period

        cpu_quota = self.cpu_quota

        cpu_realtime_period = self.cpu_realtime_period

        cpu_realtime_runtime = self.cpu_realtime_runtime

        cpu_shares = self.cpu_shares

        cpuset_cpus = self.cpuset_cpus

        cpuset_mems = self.cpuset_mems

        device_cgroup_rules: list[str] | None | Unset
        if isinstance(self.device_cgroup_rules, Unset):
            device_cgroup_rules = UNSET
        elif isinstance(self.device_cgroup_rules, list):
            device_cgroup_rules = self.device_cgroup_rules

        else:
            device_cgroup_rules = self.device_cgroup_rules

        devices: list[dict[str, Any]] | None | Unset
        if isinstance(self.devices, Unset):
            devices = UNSET
        elif isinstance(self.devices, list):
            devices = []
            for devices_type_0_item_data in self.devices:
                devices_type_0_item = devices_type_0_item_data.to_dict()
                devices.append(devices_type_0_item)

        else:
            devices = self.devices

        io_maximum_bandwidth = self.io_maximum_bandwidth

        io_maximum_i_ops = self.io_maximum_i_ops

        intel_rdt_l3_cbm = self.intel_rdt_l3_cbm

        kernel_memory = self.kernel_memory

        memory = self.memory

        memory_extra = self.memory_extra

        memory_force_empty_ctl = self.memory_force_empty_ctl

        memory_reservation = self.memory_reservation

        memory_swap = self.memory_swap

        memory_swappiness: int | None | Unset
        if isinstance(self.memory_swappiness, Unset):
            memory_swappiness = UNSET
        else:
            memory_swappiness = self.memory_swappiness

        memory_wmark_ratio = self.memory_wmark_ratio

        nano_cpus = self.nano_cpus

        nvidia_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nvidia_config, Unset):
            nvidia_config = self.nvidia_config.to_dict()

        oom_kill_disable: bool | None | Unset
        if isinstance(self.oom_kill_disable, Unset):
            oom_kill_disable = UNSET
        else:
            oom_kill_disable = self.oom_kill_disable

        pids_limit: int | None | Unset
        if isinstance(self.pids_limit, Unset):
            pids_limit = UNSET
        else:
            pids_limit = self.pids_limit

        sche_lat_switch = self.sche_lat_switch

        ulimits: list[dict[str, Any]] | None | Unset
        if isinstance(self.ulimits, Unset):
            ulimits = UNSET
        elif isinstance(self.ulimits, list):
            ulimits = []
            for ulimits_type_0_item_data in self.ulimits:
                ulimits_type_0_item = ulimits_type_0_item_data.to_dict()
                ulimits.append(ulimits_type_0_item)

        else:
            ulimits = self.ulimits

        auto_remove = self.auto_remove

        binds: list[str] | None | Unset
        if isinstance(self.binds, Unset):
            binds = UNSET
        elif isinstance(self.binds, list):
            binds = self.binds

        else:
            binds = self.binds

        cap_add: list[str] | None | Unset
        if isinstance(self.cap_add, Unset):
            cap_add = UNSET
        elif isinstance(self.cap_add, list):
            cap_add = self.cap_add

        else:
            cap_add = self.cap_add

        cap_drop: list[str] | None | Unset
        if isinstance(self.cap_drop, Unset):
            cap_drop = UNSET
        elif isinstance(self.cap_drop, list):
            cap_drop = self.cap_drop

        else:
            cap_drop = self.cap_drop

        cgroup = self.cgroup

        console_size: list[int] | None | Unset
        if isinstance(self.console_size, Unset):
            console_size = UNSET
        elif isinstance(self.console_size, list):
            console_size = self.console_size

        else:
            console_size = self.console_size

        container_id_file = self.container_id_file

        dns: list[str] | None | Unset
        if isinstance(self.dns, Unset):
            dns = UNSET
        elif isinstance(self.dns, list):
            dns = self.dns

        else:
            dns = self.dns

        dns_options: list[str] | None | Unset
        if isinstance(self.dns_options, Unset):
            dns_options = UNSET
        elif isinstance(self.dns_options, list):
            dns_options = self.dns_options

        else:
            dns_options = self.dns_options

        dns_search: list[str] | None | Unset
        if isinstance(self.dns_search, Unset):
            dns_search = UNSET
        elif isinstance(self.dns_search, list):
            dns_search = self.dns_search

        else:
            dns_search = self.dns_search

        enable_lxcfs = self.enable_lxcfs

        extra_hosts: list[str] | None | Unset
        if isinstance(self.extra_hosts, Unset):
            extra_hosts = UNSET
        elif isinstance(self.extra_hosts, list):
            extra_hosts = self.extra_hosts

        else:
            extra_hosts = self.extra_hosts

        group_add: list[str] | None | Unset
        if isinstance(self.group_add, Unset):
            group_add = UNSET
        elif isinstance(self.group_add, list):
            group_add = self.group_add

        else:
            group_add = self.group_add

        init_script = self.init_script

        ipc_mode = self.ipc_mode

        isolation: str | Unset = UNSET
        if not isinstance(self.isolation, Unset):
            isolation = self.isolation.value

        links: list[str] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, list):
            links = self.links

        else:
            links = self.links

        log_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_config, Unset):
            log_config = self.log_config.to_dict()

        masked_paths: list[str] | None | Unset
        if isinstance(self.masked_paths, Unset):
            masked_paths = UNSET
        elif isinstance(self.masked_paths, list):
            masked_paths = self.masked_paths

        else:
            masked_paths = self.masked_paths

        network_mode = self.network_mode

        oom_score_adj = self.oom_score_adj

        pid_mode = self.pid_mode

        port_bindings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.port_bindings, Unset):
            port_bindings = self.port_bindings.to_dict()

        privileged = self.privileged

        publish_all_ports = self.publish_all_ports

        readonly_paths: list[str] | None | Unset
        if isinstance(self.readonly_paths, Unset):
            readonly_paths = UNSET
        elif isinstance(self.readonly_paths, list):
            readonly_paths = self.readonly_paths

        else:
            readonly_paths = self.readonly_paths

        readonly_rootfs = self.readonly_rootfs

        restart_policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.restart_policy, Unset):
            restart_policy = self.restart_policy.to_dict()

        rich = self.rich

        rich_mode: str | Unset = UNSET
        if not isinstance(self.rich_mode, Unset):
            rich_mode = self.rich_mode.value

        runtime = self.runtime

        runtime_type = self.runtime_type

        security_opt: list[str] | None | Unset
        if isinstance(self.security_opt, Unset):
            security_opt = UNSET
        elif isinstance(self.security_opt, list):
            security_opt = self.security_opt

        else:
            security_opt = self.security_opt

        shm_size = self.shm_size

        storage_opt: dict[str, Any] | None | Unset
        if isinstance(self.storage_opt, Unset):
            storage_opt = UNSET
        elif isinstance(self.storage_opt, HostConfigStorageOptType0):
            storage_opt = self.storage_opt.to_dict()
        else:
            storage_opt = self.storage_opt

        sysctls: dict[str, Any] | None | Unset
        if isinstance(self.sysctls, Unset):
            sysctls = UNSET
        elif isinstance(self.sysctls, HostConfigSysctlsType0):
            sysctls = self.sysctls.to_dict()
        else:
            sysctls = self.sysctls

        tmpfs: dict[str, Any] | None | Unset
        if isinstance(self.tmpfs, Unset):
            tmpfs = UNSET
        elif isinstance(self.tmpfs, HostConfigTmpfsType0):
            tmpfs = self.tmpfs.to_dict()
        else:
            tmpfs = self.tmpfs

        uts_mode = self.uts_mode

        userns_mode = self.userns_mode

        volume_driver = self.volume_driver

        volumes_from: list[str] | None | Unset
        if isinstance(self.volumes_from, Unset):
            volumes_from = UNSET
        elif isinstance(self.volumes_from, list):
            volumes_from = self.volumes_from

        else:
            volumes_from = self.volumes_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if blkio_device_read_bps is not UNSET:
            field_dict["BlkioDeviceReadBps"] = blkio_device_read_bps
        if blkio_device_read_i_ops is not UNSET:
            field_dict["BlkioDeviceReadIOps"] = blkio_device_read_i_ops
        if blkio_device_write_bps is not UNSET:
            field_dict["BlkioDeviceWriteBps"] = blkio_device_write_bps
        if blkio_device_write_i_ops is not UNSET:
            field_dict["BlkioDeviceWriteIOps"] = blkio_device_write_i_ops
        if blkio_weight is not UNSET:
            field_dict["BlkioWeight"] = blkio_weight
        if blkio_weight_device is not UNSET:
            field_dict["BlkioWeightDevice"] = blkio_weight_device
        if cgroup_parent is not UNSET:
            field_dict["CgroupParent"] = cgroup_parent
        if cpu_count is not UNSET:
            field_dict["CpuCount"] = cpu_count
        if cpu_percent is not UNSET:
            field_dict["CpuPercent"] = cpu_percent
        if cpu_period is not UNSET:
            field_dict["CpuPeriod"] = cpu_period
        if cpu_quota is not UNSET:
            field_dict["CpuQuota"] = cpu_quota
        if cpu_realtime_period is not UNSET:
            field_dict["CpuRealtimePeriod"] = cpu_realtime_period
        if cpu_realtime_runtime is not UNSET:
            field_dict["CpuRealtimeRuntime"] = cpu_realtime_runtime
        if cpu_shares is not UNSET:
            field_dict["CpuShares"] = cpu_shares
        if cpuset_cpus is not UNSET:
            field_dict["CpusetCpus"] = cpuset_cpus
        if cpuset_mems is not UNSET:
            field_dict["CpusetMems"] = cpuset_mems
        if device_cgroup_rules is not UNSET:
            field_dict["DeviceCgroupRules"] = device_cgroup_rules
        if devices is not UNSET:
            field_dict["Devices"] = devices
        if io_maximum_bandwidth is not UNSET:
            field_dict["IOMaximumBandwidth"] = io_maximum_bandwidth
        if io_maximum_i_ops is not UNSET:
            field_dict["IOMaximumIOps"] = io_maximum_i_ops
        if intel_rdt_l3_cbm is not UNSET:
            field_dict["IntelRdtL3Cbm"] = intel_rdt_l3_cbm
        if kernel_memory is not UNSET:
            field_dict["KernelMemory"] = kernel_memory
        if memory is not UNSET:
            field_dict["Memory"] = memory
        if memory_extra is not UNSET:
            field_dict["MemoryExtra"] = memory_extra
        if memory_force_empty_ctl is not UNSET:
            field_dict["MemoryForceEmptyCtl"] = memory_force_empty_ctl
        if memory_reservation is not UNSET:
            field_dict["MemoryReservation"] = memory_reservation
        if memory_swap is not UNSET:
            field_dict["MemorySwap"] = memory_swap
        if memory_swappiness is not UNSET:
            field_dict["MemorySwappiness"] = memory_swappiness
        if memory_wmark_ratio is not UNSET:
            field_dict["MemoryWmarkRatio"] = memory_wmark_ratio
        if nano_cpus is not UNSET:
            field_dict["NanoCpus"] = nano_cpus
        if nvidia_config is not UNSET:
            field_dict["NvidiaConfig"] = nvidia_config
        if oom_kill_disable is not UNSET:
            field_dict["OomKillDisable"] = oom_kill_disable
        if pids_limit is not UNSET:
            field_dict["PidsLimit"] = pids_limit
        if sche_lat_switch is not UNSET:
            field_dict["ScheLatSwitch"] = sche_lat_switch
        if ulimits is not UNSET:
            field_dict["Ulimits"] = ulimits
        if auto_remove is not UNSET:
            field_dict["AutoRemove"] = auto_remove
        if binds is not UNSET:
            field_dict["Binds"] = binds
        if cap_add is not UNSET:
            field_dict["CapAdd"] = cap_add
        if cap_drop is not UNSET:
            field_dict["CapDrop"] = cap_drop
        if cgroup is not UNSET:
            field_dict["Cgroup"] = cgroup
        if console_size is not UNSET:
            field_dict["ConsoleSize"] = console_size
        if container_id_file is not UNSET:
            field_dict["ContainerIDFile"] = container_id_file
        if dns is not UNSET:
            field_dict["Dns"] = dns
        if dns_options is not UNSET:
            field_dict["DnsOptions"] = dns_options
        if dns_search is not UNSET:
            field_dict["DnsSearch"] = dns_search
        if enable_lxcfs is not UNSET:
            field_dict["EnableLxcfs"] = enable_lxcfs
        if extra_hosts is not UNSET:
            field_dict["ExtraHosts"] = extra_hosts
        if group_add is not UNSET:
            field_dict["GroupAdd"] = group_add
        if init_script is not UNSET:
            field_dict["InitScript"] = init_script
        if ipc_mode is not UNSET:
            field_dict["IpcMode"] = ipc_mode
        if isolation is not UNSET:
            field_dict["Isolation"] = isolation
        if links is not UNSET:
            field_dict["Links"] = links
        if log_config is not UNSET:
            field_dict["LogConfig"] = log_config
        if masked_paths is not UNSET:
            field_dict["MaskedPaths"] = masked_paths
        if network_mode is not UNSET:
            field_dict["NetworkMode"] = network_mode
        if oom_score_adj is not UNSET:
            field_dict["OomScoreAdj"] = oom_score_adj
        if pid_mode is not UNSET:
            field_dict["PidMode"] = pid_mode
        if port_bindings is not UNSET:
            field_dict["PortBindings"] = port_bindings
        if privileged is not UNSET:
            field_dict["Privileged"] = privileged
        if publish_all_ports is not UNSET:
            field_dict["PublishAllPorts"] = publish_all_ports
        if readonly_paths is not UNSET:
            field_dict["ReadonlyPaths"] = readonly_paths
        if readonly_rootfs is not UNSET:
            field_dict["ReadonlyRootfs"] = readonly_rootfs
        if restart_policy is not UNSET:
            field_dict["RestartPolicy"] = restart_policy
        if rich is not UNSET:
            field_dict["Rich"] = rich
        if rich_mode is not UNSET:
            field_dict["RichMode"] = rich_mode
        if runtime is not UNSET:
            field_dict["Runtime"] = runtime
        if runtime_type is not UNSET:
            field_dict["RuntimeType"] = runtime_type
        if security_opt is not UNSET:
            field_dict["SecurityOpt"] = security_opt
        if shm_size is not UNSET:
            field_dict["ShmSize"] = shm_size
        if storage_opt is not UNSET:
            field_dict["StorageOpt"] = storage_opt
        if sysctls is not UNSET:
            field_dict["Sysctls"] = sysctls
        if tmpfs is not UNSET:
            field_dict["Tmpfs"] = tmpfs
        if uts_mode is not UNSET:
            field_dict["UTSMode"] = uts_mode
        if userns_mode is not UNSET:
            field_dict["UsernsMode"] = userns_mode
        if volume_driver is not UNSET:
            field_dict["VolumeDriver"] = volume_driver
        if volumes_from is not UNSET:
            field_dict["VolumesFrom"] = volumes_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.device_mapping import DeviceMapping  # noqa: PLC0415
        from ..models.host_config_storage_opt_type_0 import HostConfigStorageOptType0  # noqa: PLC0415
        from ..models.host_config_sysctls_type_0 import HostConfigSysctlsType0  # noqa: PLC0415
        from ..models.host_config_tmpfs_type_0 import HostConfigTmpfsType0  # noqa: PLC0415
        from ..models.log_config import LogConfig  # noqa: PLC0415
        from ..models.nvidia_config import NvidiaConfig  # noqa: PLC0415
        from ..models.port_map import PortMap  # noqa: PLC0415
        from ..models.restart_policy import RestartPolicy  # noqa: PLC0415
        from ..models.throttle_device import ThrottleDevice  # noqa: PLC0415
        from ..models.ulimit import Ulimit  # noqa: PLC0415
        from ..models.weight_device import WeightDevice  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_blkio_device_read_bps(data: object) -> list[ThrottleDevice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blkio_device_read_bps_type_0 = []
                _blkio_device_read_bps_type_0 = data
                for blkio_device_read_bps_type_0_item_data in _blkio_device_read_bps_type_0:
                    blkio_device_read_bps_type_0_item = ThrottleDevice.from_dict(blkio_device_read_bps_type_0_item_data)

                    blkio_device_read_bps_type_0.append(blkio_device_read_bps_type_0_item)

                return blkio_device_read_bps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ThrottleDevice] | None | Unset, data)

        blkio_device_read_bps = _parse_blkio_device_read_bps(d.pop("BlkioDeviceReadBps", UNSET))

        def _parse_blkio_device_read_i_ops(data: object) -> list[ThrottleDevice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blkio_device_read_i_ops_type_0 = []
                _blkio_device_read_i_ops_type_0 = data
                for blkio_device_read_i_ops_type_0_item_data in _blkio_device_read_i_ops_type_0:
                    blkio_device_read_i_ops_type_0_item = ThrottleDevice.from_dict(
                        blkio_device_read_i_ops_type_0_item_data
                    )

                    blkio_device_read_i_ops_type_0.append(blkio_device_read_i_ops_type_0_item)

                return blkio_device_read_i_ops_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ThrottleDevice] | None | Unset, data)

        blkio_device_read_i_ops = _parse_blkio_device_read_i_ops(d.pop("BlkioDeviceReadIOps", UNSET))

        def _parse_blkio_device_write_bps(data: object) -> list[ThrottleDevice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blkio_device_write_bps_type_0 = []
                _blkio_device_write_bps_type_0 = data
                for blkio_device_write_bps_type_0_item_data in _blkio_device_write_bps_type_0:
                    blkio_device_write_bps_type_0_item = ThrottleDevice.from_dict(
                        blkio_device_write_bps_type_0_item_data
                    )

                    blkio_device_write_bps_type_0.append(blkio_device_write_bps_type_0_item)

                return blkio_device_write_bps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ThrottleDevice] | None | Unset, data)

        blkio_device_write_bps = _parse_blkio_device_write_bps(d.pop("BlkioDeviceWriteBps", UNSET))

        def _parse_blkio_device_write_i_ops(data: object) -> list[ThrottleDevice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blkio_device_write_i_ops_type_0 = []
                _blkio_device_write_i_ops_type_0 = data
                for blkio_device_write_i_ops_type_0_item_data in _blkio_device_write_i_ops_type_0:
                    blkio_device_write_i_ops_type_0_item = ThrottleDevice.from_dict(
                        blkio_device_write_i_ops_type_0_item_data
                    )

                    blkio_device_write_i_ops_type_0.append(blkio_device_write_i_ops_type_0_item)

                return blkio_device_write_i_ops_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ThrottleDevice] | None | Unset, data)

        blkio_device_write_i_ops = _parse_blkio_device_write_i_ops(d.pop("BlkioDeviceWriteIOps", UNSET))

        blkio_weight = d.pop("BlkioWeight", UNSET)

        def _parse_blkio_weight_device(data: object) -> list[WeightDevice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blkio_weight_device_type_0 = []
                _blkio_weight_device_type_0 = data
                for blkio_weight_device_type_0_item_data in _blkio_weight_device_type_0:
                    blkio_weight_device_type_0_item = WeightDevice.from_dict(blkio_weight_device_type_0_item_data)

                    blkio_weight_device_type_0.append(blkio_weight_device_type_0_item)

                return blkio_weight_device_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WeightDevice] | None | Unset, data)

        blkio_weight_device = _parse_blkio_weight_device(d.pop("BlkioWeightDevice", UNSET))

        cgroup_parent = d.pop("CgroupParent", UNSET)

        cpu_count = d.pop("CpuCount", UNSET)

        cpu_percent = d.pop("CpuPercent", UNSET)

        cpu_period = d.pop("CpuPeriod", UNSET)

        cpu_quota = d.pop("CpuQuota", UNSET)

        cpu_realtime_period = d.pop("CpuRealtimePeriod", UNSET)

        cpu_realtime_runtime = d.pop("CpuRealtimeRuntime", UNSET)

        cpu_shares = d.pop("CpuShares", UNSET)

        cpuset_cpus = d.pop("CpusetCpus", UNSET)

        cpuset_mems = d.pop("CpusetMems", UNSET)

        def _parse_device_cgroup_rules(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                device_cgroup_rules_type_0 = cast(list[str], data)

                return device_cgroup_rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        device_cgroup_rules = _parse_device_cgroup_rules(d.pop("DeviceCgroupRules", UNSET))

        def _parse_devices(data: object) -> list[DeviceMapping] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                devices_type_0 = []
                _devices_type_0 = data
                for devices_type_0_item_data in _devices_type_0:
                    devices_type_0_item = DeviceMapping.from_dict(devices_type_0_item_data)

                    devices_type_0.append(devices_type_0_item)

                return devices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DeviceMapping] | None | Unset, data)

        devices = _parse_devices(d.pop("Devices", UNSET))

        io_maximum_bandwidth = d.pop("IOMaximumBandwidth", UNSET)

        io_maximum_i_ops = d.pop("IOMaximumIOps", UNSET)

        intel_rdt_l3_cbm = d.pop("IntelRdtL3Cbm", UNSET)

        kernel_memory = d.pop("KernelMemory", UNSET)

        memory = d.pop("Memory", UNSET)

        memory_extra = d.pop("MemoryExtra", UNSET)

        memory_force_empty_ctl = d.pop("MemoryForceEmptyCtl", UNSET)

        memory_reservation = d.pop("MemoryReservation", UNSET)

        memory_swap = d.pop("MemorySwap", UNSET)

        def _parse_memory_swappiness(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        memory_swappiness = _parse_memory_swappiness(d.pop("MemorySwappiness", UNSET))

        memory_wmark_ratio = d.pop("MemoryWmarkRatio", UNSET)

        nano_cpus = d.pop("NanoCpus", UNSET)

        _nvidia_config = d.pop("NvidiaConfig", UNSET)
        nvidia_config: NvidiaConfig | Unset
        if isinstance(_nvidia_config, Unset):
            nvidia_config = UNSET
        else:
            nvidia_config = NvidiaConfig.from_dict(_nvidia_config)

        def _parse_oom_kill_disable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        oom_kill_disable = _parse_oom_kill_disable(d.pop("OomKillDisable", UNSET))

        def _parse_pids_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pids_limit = _parse_pids_limit(d.pop("PidsLimit", UNSET))

        sche_lat_switch = d.pop("ScheLatSwitch", UNSET)

        def _parse_ulimits(data: object) -> list[Ulimit] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ulimits_type_0 = []
                _ulimits_type_0 = data
                for ulimits_type_0_item_data in _ulimits_type_0:
                    ulimits_type_0_item = Ulimit.from_dict(ulimits_type_0_item_data)

                    ulimits_type_0.append(ulimits_type_0_item)

                return ulimits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Ulimit] | None | Unset, data)

        ulimits = _parse_ulimits(d.pop("Ulimits", UNSET))

        auto_remove = d.pop("AutoRemove", UNSET)

        def _parse_binds(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                binds_type_0 = cast(list[str], data)

                return binds_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        binds = _parse_binds(d.pop("Binds", UNSET))

        def _parse_cap_add(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cap_add_type_0 = cast(list[str], data)

                return cap_add_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        cap_add = _parse_cap_add(d.pop("CapAdd", UNSET))

        def _parse_cap_drop(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cap_drop_type_0 = cast(list[str], data)

                return cap_drop_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        cap_drop = _parse_cap_drop(d.pop("CapDrop", UNSET))

        cgroup = d.pop("Cgroup", UNSET)

        def _parse_console_size(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                console_size_type_0 = cast(list[int], data)

                return console_size_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        console_size = _parse_console_size(d.pop("ConsoleSize", UNSET))

        container_id_file = d.pop("ContainerIDFile", UNSET)

        def _parse_dns(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dns_type_0 = cast(list[str], data)

                return dns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        dns = _parse_dns(d.pop("Dns", UNSET))

        def _parse_dns_options(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dns_options_type_0 = cast(list[str], data)

                return dns_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        dns_options = _parse_dns_options(d.pop("DnsOptions", UNSET))

        def _parse_dns_search(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dns_search_type_0 = cast(list[str], data)

                return dns_search_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        dns_search = _parse_dns_search(d.pop("DnsSearch", UNSET))

        enable_lxcfs = d.pop("EnableLxcfs", UNSET)

        def _parse_extra_hosts(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                extra_hosts_type_0 = cast(list[str], data)

                return extra_hosts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        extra_hosts = _parse_extra_hosts(d.pop("ExtraHosts", UNSET))

        def _parse_group_add(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                group_add_type_0 = cast(list[str], data)

                return group_add_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        group_add = _parse_group_add(d.pop("GroupAdd", UNSET))

        init_script = d.pop("InitScript", UNSET)

        ipc_mode = d.pop("IpcMode", UNSET)

        _isolation = d.pop("Isolation", UNSET)
        isolation: HostConfigIsolation | Unset
        if isinstance(_isolation, Unset):
            isolation = UNSET
        else:
            isolation = HostConfigIsolation(_isolation)

        def _parse_links(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                links_type_0 = cast(list[str], data)

                return links_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        links = _parse_links(d.pop("Links", UNSET))

        _log_config = d.pop("LogConfig", UNSET)
        log_config: LogConfig | Unset
        if isinstance(_log_config, Unset):
            log_config = UNSET
        else:
            log_config = LogConfig.from_dict(_log_config)

        def _parse_masked_paths(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                masked_paths_type_0 = cast(list[str], data)

                return masked_paths_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        masked_paths = _parse_masked_paths(d.pop("MaskedPaths", UNSET))

        network_mode = d.pop("NetworkMode", UNSET)

        oom_score_adj = d.pop("OomScoreAdj", UNSET)

        pid_mode = d.pop("PidMode", UNSET)

        _port_bindings = d.pop("PortBindings", UNSET)
        port_bindings: PortMap | Unset
        if isinstance(_port_bindings, Unset):
            port_bindings = UNSET
        else:
            port_bindings = PortMap.from_dict(_port_bindings)

        privileged = d.pop("Privileged", UNSET)

        publish_all_ports = d.pop("PublishAllPorts", UNSET)

        def _parse_readonly_paths(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                readonly_paths_type_0 = cast(list[str], data)

                return readonly_paths_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        readonly_paths = _parse_readonly_paths(d.pop("ReadonlyPaths", UNSET))

        readonly_rootfs = d.pop("ReadonlyRootfs", UNSET)

        _restart_policy = d.pop("RestartPolicy", UNSET)
        restart_policy: RestartPolicy | Unset
        if isinstance(_restart_policy, Unset):
            restart_policy = UNSET
        else:
            restart_policy = RestartPolicy.from_dict(_restart_policy)

        rich = d.pop("Rich", UNSET)

        _rich_mode = d.pop("RichMode", UNSET)
        rich_mode: HostConfigRichMode | Unset
        if isinstance(_rich_mode, Unset):
            rich_mode = UNSET
        else:
            rich_mode = HostConfigRichMode(_rich_mode)

        runtime = d.pop("Runtime", UNSET)

        runtime_type = d.pop("RuntimeType", UNSET)

        def _parse_security_opt(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                security_opt_type_0 = cast(list[str], data)

                return security_opt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        security_opt = _parse_security_opt(d.pop("SecurityOpt", UNSET))

        shm_size = d.pop("ShmSize", UNSET)

        def _parse_storage_opt(data: object) -> HostConfigStorageOptType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                storage_opt_type_0 = HostConfigStorageOptType0.from_dict(data)

                return storage_opt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HostConfigStorageOptType0 | None | Unset, data)

        storage_opt = _parse_storage_opt(d.pop("StorageOpt", UNSET))

        def _parse_sysctls(data: object) -> HostConfigSysctlsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sysctls_type_0 = HostConfigSysctlsType0.from_dict(data)

                return sysctls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HostConfigSysctlsType0 | None | Unset, data)

        sysctls = _parse_sysctls(d.pop("Sysctls", UNSET))

        def _parse_tmpfs(data: object) -> HostConfigTmpfsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tmpfs_type_0 = HostConfigTmpfsType0.from_dict(data)

                return tmpfs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HostConfigTmpfsType0 | None | Unset, data)

        tmpfs = _parse_tmpfs(d.pop("Tmpfs", UNSET))

        uts_mode = d.pop("UTSMode", UNSET)

        userns_mode = d.pop("UsernsMode", UNSET)

        volume_driver = d.pop("VolumeDriver", UNSET)

        def _parse_volumes_from(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                volumes_from_type_0 = cast(list[str], data)

                return volumes_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        volumes_from = _parse_volumes_from(d.pop("VolumesFrom", UNSET))

        host_config = cls(
            blkio_device_read_bps=blkio_device_read_bps,
            blkio_device_read_i_ops=blkio_device_read_i_ops,
            blkio_device_write_bps=blkio_device_write_bps,
            blkio_device_write_i_ops=blkio_device_write_i_ops,
            blkio_weight=blkio_weight,
            blkio_weight_device=blkio_weight_device,
            cgroup_parent=cgroup_parent,
            cpu_count=cpu_count,
            cpu_percent=cpu_percent,
            cpu_period=cpu_period,
            cpu_quota=cpu_quota,
            cpu_realtime_period=cpu_realtime_period,
            cpu_realtime_runtime=cpu_realtime_runtime,
            cpu_shares=cpu_shares,
            cpuset_cpus=cpuset_cpus,
            cpuset_mems=cpuset_mems,
            device_cgroup_rules=device_cgroup_rules,
            devices=devices,
            io_maximum_bandwidth=io_maximum_bandwidth,
            io_maximum_i_ops=io_maximum_i_ops,
            intel_rdt_l3_cbm=intel_rdt_l3_cbm,
            kernel_memory=kernel_memory,
            memory=memory,
            memory_extra=memory_extra,
            memory_force_empty_ctl=memory_force_empty_ctl,
            memory_reservation=memory_reservation,
            memory_swap=memory_swap,
            memory_swappiness=memory_swappiness,
            memory_wmark_ratio=memory_wmark_ratio,
            nano_cpus=nano_cpus,
            nvidia_config=nvidia_config,
            oom_kill_disable=oom_kill_disable,
            pids_limit=pids_limit,
            sche_lat_switch=sche_lat_switch,
            ulimits=ulimits,
            auto_remove=auto_remove,
            binds=binds,
            cap_add=cap_add,
            cap_drop=cap_drop,
            cgroup=cgroup,
            console_size=console_size,
            container_id_file=container_id_file,
            dns=dns,
            dns_options=dns_options,
            dns_search=dns_search,
            enable_lxcfs=enable_lxcfs,
            extra_hosts=extra_hosts,
            group_add=group_add,
            init_script=init_script,
            ipc_mode=ipc_mode,
            isolation=isolation,
            links=links,
            log_config=log_config,
            masked_paths=masked_paths,
            network_mode=network_mode,
            oom_score_adj=oom_score_adj,
            pid_mode=pid_mode,
            port_bindings=port_bindings,
            privileged=privileged,
            publish_all_ports=publish_all_ports,
            readonly_paths=readonly_paths,
            readonly_rootfs=readonly_rootfs,
            restart_policy=restart_policy,
            rich=rich,
            rich_mode=rich_mode,
            runtime=runtime,
            runtime_type=runtime_type,
            security_opt=security_opt,
            shm_size=shm_size,
            storage_opt=storage_opt,
            sysctls=sysctls,
            tmpfs=tmpfs,
            uts_mode=uts_mode,
            userns_mode=userns_mode,
            volume_driver=volume_driver,
            volumes_from=volumes_from,
        )

        host_config.additional_properties = d
        return host_config

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
