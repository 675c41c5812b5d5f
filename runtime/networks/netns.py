"""Network namespace files: a bind mount of a fresh netns on a file under --exec-root-dir,
so the OCI spec can join it by path and CNI plugins can enter it."""

from __future__ import annotations

import asyncio
import ctypes
import errno
import os
from pathlib import Path

from runtime.errors import EngineError

MNT_DETACH = 2
_libc = ctypes.CDLL(None, use_errno=True)


async def create(path: Path) -> None:
    await asyncio.to_thread(_placeholder, path)
    proc = await asyncio.create_subprocess_exec(
        "unshare", f"--net={path}", "true", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        await asyncio.to_thread(path.unlink, missing_ok=True)
        raise EngineError(f"create network namespace {path}: {err.decode(errors='replace').strip()}")


def _placeholder(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(exist_ok=True)


def is_netns(path: Path) -> bool:
    """The file is a mounted namespace (not a bare placeholder left by a crash)."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as f:
            return any(line.split()[4] == str(path) for line in f)
    except OSError:
        return False


def remove(path: Path) -> None:
    if _libc.umount2(str(path).encode(), MNT_DETACH) != 0:
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOENT):
            raise EngineError(f"unmount network namespace {path}: {os.strerror(err)}")
    path.unlink(missing_ok=True)
