"""The filesystem side of container cgroups: ``/<cgroup-parent>[/<CgroupParent>]/<id>`` in
every mounted cgroup hierarchy (each v1 controller, named ones like systemd, and the unified
v2 one of a hybrid or pure v2 host), which runc creates and the engine removes after an exit
(what ``runc delete`` does, without spawning it)."""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path

from runtime.containers.records import Record

CGROUP_ROOT = Path("/sys/fs/cgroup")


def cgroups_path(prefix: str, rec: Record) -> str:
    """The OCI cgroupsPath of a container: our prefix, its HostConfig.CgroupParent, its ID."""
    parent = (rec["HostConfig"].get("CgroupParent") or "").strip("/")
    base = "/" + prefix.strip("/")
    return f"{base}/{parent}/{rec['Id']}" if parent else f"{base}/{rec['Id']}"


@lru_cache(maxsize=1)
def hierarchies() -> tuple[Path, ...]:
    """The mount points of every cgroup and cgroup2 filesystem (they do not change while we run)."""
    return tuple(mounted_hierarchies(Path("/proc/self/mountinfo").read_text()))


def mounted_hierarchies(mountinfo: str) -> list[Path]:
    out = []
    for line in mountinfo.splitlines():
        pre, _, post = line.partition(" - ")
        fields = pre.split()
        if len(fields) > 4 and post.split()[:1] in (["cgroup"], ["cgroup2"]):
            out.append(Path(fields[4].replace("\\040", " ")))
    return out


def remove(cgpath: str, prefix: str) -> bool:
    """Remove a stopped container's (now empty) cgroup everywhere, and the CgroupParent levels
    below our prefix that it was the last to use. False if one is still busy."""
    rel = cgpath.lstrip("/")
    ok = True
    for root in hierarchies():
        d = root / rel
        if d.is_dir():
            try:
                d.rmdir()
            except OSError:
                ok = False
                continue
        top = root / prefix.strip("/")
        parent = d.parent
        while ok and top in parent.parents:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    return ok


def remove_prefix(prefix: str) -> None:
    """Our prefix goes when no container is left under it (rmdir fails otherwise)."""
    for root in hierarchies():
        with contextlib.suppress(OSError):
            (root / prefix.strip("/")).rmdir()


def pids(cgpath: str) -> set[int]:
    """The processes in a container's cgroup (what ``runc ps`` reads, without a spawn)."""
    rel = cgpath.lstrip("/")
    for ctrl in ("pids", "memory", "freezer"):
        try:
            text = (CGROUP_ROOT / ctrl / rel / "cgroup.procs").read_text()
        except OSError:
            continue
        return {int(x) for x in text.split()}
    return set()
