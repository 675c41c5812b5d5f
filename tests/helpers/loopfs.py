"""Filesystems on loop devices made by a test, and always taken down again.

``loop_filesystem`` creates a sparse image, attaches it, runs mkfs and mounts it; on exit
(even after a failure inside) it unmounts (lazily if busy), detaches the loop device and
deletes the image.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), capture_output=True, text=True)


def kernel_says(token: str) -> str:
    """The kernel's last log line that mentions ``token`` (as "XFS" or "EXT4-fs")."""
    res = _run("dmesg")
    lines = [line for line in res.stdout.splitlines() if token in line] if res.returncode == 0 else []
    return lines[-1].split("] ", 1)[-1] if lines else ""


class MountRefused(Exception):
    """mount(8) refused the options; ``reason`` carries the kernel's words where it says them."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextlib.contextmanager
def loop_filesystem(
    workdir: Path, fstype: str, size_mb: int = 512, mkfs_args: tuple[str, ...] = (), mount_opts: str = ""
) -> Iterator[Path]:
    """Mount point of a fresh ``fstype`` filesystem; MountRefused if the kernel will not mount it."""
    mkfs = shutil.which(f"mkfs.{fstype}")
    if mkfs is None:
        pytest.skip(f"mkfs.{fstype} is not installed")
    image, mnt = workdir / f"{fstype}.img", workdir / f"{fstype}-mnt"
    mnt.mkdir(parents=True, exist_ok=True)
    with open(image, "wb") as f:
        f.truncate(size_mb << 20)
    loop = ""
    mounted = False
    try:
        res = _run("losetup", "--find", "--show", str(image))
        if res.returncode != 0:
            pytest.skip(f"no loop device: {res.stderr.strip()}")
        loop = res.stdout.strip()
        res = _run(mkfs, *mkfs_args, loop)
        assert res.returncode == 0, res.stderr
        cmd = ["mount", *(["-o", mount_opts] if mount_opts else []), loop, str(mnt)]
        res = _run(*cmd)
        if res.returncode != 0:
            token = {"xfs": "XFS", "ext4": "EXT4-fs", "btrfs": "BTRFS"}.get(fstype, fstype)
            raise MountRefused(kernel_says(token) or res.stderr.strip())
        mounted = True
        yield mnt
    finally:
        if mounted and _run("umount", str(mnt)).returncode != 0:
            _run("umount", "-l", str(mnt))
        if loop:
            _run("losetup", "-d", loop)
        image.unlink(missing_ok=True)
