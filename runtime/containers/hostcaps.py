"""What this host's kernel and cgroups can honour, probed once (cgroup v1 layout).

Create and update consult these facts so that a field the host cannot apply gets a 400 or
a Warning instead of being silently ignored.
"""

from __future__ import annotations

import os
import resource
from functools import lru_cache
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def cgroup_file(controller: str, name: str) -> Path:
    return CGROUP_ROOT / controller / name


@lru_cache(maxsize=1)
def kernel_memory_supported() -> bool:
    """kmem.limit_in_bytes accepts writes on 6.x but never applies them: probe the effect."""
    base = CGROUP_ROOT / "memory"
    if not (base / "memory.kmem.limit_in_bytes").exists():
        return False
    probe = base / f"pouch-kmem-probe-{os.getpid()}"
    try:
        probe.mkdir(exist_ok=True)
        (probe / "memory.kmem.limit_in_bytes").write_text("67108864")
        return int((probe / "memory.kmem.limit_in_bytes").read_text()) == 67108864
    except OSError:
        return False
    finally:
        try:
            probe.rmdir()
        except OSError:
            pass


@lru_cache(maxsize=1)
def swap_limit_supported() -> bool:
    return cgroup_file("memory", "memory.memsw.limit_in_bytes").exists()


@lru_cache(maxsize=1)
def blkio_weight_supported() -> bool:
    return cgroup_file("blkio", "blkio.weight").exists()


@lru_cache(maxsize=1)
def cpu_realtime_supported() -> bool:
    return cgroup_file("cpu", "cpu.rt_runtime_us").exists()


@lru_cache(maxsize=1)
def pids_supported() -> bool:
    return (CGROUP_ROOT / "pids").is_dir()


def parse_cpu_list(text: str) -> set[int]:
    """``0-3,5`` -> {0, 1, 2, 3, 5}; ValueError on bad syntax."""
    out: set[int] = set()
    text = text.strip()
    if not text:
        return out
    for part in text.split(","):
        lo, dash, hi = part.partition("-")
        if dash:
            a, b = int(lo), int(hi)
            if a > b:
                raise ValueError(part)
            out.update(range(a, b + 1))
        else:
            out.add(int(lo))
    return out


@lru_cache(maxsize=1)
def online_cpus() -> set[int]:
    try:
        return parse_cpu_list(cgroup_file("cpuset", "cpuset.cpus").read_text())
    except (OSError, ValueError):
        return set(range(os.cpu_count() or 1))


@lru_cache(maxsize=1)
def online_mems() -> set[int]:
    try:
        return parse_cpu_list(cgroup_file("cpuset", "cpuset.mems").read_text())
    except (OSError, ValueError):
        return {0}


def own_oom_score_adj() -> int:
    """Without CAP_SYS_RESOURCE a process may not go below its own oom_score_adj."""
    try:
        return int(Path("/proc/self/oom_score_adj").read_text())
    except (OSError, ValueError):
        return 0


def has_cap_sys_resource() -> bool:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("CapEff:"):
                return bool(int(line.split()[1], 16) & (1 << 24))
    except (OSError, ValueError):
        pass
    return False


# Linux rlimit numbers (the resource module lacks some, e.g. RLIMIT_LOCKS).
RLIMITS = {
    "cpu": 0,
    "fsize": 1,
    "data": 2,
    "stack": 3,
    "core": 4,
    "rss": 5,
    "nproc": 6,
    "nofile": 7,
    "memlock": 8,
    "as": 9,
    "locks": 10,
    "sigpending": 11,
    "msgqueue": 12,
    "nice": 13,
    "rtprio": 14,
    "rttime": 15,
}


def host_hard_limit(name: str) -> int:
    """The hard limit this process has for an rlimit (-1 = unlimited)."""
    hard = resource.getrlimit(RLIMITS[name])[1]
    return -1 if hard == resource.RLIM_INFINITY else hard


CAP_NUMBERS = (
    "CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE "
    "NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT "
    "SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP "
    "MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE"
).split()


@lru_cache(maxsize=1)
def bounding_caps() -> frozenset[str]:
    """The capabilities this engine may hand on (its bounding set): root here lacks some."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("CapBnd:"):
                mask = int(line.split()[1], 16)
                return frozenset(n for i, n in enumerate(CAP_NUMBERS) if mask & (1 << i))
    except (OSError, ValueError):
        pass
    return frozenset(CAP_NUMBERS)
