"""Unpacked layers keyed by chain ID, and container root filesystems stacked on them.

``snapshots/<chain hex>`` holds one layer unpacked with overlay whiteouts: the same
layer under the same parents is unpacked once, however many images share it. A snapshot
is unpacked in ``tmp/`` and renamed into place, so a cut-off unpack leaves nothing.

A container's root filesystem is ``containers/<id>/{upper,work,merged}``: an overlayfs
mount of the image's snapshots (topmost first) under a writable upper dir. The lowers are
written to ``containers/<id>/lowers`` so a mount after a restart needs no image lookup.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from runtime.errors import EngineError, NotFound

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
MNT_DETACH = 2
MAX_MOUNT_DATA = 4000  # the kernel takes one page of mount options


def chain_ids(diff_ids: Sequence[str]) -> list[str]:
    """OCI chain IDs: chain(0) = diff(0); chain(n) = sha256(chain(n-1) + " " + diff(n))."""
    out: list[str] = []
    for diff in diff_ids:
        if not out:
            out.append(diff)
        else:
            out.append("sha256:" + hashlib.sha256(f"{out[-1]} {diff}".encode()).hexdigest())
    return out


def _hex(digest: str) -> str:
    return digest.split(":", 1)[-1]


def tree_size(root: Path) -> int:
    """Bytes used by the files under ``root`` (hardlinks counted once, symlinks not followed)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except FileNotFoundError:
                continue
            if stat.S_ISREG(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key not in seen:
                    seen.add(key)
                    total += st.st_size
    return total


def is_mounted(path: Path) -> bool:
    """An overlay is mounted on ``path``: an overlay mount has a device of its own, so a stat of
    the dir and of its parent (our own dir, never a link) tell, without reading the mount table
    (os.path.ismount would also resolve every component of the parent)."""
    try:
        return os.lstat(path).st_dev != os.lstat(path.parent).st_dev
    except OSError:
        return False


def _mkdir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


class Snapshots:
    def __init__(self, root: Path, tmp: Path, make_dir: Callable[[Path], None] = _mkdir) -> None:
        self.root = root / "snapshots"
        self.containers = root / "containers"
        self.tmp = tmp
        # A container's dir is made by the disk quotas (a subvolume on btrfs), so that a quota
        # can cover its writable layer; upper and work stay together (overlayfs renames between them).
        self.make_dir = make_dir
        self.empty = root / "empty"  # the lowerdir of an image without layers
        for d in (self.root, self.containers, self.empty):
            d.mkdir(parents=True, exist_ok=True)

    # -- layer snapshots -------------------------------------------------------------

    def path(self, chain_id: str) -> Path:
        return self.root / _hex(chain_id)

    def has(self, chain_id: str) -> bool:
        return self.path(chain_id).is_dir()

    def commit(self, chain_id: str, unpacked: Path) -> None:
        """Move a fully unpacked layer into place (a concurrent twin may have won: fine)."""
        try:
            os.rename(unpacked, self.path(chain_id))
        except OSError as e:
            if e.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            shutil.rmtree(unpacked, ignore_errors=True)

    def remove(self, chain_ids_: Iterable[str]) -> None:
        for c in chain_ids_:
            shutil.rmtree(self.path(c), ignore_errors=True)

    # -- container root filesystems ----------------------------------------------------

    def _cdir(self, container_id: str) -> Path:
        if not container_id or "/" in container_id or container_id in (".", ".."):
            raise EngineError(f"bad container id {container_id!r}")
        return self.containers / container_id

    def lowers(self, chain_ids_: Sequence[str]) -> list[str]:
        for c in chain_ids_:
            if not self.has(c):
                raise EngineError(f"snapshot {c} is missing: image store damaged, pull or load the image again")
        return [str(self.path(c)) for c in reversed(chain_ids_)] or [str(self.empty)]

    def create_rootfs(self, container_id: str, chain_ids_: Sequence[str]) -> str:
        """Make the dirs, record the lowers and mount; returns the merged dir."""
        cdir = self._cdir(container_id)
        lowers = self.lowers(chain_ids_)
        if not cdir.is_dir():
            self.make_dir(cdir)
        for sub in ("upper", "work", "merged"):
            (cdir / sub).mkdir(parents=True, exist_ok=True)
        tmp = cdir / "lowers.tmp"
        tmp.write_text(json.dumps(lowers))
        os.replace(tmp, cdir / "lowers")
        return self.mount_rootfs(container_id)

    def writable_dir(self, container_id: str) -> Path:
        """The dir holding the writable layer (upper and work): what a rootfs quota covers."""
        return self._cdir(container_id)

    def paths(self, container_id: str) -> dict[str, object]:
        cdir = self._cdir(container_id)
        try:
            lowers = json.loads((cdir / "lowers").read_text())
        except FileNotFoundError:
            raise NotFound(f"no root filesystem for container {container_id}") from None
        return {
            "rootfs": str(cdir / "merged"),
            "upper": str(cdir / "upper"),
            "work": str(cdir / "work"),
            "lowers": lowers,
        }

    def mount_rootfs(self, container_id: str) -> str:
        p = self.paths(container_id)
        merged = Path(str(p["rootfs"]))
        if is_mounted(merged):
            return str(merged)
        lowers: list[str] = list(p["lowers"])  # type: ignore[call-overload]
        opts = f"lowerdir={':'.join(lowers)},upperdir={p['upper']},workdir={p['work']}"
        if len(opts) <= MAX_MOUNT_DATA:
            if _libc.mount(b"overlay", str(merged).encode(), b"overlay", 0, opts.encode()) != 0:
                err = ctypes.get_errno()
                raise EngineError(f"mount overlay on {merged}: {os.strerror(err)}")
        else:
            # Too many layers for one page of absolute paths: mount(8) from the snapshot dir
            # with relative lowerdirs (what docker's overlay2 does with its short links).
            rel = ":".join(os.path.relpath(x, self.root) for x in lowers)
            opts = f"lowerdir={rel},upperdir={p['upper']},workdir={p['work']}"
            res = subprocess.run(
                ["mount", "-t", "overlay", "overlay", "-o", opts, str(merged)],
                cwd=self.root,
                capture_output=True,
                text=True,
            )
            if res.returncode != 0:
                raise EngineError(f"mount overlay on {merged}: {res.stderr.strip()}")
        return str(merged)

    def unmount_rootfs(self, container_id: str) -> None:
        merged = self._cdir(container_id) / "merged"
        while merged.exists() and is_mounted(merged):
            if _libc.umount2(str(merged).encode(), 0) != 0:
                err = ctypes.get_errno()
                if err == errno.EBUSY:
                    _libc.umount2(str(merged).encode(), MNT_DETACH)
                elif err != errno.EINVAL:
                    raise EngineError(f"unmount {merged}: {os.strerror(err)}")
                else:
                    return

    def remove_rootfs(self, container_id: str) -> None:
        cdir = self._cdir(container_id)
        if not cdir.exists():
            return
        self.unmount_rootfs(container_id)
        shutil.rmtree(cdir)

    def rootfs_size(self, container_id: str, image_size: int) -> tuple[int, int]:
        upper = Path(str(self.paths(container_id)["upper"]))
        rw = tree_size(upper)
        return rw, rw + image_size

    def graph_driver(self, container_id: str) -> dict[str, object]:
        p = self.paths(container_id)
        return {
            "Name": "overlay",
            "Data": {
                "LowerDir": ":".join(p["lowers"]),  # type: ignore[arg-type]
                "UpperDir": str(p["upper"]),
                "WorkDir": str(p["work"]),
                "MergedDir": str(p["rootfs"]),
            },
        }

    def container_ids(self) -> list[str]:
        return sorted(p.name for p in self.containers.iterdir() if p.is_dir())
