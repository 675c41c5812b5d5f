"""Which quota the filesystem under --home-dir can enforce, and if none, why.

Found from the mount table (file system type and options of the mount holding the home
dir), the kernel's build configuration where the host publishes it (/proc/config.gz or
/boot/config-<release>) and, for ext4, the superblock's feature bits.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import shutil
import struct
from pathlib import Path

from runtime.quota.base import QuotaSupport

MOUNTINFO = Path("/proc/self/mountinfo")
EXT4_RO_COMPAT_QUOTA = 0x0100
EXT4_RO_COMPAT_PROJECT = 0x2000


@dataclasses.dataclass(frozen=True)
class MountEntry:
    mount_point: str
    fstype: str
    source: str
    options: frozenset[str]  # per-mount and superblock options together


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def mount_of(path: Path, mountinfo: Path = MOUNTINFO) -> MountEntry:
    """The mount that holds ``path`` (the last, most specific one in mount order)."""
    target = os.path.realpath(path)
    best: MountEntry | None = None
    for line in mountinfo.read_text().splitlines():
        pre, _, post = line.partition(" - ")
        fields, tail = pre.split(), post.split()
        if len(fields) < 6 or len(tail) < 2:
            continue
        point = _unescape(fields[4])
        if target != point and not target.startswith(point.rstrip("/") + "/"):
            continue
        if best is not None and len(point) < len(best.mount_point):
            continue
        opts = set(fields[5].split(","))
        if len(tail) > 2:
            opts.update(tail[2].split(","))
        best = MountEntry(point, tail[0], _unescape(tail[1]), frozenset(opts))
    if best is None:
        raise FileNotFoundError(f"no mount holds {target}")
    return best


def kernel_config() -> dict[str, str]:
    """CONFIG_* of the running kernel where the host publishes them; {} where it does not."""
    release = os.uname().release
    for candidate in (Path("/proc/config.gz"), Path(f"/boot/config-{release}")):
        try:
            raw = candidate.read_bytes()
        except OSError:
            continue
        if candidate.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode(errors="replace")
        out: dict[str, str] = {}
        for line in text.splitlines():
            if line.startswith("CONFIG_") and "=" in line:
                key, _, value = line.partition("=")
                out[key] = value
            elif line.startswith("# CONFIG_") and line.endswith(" is not set"):
                out[line[2:].split()[0]] = "n"
        return out
    return {}


def ext4_ro_compat(device: str) -> int | None:
    """The superblock's s_feature_ro_compat (offset 0x64 of the superblock at byte 1024)."""
    try:
        with open(device, "rb") as dev:
            dev.seek(1024)
            block = dev.read(1024)
    except OSError:
        return None
    if len(block) < 0x68 or struct.unpack_from("<H", block, 0x38)[0] != 0xEF53:
        return None
    return int(struct.unpack_from("<I", block, 0x64)[0])


def _none(mount: MountEntry, reason: str) -> QuotaSupport:
    return QuotaSupport("none", mount.fstype, mount.mount_point, mount.source, reason)


def _xfs(mount: MountEntry, config: dict[str, str]) -> QuotaSupport:
    if {"prjquota", "pquota", "pqnoenforce"} & mount.options:
        return QuotaSupport("prjquota", "xfs", mount.mount_point, mount.source, "xfs project quotas on")
    if config.get("CONFIG_XFS_QUOTA", "n") == "n" and config:
        return _none(mount, "kernel built without CONFIG_XFS_QUOTA: xfs says quota support not available")
    return _none(mount, f"xfs at {mount.mount_point} is mounted without prjquota (xfs turns it on only at mount)")


def _ext4(mount: MountEntry, config: dict[str, str]) -> QuotaSupport:
    if "prjquota" in mount.options:
        return QuotaSupport("prjquota", "ext4", mount.mount_point, mount.source, "ext4 project quotas on")
    missing = [k for k in ("CONFIG_QUOTA", "CONFIG_QFMT_V2") if config and config.get(k, "n") == "n"]
    if missing:
        return _none(mount, f"kernel built without {' and '.join(missing)}: ext4 refuses prjquota")
    features = ext4_ro_compat(mount.source)
    if features is not None and not features & EXT4_RO_COMPAT_PROJECT:
        return _none(mount, f"filesystem ext4 at {mount.mount_point} without the project feature")
    if features is not None and not features & EXT4_RO_COMPAT_QUOTA:
        return _none(mount, f"filesystem ext4 at {mount.mount_point} without the quota feature")
    return _none(mount, f"ext4 at {mount.mount_point} is mounted without prjquota")


def _btrfs(mount: MountEntry) -> QuotaSupport:
    if shutil.which("btrfs") is None:
        return _none(mount, "btrfs-progs is not installed (the btrfs command manages quota groups)")
    return QuotaSupport("btrfs", "btrfs", mount.mount_point, mount.source, "btrfs quota groups")


def detect(home_dir: Path, mountinfo: Path = MOUNTINFO) -> QuotaSupport:
    """The quota the home dir's filesystem supports (``driver="none"`` with the reason)."""
    mount = mount_of(Path(home_dir), mountinfo)  # realpath resolves the part that exists
    if mount.fstype == "btrfs":
        return _btrfs(mount)
    if mount.fstype == "xfs":
        return _xfs(mount, kernel_config())
    if mount.fstype == "ext4":
        return _ext4(mount, kernel_config())
    return _none(
        mount, f"filesystem {mount.fstype} at {mount.mount_point} has no quotas (btrfs, or xfs/ext4 with prjquota)"
    )
