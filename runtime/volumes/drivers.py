"""Volume drivers: where a volume's data lives on the host and how it is (un)mounted.

``local`` keeps data in a directory under --home-dir (or, with dockerd's ``type=tmpfs``
options, in a tmpfs); ``tmpfs`` always mounts a size-limited tmpfs on that directory.
tmpfs contents live while the volume is mounted; the mount is made on first use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from runtime.errors import EngineError, InvalidParameter
from runtime.volumes.specs import parse_tmpfs_options

DRIVERS = ("local", "tmpfs")
TMPFS_OPTION_KEYS = ("size", "mode", "uid", "gid", "nr_inodes")


def tmpfs_mount_options(driver: str, opts: dict[str, str]) -> list[str] | None:
    """The tmpfs mount options for a volume, or None when its data is a plain directory.

    Raises InvalidParameter for options the driver does not know, before anything is made."""
    if not isinstance(opts, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in opts.items()):
        raise InvalidParameter("invalid DriverOpts: want a map of strings")
    if driver == "local":
        unknown = set(opts) - {"type", "device", "o", "size"}
        if unknown:
            raise InvalidParameter(f"invalid option for driver local: {', '.join(sorted(unknown))}")
        if "size" in opts:
            if set(opts) != {"size"}:
                raise InvalidParameter(
                    "driver local: size is a disk quota on the volume's directory; for tmpfs use o=size="
                )
            return None
        if not opts:
            return None
        if opts.get("type") != "tmpfs" or opts.get("device", "tmpfs") != "tmpfs":
            raise InvalidParameter("driver local supports only type=tmpfs device=tmpfs mounts")
        return parse_tmpfs_options(opts.get("o", "").replace("opt.", ""), "volume")
    if driver == "tmpfs":
        unknown = set(opts) - set(TMPFS_OPTION_KEYS) - {"o"}
        if unknown:
            raise InvalidParameter(f"invalid option for driver tmpfs: {', '.join(sorted(unknown))}")
        raw = [f"{k}={opts[k]}" for k in TMPFS_OPTION_KEYS if k in opts]
        if opts.get("o"):
            raw.append(opts["o"])
        return parse_tmpfs_options(",".join(raw), "volume")
    raise InvalidParameter(f"volume driver {driver!r} not found, available: {', '.join(DRIVERS)}")


def is_mounted(path: Path) -> bool:
    target = str(path)
    with open("/proc/self/mountinfo", encoding="utf-8") as f:
        return any(line.split()[4] == target for line in f)


def mount_tmpfs(path: Path, options: list[str]) -> None:
    if is_mounted(path):
        return
    cmd = ["mount", "-t", "tmpfs"]
    if options:
        cmd += ["-o", ",".join(options)]
    res = subprocess.run([*cmd, "tmpfs", str(path)], capture_output=True, text=True)
    if res.returncode != 0:
        raise EngineError(f"mount tmpfs on {path}: {res.stderr.strip()}")


def unmount(path: Path) -> None:
    if is_mounted(path):
        res = subprocess.run(["umount", str(path)], capture_output=True, text=True)
        if res.returncode != 0:
            res = subprocess.run(["umount", "-l", str(path)], capture_output=True, text=True)
        if res.returncode != 0:
            raise EngineError(f"umount {path}: {res.stderr.strip()}")


def make_volume_dir(root: Path, make_dir: Callable[[Path], None] | None = None) -> Path:
    data = root / "_data"
    root.mkdir(parents=True, exist_ok=True)
    if make_dir is not None and not data.is_dir():
        make_dir(data)
    data.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o701)
    return data


def remove_volume_dir(root: Path) -> None:
    unmount(root / "_data")
    shutil.rmtree(root, ignore_errors=True)
