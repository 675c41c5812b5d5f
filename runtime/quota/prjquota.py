"""Project quotas on xfs (prjquota) and ext4 (project feature), as pouchd uses them.

A directory joins a project by its inode's project ID with the inherit flag set
(FS_IOC_FSSETXATTR, what ``chattr -p ID +P`` does), so files created below it later join
too; the project's block limit is set with quotactl(Q_SETQUOTA, PRJQUOTA) (what
``setquota -P`` does). quotactl_fd (Linux 5.14) is used on the mount point, quotactl on
the block device where the kernel is older.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import stat
import struct
from pathlib import Path

from runtime.errors import EngineError
from runtime.quota.base import QuotaUsage

FS_IOC_FSGETXATTR = 0x801C581F
FS_IOC_FSSETXATTR = 0x401C5820
FS_XFLAG_PROJINHERIT = 0x00000200
_FSXATTR = struct.Struct("=IIIII8x")  # xflags, extsize, nextents, projid, cowextsize

Q_GETQUOTA = 0x800007
Q_SETQUOTA = 0x800008
PRJQUOTA = 2
QIF_BLIMITS = 1
QIF_DQBLKSIZE = 1024
SYS_QUOTACTL_FD = 443  # the same number on every architecture (added after the unification)


class _IfDqblk(ctypes.Structure):
    _fields_ = [
        ("dqb_bhardlimit", ctypes.c_uint64),
        ("dqb_bsoftlimit", ctypes.c_uint64),
        ("dqb_curspace", ctypes.c_uint64),
        ("dqb_ihardlimit", ctypes.c_uint64),
        ("dqb_isoftlimit", ctypes.c_uint64),
        ("dqb_curinodes", ctypes.c_uint64),
        ("dqb_btime", ctypes.c_uint64),
        ("dqb_itime", ctypes.c_uint64),
        ("dqb_valid", ctypes.c_uint32),
    ]


_libc = ctypes.CDLL(None, use_errno=True)


def _qcmd(cmd: int) -> int:
    return (cmd << 8) | (PRJQUOTA & 0xFF)


def get_project(path: Path) -> int:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        buf = bytearray(_FSXATTR.size)
        fcntl.ioctl(fd, FS_IOC_FSGETXATTR, buf)
        return int(_FSXATTR.unpack(buf)[3])
    finally:
        os.close(fd)


def set_project(path: Path, project_id: int) -> None:
    """Project ``project_id`` on one inode, with the inherit flag on directories."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        buf = bytearray(_FSXATTR.size)
        fcntl.ioctl(fd, FS_IOC_FSGETXATTR, buf)
        xflags, extsize, nextents, _, cow = _FSXATTR.unpack(buf)
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            xflags |= FS_XFLAG_PROJINHERIT
        fcntl.ioctl(fd, FS_IOC_FSSETXATTR, _FSXATTR.pack(xflags, extsize, nextents, project_id, cow))
    finally:
        os.close(fd)


class ProjectQuotas:
    name = "prjquota"

    def __init__(self, mount_point: Path, device: str) -> None:
        self.mount_point = Path(mount_point)
        self.device = device

    def _quotactl(self, cmd: int, quota_id: int, block: _IfDqblk) -> None:
        fd = os.open(self.mount_point, os.O_RDONLY | os.O_DIRECTORY)
        try:
            rc = _libc.syscall(SYS_QUOTACTL_FD, fd, ctypes.c_uint(_qcmd(cmd)), quota_id, ctypes.byref(block))
            err = ctypes.get_errno() if rc != 0 else 0
        finally:
            os.close(fd)
        if err == errno.ENOSYS:
            rc = _libc.quotactl(_qcmd(cmd), self.device.encode(), quota_id, ctypes.byref(block))
            err = ctypes.get_errno() if rc != 0 else 0
        if err:
            raise EngineError(f"quotactl on {self.mount_point} for project {quota_id}: {os.strerror(err)}")

    def prepare_dir(self, path: Path) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def assign(self, path: Path, quota_id: int) -> None:
        """The directory and what it already holds, without crossing into other mounts."""
        root = Path(path)
        device = root.stat().st_dev
        set_project(root, quota_id)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if os.lstat(os.path.join(dirpath, d)).st_dev == device]
            for name in dirnames + filenames:
                entry = os.path.join(dirpath, name)
                mode = os.lstat(entry).st_mode
                if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                    set_project(Path(entry), quota_id)

    def set_limit(self, quota_id: int, limit_bytes: int) -> None:
        block = _IfDqblk()
        block.dqb_bhardlimit = -(-int(limit_bytes) // QIF_DQBLKSIZE)
        block.dqb_valid = QIF_BLIMITS
        self._quotactl(Q_SETQUOTA, quota_id, block)

    def usage(self, quota_id: int) -> QuotaUsage:
        block = _IfDqblk()
        self._quotactl(Q_GETQUOTA, quota_id, block)
        return QuotaUsage(int(block.dqb_curspace), int(block.dqb_bhardlimit) * QIF_DQBLKSIZE)

    def release(self, quota_id: int) -> None:
        self.set_limit(quota_id, 0)
