"""Create/update-time checks of a ContainerCreateConfig against what this host can honour.

Every check either raises InvalidParameter (400) with a message a user can act on, or adds
a Warning to the create/update response: no field is silently dropped.
"""

from __future__ import annotations

import os
import re
import signal
import stat
from typing import Any

from runtime.containers import hostcaps
from runtime.errors import InvalidParameter

MIN_MEMORY = 6 * 1024 * 1024  # dockerd's floor: below it the runtime itself cannot start
MIN_CPU_SHARES, MAX_CPU_SHARES = 2, 262144  # the kernel's cpu.shares range

CAPABILITIES = (
    "AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE "
    "DAC_READ_SEARCH FOWNER FSETID IPC_LOCK IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD "
    "NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW PERFMON SETFCAP SETGID SETPCAP SETUID SYSLOG SYS_ADMIN "
    "SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE SYS_RAWIO SYS_RESOURCE SYS_TIME "
    "SYS_TTY_CONFIG WAKE_ALARM"
).split()

# Sysctls that live in a namespace the container owns (dockerd's whitelist).
NAMESPACED_SYSCTLS = (
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
)
NAMESPACED_SYSCTL_PREFIXES = ("fs.mqueue.", "net.")

# Fields this engine does not implement on Linux: a non-default value earns a Warning. Pouch's
# own fields (DiskQuota, lxcfs, rich mode, the AliKernel resources) are not here: they work or
# are refused with the reason (containers/features.py).
UNSUPPORTED_CONFIG = ("NetPriority", "Snapshotter", "MacAddress")
UNSUPPORTED_HOST = (
    "CpuCount",
    "CpuPercent",
    "IOMaximumBandwidth",
    "IOMaximumIOps",
    "StorageOpt",
    "UsernsMode",
    "DeviceCgroupRules",
    "VolumeDriver",
    "ContainerIDFile",
    "ConsoleSize",
    "Isolation",
    "Cgroup",
)

# Signal names as dockerd takes them (without SIG), from the host's own table.
SIGNALS = {
    name[3:]: int(num)
    for name, num in signal.Signals.__members__.items()
    if name.startswith("SIG") and not name.startswith("SIG_")
}


def parse_signal(value: str | int | None, default: int = 15) -> int:
    """A StopSignal as dockerd takes it: SIGTERM, TERM, 15."""
    if value in (None, ""):
        return default
    text = str(value).upper()
    if text.isdigit():
        num = int(text)
        if 0 < num < 65:
            return num
    else:
        name = text[3:] if text.startswith("SIG") else text
        if name in SIGNALS:
            return SIGNALS[name]
        m = re.fullmatch(r"RTMIN\+(\d+)|RTMAX-(\d+)", name)
        if m:
            num = signal.SIGRTMIN + int(m.group(1)) if m.group(1) else signal.SIGRTMAX - int(m.group(2))
            if signal.SIGRTMIN <= num <= signal.SIGRTMAX:
                return int(num)
    raise InvalidParameter(f"Invalid signal: {value}")


def _nonzero(value: Any) -> bool:
    if isinstance(value, list) and value and all(v in (None, 0) for v in value):
        return False  # ConsoleSize [0, 0]: the docker CLI's default, "no size"
    return value not in (None, 0, "", False, [], {})


def check_capabilities(caps: list[str] | None, field: str) -> list[str]:
    out = []
    for cap in caps or []:
        name = cap.upper()
        name = name[4:] if name.startswith("CAP_") else name
        if name != "ALL" and name not in CAPABILITIES:
            raise InvalidParameter(f"{field}: unknown capability: {cap!r}")
        if field == "CapAdd" and name != "ALL" and name not in hostcaps.bounding_caps():
            raise InvalidParameter(f"CapAdd: the host does not grant CAP_{name} to this engine")
        out.append(name)
    return out


def check_resources(
    res: dict[str, Any], warnings: list[str], updating: bool = False, asked: dict[str, Any] | None = None
) -> None:
    """Resources shared by HostConfig (create) and UpdateConfig (update). ``asked``: the fields the
    request itself names (an update warns about what it asks for, not what the create did)."""
    check_ulimits(res.get("Ulimits"))  # a Resources field: an update must not store what create refuses
    memory = res.get("Memory") or 0
    swap = res.get("MemorySwap") or 0
    if memory and memory < MIN_MEMORY:
        raise InvalidParameter("Minimum memory limit allowed is 6MB")
    if swap and swap != -1:
        if not hostcaps.swap_limit_supported():
            warnings.append("Your kernel does not support swap limit capabilities, memory limited without swap.")
        elif not memory and not updating:
            raise InvalidParameter("You should always set the Memory limit when using Memoryswap limit")
        elif memory and swap < memory:
            raise InvalidParameter("Minimum memoryswap limit should be larger than memory limit, see usage")
    reservation = res.get("MemoryReservation") or 0
    if reservation and reservation < MIN_MEMORY:
        raise InvalidParameter("Minimum memory reservation allowed is 6MB")
    if memory and reservation and reservation > memory:
        raise InvalidParameter("Minimum memory limit can not be less than memory reservation limit, see usage")
    swappiness = res.get("MemorySwappiness")
    if swappiness is not None and not -1 <= swappiness <= 100:
        raise InvalidParameter(f"Invalid value: {swappiness}, valid memory swappiness range is 0-100")
    if res.get("KernelMemory"):
        if res["KernelMemory"] < 4 * 1024 * 1024:
            raise InvalidParameter("Minimum kernel memory limit allowed is 4MB")
        if not hostcaps.kernel_memory_supported():
            warnings.append(
                "Your kernel does not support kernel memory limit capabilities or the kernel "
                "memory limit is not applied, KernelMemory discarded."
            )
    if res.get("OomKillDisable") and not memory:
        warnings.append(
            "OOM killer is disabled for the container, but no memory limit is set, "
            "this can result in the system running out of resources."
        )
    nano = res.get("NanoCpus") or 0
    if nano:
        if res.get("CpuQuota") or res.get("CpuPeriod"):
            raise InvalidParameter("Conflicting options: Nano CPUs and CPU Period/Quota cannot both be set")
        ncpu = len(hostcaps.online_cpus())
        if nano < 0 or nano > ncpu * 1_000_000_000:
            raise InvalidParameter(f"Range of CPUs is from 0.01 to {ncpu}.00, as there are only {ncpu} CPUs available")
    period = res.get("CpuPeriod") or 0
    if period and not 1000 <= period <= 1_000_000:
        raise InvalidParameter("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)")
    quota = res.get("CpuQuota") or 0
    if quota and quota != -1 and quota < 1000:
        raise InvalidParameter("CPU cfs quota can not be less than 1ms (i.e. 1000)")
    shares = res.get("CpuShares") or 0
    if shares < 0:
        raise InvalidParameter("CpuShares can not be negative")
    if shares and not MIN_CPU_SHARES <= shares <= MAX_CPU_SHARES:
        # dockerd's adaptation: the kernel's range, with a warning (runc refuses anything else).
        res["CpuShares"] = min(max(shares, MIN_CPU_SHARES), MAX_CPU_SHARES)
        warnings.append(f"Changing requested CpuShares of {shares} to the allowed {res['CpuShares']}")
    for field, available in (("CpusetCpus", hostcaps.online_cpus), ("CpusetMems", hostcaps.online_mems)):
        value = res.get(field)
        if value:
            try:
                wanted = hostcaps.parse_cpu_list(value)
            except ValueError:
                raise InvalidParameter(f"Invalid value {value} for {field}") from None
            if not wanted <= available():
                raise InvalidParameter(f"Requested {field}: {value} is not available on this host")
    if res.get("CpuRealtimePeriod") or res.get("CpuRealtimeRuntime"):
        warnings.append("CpuRealtimePeriod/CpuRealtimeRuntime are not applied by this engine, discarded.")
    if res.get("BlkioWeight") or res.get("BlkioWeightDevice"):
        warnings.append(
            "Your kernel does not support Block I/O weight or the cgroup is not enabled, "
            "BlkioWeight/BlkioWeightDevice discarded."
        )
    weight = res.get("BlkioWeight") or 0
    if weight and not 10 <= weight <= 1000:
        raise InvalidParameter("Range of blkio weight is from 10 to 1000")
    for field in ("BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps"):
        for dev in res.get(field) or []:
            device_numbers(dev.get("Path") or "", field)
            if (dev.get("Rate") or 0) < 0:
                raise InvalidParameter(f"{field}: rate must not be negative")
    pids = res.get("PidsLimit")
    if pids and not hostcaps.pids_supported():
        warnings.append("Your kernel does not support pids limit capabilities, PidsLimit discarded.")
    for dev in res.get("Devices") or []:
        check_device(dev)
    asked = res if asked is None else asked
    for name in UNSUPPORTED_HOST:
        if name in asked and _nonzero(asked.get(name)):
            warnings.append(f"{name} is not supported by this engine on Linux and was ignored.")


def device_numbers(path: str, field: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        raise InvalidParameter(f"{field}: no such device: {path!r}") from None
    if not stat.S_ISBLK(st.st_mode):
        raise InvalidParameter(f"{field}: {path!r} is not a block device")
    return os.major(st.st_rdev), os.minor(st.st_rdev)


def check_device(dev: dict[str, Any]) -> None:
    host = dev.get("PathOnHost") or ""
    if not host:
        raise InvalidParameter("Devices: PathOnHost is required")
    if not os.path.exists(host):
        raise InvalidParameter(
            f"error gathering device information while adding custom device {host!r}: no such file or directory"
        )
    perms = dev.get("CgroupPermissions") or "rwm"
    if not perms or set(perms) - set("rwm"):
        raise InvalidParameter(f"invalid device cgroup permissions {perms!r}: want a combination of r, w, m")


def check_ns_mode(value: str | None, field: str, allow_container: bool) -> None:
    if not value or value in ("host", "private", "shareable") or (field == "UTSMode" and value == "host"):
        return
    if allow_container and value.startswith("container:") and value[len("container:") :]:
        return
    raise InvalidParameter(f"invalid {field}: {value}")


def check_security_opt(opts: list[str] | None, warnings: list[str]) -> None:
    for opt in opts or []:
        key, sep, value = opt.partition("=")
        if not sep:
            key, sep, value = opt.partition(":")
        if key == "no-new-privileges":
            if value not in ("", "true", "false"):
                raise InvalidParameter(f"invalid --security-opt: {opt!r}")
        elif key == "seccomp":
            if value != "unconfined":
                warnings.append(f"security-opt {opt!r}: no seccomp profile is applied by this engine")
        elif key in ("apparmor", "label"):
            warnings.append(f"security-opt {opt!r}: {key} is not enabled on this host, ignored")
        else:
            raise InvalidParameter(f"invalid --security-opt: {opt!r}")


def check_sysctls(sysctls: dict[str, str] | None, network_mode: str) -> None:
    for key in sysctls or {}:
        if key in NAMESPACED_SYSCTLS or key.startswith(NAMESPACED_SYSCTL_PREFIXES):
            if key.startswith("net.") and network_mode == "host":
                raise InvalidParameter(f"sysctl {key!r} is not allowed in host network namespace")
            continue
        raise InvalidParameter(f"sysctl {key!r} is not allowed: it is not in a namespace the container owns")


def check_ulimits(ulimits: list[dict[str, Any]] | None) -> None:
    for ul in ulimits or []:
        name = (ul.get("Name") or "").lower()
        if name not in hostcaps.RLIMITS:
            raise InvalidParameter(f"invalid ulimit name {ul.get('Name')!r}")
        soft, hard = ul.get("Soft"), ul.get("Hard")
        if soft is None or hard is None:
            raise InvalidParameter(f"ulimit {name}: Soft and Hard are required")
        if soft > hard:
            raise InvalidParameter(f"ulimit {name}: soft limit {soft} is larger than hard limit {hard}")
        host_hard = hostcaps.host_hard_limit(name)
        if host_hard != -1 and (hard < 0 or hard > host_hard) and not hostcaps.has_cap_sys_resource():
            raise InvalidParameter(
                f"ulimit {name}: hard limit {hard} exceeds the host's hard limit {host_hard} "
                "(the engine lacks CAP_SYS_RESOURCE)"
            )


def check_oom_score_adj(value: int | None) -> None:
    if not value:
        return
    if not -1000 <= value <= 1000:
        raise InvalidParameter(f"Invalid value {value}, range for oom score adj is [-1000, 1000]")
    floor = hostcaps.own_oom_score_adj()
    if value < floor and not hostcaps.has_cap_sys_resource():
        raise InvalidParameter(
            f"OomScoreAdj {value} is below the engine's own ({floor}): the host does not grant CAP_SYS_RESOURCE"
        )


KEPT_AS_GIVEN = frozenset({"Labels", "Label"})  # stored and shown, never handed to the kernel


def check_no_nul(value: Any, field: str) -> None:
    """Refuse a NUL byte in any string of a config (labels aside): paths, argv and environ
    cannot carry one, and runc would fail only at start (a 500 there, as in dockerd)."""
    if isinstance(value, str):
        if "\0" in value:
            raise InvalidParameter(f"{field}: a NUL byte is not allowed")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_no_nul(item, f"{field}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in KEPT_AS_GIVEN:
                continue
            where = f"{field}.{key}" if field else str(key)
            if "\0" in str(key):
                raise InvalidParameter(f"{where}: a NUL byte is not allowed")
            check_no_nul(item, where)


def check_host_config(config: dict[str, Any], host: dict[str, Any], runtimes: list[str]) -> list[str]:
    """Validate a create request; returns the Warnings for the response."""
    warnings: list[str] = []
    check_no_nul(config, "")
    check_no_nul(host, "HostConfig")
    check_resources(host, warnings)
    check_capabilities(host.get("CapAdd"), "CapAdd")
    check_capabilities(host.get("CapDrop"), "CapDrop")
    check_oom_score_adj(host.get("OomScoreAdj"))
    check_security_opt(host.get("SecurityOpt"), warnings)
    check_sysctls(host.get("Sysctls"), host.get("NetworkMode") or "")
    check_ns_mode(host.get("PidMode"), "PidMode", allow_container=True)
    check_ns_mode(host.get("IpcMode"), "IpcMode", allow_container=True)
    check_ns_mode(host.get("UTSMode"), "UTSMode", allow_container=False)
    runtime = host.get("Runtime") or ""
    if runtime and runtime not in runtimes:
        raise InvalidParameter(f"unknown runtime {runtime!r}: available {', '.join(runtimes)}")
    if runtime and runtime != "runc":
        raise InvalidParameter(f"runtime {runtime!r} cannot run containers on this host's cgroup layout; use runc")
    workdir = config.get("WorkingDir") or ""
    if workdir and not workdir.startswith("/"):
        raise InvalidParameter(f"the working directory '{workdir}' is invalid, it needs to be an absolute path")
    shm = host.get("ShmSize")
    if shm is not None and shm < 0:
        raise InvalidParameter("SHM size can not be less than 0")
    for path in list(host.get("MaskedPaths") or []) + list(host.get("ReadonlyPaths") or []):
        if not path.startswith("/"):
            raise InvalidParameter(f"masked/readonly path {path!r} must be absolute")
    for dest in host.get("Tmpfs") or {}:
        if not dest.startswith("/"):
            raise InvalidParameter(f"invalid tmpfs mount point {dest!r}: must be absolute")
    log_type = (host.get("LogConfig") or {}).get("Type") or "json-file"
    if log_type not in ("json-file", "none"):
        warnings.append(
            f"logging driver {log_type!r} is not supported: logs are kept by conmon and read back as json-file would be"
        )
    policy = host.get("RestartPolicy") or {}
    check_restart_policy(policy)
    if host.get("AutoRemove") and policy.get("Name") not in (None, "", "no"):
        raise InvalidParameter("can't create 'AutoRemove' container with restart policy")
    hostname = config.get("Hostname") or ""
    if hostname and not re.fullmatch(r"[a-zA-Z0-9]([a-zA-Z0-9.-]{0,62})", hostname):
        raise InvalidParameter(f"invalid hostname format: {hostname}")
    if hostname and host.get("UTSMode") == "host":
        raise InvalidParameter("Conflicting options: hostname and the UTS mode")
    parse_signal(config.get("StopSignal"))
    if config.get("StopTimeout") is not None and config["StopTimeout"] < 0:
        raise InvalidParameter("StopTimeout must not be negative")
    if config.get("SpecificID"):
        if not re.fullmatch(r"[0-9a-f]{64}", config["SpecificID"]):
            raise InvalidParameter("SpecificID must be 64 characters of 0123456789abcdef")
    for name in UNSUPPORTED_CONFIG:
        if _nonzero(config.get(name)):
            warnings.append(f"{name} is not supported by this engine and was ignored.")
    if host.get("Privileged") and (host.get("CapAdd") or host.get("CapDrop")):
        warnings.append("Privileged grants every capability: CapAdd/CapDrop have no further effect.")
    return warnings


def check_restart_policy(policy: dict[str, Any]) -> None:
    name = policy.get("Name") or ""
    if name not in ("", "no", "always", "on-failure", "unless-stopped"):
        raise InvalidParameter(f"invalid restart policy {name!r}")
    count = policy.get("MaximumRetryCount") or 0
    if count < 0:
        raise InvalidParameter("invalid restart policy: maximum retry count cannot be negative")
    if count and name != "on-failure":
        raise InvalidParameter(
            f"invalid restart policy: maximum retry count cannot be used with restart policy '{name}'"
        )
