"""What reads or writes a container's filesystem from outside it (``engine.container_files``):
GET /containers/{id}/changes (docker diff) and HEAD/GET/PUT /containers/{id}/archive (docker cp).

The work is in ``changes`` (the overlay upper dir against the image's layers) and ``archive``
(paths resolved in the container's scope, tar out and in); this module finds a container's
directories and holds its lock meanwhile: a stopped container's root filesystem is mounted for
the operation and unmounted after it, as dockerd does, so a start never races the mount.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from runtime.containers import archive, records
from runtime.containers.changes import container_changes
from runtime.containers.live import Lives
from runtime.containers.records import Record, rootfs_key
from runtime.containers.table import ContainerTable
from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound
from runtime.events import EventBus
from runtime.images.protocols import ImageStore

NETWORK_FILES = {"/etc/hosts": "HostsPath", "/etc/hostname": "HostnamePath", "/etc/resolv.conf": "ResolvConfPath"}


class ContainerFiles:
    def __init__(self, table: ContainerTable, lives: Lives, images: ImageStore, events: EventBus, tmp: Path) -> None:
        self.table = table
        self.lives = lives
        self.images = images
        self.events = events
        self.tmp = tmp

    async def restore(self) -> None:
        self.tmp.mkdir(parents=True, exist_ok=True)
        for leftover in self.tmp.iterdir():  # a crash's half-written archives
            with contextlib.suppress(OSError):
                leftover.unlink()

    async def close(self) -> None:
        pass

    def _publish(self, rec: Record, action: str) -> None:
        self.events.publish("container", action, rec["Id"], records.labels_attrs(rec))

    # -- changes ---------------------------------------------------------------------------
    async def changes(self, ref: str) -> list[dict[str, Any]]:
        """The container's filesystem changes ({Path, Kind}); the files the engine itself puts
        in the root filesystem (the network files' mount points) are left out, as dockerd's
        init layer leaves them out."""
        rec = self.table.get(ref)
        data = self.images.graph_driver(rootfs_key(rec)).get("Data") or {}
        if not data.get("UpperDir"):
            raise EngineError(f"container {rec['Id']} has no root filesystem")
        upper = Path(data["UpperDir"])
        lowers = [Path(p) for p in str(data.get("LowerDir") or "").split(":") if p]
        return await asyncio.to_thread(container_changes, upper, lowers, lambda p: p in NETWORK_FILES)

    # -- archive ---------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _filesystem(self, ref: str) -> AsyncIterator[tuple[Record, archive.ContainerFS]]:
        """The container's filesystem as its processes see it, mounted for the duration."""
        rec = self.table.get(ref)
        async with self.lives.get(rec["Id"]).lock:
            if rec["Id"] not in self.table:  # removed while we waited for the lock
                self.lives.forget(rec["Id"])
                raise NotFound(f"No such container: {ref}")
            if rec["State"]["Status"] == "removing":
                raise Conflict(f"container {rec['Id']} is being removed")
            key = rootfs_key(rec)
            running = rec["State"]["Running"]
            rootfs = await self.images.mount_rootfs(key)
            try:
                yield rec, archive.ContainerFS(rootfs, _mounts(rec), bool(rec["HostConfig"].get("ReadonlyRootfs")))
            finally:
                if not running and not rec["State"]["Running"]:
                    with contextlib.suppress(Exception):
                        await self.images.unmount_rootfs(key)

    async def stat(self, ref: str, path: str) -> dict[str, Any]:
        """HEAD /containers/{id}/archive: the path's ContainerPathStat."""
        _check_path(path)
        async with self._filesystem(ref) as (rec, fs):
            return await asyncio.to_thread(archive.stat_path, fs, path, ref)

    async def get_archive(self, ref: str, path: str) -> tuple[Path, dict[str, Any]]:
        """GET /containers/{id}/archive: (a temp file holding the tar, which the caller removes;
        the path's stat). 404 before any byte when the path does not exist."""
        _check_path(path)
        async with self._filesystem(ref) as (rec, fs):
            fd, name = tempfile.mkstemp(prefix="archive-", dir=self.tmp)
            try:
                with os.fdopen(fd, "wb") as out:
                    path_stat = await asyncio.to_thread(archive.write_archive, fs, path, out, ref)
            except BaseException:
                os.unlink(name)
                raise
        self._publish(rec, "archive-path")
        return Path(name), path_stat

    async def put_archive(
        self, ref: str, path: str, body: AsyncIterator[bytes], no_overwrite_dir_non_dir: bool, copy_uid_gid: bool
    ) -> None:
        """PUT /containers/{id}/archive: the tar ``body`` brings unpacked into directory ``path``
        (spooled to a temp file first, so the container's lock waits for no client)."""
        _check_path(path)
        self.table.get(ref)  # 404 before the body is read
        with tempfile.TemporaryFile(dir=self.tmp) as src:
            async for chunk in body:
                await asyncio.to_thread(src.write, chunk)
            src.seek(0)
            async with self._filesystem(ref) as (rec, fs):
                user = str(rec["Config"].get("User") or "")
                await asyncio.to_thread(
                    archive.extract_archive, fs, path, src, no_overwrite_dir_non_dir, copy_uid_gid, user, ref
                )
        self._publish(rec, "extract-to-dir")


def _mounts(rec: Record) -> list[archive.Mount]:
    out = [
        archive.Mount(str(m.get("Destination") or ""), str(m.get("Source") or ""), bool(m.get("RW", True)))
        for m in rec.get("Mounts") or []
        if m.get("Destination")
    ]
    taken = {m.destination for m in out}
    for dest, key in NETWORK_FILES.items():
        source = rec.get(key) or ""
        if source and dest not in taken and os.path.exists(source):
            out.append(archive.Mount(dest, source, not rec["HostConfig"].get("ReadonlyRootfs")))
    return out


def _check_path(path: str) -> None:
    """A path no filesystem call can take (Go's os package refuses it as EINVAL, dockerd a 400)."""
    if "\x00" in path:
        raise InvalidParameter("invalid path: it contains a NUL byte")
