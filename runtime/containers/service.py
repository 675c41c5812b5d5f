"""ContainerService: the container lifecycle on conmon + runc.

Records live in the :class:`ContainerTable` (in memory, written through to the store). Per
container, a :class:`Live` holds what only exists while the engine runs: the operation lock,
the pidfd watch on conmon, the waiters of ``wait`` and the restart-policy timer. Images,
volumes, networks and execs are reached through the protocols they define.

This module is long because it is the one state machine: every transition (create, start,
exit and restart policy, stop, pause, remove, rename, update, upgrade, commit, live restore)
takes the container's lock here, so their ordering rules can be read together. What a
transition delegates lives in the satellites (launch, defaults, updates, checkpoints,
cgroups, filters, streams; see the package docstring).
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import copy
import logging
import os
import shutil
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from runtime import ids
from runtime.config import DaemonConfig
from runtime.containers import cgroups, checkpoints, defaults, hostconfig, ocispec, records, updates
from runtime.containers import filters as filters_
from runtime.containers.driver import (
    ContainerPaths,
    Driver,
    RuntimeFailure,
    command_failure,
    reap_container_orphans,
    set_child_subreaper,
)
from runtime.containers.features import PouchFeatures
from runtime.containers.launch import Launcher
from runtime.containers.live import Live, Lives, should_restart
from runtime.containers.protocols import ExecIndex
from runtime.containers.records import Record, rootfs_key
from runtime.containers.table import ContainerTable
from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound, NotModified
from runtime.events import EventBus
from runtime.host import runtimes
from runtime.images.protocols import CommitSource, ImageStore
from runtime.networks.protocols import NetworkAttach
from runtime.processes import ProcessWatch
from runtime.volumes.protocols import VolumeMounts

log = logging.getLogger("pouch.containers")

DEFAULT_STOP_TIMEOUT = 10


class ContainerService:
    def __init__(
        self,
        config: DaemonConfig,
        table: ContainerTable,
        events: EventBus,
        lives: Lives,
        driver: Driver,
        images: ImageStore,
        volumes: VolumeMounts,
        networks: NetworkAttach,
        execs: ExecIndex,
        features: PouchFeatures,
    ) -> None:
        self.features = features
        self.config = config
        self.table = table
        self.events = events
        self.lives = lives
        self.driver = driver
        self.images = images
        self.volumes = volumes
        self.networks = networks
        self.execs = execs
        self.launcher = Launcher(table, driver, images, volumes, networks, features, config.cgroup_parent)
        self._bg: set[asyncio.Task[Any]] = set()
        self._runtime_names: builtins.list[str] | None = None

    # -- lookup ------------------------------------------------------------------------------
    def get(self, ref: str) -> Record:
        """By exact ID, exact name (with or without the slash), then unique ID prefix."""
        return self.table.get(ref)

    def live(self, cid: str) -> Live:
        return self.lives.get(cid)

    def paths(self, cid: str) -> ContainerPaths:
        return self.driver.paths(cid)

    def _save(self, rec: Record) -> None:
        self.table.save(rec)

    def _try_save(self, rec: Record) -> bool:
        """A full disk must not stop the lifecycle: the in-memory record stays authoritative
        and the next successful save carries the change."""
        return self.table.try_save(rec)

    def _publish(self, rec: Record, action: str, **extra: Any) -> None:
        self.events.publish("container", action, rec["Id"], records.labels_attrs(rec, **extra))

    def _spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        self._bg.add(task)
        task.add_done_callback(self._bg.discard)
        return task

    def cgroups_path(self, rec: Record) -> str:
        return cgroups.cgroups_path(self.config.cgroup_parent, rec)

    # -- create ------------------------------------------------------------------------------
    async def create(self, body: dict[str, Any], name: str | None) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise InvalidParameter("body must be a ContainerCreateConfig object")
        config = {k: v for k, v in body.items() if k not in ("HostConfig", "NetworkingConfig")}
        host = dict(body.get("HostConfig") or {})
        networking = body.get("NetworkingConfig") or {}
        image_ref = config.get("Image") or ""
        if not image_ref:
            raise InvalidParameter("Config cannot be empty in order to create a container: Image is required")
        if name:
            name = ids.check_name(name)
        image = self.images.resolve(image_ref)
        image_config = dict(image.get("Config") or {})
        warnings = hostconfig.check_host_config(config, host, sorted(self._runtimes()))
        self.features.check(config, host)

        merged = defaults.merge_image_defaults(config, image_config, image_ref)
        host = defaults.host_defaults(host, self.config.default_runtime)
        cid = config.get("SpecificID") or ids.new_id()
        name = name or self._free_name()
        rec = defaults.new_record(cid, name, merged, host, image["Id"], str(self.paths(cid).log), networking)
        # Claim the ID and the name before the first await (of two creates with one name, one
        # wins). The record is stored at once, marked Creating, so that a daemon killed
        # mid-create leaves nothing unaccounted: restore discards such records with whatever
        # rootfs/volumes they got.
        rec["Creating"] = True
        self.table.claim(rec)
        try:  # the bundle dirs are made at start: a created container costs one rootfs, no dirs
            rec["BaseFS"] = await self.images.create_rootfs(cid, image["Id"])
            with contextlib.suppress(Exception):
                rec["GraphDriver"] = self.images.graph_driver(cid)
            rec["Mounts"] = await self.volumes.prepare_mounts(rec)
            rich_plan = self.features.plan_rich(rec, {}, rec["BaseFS"])  # 400 if the image cannot
            # the signal its init halts on, unless the user or the image chose one (SIGTERM is
            # every record's default, so a committed image carries it without a choice)
            chosen = config.get("StopSignal") or image_config.get("StopSignal") not in (None, "", "SIGTERM")
            if rich_plan and rich_plan.stop_signal and not chosen:
                rec["Config"]["StopSignal"] = rich_plan.stop_signal
            if self.features.asks_quota(rec):
                await asyncio.to_thread(self.features.apply_quotas, rec, self.images.writable_dir(rootfs_key(rec)))
            await self.networks.prepare(rec)
            rec.pop("Creating", None)
            self._save(rec)
            self.volumes.container_stored(cid)
        except BaseException:
            await self._discard(rec)
            raise
        self._publish(rec, "create")
        return {"Id": cid, "Name": rec["Name"], "Warnings": warnings}

    async def _discard(self, rec: Record) -> None:
        cid = rec["Id"]
        self.table.delete(rec)
        with contextlib.suppress(Exception):
            await self.features.release(rec)  # quota IDs a half-made create may hold
        with contextlib.suppress(Exception):
            await self.volumes.release_mounts(rec, True)
        with contextlib.suppress(Exception):
            await self.networks.release(rec)
        with contextlib.suppress(Exception):
            await self.images.remove_rootfs(cid)
        shutil.rmtree(self.paths(cid).home, ignore_errors=True)
        shutil.rmtree(self.paths(cid).run, ignore_errors=True)

    def _free_name(self) -> str:
        for _ in range(100):
            name = ids.random_name()
            if not self.table.name_taken(name):
                return name
        return ids.random_name() + "_" + ids.new_id()[:6]

    def _runtimes(self) -> list[str]:
        if self._runtime_names is None:  # installed runtimes do not change while we run
            self._runtime_names = list(runtimes())
        return self._runtime_names

    # -- start -------------------------------------------------------------------------------
    async def start(self, ref: str, checkpoint: str | None = None, checkpoint_dir: str | None = None) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            st = rec["State"]
            if st["Paused"]:
                raise Conflict(f"cannot start a paused container {rec['Id']}, try unpause instead")
            if st["Running"]:
                raise NotModified("container already started")
            if st["Status"] == "removing":
                raise Conflict(f"container {rec['Id']} is being removed")
            lv.cancel_restart()
            rec["ManualStop"] = False
            await self._start_locked(rec, lv, checkpoint=checkpoint, checkpoint_dir=checkpoint_dir)

    async def _start_locked(
        self, rec: Record, lv: Live, checkpoint: str | None = None, checkpoint_dir: str | None = None
    ) -> None:
        cid = rec["Id"]
        if lv.cleanup is not None:
            await lv.cleanup
            lv.cleanup = None
        try:
            pid = await self.launcher.launch(rec, lv.attach_hooks, checkpoint, checkpoint_dir)
        except BaseException as exc:
            if isinstance(exc, (RuntimeFailure, OSError)):
                text = str(exc)
                code = command_failure(text)
                # Limits this host's kernel refuses are the caller's configuration, not a fault.
                refused = "error setting cgroup config" in text
                rec["State"]["Error"] = text
                rec["State"]["ExitCode"] = code or 128
                self._save(rec)
                if code or refused:
                    raise InvalidParameter(f"failed to start container {cid}: {text}") from None
                raise EngineError(f"failed to start container {cid}: {text}") from None
            raise
        records.set_running(rec, pid)
        rec["HasBeenStarted"] = True
        rec["ConmonPid"] = self.driver.conmon_pid(self.paths(cid).conmon_pidfile) or 0
        self._save(rec)
        lv.exited.clear()
        lv.started_mono = time.monotonic()
        self._watch(rec, lv)
        self._publish(rec, "start")

    def _watch(self, rec: Record, lv: Live) -> None:
        cid = rec["Id"]
        conmon = rec.get("ConmonPid") or 0
        if lv.watch is not None:
            lv.watch.cancel()
        if conmon <= 0:
            self._spawn(self._on_exit(cid))
            return
        lv.watch = ProcessWatch(conmon, lambda: self._spawn(self._on_exit(cid)))

    # -- exit handling -----------------------------------------------------------------------
    async def _on_exit(self, cid: str) -> None:
        rec = self.table.find(cid)
        if rec is None or not rec["State"]["Running"]:
            return
        lv = self.live(cid)
        lv.watch = None
        paths = self.paths(cid)
        code = self.driver.read_exit_code(self.driver.exits / cid)
        if code is None:
            code = self.driver.read_exit_code(paths.persist / "exit")
        error = ""
        if code is None:
            code, error = 255, "container monitor (conmon) exited without an exit code"
        oom = (paths.persist / "oom").exists()
        records.set_exited(rec, code, oom, error, stopped=bool(rec.get("ManualStop") or lv.stopping))
        self._try_save(rec)  # the exit must be known (waiters, remove) even if the disk is full
        lv.start_cleanup(self._cleanup_runtime(rec))
        if oom:
            self._publish(rec, "oom")
        self._publish(rec, "die", exitCode=code)
        # As dockerd: wait/stop return once the network and mounts are released (bounded: a
        # cleanup that hangs is retried by the next start or remove, which await it).
        await lv.settled()
        if rec["State"]["Running"]:  # started again meanwhile: this exit is history
            lv.announce_exit(code, error)
            return
        lv.exited.set()
        lv.announce_exit(code, error)
        if cid not in self.table:  # removed meanwhile
            return
        if should_restart(rec, lv.stopping):
            self._schedule_restart(rec, lv)
        elif rec["HostConfig"].get("AutoRemove") and not lv.keep:
            self._spawn(self._auto_remove(cid))

    async def _cleanup_runtime(self, rec: Record) -> None:
        """After an exit: drop runc's state and cgroups (runc delete, done in-process), network."""
        try:
            # Independent of each other: done at once (each is mostly waiting on the kernel).
            results = await asyncio.gather(
                self._drop_runc_state(rec),
                self.networks.teardown(rec),
                self.images.unmount_rootfs(rootfs_key(rec)),  # as dockerd: a stopped container holds no mount
                return_exceptions=True,
            )
            self.volumes.unmounted(rec)
            for result in results:
                if isinstance(result, BaseException):
                    raise result
        except Exception as exc:  # the next start retries; never lose the exit because of cleanup
            log.warning("cleanup of %s after exit: %s", rec["Id"], exc)

    async def _drop_runc_state(self, rec: Record) -> None:
        # A cgroup is busy while the last of its processes are still dying: ask again a few
        # times before runc delete --force, and after it (a cgroup left behind is a leak).
        for _ in range(10):
            if await asyncio.to_thread(self._delete_runc_state, rec):
                return
            await asyncio.sleep(0.05)
        await self.driver.delete(rec["Id"], force=True)
        await asyncio.to_thread(cgroups.remove, self.cgroups_path(rec), self.config.cgroup_parent)

    def _delete_runc_state(self, rec: Record) -> bool:
        """What ``runc delete`` does for a stopped container, without spawning it: remove the
        (now empty) cgroups and the state dir. False if something is still busy."""
        self.features.before_cgroup_removal(rec)
        if not cgroups.remove(self.cgroups_path(rec), self.config.cgroup_parent):
            return False
        shutil.rmtree(self.driver.runc_root / rec["Id"], ignore_errors=True)
        return True

    def _schedule_restart(self, rec: Record, lv: Live) -> None:
        delay = lv.next_backoff()
        rec["State"].update(Status="restarting", Restarting=True)
        self._try_save(rec)
        lv.restart_timer = asyncio.get_running_loop().call_later(delay, lambda: self._restart_now(rec["Id"]))

    def _restart_now(self, cid: str) -> None:
        lv = self.live(cid)
        lv.restart_timer = None
        lv.restart_task = self._spawn(self._policy_restart(cid))

    async def _policy_restart(self, cid: str) -> None:
        rec = self.table.find(cid)
        if rec is None:
            return
        lv = self.live(cid)
        async with lv.lock:
            if rec["State"]["Status"] != "restarting":
                return
            rec["RestartCount"] += 1
            try:
                await self._start_locked(rec, lv)
            except Exception as exc:
                log.warning("restart of %s failed: %s", cid, exc)
                records.set_exited(rec, 128, False, str(exc))
                self._save(rec)
                lv.announce_exit(128, str(exc))
                if should_restart(rec, lv.stopping):
                    self._schedule_restart(rec, lv)

    async def _auto_remove(self, cid: str) -> None:
        with contextlib.suppress(NotFound, Conflict):
            await self.remove(cid, force=True, volumes=True)

    # -- stop / kill / restart ---------------------------------------------------------------
    async def stop(self, ref: str, stop_timeout: int | None = None) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            if rec["State"]["Status"] == "restarting":
                lv.cancel_restart()
                rec["ManualStop"] = True
                records.set_exited(rec, rec["State"]["ExitCode"], False, stopped=True)
                self._save(rec)
                lv.announce_exit(rec["State"]["ExitCode"], "")
                self._publish(rec, "stop")
                return
            if not rec["State"]["Running"]:
                raise NotModified("container already stopped")
            await self._stop_locked(rec, lv, stop_timeout)
        self._publish(rec, "stop")

    def _stop_timeout(self, rec: Record, timeout: int | None) -> int:
        if timeout is not None and timeout >= 0:
            return timeout
        st = rec["Config"].get("StopTimeout")
        return DEFAULT_STOP_TIMEOUT if st is None else int(st)

    async def _stop_locked(self, rec: Record, lv: Live, stop_timeout: int | None) -> None:
        cid = rec["Id"]
        rec["ManualStop"] = True
        self._try_save(rec)  # a full disk must not keep a container from stopping
        lv.stopping = True
        try:
            sig = hostconfig.parse_signal(rec["Config"].get("StopSignal"))
            t = self._stop_timeout(rec, stop_timeout)
            # Thaw first (as dockerd): a SIGKILL reaches a frozen task on cgroup v1, and a resume
            # after it races the exit handler's cleanup (runc: "container does not exist").
            await self._thaw(rec)
            if t > 0 or sig == 9:
                await self._signal(rec, sig)
                await self._grace(lv, t if t > 0 else 10)
            if not lv.exited.is_set():
                await self._signal(rec, 9)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(lv.exited.wait(), 30)
            if not lv.exited.is_set():
                raise EngineError(f"container {cid} did not exit after SIGKILL")
        finally:
            lv.stopping = False

    async def _grace(self, lv: Live, seconds: float) -> None:
        """A stop's wait for the exit after its signal; cut short by ``_cut_short_a_stop``."""
        lv.hurry = hurry = asyncio.Event()
        waits = [asyncio.ensure_future(lv.exited.wait()), asyncio.ensure_future(hurry.wait())]
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            lv.hurry = None
            for w in waits:
                w.cancel()

    def _cut_short_a_stop(self, lv: Live) -> bool:
        """A stop in progress holds the lock while it waits up to its timeout (it may be hours);
        a SIGKILL asked meanwhile (kill, remove -f) makes it send the SIGKILL at once, as dockerd
        would. True if a stop was waiting."""
        if lv.hurry is None:
            return False
        lv.hurry.set()
        return True

    async def _signal(self, rec: Record, sig: int) -> None:
        reap_container_orphans()  # an unreaped exec left over would keep the container from dying
        self._publish(rec, "kill", signal=sig)
        await self.driver.kill(rec["Id"], sig, all_procs=sig == 9)

    async def kill(self, ref: str, signal: str | None = None) -> None:
        """POST /containers/{id}/kill as dockerd (20.10's daemon/kill.go): SIGKILL by default,
        409 unless running. SIGKILL or the stop signal ends the container for good (no restart
        policy after it; a paused one is thawed to take it); another signal is only delivered
        (a paused container gets it when unpaused), and unless-stopped will not restart it."""
        sig = hostconfig.parse_signal(signal, default=9)
        rec = self.get(ref)
        final = sig in (9, hostconfig.parse_signal(rec["Config"].get("StopSignal")))
        if rec["State"]["Status"] == "restarting":
            if final:
                await self.stop(rec["Id"])  # no process to signal: the restart is called off
            return
        lv = self.live(rec["Id"])
        if sig == 9 and self._cut_short_a_stop(lv):
            return  # delivered; the stop it cut short finishes the container's exit
        async with lv.lock:
            if not rec["State"]["Running"]:
                raise Conflict(f"Container {rec['Id']} is not running")
            if final or (rec["HostConfig"].get("RestartPolicy") or {}).get("Name") == "unless-stopped":
                rec["ManualStop"] = True  # ExitOnNext / HasBeenManuallyStopped
                self._try_save(rec)
            if final:
                await self._thaw(rec)
            await self._signal(rec, sig)

    async def restart(self, ref: str, stop_timeout: int | None = None) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            lv.cancel_restart()
            lv.keep = True
            try:
                if rec["State"]["Running"]:
                    await self._stop_locked(rec, lv, stop_timeout)
                rec["ManualStop"] = False
                await self._start_locked(rec, lv)
            finally:
                lv.keep = False
        self._publish(rec, "restart")

    # -- pause -------------------------------------------------------------------------------
    async def pause(self, ref: str) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            st = rec["State"]
            if not st["Running"]:
                raise Conflict(f"Container {rec['Id']} is not running")
            if st["Paused"]:
                raise Conflict(f"Container {rec['Id']} is already paused")
            try:
                await self.driver.pause(rec["Id"])
            except RuntimeFailure:
                if await self.driver.stopped(rec["Id"]):  # it exited meanwhile: as if it had before
                    raise Conflict(f"Container {rec['Id']} is not running") from None
                raise
            st.update(Paused=True, Status="paused")
            self._save(rec)
        self._publish(rec, "pause")

    async def unpause(self, ref: str) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            if not rec["State"]["Paused"]:
                raise Conflict(f"Container {rec['Id']} is not paused")
            await self._resume_locked(rec, publish=True)

    async def _resume_locked(self, rec: Record, publish: bool) -> None:
        await self.driver.resume(rec["Id"])
        rec["State"].update(Paused=False, Status="running" if rec["State"]["Running"] else rec["State"]["Status"])
        self._save(rec)
        if publish:
            self._publish(rec, "unpause")

    async def _thaw(self, rec: Record) -> None:
        """Resume a paused container (before a signal, after a commit). A container that is gone
        or no longer frozen (it died meanwhile) needs no resume: that is not a failure."""
        if not rec["State"]["Paused"]:
            return
        try:
            await self.driver.resume(rec["Id"])
        except RuntimeFailure:
            state = await self.driver.state(rec["Id"])
            if state is not None and state.get("status") == "paused":
                raise
        rec["State"].update(Paused=False, Status="running" if rec["State"]["Running"] else rec["State"]["Status"])
        self._try_save(rec)

    # -- wait / remove / rename --------------------------------------------------------------
    async def wait(self, ref: str) -> dict[str, Any]:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        if rec["State"]["Running"] or rec["State"]["Status"] == "restarting":
            # The next exit, even if a restart policy brings the container back right after.
            code, error = await asyncio.shield(lv.next_exit)
            return {"StatusCode": code, "Error": error}
        await lv.settled()  # exited a moment ago: as for a running one, answer once its network and mounts are released
        return {"StatusCode": rec["State"]["ExitCode"], "Error": rec["State"]["Error"] or ""}

    async def remove(self, ref: str, force: bool = False, volumes: bool = False) -> None:
        rec = self.get(ref)
        cid = rec["Id"]
        lv = self.live(cid)
        if force:
            self._cut_short_a_stop(lv)
        async with lv.lock:
            if cid not in self.table:
                raise NotFound(f"No such container: {ref}")
            st = rec["State"]
            if st["Status"] == "restarting" and not force:
                raise Conflict(
                    f"You cannot remove a restarting container {cid}. "
                    "Stop the container before attempting removal or use force"
                )
            if st["Running"] or st["Paused"]:
                if not force:
                    what = "paused" if st["Paused"] else "running"
                    raise Conflict(
                        f"You cannot remove a {what} container {cid}. "
                        "Stop the container before attempting removal or use force"
                    )
                lv.stopping = True
                try:
                    with contextlib.suppress(Exception):
                        await self._thaw(rec)
                    await self._signal(rec, 9)
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(lv.exited.wait(), 30)
                finally:
                    lv.stopping = False
            lv.cancel_restart()
            lv.announce_exit(st["ExitCode"], st["Error"] or "")  # waiters of a restarting container
            st["Status"] = "removing"
            if lv.cleanup is not None:
                await lv.cleanup
            if self.driver.state_exists(cid):
                await self.driver.delete(cid, force=True)
            await self.execs.remove_for(cid)
            # The container's own files (its log) go first: on a full disk they free the space
            # the store writes below need.
            paths = self.paths(cid)
            await asyncio.to_thread(_remove_trees, paths.home, paths.run)
            # The rest is independent: released at once; the first failure is raised after all ran.
            results = await asyncio.gather(
                self.features.release(rec),
                self.volumes.release_mounts(rec, bool(volumes)),
                self.images.remove_rootfs(rootfs_key(rec)),
                self.networks.release(rec),
                return_exceptions=True,
            )
            for result in results[:3]:  # a network left half released is cleaned at the next start
                if isinstance(result, BaseException):
                    raise result
            for f in (self.driver.exits / cid, self.driver.socks / cid):
                with contextlib.suppress(OSError):
                    os.unlink(f)
            self.table.delete(rec)
        self.lives.forget(cid)
        self._publish(rec, "destroy")

    async def rename(self, ref: str, new_name: str) -> None:
        if not new_name:
            raise InvalidParameter("Neither old nor new names may be empty")
        new_name = ids.check_name(new_name)
        rec = self.get(ref)
        old = rec["Name"]
        if new_name == old:
            raise InvalidParameter(f"Renaming a container with the same name as its current name: {new_name}")
        self.table.rename(rec, new_name)
        self._publish(rec, "rename", oldName=old)

    # -- inspect / list ----------------------------------------------------------------------
    async def inspect(self, ref: str, size: bool = False) -> Record:
        rec = self.get(ref)
        await self.live(rec["Id"]).settled(observer=True)  # "exited" is shown once the host agrees
        out = records.inspect_view(rec)
        out["ExecIDs"] = self.execs.ids_for(rec["Id"])
        if size:
            with contextlib.suppress(Exception):
                out["SizeRw"], out["SizeRootFs"] = await self.images.rootfs_size(rootfs_key(rec), rec["Image"])
        return out

    async def list(self, all_: bool = False, filters: dict[str, list[str]] | None = None) -> list[Record]:
        await self.lives.settled()
        made = [r for r in self.table.records() if not r.get("Creating")]
        return [records.list_view(r) for r in filters_.select(made, all_, filters or {})]

    # -- update / upgrade / commit -----------------------------------------------------------
    async def update(self, ref: str, body: dict[str, Any]) -> builtins.list[str]:
        hostconfig.check_no_nul(body, "")
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            merged, resources, warnings = updates.plan(rec["HostConfig"], body)
            self.features.check_update(rec, merged)
            if body.get("DiskQuota"):
                writable = self.images.writable_dir(rootfs_key(rec))
                await asyncio.to_thread(self.features.update_quota, rec, body["DiskQuota"], writable)
            if rec["State"]["Running"] and any(v is not None for v in resources.values()):
                oci = ocispec.linux_resources(merged)
                if oci:
                    try:
                        await self.driver.update(rec["Id"], oci)
                    except RuntimeFailure as exc:
                        raise InvalidParameter(f"Cannot update container {rec['Id']}: {exc.message}") from None
                await asyncio.to_thread(self.features.write_cgroup_extras, rec, merged)
            updates.apply(rec, body, merged, resources)
            self._save(rec)
        self._publish(rec, "update")
        return warnings

    async def upgrade(self, ref: str, body: dict[str, Any]) -> None:
        """New image (and optionally Cmd/Entrypoint), same ID, name, config and volumes; if the
        new container cannot start, the old rootfs and config come back (and it runs again)."""
        image_ref = body.get("Image") or ""
        if not image_ref:
            raise InvalidParameter("Image is required to upgrade a container")
        hostconfig.check_no_nul(body, "")
        rec = self.get(ref)
        cid = rec["Id"]
        image = self.images.resolve(image_ref)
        lv = self.live(cid)
        async with lv.lock:
            kept = ("Config", "Image", "Path", "Args", "BaseFS")
            old: dict[str, Any] = {k: copy.deepcopy(rec[k]) for k in kept if k in rec}
            old_key = rootfs_key(rec)
            was_running = rec["State"]["Running"]
            config = defaults.upgraded_config(rec["Config"], body, image_ref, dict(image.get("Config") or {}))
            new_key = f"{cid}-u{int(time.time() * 1000)}"
            new_rootfs = await self.images.create_rootfs(new_key, image["Id"])
            if rec["Config"].get("DiskQuota"):  # the new writable layer joins the container's quota
                writable = self.images.writable_dir(new_key)
                await asyncio.to_thread(self.features.update_quota, rec, rec["Config"]["DiskQuota"], writable)
            if was_running:
                await self._stop_locked(rec, lv, None)
            args = defaults.command(config)
            rec.update(
                Config=config,
                Image=image["Id"],
                Path=args[0],
                Args=args[1:],
                RootfsKey=new_key,
                BaseFS=new_rootfs,
            )
            try:
                if was_running:
                    rec["ManualStop"] = False
                    await self._start_locked(rec, lv)
            except Exception:
                rec.update(old)
                rec["RootfsKey"] = old_key
                self._save(rec)
                with contextlib.suppress(Exception):
                    await self.images.remove_rootfs(new_key)
                if was_running:
                    with contextlib.suppress(Exception):
                        await self._start_locked(rec, lv)
                raise
            self._save(rec)
            with contextlib.suppress(Exception):
                await self.images.remove_rootfs(old_key)
        self._publish(rec, "upgrade")

    async def commit(
        self,
        ref: str,
        repo: str | None,
        tag: str | None,
        author: str | None,
        comment: str | None,
        pause: bool = True,
        changes: builtins.list[str] | None = None,
    ) -> dict[str, Any]:
        """POST /commit: a new image from the container's writable layer. As dockerd, a running
        container is frozen meanwhile, so the layer is one consistent moment of its filesystem."""
        rec = self.get(ref)
        frozen = pause and await self._freeze_for_commit(rec)
        try:
            config, todo = copy.deepcopy(rec["Config"]), tuple(changes or ())
            source = CommitSource(rec["Id"], rec["Name"], rec["Image"], rootfs_key(rec), config, todo)
            return await asyncio.to_thread(self.images.commit, source, repo, tag, author, comment)
        finally:
            if frozen:
                await self._thaw_after_commit(rec)

    async def _freeze_for_commit(self, rec: Record) -> bool:
        """Pause a running container for a commit; False if there is nothing to freeze, as when
        it has just exited and the exit is not recorded yet."""
        if not rec["State"]["Running"] or rec["State"]["Paused"]:
            return False
        try:
            await self.pause(rec["Id"])
        except Conflict:
            return False  # not running after all: the layer cannot change under the commit
        return True

    async def _thaw_after_commit(self, rec: Record) -> None:
        """Resume what the commit froze, unless it exited meanwhile (a process that was already
        dying when frozen still exits): then there is nothing left to resume."""
        async with self.live(rec["Id"]).lock:
            if rec["State"]["Paused"]:
                await self._thaw(rec)
                self._publish(rec, "unpause")

    # -- restore (live restore) --------------------------------------------------------------
    async def restore(self) -> None:
        set_child_subreaper()
        await self.features.restore([r for r in self.table.records() if r["State"]["Running"]])
        for rec in [r for r in self.table.records() if r.get("Creating")]:
            log.warning("discarding container %s: the daemon died while creating it", rec["Id"])
            await self._discard(rec)
        for rec in self.table.records():
            try:
                await self._readopt(rec)
            except Exception as exc:
                log.warning("restore of container %s: %s", rec["Id"], exc)

    async def _readopt(self, rec: Record) -> None:
        cid = rec["Id"]
        lv = self.live(cid)
        st = rec["State"]
        if st["Status"] == "removing":
            st["Status"] = "dead"
            st["Dead"] = True
            self._save(rec)
            return
        if st["Status"] == "restarting":
            self._schedule_restart(rec, lv)
            return
        if not st["Running"]:
            return
        conmon = self.driver.conmon_pid(self.paths(cid).conmon_pidfile)
        alive = conmon is not None and _is_conmon(conmon, cid)
        if alive:
            rec["ConmonPid"] = conmon
            state = await self.driver.state(cid)
            if state is not None:
                paused = state.get("status") == "paused"
                st.update(Paused=paused, Status="paused" if paused else "running")
            self._save(rec)
            lv.exited.clear()
            lv.started_mono = time.monotonic()
            self._watch(rec, lv)
        else:
            # It exited while we were down: conmon left the code in the exit file.
            rec["ConmonPid"] = 0
            lv.exited.clear()
            await self._on_exit(cid)

    async def close(self) -> None:
        for lv in self.lives.all():
            if lv.watch is not None:
                lv.watch.close()
            lv.cancel_restart()
        for task in list(self._bg):
            task.cancel()
        await self.features.close([r for r in self.table.records() if r["State"]["Running"]])
        cgroups.remove_prefix(self.config.cgroup_parent)

    # -- checkpoints (checkpoints.py) ----------------------------------------------------------
    async def checkpoint_create(
        self, ref: str, checkpoint_id: str | None, directory: str | None, exit_after: bool
    ) -> None:
        rec = self.get(ref)
        name = checkpoints.check_name(checkpoint_id)
        lv = self.live(rec["Id"])
        async with lv.lock:
            if not rec["State"]["Running"] or rec["State"]["Paused"]:
                raise Conflict(f"Container {rec['Id']} is not running")
            if exit_after:
                rec["ManualStop"] = True  # its exit is not one for the restart policy
            try:
                await checkpoints.create(self.driver, self.paths(rec["Id"]), rec, name, directory, exit_after)
            except BaseException:
                rec["ManualStop"] = False
                raise
        self._publish(rec, "checkpoint", checkpointID=name)

    def checkpoint_list(self, ref: str, directory: str | None) -> builtins.list[dict[str, str]]:
        rec = self.get(ref)
        return checkpoints.listing(self.paths(rec["Id"]), rec["Id"], directory)

    def checkpoint_delete(self, ref: str, checkpoint_id: str, directory: str | None) -> None:
        checkpoints.delete(self.paths(self.get(ref)["Id"]), checkpoint_id, directory)


def _is_conmon(pid: int, cid: str) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"conmon" in cmdline and cid.encode() in cmdline


def _remove_trees(*trees: Path) -> None:
    for tree in trees:
        shutil.rmtree(tree, ignore_errors=True)
