"""ContainerCreateConfig (+ image config, rootfs, mounts, netns) -> an OCI runtime spec for runc.

Pure functions over dicts: the lifecycle builds a spec at every start (the rootfs is mounted and
the netns ready by then), writes it to the bundle and hands the bundle to conmon.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from runtime.containers import hostcaps, hostconfig
from runtime.errors import InvalidParameter

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DEFAULT_SHM_SIZE = 64 * 1024 * 1024

# dockerd's default capability set.
DEFAULT_CAPS = [
    "CHOWN",
    "DAC_OVERRIDE",
    "FSETID",
    "FOWNER",
    "MKNOD",
    "NET_RAW",
    "SETGID",
    "SETUID",
    "SETFCAP",
    "SETPCAP",
    "NET_BIND_SERVICE",
    "SYS_CHROOT",
    "KILL",
    "AUDIT_WRITE",
]

DEFAULT_MASKED = [
    "/proc/asound",
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
]
DEFAULT_READONLY = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]

# Device nodes every container gets (runc creates them) and their cgroup rules.
DEFAULT_DEVICE_RULES = [
    {"allow": False, "access": "rwm"},
    {"allow": True, "type": "c", "major": 1, "minor": 3, "access": "rwm"},  # null
    {"allow": True, "type": "c", "major": 1, "minor": 5, "access": "rwm"},  # zero
    {"allow": True, "type": "c", "major": 1, "minor": 7, "access": "rwm"},  # full
    {"allow": True, "type": "c", "major": 5, "minor": 0, "access": "rwm"},  # tty
    {"allow": True, "type": "c", "major": 1, "minor": 8, "access": "rwm"},  # random
    {"allow": True, "type": "c", "major": 1, "minor": 9, "access": "rwm"},  # urandom
    {"allow": True, "type": "c", "major": 136, "access": "rwm"},  # pts
    {"allow": True, "type": "c", "major": 5, "minor": 2, "access": "rwm"},  # ptmx
    {"allow": True, "type": "c", "major": 10, "minor": 200, "access": "rwm"},  # tun
]


def merge_env(image_env: list[str] | None, env: list[str] | None) -> list[str]:
    """Image Env then config Env by key; ``A=`` sets empty, a bare ``A`` removes."""
    out: dict[str, str | None] = {}
    for item in list(image_env or []) + list(env or []):
        key, eq, value = item.partition("=")
        out[key] = value if eq else None
    return [f"{k}={v}" for k, v in out.items() if v is not None and k]


def config_env(image_env: list[str] | None, env: list[str] | None) -> list[str]:
    """A container's stored Config.Env as dockerd merges it (runconfig's merge): the request's
    entries as given (a bare ``A`` too), then the image's for keys the request does not name.
    The process env (:func:`merge_env` over the defaults) drops the bare entries, as dockerd."""
    if not env:
        return list(image_env or [])
    keys = {item.partition("=")[0] for item in env}
    return list(env) + [item for item in image_env or [] if item.partition("=")[0] not in keys]


def command_line(config: dict[str, Any], image_config: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(entrypoint, cmd) with dockerd's rules: an explicit Entrypoint drops the image's Cmd;
    ``[""]`` resets the entrypoint."""
    entrypoint = config.get("Entrypoint")
    cmd = config.get("Cmd")
    if entrypoint is not None:
        if entrypoint == [""] or entrypoint == []:
            entrypoint = []
        if cmd is None:
            cmd = []
    else:
        entrypoint = list(image_config.get("Entrypoint") or [])
        if cmd is None:
            cmd = list(image_config.get("Cmd") or [])
    return list(entrypoint), list(cmd or [])


def _passwd(rootfs: Path, name: str) -> list[list[str]]:
    try:
        lines = (rootfs / "etc" / name).read_text(errors="replace").splitlines()
    except OSError:
        return []
    return [ln.split(":") for ln in lines if ln and not ln.startswith("#")]


def resolve_user(rootfs: Path, user: str, group_add: list[str] | None) -> dict[str, Any]:
    """``name``, ``uid``, ``name:group``, ``uid:gid`` -> OCI process.user, via the rootfs' passwd/group."""
    users = _passwd(rootfs, "passwd")
    groups = _passwd(rootfs, "group")
    who, _, grp = (user or "").partition(":")
    uid, gid = 0, 0
    username = "root"
    if who:
        entry = next((u for u in users if len(u) > 3 and (u[0] == who or u[2] == who)), None)
        if entry is not None:
            username, uid, gid = entry[0], int(entry[2]), int(entry[3])
        elif who.isdigit():
            uid, gid, username = int(who), 0, ""
        else:
            raise InvalidParameter(f"unable to find user {who}: no matching entries in passwd file")
    if grp:
        gentry = next((g for g in groups if len(g) > 2 and (g[0] == grp or g[2] == grp)), None)
        if gentry is not None:
            gid = int(gentry[2])
        elif grp.isdigit():
            gid = int(grp)
        else:
            raise InvalidParameter(f"unable to find group {grp}: no matching entries in group file")
    extra: list[int] = []
    if username:
        for g in groups:
            if len(g) > 3 and username in g[3].split(",") and int(g[2]) != gid:
                extra.append(int(g[2]))
    for want in group_add or []:
        gentry = next((g for g in groups if len(g) > 2 and (g[0] == want or g[2] == want)), None)
        if gentry is not None:
            extra.append(int(gentry[2]))
        elif want.isdigit():
            extra.append(int(want))
        else:
            raise InvalidParameter(f"unable to find group {want}: no matching entries in group file")
    out: dict[str, Any] = {"uid": uid, "gid": gid}
    if extra:
        out["additionalGids"] = sorted(set(extra))
    return out


def capabilities(host: dict[str, Any]) -> list[str]:
    host_caps = hostcaps.bounding_caps()
    if host.get("Privileged"):
        return ["CAP_" + c for c in hostconfig.CAPABILITIES if c in host_caps]
    add = hostconfig.check_capabilities(host.get("CapAdd"), "CapAdd")
    drop = hostconfig.check_capabilities(host.get("CapDrop"), "CapDrop")
    caps = list(hostconfig.CAPABILITIES) if "ALL" in add else list(DEFAULT_CAPS)
    caps += [c for c in add if c != "ALL" and c not in caps]
    if "ALL" in drop:  # dockerd: drop everything, then add back what CapAdd names
        caps = list(hostconfig.CAPABILITIES) if "ALL" in add else [c for c in add if c != "ALL"]
    else:
        caps = [c for c in caps if c not in drop]
    return ["CAP_" + c for c in caps]


BLKIO_THROTTLES = (
    ("BlkioDeviceReadBps", "throttleReadBpsDevice"),
    ("BlkioDeviceWriteBps", "throttleWriteBpsDevice"),
    ("BlkioDeviceReadIOps", "throttleReadIOPSDevice"),
    ("BlkioDeviceWriteIOps", "throttleWriteIOPSDevice"),
)


def linux_resources(host: dict[str, Any]) -> dict[str, Any]:
    """HostConfig/UpdateConfig resources -> OCI linux.resources (also used for `runc update`)."""
    res: dict[str, Any] = {}
    memory: dict[str, Any] = {}
    if host.get("Memory"):
        memory["limit"] = host["Memory"]
        swap = host.get("MemorySwap")
        if swap == -1:
            memory["swap"] = -1
        elif swap:
            memory["swap"] = swap
        else:
            memory["swap"] = host["Memory"] * 2  # dockerd: swap defaults to twice the memory
    if host.get("MemoryReservation"):
        memory["reservation"] = host["MemoryReservation"]
    swappiness = host.get("MemorySwappiness")
    if swappiness is not None and swappiness >= 0:
        memory["swappiness"] = swappiness
    if host.get("OomKillDisable"):
        memory["disableOOMKiller"] = True
    if memory:
        res["memory"] = memory
    cpu: dict[str, Any] = {}
    if host.get("CpuShares"):
        cpu["shares"] = host["CpuShares"]
    if host.get("NanoCpus"):
        cpu["period"] = 100_000
        cpu["quota"] = host["NanoCpus"] * 100_000 // 1_000_000_000
    if host.get("CpuPeriod"):
        cpu["period"] = host["CpuPeriod"]
    if host.get("CpuQuota"):
        cpu["quota"] = host["CpuQuota"]
    if host.get("CpusetCpus"):
        cpu["cpus"] = host["CpusetCpus"]
    if host.get("CpusetMems"):
        cpu["mems"] = host["CpusetMems"]
    if cpu:
        res["cpu"] = cpu
    pids = host.get("PidsLimit")
    if pids:
        res["pids"] = {"limit": pids if pids > 0 else -1}
    blkio: dict[str, Any] = {}
    for field, key in BLKIO_THROTTLES:
        entries = []
        for dev in host.get(field) or []:
            major, minor = hostconfig.device_numbers(dev.get("Path") or "", field)
            entries.append({"major": major, "minor": minor, "rate": dev.get("Rate") or 0})
        if entries:
            blkio[key] = entries
    if blkio:
        res["blockIO"] = blkio
    return res


def device_entries(host: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """HostConfig.Devices -> (linux.devices, cgroup device rules)."""
    devices, rules = [], []
    for dev in host.get("Devices") or []:
        path = dev.get("PathOnHost") or ""
        st = os.stat(path)
        kind = "b" if (st.st_mode & 0o170000) == 0o060000 else "c"
        inside = dev.get("PathInContainer") or path
        major, minor = os.major(st.st_rdev), os.minor(st.st_rdev)
        devices.append(
            {
                "path": inside,
                "type": kind,
                "major": major,
                "minor": minor,
                "fileMode": st.st_mode & 0o777,
                "uid": 0,
                "gid": 0,
            }
        )
        rules.append(
            {
                "allow": True,
                "type": kind,
                "major": major,
                "minor": minor,
                "access": dev.get("CgroupPermissions") or "rwm",
            }
        )
    return devices, rules


def base_mounts(host: dict[str, Any]) -> list[dict[str, Any]]:
    privileged = bool(host.get("Privileged"))
    shm = host.get("ShmSize") or DEFAULT_SHM_SIZE
    sys_opts = ["nosuid", "noexec", "nodev"] + ([] if privileged else ["ro"])
    return [
        {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},
        {
            "destination": "/dev",
            "type": "tmpfs",
            "source": "tmpfs",
            "options": ["nosuid", "strictatime", "mode=755", "size=65536k"],
        },
        {
            "destination": "/dev/pts",
            "type": "devpts",
            "source": "devpts",
            "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
        },
        {
            "destination": "/dev/shm",
            "type": "tmpfs",
            "source": "shm",
            "options": ["nosuid", "noexec", "nodev", "mode=1777", f"size={shm}"],
        },
        {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
        {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": sys_opts},
        {
            "destination": "/sys/fs/cgroup",
            "type": "cgroup",
            "source": "cgroup",
            "options": ["nosuid", "noexec", "nodev", "relatime"] + ([] if privileged else ["ro"]),
        },
    ]


def mount_point_to_oci(mp: dict[str, Any]) -> dict[str, Any]:
    """A MountPoint (from engine.volumes) -> an OCI mount."""
    if mp.get("Type") == "tmpfs":
        opts = ["nosuid", "nodev"] + [o for o in (mp.get("Mode") or "").split(",") if o]
        return {"destination": mp["Destination"], "type": "tmpfs", "source": "tmpfs", "options": opts}
    opts = ["rbind"]
    opts.append("rw" if mp.get("RW", True) else "ro")
    if mp.get("Propagation"):
        opts.append(mp["Propagation"])
    return {"destination": mp["Destination"], "type": "bind", "source": mp["Source"], "options": opts}


def namespaces(host: dict[str, Any], netns: str | None, ns_paths: dict[str, str]) -> list[dict[str, Any]]:
    """The namespaces to create or join; ``ns_paths`` maps pid/ipc to another container's /proc/<pid>/ns file."""
    out: list[dict[str, Any]] = [{"type": "mount"}]
    for kind, field in (("pid", "PidMode"), ("ipc", "IpcMode"), ("uts", "UTSMode")):
        mode = host.get(field) or ""
        if mode == "host":
            continue
        if kind in ns_paths:
            out.append({"type": kind, "path": ns_paths[kind]})
        else:
            out.append({"type": kind})
    network_mode = host.get("NetworkMode") or ""
    if network_mode != "host":
        out.append({"type": "network", "path": netns} if netns else {"type": "network"})
    return out


def process_args(config: dict[str, Any]) -> list[str]:
    entrypoint, cmd = command_line(config, {})
    args = entrypoint + cmd
    if not args:
        raise InvalidParameter("No command specified")
    script = config.get("InitScript")
    if script:
        # The init script runs first in a shell, then execs the real command (pid 1 stays the command).
        args = ["/bin/sh", "-c", f'{script}\nexec "$@"', "sh"] + args
    return args


def build_spec(
    *,
    container_id: str,
    config: dict[str, Any],
    host: dict[str, Any],
    rootfs: str,
    cgroups_path: str,
    netns: str | None = None,
    mounts: list[dict[str, Any]] | None = None,
    network_files: dict[str, str] | None = None,
    ns_paths: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The OCI runtime spec of a container from its stored Config (the image's defaults are
    merged into it at create) and HostConfig; ``mounts`` are its MountPoints (volumes, binds,
    Tmpfs), ``network_files`` its /etc files (container path -> host file)."""
    rootfs_path = Path(rootfs)
    hostname = config.get("Hostname") or container_id[:12]
    if host.get("UTSMode") == "host":
        hostname = os.uname().nodename
    # dockerd's CreateDaemonEnvironment: the defaults, then Config.Env replacing or appending by
    # key; a bare ``A`` unsets (a default too) and never reaches the process.
    defaults = [f"PATH={DEFAULT_PATH}", f"HOSTNAME={hostname}"] + (["TERM=xterm"] if config.get("Tty") else [])
    env = merge_env(defaults, config.get("Env"))
    user = str(config.get("User") or "")
    caps = capabilities(host)
    process: dict[str, Any] = {
        "terminal": bool(config.get("Tty")),
        "user": resolve_user(rootfs_path, user, host.get("GroupAdd")),
        "args": process_args(config),
        "env": env,
        "cwd": config.get("WorkingDir") or "/",
        "capabilities": {k: caps for k in ("bounding", "effective", "permitted")},
        "noNewPrivileges": _no_new_privileges(host.get("SecurityOpt")),
    }
    if config.get("Tty"):
        process["consoleSize"] = {"height": 24, "width": 80}
    rlimits = [
        {"type": "RLIMIT_" + ul["Name"].upper(), "soft": ul["Soft"], "hard": ul["Hard"]}
        for ul in host.get("Ulimits") or []
    ]
    if rlimits:
        process["rlimits"] = rlimits
    if host.get("OomScoreAdj"):
        process["oomScoreAdj"] = host["OomScoreAdj"]

    oci_mounts = base_mounts(host)
    user_mounts = [mount_point_to_oci(m) for m in mounts or []]
    taken = {m["destination"] for m in user_mounts}
    oci_mounts = [m for m in oci_mounts if m["destination"] not in taken]
    for dest, src in (network_files or {}).items():
        if dest not in taken:
            ro = bool(host.get("ReadonlyRootfs"))
            oci_mounts.append(
                {"destination": dest, "type": "bind", "source": src, "options": ["rbind", "ro" if ro else "rw"]}
            )
    oci_mounts += user_mounts

    devices, device_rules = device_entries(host)
    resources = linux_resources(host)
    if host.get("Privileged"):
        resources["devices"] = [{"allow": True, "access": "rwm"}]
    else:
        resources["devices"] = DEFAULT_DEVICE_RULES + device_rules
    linux: dict[str, Any] = {
        "namespaces": namespaces(host, netns, ns_paths or {}),
        "cgroupsPath": cgroups_path,
        "resources": resources,
        "devices": devices,
    }
    if not host.get("Privileged"):
        masked = host.get("MaskedPaths")
        readonly = host.get("ReadonlyPaths")
        linux["maskedPaths"] = list(DEFAULT_MASKED if masked is None else masked)
        linux["readonlyPaths"] = list(DEFAULT_READONLY if readonly is None else readonly)
    if host.get("Sysctls"):
        linux["sysctl"] = dict(host["Sysctls"])
    spec: dict[str, Any] = {
        "ociVersion": "1.0.2",
        "process": process,
        "root": {"path": rootfs, "readonly": bool(host.get("ReadonlyRootfs"))},
        "hostname": hostname,
        "mounts": oci_mounts,
        "linux": linux,
        "annotations": dict(config.get("SpecAnnotation") or {}),
    }
    if config.get("Domainname"):
        spec["domainname"] = config["Domainname"]
        # runc 1.1 ignores "domainname"; the UTS-namespaced sysctl sets it on every runc.
        linux.setdefault("sysctl", {})["kernel.domainname"] = config["Domainname"]
    if host.get("UTSMode") == "host":  # runc may only set names in a private UTS namespace
        spec.pop("hostname", None)
        spec.pop("domainname", None)
        linux.get("sysctl", {}).pop("kernel.domainname", None)
    return spec


def _no_new_privileges(opts: list[str] | None) -> bool:
    for opt in opts or []:
        key, sep, value = opt.replace(":", "=", 1).partition("=")
        if key == "no-new-privileges":
            return value in ("", "true")
    return False


def exec_process(
    container_spec: dict[str, Any],
    rootfs: Path,
    cmd: list[str],
    env: list[str] | None,
    user: str,
    tty: bool,
    privileged: bool,
) -> dict[str, Any]:
    """The OCI process for an exec: the container's process with the exec's own args/env/user."""
    base = container_spec["process"]
    proc = dict(base)
    proc["args"] = list(cmd)
    proc["terminal"] = bool(tty)
    proc["env"] = merge_env(base.get("env"), env)
    if user:
        proc["user"] = resolve_user(rootfs, user, None)
    if privileged:
        caps = ["CAP_" + c for c in hostconfig.CAPABILITIES if c in hostcaps.bounding_caps()]
        proc["capabilities"] = {k: caps for k in ("bounding", "effective", "permitted")}
    if tty:
        proc["consoleSize"] = {"height": 24, "width": 80}
        if not any(e.startswith("TERM=") for e in proc["env"]):
            proc["env"].append("TERM=xterm")
    else:
        proc.pop("consoleSize", None)
    return proc
