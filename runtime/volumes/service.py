"""VolumeService: the volumes API (create/list/inspect/remove) and the mounts of containers.

A volume record (store kind ``volume``, ID = name) is the spec's VolumeInfo plus
``Anonymous`` (made for a Config.Volumes entry; removed with the container's ``v`` option).
Who uses a volume is asked of the containers (their ``Mounts``, through ContainerMounts) plus
the containers being created right now, so there is one source of truth and nothing to keep
in sync.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

import marshmallow
from marshmallow import fields

from runtime.clock import now_rfc3339
from runtime.config import DaemonConfig
from runtime.containers.protocols import ContainerMounts
from runtime.errors import Conflict, InvalidParameter, NotFound
from runtime.events import EventBus
from runtime.ids import new_id
from runtime.store import MetaStore
from runtime.volumes import drivers
from runtime.volumes.protocols import VolumeQuotas
from runtime.volumes.specs import (
    check_destination,
    check_volume_name,
    parse_bind,
    parse_tmpfs_options,
    parse_volumes_from,
)

log = logging.getLogger("pouch.volumes")

Record = dict[str, Any]
MountPoint = dict[str, Any]
FILTER_KEYS = ("driver", "label", "name", "dangling")
PRIVATE_KEYS = ("Anonymous",)


class VolumeSchema(marshmallow.Schema):
    class Meta:
        unknown = marshmallow.INCLUDE

    Name = fields.String(required=True)
    Driver = fields.String(required=True)
    Mountpoint = fields.String(required=True)
    CreatedAt = fields.String(required=True)
    Labels = fields.Dict(keys=fields.String(), values=fields.String())
    Options = fields.Dict(keys=fields.String(), values=fields.String())
    Scope = fields.String()
    Anonymous = fields.Boolean()


class VolumeService:
    def __init__(
        self,
        config: DaemonConfig,
        store: MetaStore,
        events: EventBus,
        containers: ContainerMounts,
        quotas: VolumeQuotas | None = None,
    ) -> None:
        self.config = config
        self.quotas = quotas
        self.store = store
        self.events = events
        self.containers = containers
        self.root = config.home_dir / "volumes"
        self.root.mkdir(parents=True, exist_ok=True)
        self.store.register("volume", VolumeSchema())
        # Serialises create/remove/mount bookkeeping; held only inside worker threads.
        self._lock = threading.RLock()
        # container ID -> volume names, for containers whose record is not stored yet.
        self._pending: dict[str, set[str]] = {}

    # ---- the volumes API -------------------------------------------------------------

    async def create(
        self,
        name: str | None = None,
        driver: str | None = None,
        driver_opts: dict[str, str] | None = None,
        labels: dict[str, str] | None = None,
    ) -> Record:
        return await asyncio.to_thread(self._create, name, driver, driver_opts, labels)

    def _create(
        self,
        name: str | None,
        driver: str | None,
        driver_opts: dict[str, str] | None,
        labels: dict[str, str] | None,
        anonymous: bool = False,
    ) -> Record:
        driver = driver or "local"
        opts = dict(driver_opts or {})
        labels = dict(labels or {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
            raise InvalidParameter("invalid Labels: want a map of strings")
        drivers.tmpfs_mount_options(driver, opts)  # validates before anything is made
        name = check_volume_name(name) if name else new_id()
        with self._lock:
            existing = self.store.get("volume", name)
            if existing is not None:
                if driver != existing["Driver"]:
                    raise Conflict(f"volume {name} already exists with driver {existing['Driver']}")
                return self.public(existing)
            root = self.root / name
            size = opts.get("size") if driver == "local" else None
            if size and self.quotas is None:
                raise InvalidParameter("driver local: size needs disk quotas, which this engine has not")
            data = drivers.make_volume_dir(root, self.quotas.prepare_dir if self.quotas else None)
            rec: Record = {
                "Name": name,
                "Driver": driver,
                "Mountpoint": str(data),
                "CreatedAt": now_rfc3339(),
                "Labels": labels,
                "Options": opts,
                "Scope": "local",
                "Anonymous": anonymous,
            }
            try:
                if size and self.quotas is not None:
                    self.quotas.set_dir_limit(_quota_owner(name), data, size)
                self.store.insert("volume", name, rec, name=name)
            except Exception:
                self._remove_dir(name, root)
                raise
        self.events.publish("volume", "create", name, {"driver": driver})
        return self.public(rec)

    def get(self, ref: str) -> Record:
        rec = self.store.get("volume", ref) if ref else None
        if rec is None:
            raise NotFound(f"No such volume: {ref}")
        return rec

    def inspect(self, ref: str) -> Record:
        return self.public(self.get(ref))

    def list_volumes(self, filters: dict[str, list[str]] | None = None) -> list[Record]:
        filters = filters or {}
        for key in filters:
            if key not in FILTER_KEYS:
                raise InvalidParameter(f"invalid filter {key!r}, allowed: {', '.join(FILTER_KEYS)}")
        dangling = filters.get("dangling")
        if dangling and any(v not in ("true", "false", "1", "0") for v in dangling):
            raise InvalidParameter(f"invalid filter 'dangling={dangling[0]}'")
        users = self._users_by_volume()
        out = []
        for rec in self.store.list("volume"):
            if filters.get("driver") and rec["Driver"] not in filters["driver"]:
                continue
            if filters.get("name") and not any(n in rec["Name"] for n in filters["name"]):
                continue
            if not _labels_match(rec.get("Labels") or {}, filters.get("label") or []):
                continue
            if dangling and (dangling[0] in ("true", "1")) == bool(users.get(rec["Name"])):
                continue
            out.append(self.public(rec, users.get(rec["Name"], [])))
        return out

    async def remove(self, ref: str, force: bool = False) -> None:
        await asyncio.to_thread(self._remove, ref, force)

    def _remove(self, ref: str, force: bool = False) -> None:
        with self._lock:
            rec = self.get(ref)
            users = self._users_by_volume().get(rec["Name"], [])
            if users:
                raise Conflict(f"remove {rec['Name']}: volume is in use - [{', '.join(users)}]")
            self._remove_dir(rec["Name"], Path(rec["Mountpoint"]).parent)
            self.store.delete("volume", rec["Name"])
        self.events.publish("volume", "destroy", rec["Name"], {"driver": rec["Driver"]})

    def _remove_dir(self, name: str, root: Path) -> None:
        if self.quotas is not None:
            self.quotas.release(_quota_owner(name))
        drivers.remove_volume_dir(root)

    def has_own_quota(self, name: str) -> bool:
        """A local volume with ``size``: a container's DiskQuota leaves its directory alone."""
        rec = self.store.get("volume", name) if name else None
        return bool(rec and rec["Driver"] == "local" and (rec.get("Options") or {}).get("size"))

    def public(self, rec: Record, users: list[str] | None = None) -> Record:
        out = {k: v for k, v in rec.items() if k not in PRIVATE_KEYS}
        if users is None:
            users = self._users_by_volume().get(rec["Name"], [])
        # the spec types Status as a map of objects: usage goes in one, as dockerd's UsageData
        out["Status"] = {"UsageData": {"RefCount": len(users), "Size": -1, "Containers": list(users)}}
        return out

    def _users_by_volume(self) -> dict[str, list[str]]:
        users: dict[str, list[str]] = {}
        for cid, mounts in self.containers.all_mounts().items():
            for m in mounts:
                if m.get("Type") == "volume" and m.get("Name"):
                    users.setdefault(m["Name"], []).append(cid)
        for cid, names in self._pending.items():
            for name in names:
                if cid not in users.setdefault(name, []):
                    users[name].append(cid)
        return users

    # ---- containers' mounts (VolumeMounts, volumes/protocols.py) -------------------------

    async def prepare_mounts(self, record: Record) -> list[MountPoint]:
        """Binds, Config.Volumes, VolumesFrom and Tmpfs of a new container as MountPoints.

        Validates everything first, then creates the named and anonymous volumes it needs;
        on any failure the volumes made by this call are removed again."""
        host, config = record.get("HostConfig") or {}, record.get("Config") or {}
        if not (host.get("Binds") or host.get("VolumesFrom") or host.get("Tmpfs") or config.get("Volumes")):
            return []  # most containers: nothing to mount, no thread hop
        return await asyncio.to_thread(self._prepare_mounts, record)

    def _prepare_mounts(self, record: Record) -> list[MountPoint]:
        cid = record["Id"]
        host = record.get("HostConfig") or {}
        config = record.get("Config") or {}
        mounts: dict[str, MountPoint] = {}

        def add(mp: MountPoint) -> None:
            if mp["Destination"] in mounts:
                raise InvalidParameter(f"duplicate mount point: {mp['Destination']}")
            mounts[mp["Destination"]] = mp

        wanted: list[tuple[str, MountPoint]] = []  # (volume name, mount) to create/attach
        for spec in host.get("Binds") or []:
            bind = parse_bind(spec, self.config.allowed_bind_roots)
            mp = {
                "Type": "volume" if bind.volume else "bind",
                "Name": bind.source if bind.volume else "",
                "Source": "" if bind.volume else bind.source,
                "Destination": bind.destination,
                "Driver": (host.get("VolumeDriver") or "local") if bind.volume else "",
                "Mode": bind.mode,
                "RW": bind.rw,
                "Propagation": bind.propagation,
                "Named": bind.volume,
            }
            add(mp)
            if bind.volume:
                wanted.append((bind.source, mp))
        for spec in host.get("VolumesFrom") or []:
            ref, mode = parse_volumes_from(spec)
            other_id, other_mounts = self.containers.mounts_of(ref)
            if other_id == cid:
                raise InvalidParameter("a container cannot take volumes from itself")
            for m in other_mounts:
                if m.get("Type") == "tmpfs" or m["Destination"] in mounts:
                    continue
                mp = dict(m)
                if mode is not None:
                    mp["RW"] = mode == "rw"
                    mp["Mode"] = mode
                add(mp)
        for dest, opts in (host.get("Tmpfs") or {}).items():
            dest_n = check_destination(dest, "tmpfs")
            options = parse_tmpfs_options(opts or "", dest)
            add(
                {
                    "Type": "tmpfs",
                    "Name": "",
                    "Source": "tmpfs",
                    "Destination": dest_n,
                    "Driver": "",
                    "Mode": ",".join(options),
                    "RW": "ro" not in options,
                    "Propagation": "",
                }
            )
        for dest in config.get("Volumes") or {}:
            dest_n = check_destination(dest, "volume")
            if dest_n in mounts:
                continue  # a bind or tmpfs already covers it, as dockerd does
            mp = {
                "Type": "volume",
                "Name": "",
                "Source": "",
                "Destination": dest_n,
                "Driver": host.get("VolumeDriver") or "local",
                "Mode": "",
                "RW": True,
                "Propagation": "",
                "Named": False,
                "CopyData": True,
            }
            add(mp)
            wanted.append(("", mp))

        created: list[str] = []
        with self._lock:
            try:
                for name, mp in wanted:
                    rec = self.store.get("volume", name) if name else None
                    if rec is None:
                        made = self._create(name or None, mp["Driver"], None, None, anonymous=not name)
                        rec = self.get(made["Name"])
                        created.append(rec["Name"])
                    self._attach(rec, mp)
                    self._pending.setdefault(cid, set()).add(rec["Name"])
            except Exception:
                self._pending.pop(cid, None)
                for name in created:
                    self._drop_quietly(name)
                raise
        return list(mounts.values())

    def _attach(self, rec: Record, mp: MountPoint) -> None:
        """Point a MountPoint at a volume's data, mounting its tmpfs on first use."""
        data = Path(rec["Mountpoint"])
        options = drivers.tmpfs_mount_options(rec["Driver"], rec.get("Options") or {})
        data.mkdir(parents=True, exist_ok=True)
        if options is not None:
            drivers.mount_tmpfs(data, options)
        mp["Name"] = rec["Name"]
        mp["Source"] = str(data)
        mp["Driver"] = rec["Driver"]

    def _drop_quietly(self, name: str) -> None:
        rec = self.store.get("volume", name)
        if rec is None:
            return
        try:
            self._remove_dir(name, Path(rec["Mountpoint"]).parent)
        finally:
            self.store.delete("volume", name)
        self.events.publish("volume", "destroy", name, {"driver": rec["Driver"]})

    async def mount(self, record: Record) -> None:
        """Before a (re)start: make sure tmpfs-backed volumes are mounted (after a reboot).
        Like dockerd, each start is a volume "mount" event and each exit an "unmount"."""
        await asyncio.to_thread(self._remount, record)
        for mp in self._volume_mounts(record):
            attrs = {
                "container": record["Id"],
                "destination": mp["Destination"],
                "driver": mp.get("Driver", ""),
                "propagation": mp.get("Propagation", ""),
                "read/write": str(mp.get("RW", True)).lower(),
            }
            self.events.publish("volume", "mount", mp["Name"], attrs)

    def unmounted(self, record: Record) -> None:
        """After an exit: the container no longer has its volumes mounted."""
        for mp in self._volume_mounts(record):
            attrs = {"container": record["Id"], "driver": mp.get("Driver", "")}
            self.events.publish("volume", "unmount", mp["Name"], attrs)

    @staticmethod
    def _volume_mounts(record: Record) -> list[MountPoint]:
        return [mp for mp in record.get("Mounts") or [] if mp.get("Type") == "volume" and mp.get("Name")]

    def _remount(self, record: Record) -> None:
        self._remount_points(record.get("Mounts") or [])

    def _remount_points(self, mounts: list[MountPoint]) -> None:
        with self._lock:
            for mp in mounts:
                if mp.get("Type") != "volume" or not mp.get("Name"):
                    continue
                rec = self.store.get("volume", mp["Name"])
                if rec is not None:
                    self._attach(rec, dict(mp))

    async def release_mounts(self, record: Record, remove_anonymous: bool) -> None:
        """At container remove: unmount what nobody else uses; drop anonymous volumes if asked."""
        if self._volume_mounts(record) or record["Id"] in self._pending:  # else nothing to do
            await asyncio.to_thread(self._release_mounts, record, remove_anonymous)

    def _release_mounts(self, record: Record, remove_anonymous: bool) -> None:
        cid = record["Id"]
        with self._lock:
            self._pending.pop(cid, None)
            users = self._users_by_volume()
            for mp in record.get("Mounts") or []:
                name = mp.get("Name")
                if mp.get("Type") != "volume" or not name:
                    continue
                rec = self.store.get("volume", name)
                if rec is None:
                    continue
                others = [u for u in users.get(name, []) if u != cid]
                if others:
                    continue
                if remove_anonymous and rec.get("Anonymous"):
                    self._drop_quietly(name)
                elif drivers.tmpfs_mount_options(rec["Driver"], rec.get("Options") or {}) is not None:
                    drivers.unmount(Path(rec["Mountpoint"]))

    def container_stored(self, container_id: str) -> None:
        """The container record (with Mounts) is now stored: the pending claim goes."""
        with self._lock:
            self._pending.pop(container_id, None)

    async def close(self) -> None:
        pass

    async def restore(self) -> None:
        """Re-mount tmpfs volumes that stored containers use (the host may have rebooted)."""

        def remount_all() -> None:
            for cid, mounts in self.containers.all_mounts().items():
                try:
                    self._remount_points(mounts)
                except Exception as exc:  # keep starting: one broken volume must not stop the daemon
                    log.warning("remount volumes of %s: %s", cid, exc)

        await asyncio.to_thread(remount_all)
        await asyncio.to_thread(self._drop_orphan_dirs)

    def _drop_orphan_dirs(self) -> None:
        """A create cut by a crash makes the directory before the record: drop such empty ones
        (the cut may even fall between the volume's directory and its ``_data``)."""
        known = {v["Name"] for v in self.store.list("volume")}
        for root in self.root.iterdir():
            data = root / "_data"
            if root.name in known or not root.is_dir() or (data.is_dir() and any(data.iterdir())):
                continue
            if any(p.name != "_data" for p in root.iterdir()):
                continue  # not the shape of a volume directory: not ours to remove
            log.warning("removing the directory of volume %s that the store does not know", root.name)
            self._remove_dir(root.name, root)


def _quota_owner(name: str) -> str:
    return f"volume:{name}"


def _labels_match(labels: dict[str, str], wanted: list[str]) -> bool:
    for want in wanted:
        sep = "=" if "=" in want else ":" if ":" in want else None
        if sep is None:
            if want not in labels:
                return False
            continue
        key, _, value = want.partition(sep)
        if labels.get(key) != value:
            return False
    return True
