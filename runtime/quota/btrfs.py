"""btrfs quota groups: a subvolume per quota'd directory, a level-1 qgroup per quota ID.

Each directory that may carry a quota is made a subvolume (its level-0 qgroup counts what
it holds); a quota ID is the qgroup ``1/<id>`` with the subvolumes assigned to it as
children, so one limit covers several directories. The btrfs CLI (btrfs-progs) does the
changes; usage is read from sysfs.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import threading
import uuid
from pathlib import Path

from runtime.errors import EngineError
from runtime.quota.base import QuotaUsage

BTRFS_FIRST_FREE_OBJECTID = 256  # inode number of every subvolume's root
BTRFS_IOC_FS_INFO = 0x8400941F  # _IOR(0x94, 31, struct btrfs_ioctl_fs_info_args), 1024 bytes


def _btrfs(*args: str) -> str:
    res = subprocess.run(["btrfs", *args], capture_output=True, text=True)
    if res.returncode != 0:
        detail = (res.stderr or res.stdout).strip().replace("\n", "; ")
        raise EngineError(f"btrfs {' '.join(args)}: {detail}")
    return res.stdout


def is_subvolume(path: Path) -> bool:
    try:
        return path.stat().st_ino == BTRFS_FIRST_FREE_OBJECTID
    except OSError:
        return False


def filesystem_uuid(mount_point: Path) -> str:
    fd = os.open(mount_point, os.O_RDONLY | os.O_DIRECTORY)
    try:
        buf = bytearray(1024)
        fcntl.ioctl(fd, BTRFS_IOC_FS_INFO, buf)
    finally:
        os.close(fd)
    return str(uuid.UUID(bytes=bytes(buf[16:32])))


class BtrfsQgroups:
    name = "btrfs"

    def __init__(self, mount_point: Path) -> None:
        self.mount_point = Path(mount_point)
        self._sysfs = Path("/sys/fs/btrfs") / filesystem_uuid(self.mount_point)
        self._lock = threading.RLock()  # enabling quotas and creating a qgroup happen once

    def _qgroup_dir(self, quota_id: int) -> Path:
        return self._sysfs / "qgroups" / f"1_{quota_id}"

    @property
    def quotas_enabled(self) -> bool:
        return (self._sysfs / "qgroups").is_dir()

    def _ensure_enabled(self) -> None:
        with self._lock:
            if not self.quotas_enabled:
                _btrfs("quota", "enable", str(self.mount_point))
                _btrfs("quota", "rescan", "-w", str(self.mount_point))

    def prepare_dir(self, path: Path) -> None:
        path = Path(path)
        if is_subvolume(path):
            return
        if path.is_dir():
            try:
                path.rmdir()  # an empty plain directory becomes a subvolume in its place
            except OSError as e:
                raise EngineError(f"cannot put a quota on {path}: it holds data and is not a btrfs subvolume") from e
        path.parent.mkdir(parents=True, exist_ok=True)
        _btrfs("subvolume", "create", str(path))

    def _ensure_qgroup(self, quota_id: int) -> None:
        with self._lock:
            self._ensure_enabled()
            if not self._qgroup_dir(quota_id).is_dir():
                _btrfs("qgroup", "create", f"1/{quota_id}", str(self.mount_point))

    def assign(self, path: Path, quota_id: int) -> None:
        path = Path(path)
        if not is_subvolume(path):
            raise EngineError(f"cannot put a quota on {path}: not a btrfs subvolume (prepare_dir makes one)")
        self._ensure_qgroup(quota_id)
        parents = self._parents(path)
        if f"1/{quota_id}" not in parents:
            _btrfs("qgroup", "assign", str(path), f"1/{quota_id}", str(self.mount_point))

    def _parents(self, path: Path) -> set[str]:
        out = _btrfs("qgroup", "show", "-p", "--raw", "-f", str(path))
        parents: set[str] = set()
        for line in out.splitlines()[2:]:
            cols = line.split()
            if len(cols) >= 4 and cols[3] != "-":
                parents.update(cols[3].split(","))
        return parents

    def set_limit(self, quota_id: int, limit_bytes: int) -> None:
        self._ensure_qgroup(quota_id)
        _btrfs("qgroup", "limit", str(int(limit_bytes)), f"1/{quota_id}", str(self.mount_point))

    def usage(self, quota_id: int) -> QuotaUsage:
        qdir = self._qgroup_dir(quota_id)
        try:
            used = int((qdir / "referenced").read_text())
            limit = int((qdir / "max_referenced").read_text())
        except (OSError, ValueError) as e:
            raise EngineError(f"no btrfs quota group 1/{quota_id} on {self.mount_point}") from e
        return QuotaUsage(used, limit)

    def _children(self, quota_id: int) -> list[str]:
        out = _btrfs("qgroup", "show", "-c", "--raw", str(self.mount_point))
        for line in out.splitlines()[2:]:
            cols = line.split()
            if cols and cols[0] == f"1/{quota_id}" and len(cols) >= 4 and cols[3] != "-":
                return cols[3].split(",")
        return []

    def release(self, quota_id: int) -> None:
        if not self.quotas_enabled or not self._qgroup_dir(quota_id).is_dir():
            return
        for child in self._children(quota_id):
            _btrfs("qgroup", "remove", child, f"1/{quota_id}", str(self.mount_point))
        _btrfs("qgroup", "destroy", f"1/{quota_id}", str(self.mount_point))
