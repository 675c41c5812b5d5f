from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.device_mapping import DeviceMapping
    from ..models.nvidia_config import NvidiaConfig
    from ..models.throttle_device import ThrottleDevice
    from ..models.ulimit import Ulimit
    from ..models.weight_device import WeightDevice


T = TypeVar("T", bound="Resources")


@_attrs_define
class Resources:
    """A container's resources (cgroups config, ulimits, etc)

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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.device_mapping import DeviceMapping  # noqa: PLC0415
        from ..models.nvidia_config import NvidiaConfig  # noqa: PLC0415
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

        resources = cls(
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
        )

        resources.additional_properties = d
        return resources

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
