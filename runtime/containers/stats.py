"""Container resource usage from the cgroup v1 hierarchies (the ContainerStats shape)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from runtime.containers.hostcaps import CGROUP_ROOT
from runtime.containers.records import now_rfc3339

BLKIO_FILES = {
    "io_service_bytes_recursive": "blkio.throttle.io_service_bytes_recursive",
    "io_serviced_recursive": "blkio.throttle.io_serviced_recursive",
    "io_queue_recursive": "blkio.io_queued_recursive",
    "io_service_time_recursive": "blkio.io_service_time_recursive",
    "io_wait_time_recursive": "blkio.io_wait_time_recursive",
    "io_merged_recursive": "blkio.io_merged_recursive",
    "io_time_recursive": "blkio.time_recursive",
    "sectors_recursive": "blkio.sectors_recursive",
}
UNLIMITED = 9223372036854771712  # what the memory cgroup reports for "no limit"


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def _int(path: Path) -> int:
    text = _read(path)
    try:
        return int(text.strip()) if text else 0
    except ValueError:
        return 0


def _kv(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in (_read(path) or "").splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                out[parts[0]] = int(parts[1])
            except ValueError:
                pass
    return out


def system_cpu_usage() -> int:
    """Host CPU time in nanoseconds, from /proc/stat (what dockerd reports as system_cpu_usage)."""
    for line in (_read(Path("/proc/stat")) or "").splitlines():
        if line.startswith("cpu "):
            ticks = sum(int(x) for x in line.split()[1:8])
            return ticks * 1_000_000_000 // os.sysconf("SC_CLK_TCK")
    return 0


def cpu_stats(cg: str) -> dict[str, Any]:
    acct = CGROUP_ROOT / "cpuacct" / cg
    percpu = [int(x) for x in (_read(acct / "cpuacct.usage_percpu") or "").split()]
    user_sys = _kv(acct / "cpuacct.stat")
    tick = 1_000_000_000 // os.sysconf("SC_CLK_TCK")
    throttle = _kv(CGROUP_ROOT / "cpu" / cg / "cpu.stat")
    online = len(percpu) or os.cpu_count() or 1
    return {
        "cpu_usage": {
            "total_usage": _int(acct / "cpuacct.usage"),
            "percpu_usage": percpu,
            "usage_in_kernelmode": user_sys.get("system", 0) * tick,
            "usage_in_usermode": user_sys.get("user", 0) * tick,
        },
        "system_cpu_usage": system_cpu_usage(),
        "syetem_cpu_usage": system_cpu_usage(),  # the seed's spelling, kept for its clients
        "online_cpus": online,
        "throttling_data": {
            "periods": throttle.get("nr_periods", 0),
            "throttled_periods": throttle.get("nr_throttled", 0),
            "throttled_time": throttle.get("throttled_time", 0),
        },
    }


def memory_stats(cg: str) -> dict[str, Any]:
    mem = CGROUP_ROOT / "memory" / cg
    limit = _int(mem / "memory.limit_in_bytes")
    return {
        "usage": _int(mem / "memory.usage_in_bytes"),
        "max_usage": _int(mem / "memory.max_usage_in_bytes"),
        "failcnt": _int(mem / "memory.failcnt"),
        "limit": limit if limit and limit < UNLIMITED else _host_memory(),
        "stats": _kv(mem / "memory.stat"),
    }


def _host_memory() -> int:
    for line in (_read(Path("/proc/meminfo")) or "").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def blkio_stats(cg: str) -> dict[str, Any]:
    base = CGROUP_ROOT / "blkio" / cg
    out: dict[str, Any] = {}
    for key, name in BLKIO_FILES.items():
        entries = []
        for line in (_read(base / name) or "").splitlines():
            parts = line.split()
            if len(parts) == 3 and ":" in parts[0]:
                major, minor = parts[0].split(":")
                entries.append({"major": int(major), "minor": int(minor), "op": parts[1], "value": int(parts[2])})
            elif len(parts) == 2 and ":" in parts[0]:
                major, minor = parts[0].split(":")
                entries.append({"major": int(major), "minor": int(minor), "op": "", "value": int(parts[1])})
        out[key] = entries
    return out


def pids_stats(cg: str) -> dict[str, Any]:
    base = CGROUP_ROOT / "pids" / cg
    limit_text = (_read(base / "pids.max") or "").strip()
    return {"current": _int(base / "pids.current"), "limit": int(limit_text) if limit_text.isdigit() else 0}


def network_stats(pid: int) -> dict[str, Any]:
    """Per-interface counters from inside the container's netns (/proc/<pid>/net/dev)."""
    out: dict[str, Any] = {}
    text = _read(Path(f"/proc/{pid}/net/dev")) if pid else None
    for line in (text or "").splitlines()[2:]:
        name, _, rest = line.partition(":")
        name = name.strip()
        f = rest.split()
        if name == "lo" or len(f) < 16:
            continue
        out[name] = {
            "rx_bytes": int(f[0]),
            "rx_packets": int(f[1]),
            "rx_errors": int(f[2]),
            "rx_dropped": int(f[3]),
            "tx_bytes": int(f[8]),
            "tx_packets": int(f[9]),
            "tx_errors": int(f[10]),
            "tx_dropped": int(f[11]),
        }
    return out


def collect(cid: str, name: str, cg: str, pid: int) -> dict[str, Any]:
    cg = cg.lstrip("/")
    return {
        "id": cid,
        "name": name,
        "read": now_rfc3339(),
        "cpu_stats": cpu_stats(cg),
        "memory_stats": memory_stats(cg),
        "blkio_stats": blkio_stats(cg),
        "pids_stats": pids_stats(cg),
        "networks": network_stats(pid),
    }
