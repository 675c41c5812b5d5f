"""Pouch's own container features, for the lifecycle: disk quotas, lxcfs, rich containers and
the Pouch-only resource fields.

The lifecycle calls ``PouchFeatures`` at create (``check``, ``plan_rich``, ``apply_quotas``),
at start (``add_to_spec``, ``write_cgroup_extras``), at update (``update_quota``)
and at remove (``release``). It holds the parts that own state: ``DiskQuotas`` (quota IDs),
``LxcfsManager`` (the lxcfs process), and says what /info shows of them. Every field a host
cannot honour is refused with the reason at create, never accepted and ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from runtime.containers import cgroups, pouchres, rich
from runtime.containers.records import Record
from runtime.errors import InvalidParameter
from runtime.lxcfs import LxcfsManager
from runtime.quota import DiskQuotas, QuotaRequest, VolumeDir

log = logging.getLogger("pouch.containers")

RICH_FIELDS = ("Rich", "RichMode", "InitScript")
NO_LXCFS = "EnableLxcfs: lxcfs is not enabled on this daemon (start it with --enable-lxcfs)"


def _owner(cid: str) -> str:
    return f"container:{cid}"


def _with_rich_fields(config: dict[str, Any], host: dict[str, Any]) -> dict[str, Any]:
    """Rich, RichMode and InitScript are HostConfig fields in the seed (pouchd also reads them
    from ContainerConfig, where older clients put them): the HostConfig's win."""
    picked = {k: host[k] for k in RICH_FIELDS if host.get(k)}
    return {**config, **picked} if picked else config


class PouchFeatures:
    def __init__(
        self,
        quotas: DiskQuotas,
        lxcfs: LxcfsManager,
        rich_settings: rich.RichSettings,
        extras: pouchres.HostExtras,
        cgroup_parent: str,
        volume_has_own_quota: Callable[[str], bool],
    ) -> None:
        self.volume_has_own_quota = volume_has_own_quota
        self.quotas = quotas
        self.lxcfs = lxcfs
        self.rich_settings = rich_settings
        self.extras = extras
        self.cgroup_parent = cgroup_parent

    # -- engine start and stop -------------------------------------------------------------------
    async def restore(self, running: Iterable[Record]) -> None:
        """Start (or adopt) lxcfs; a fresh one means the running containers' binds are stale."""
        adopted_before = self.lxcfs.owned
        await self.lxcfs.start()
        if self.lxcfs.owned and not adopted_before:
            await self.remount_lxcfs(running)

    async def close(self, running: Iterable[Record]) -> None:
        """lxcfs outlives the engine while a running container uses it (live restore), as they do."""
        in_use = any(r["HostConfig"].get("EnableLxcfs") for r in running)
        await self.lxcfs.close(keep_running=in_use)

    # -- /info ---------------------------------------------------------------------------------
    @property
    def lxcfs_enabled(self) -> bool:
        """Enabled and mounted (what /info shows)."""
        return bool(self.lxcfs.driver_status()["LxcfsEnabled"])

    def driver_status(self) -> list[list[str]]:
        return [*self.quotas.driver_status(), *self.extras.info()]

    # -- create ----------------------------------------------------------------------------------
    def check(self, config: dict[str, Any], host: dict[str, Any]) -> QuotaRequest | None:
        """Refuse (400) what this host cannot do, before anything is made."""
        request = self.quotas.check(config.get("DiskQuota"), config.get("QuotaID"))
        rich.validate(_with_rich_fields(config, host), host)
        if host.get("EnableLxcfs") and not self.lxcfs.config.enabled:
            raise InvalidParameter(NO_LXCFS)
        pouchres.plan(host, config.get("Env"), self.extras)
        return request

    def plan_rich(self, rec: Record, image_config: dict[str, Any], rootfs: str) -> rich.RichPlan | None:
        """The rich plan for the container's root filesystem (400 if the image cannot run the mode)."""
        config = _with_rich_fields(rec["Config"], rec["HostConfig"])
        return rich.plan(config, rec["HostConfig"], image_config, Path(rootfs), self.rich_settings)

    @staticmethod
    def asks_quota(rec: Record) -> bool:
        """The container asks for a disk quota (most do not: no thread hop for them)."""
        return bool(rec["Config"].get("DiskQuota") or rec["Config"].get("QuotaID"))

    def apply_quotas(self, rec: Record, writable_dir: Path) -> None:
        """Enforce DiskQuota on the writable layer and the volumes (at create; blocking)."""
        config = rec["Config"]
        request = self.quotas.check(config.get("DiskQuota"), config.get("QuotaID"))
        if request is None:
            return
        targets = request.targets(writable_dir, self._volume_dirs(rec))
        ids = self.quotas.apply(_owner(rec["Id"]), targets)
        if request.quota_id < 0 and ids:
            config["QuotaID"] = str(next(iter(ids.values())))  # the shared ID the engine chose

    def update_quota(self, rec: Record, disk_quota: dict[str, str] | None, writable_dir: Path) -> None:
        """A live change of DiskQuota (POST /containers/{id}/update): new limits take at once."""
        if not disk_quota:
            return
        config = rec["Config"]
        request = self.quotas.check(disk_quota, config.get("QuotaID"))
        assert request is not None
        targets = request.targets(writable_dir, self._volume_dirs(rec))
        self.quotas.update(_owner(rec["Id"]), targets)
        config["DiskQuota"] = {**(config.get("DiskQuota") or {}), **disk_quota}

    def _volume_dirs(self, rec: Record) -> list[VolumeDir]:
        return [
            VolumeDir(m["Destination"], Path(m["Source"]), self.volume_has_own_quota(m.get("Name") or ""))
            for m in rec.get("Mounts") or []
            if m.get("Type") == "volume" and m.get("Driver", "local") == "local" and m.get("Source")
        ]

    # -- start -----------------------------------------------------------------------------------
    def add_to_spec(self, rec: Record, spec: dict[str, Any], image_config: dict[str, Any], rootfs: str) -> list[str]:
        """Put lxcfs, rich mode and the Pouch-only fields into the OCI spec; returns the command
        to run under init after start (sbin-init and systemd modes), or []."""
        host = rec["HostConfig"]
        user_destinations = {m.get("Destination") for m in rec.get("Mounts") or []}
        if host.get("EnableLxcfs"):
            if not self.lxcfs.config.enabled:
                raise InvalidParameter(NO_LXCFS)
            mounts = spec.setdefault("mounts", [])
            mounts.extend(m for m in self.lxcfs.oci_mounts() if m["destination"] not in user_destinations)
        pouchres.plan(host, rec["Config"].get("Env"), self.extras).apply(spec)
        plan = self.plan_rich(rec, image_config, rootfs)
        if plan is None:
            return []
        plan.apply(spec, {d for d in user_destinations if d})
        return list(plan.run_under_init)

    def write_cgroup_extras(self, rec: Record, host: dict[str, Any] | None = None) -> None:
        """Between runc create and start, and at a live update (``host`` as it will be): the
        cgroup files stock runc does not write."""
        writes = pouchres.plan(host or rec["HostConfig"], rec["Config"].get("Env"), self.extras).cgroup_writes
        if writes:
            rel = cgroups.cgroups_path(self.cgroup_parent, rec).lstrip("/")
            pouchres.write_cgroup_files({c: cgroups.CGROUP_ROOT / c / rel for c, _ in writes}, writes)

    def check_update(self, rec: Record, host: dict[str, Any]) -> None:
        """An update's Pouch-only resources, refused (400) where the host lacks them."""
        pouchres.plan(host, rec["Config"].get("Env"), self.extras)

    async def remount_lxcfs(self, running: Iterable[Record]) -> None:
        """lxcfs came back after a crash: replace the dead mounts in each container using it."""
        for rec in running:
            if rec["HostConfig"].get("EnableLxcfs") and rec["State"].get("Pid"):
                try:
                    await self.lxcfs.remount(int(rec["State"]["Pid"]))
                except Exception as e:  # one container's failure must not keep the others stale
                    log.warning("lxcfs remount in %s failed: %s", rec["Id"][:12], e)

    # -- remove ----------------------------------------------------------------------------------
    def before_cgroup_removal(self, rec: Record) -> None:
        """MemoryForceEmptyCtl on cgroup v1: reclaim the page cache before the cgroup goes."""
        with contextlib.suppress(InvalidParameter):
            if pouchres.plan(rec["HostConfig"], rec["Config"].get("Env"), self.extras).force_empty_on_remove:
                rel = cgroups.cgroups_path(self.cgroup_parent, rec).lstrip("/")
                pouchres.force_empty(cgroups.CGROUP_ROOT / "memory" / rel)

    async def release(self, rec: Record) -> None:
        owner = _owner(rec["Id"])
        if self.quotas.holds(owner):  # most containers hold none: no thread hop for them
            await asyncio.to_thread(self.quotas.release, owner)
