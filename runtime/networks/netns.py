"""Network namespace files: a bind mount of a fresh netns on a file under --exec-root-dir,
so the OCI spec can join it by path and CNI plugins can enter it."""

from __future__ import annotations

import asyncio
import ctypes
import errno
import json
import os
from pathlib import Path

from runtime import processes
from runtime.errors import EngineError

MNT_DETACH = 2
_libc = ctypes.CDLL(None, use_errno=True)


async def create(path: Path) -> None:
    await asyncio.to_thread(_placeholder, path)
    proc = await processes.spawn("unshare", f"--net={path}", "true", stdout=processes.PIPE, stderr=processes.PIPE)
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


async def interfaces(path: str) -> set[str] | None:
    """Interface names inside the network namespace mounted at ``path`` (None: cannot tell)."""
    proc = await processes.spawn(
        "nsenter",
        f"--net={path}",
        "ip",
        "-j",
        "link",
        "show",
        stdout=processes.PIPE,
        stderr=processes.DEVNULL,
    )
    out, _ = await proc.communicate()
    return {e["ifname"] for e in json.loads(out or b"[]")} if proc.returncode == 0 else None
