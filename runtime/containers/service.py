"""ContainerService: the container lifecycle on conmon + runc.

Records live in the store (kind ``container``) and in memory (``self._records``) so that list
and inspect never touch SQLite; every change is written through. Per container, a
:class:`Live` holds what only exists while the engine runs: the operation lock, the pidfd
watch on conmon, the waiters of ``wait`` and the restart-policy timer.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import copy
import inspect
import json
import logging
import os
import re
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runtime import ids
from runtime.containers import hostconfig, ocispec, records
from runtime.containers.attach import AttachSession, parse_detach_keys
from runtime.containers.driver import (
    ContainerPaths,
    Driver,
    ProcessWatch,
    RuntimeFailure,
    set_child_subreaper,
    write_ctl,
)
from runtime.containers.logs import LogOptions, stream_logs
from runtime.containers.records import Record
from runtime.containers.stats import collect as collect_stats
from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound, NotModified

if TYPE_CHECKING:
    from runtime.engine import Engine

log = logging.getLogger("pouch.containers")

DEFAULT_STOP_TIMEOUT = 10
RESTART_BACKOFF_START = 0.1
RESTART_BACKOFF_MAX = 60.0
RESTART_RESET_AFTER = 10.0  # a run this long resets the back-off (dockerd's rule)
CGROUP_CONTROLLERS = (
    "cpu",
    "cpuacct",
    "cpuset",
    "memory",
    "devices",
    "freezer",
    "blkio",
    "pids",
    "systemd",
    "net_cls",
    "net_prio",
    "perf_event",
    "hugetlb",
    "rdma",
    "misc",
)
LIST_FILTERS = ("id", "name", "status", "label", "network", "volume", "ancestor", "exited", "before", "since")


async def call(fn: Callable[..., Any], *args: Any) -> Any:
    """Call a subsystem function that may be sync (run in a thread) or async."""
    if inspect.iscoroutinefunction(fn):
        return await fn(*args)
    result = await asyncio.to_thread(fn, *args)
    if inspect.isawaitable(result):
        return await result
    return result


class Live:
    """Runtime-only state of one container."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.exited = asyncio.Event()  # set while the container is not running
        self.exited.set()
        self.watch: ProcessWatch | None = None
        self.cleanup: asyncio.Task[None] | None = None
        self.restart_timer: asyncio.TimerHandle | None = None
        self.restart_task: asyncio.Task[None] | None = None
        self.backoff = 0.0
        self.attach_hooks: list[Callable[[], Awaitable[None]]] = []
        self.started_mono = 0.0
        self.stopping = False
        self.keep = False  # an API restart is under way: AutoRemove must not take the container
        self._next_exit: asyncio.Future[tuple[int, str]] | None = None

    @property
    def next_exit(self) -> asyncio.Future[tuple[int, str]]:
        """Resolves with (exit code, error) at the next exit of the container."""
        if self._next_exit is None:
            self._next_exit = asyncio.get_running_loop().create_future()
        return self._next_exit

    def announce_exit(self, code: int, error: str) -> None:
        fut, self._next_exit = self._next_exit, None
        if fut is not None and not fut.done():
            fut.set_result((code, error))


class ContainerService:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = engine.store
        self.events = engine.events
        self.config = engine.config
        self.store.register("container", records.ContainerRecordSchema())
        self.driver = Driver(engine.config.exec_root_dir, engine.config.home_dir)
        self._records: dict[str, Record] = {}
        self._live: dict[str, Live] = {}
        self._names: dict[str, str] = {}
        self._bg: set[asyncio.Task[Any]] = set()
        self._runtime_names: builtins.list[str] | None = None
        from runtime.containers.execs import ExecService

        self.execs = ExecService(self)

    # -- subsystems (optional until their issues land) --------------------------------------
    @property
    def images(self) -> Any:
        return getattr(self.engine, "images", None)

    @property
    def volumes(self) -> Any:
        return getattr(self.engine, "volumes", None)

    @property
    def networks(self) -> Any:
        return getattr(self.engine, "networks", None)

    # -- lookup ------------------------------------------------------------------------------
    def get(self, ref: str) -> Record:
        """By exact ID, exact name (with or without the slash), then unique ID prefix."""
        rec = self._records.get(ref)
        if rec is not None:
            return rec
        name = ref[1:] if ref.startswith("/") else ref
        cid = self._names.get(name)
        if cid is not None:
            return self._records[cid]
        if ref and re.fullmatch(r"[0-9a-f]+", ref):
            found = [r for i, r in self._records.items() if i.startswith(ref)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise InvalidParameter(f"multiple containers found with provided prefix: {ref}")
        raise NotFound(f"No such container: {ref}")

    def live(self, cid: str) -> Live:
        lv = self._live.get(cid)
        if lv is None:
            lv = self._live[cid] = Live()
        return lv

    def paths(self, cid: str) -> ContainerPaths:
        return self.driver.paths(cid)

    def _save(self, rec: Record) -> None:
        self.store.put("container", rec["Id"], rec, name=rec["Name"])

    def _try_save(self, rec: Record) -> bool:
        """Write through, but keep going when the store cannot take it (disk full): the
        in-memory record stays authoritative and the next successful save carries the change."""
        try:
            self._save(rec)
            return True
        except Exception as exc:
            log.warning("could not store container %s: %s", rec["Id"], exc)
            return False

    def save_record(self, rec: Record) -> None:
        """For subsystems that change a container record in place (network connect)."""
        self._save(rec)

    def _publish(self, rec: Record, action: str, **extra: Any) -> None:
        self.events.publish("container", action, rec["Id"], records.labels_attrs(rec, **extra))

    def _spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        self._bg.add(task)
        task.add_done_callback(self._bg.discard)
        return task

    @staticmethod
    def _fs_key(rec: Record) -> str:
        """The image store's key of this container's rootfs (it changes on upgrade)."""
        return str(rec.get("RootfsKey") or rec["Id"])

    def cgroups_path(self, rec: Record) -> str:
        parent = (rec["HostConfig"].get("CgroupParent") or "").strip("/")
        base = "/" + self.config.cgroup_parent.strip("/")
        return f"{base}/{parent}/{rec['Id']}" if parent else f"{base}/{rec['Id']}"

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
        if self.images is None:
            raise EngineError("no image store in this engine")
        image = self.images.resolve(image_ref)
        image_config = dict(image.get("Config") or {})
        warnings = hostconfig.check_host_config(config, host, sorted(self._runtimes()))

        entrypoint, cmd = ocispec.command_line(config, image_config)
        if not entrypoint and not cmd:
            raise InvalidParameter("No command specified")
        merged = dict(config)
        merged["Image"] = image_ref
        merged["Entrypoint"] = entrypoint or None
        merged["Cmd"] = cmd
        merged["Env"] = ocispec.merge_env(image_config.get("Env"), config.get("Env"))
        merged["WorkingDir"] = config.get("WorkingDir") or image_config.get("WorkingDir") or ""
        merged["User"] = config.get("User") or image_config.get("User") or ""
        merged["Labels"] = {**(image_config.get("Labels") or {}), **(config.get("Labels") or {})}
        merged["StopSignal"] = config.get("StopSignal") or image_config.get("StopSignal") or "SIGTERM"
        merged["Volumes"] = {**(image_config.get("Volumes") or {}), **(config.get("Volumes") or {})} or None
        merged["ExposedPorts"] = {
            **(image_config.get("ExposedPorts") or {}),
            **(config.get("ExposedPorts") or {}),
        } or None
        merged.pop("SpecificID", None)
        host.setdefault("NetworkMode", "")
        host.setdefault("RestartPolicy", {"Name": "no", "MaximumRetryCount": 0})
        if not host["RestartPolicy"].get("Name"):
            host["RestartPolicy"]["Name"] = "no"
        log_config = host.get("LogConfig") or {}
        # An empty Type (docker's "unset") is the default driver, and is reported as such.
        host["LogConfig"] = {"Type": log_config.get("Type") or "json-file", "Config": log_config.get("Config") or {}}
        host["Runtime"] = host.get("Runtime") or self.config.default_runtime

        cid = config.get("SpecificID") or ids.new_id()
        if cid in self._records:
            raise Conflict(f"container ID {cid} is already in use")
        args = entrypoint + cmd
        rec: Record = {
            "Id": cid,
            "Name": name or self._free_name(),
            "Created": records.now_rfc3339(),
            "Path": args[0],
            "Args": args[1:],
            "Config": merged,
            "HostConfig": host,
            "Image": image["Id"],
            "State": records.new_state(),
            "RestartCount": 0,
            "LogPath": str(self.paths(cid).log),
            "Mounts": [],
            "NetworkSettings": {"Networks": {}, "Ports": {}},
            "ExecIDs": [],
            "ResolvConfPath": "",
            "HostnamePath": "",
            "HostsPath": "",
            "Driver": "overlay",
            "NetworkingConfig": networking,
        }
        if rec["Name"] in self._names:
            raise Conflict(
                f'Conflict. The name "/{rec["Name"]}" is already in use by container '
                f'"{self._names[rec["Name"]]}". You have to remove (or rename) that container '
                "to be able to reuse that name."
            )
        # Claim the ID and the name in memory before the first await (the loop makes the check
        # and the claim atomic: of two creates with one name, one wins). The record is stored at
        # once, marked Creating, so that a daemon killed mid-create leaves nothing unaccounted:
        # restore discards such records with whatever rootfs/volumes they got.
        self._records[cid] = rec
        self._names[rec["Name"]] = cid
        rec["Creating"] = True
        try:
            self.store.insert("container", cid, rec, name=rec["Name"])
        except Conflict:
            self._records.pop(cid, None)
            self._names.pop(rec["Name"], None)
            raise
        try:  # the bundle dirs are made at start: a created container costs one rootfs, no dirs
            fs = await call(self.images.create_rootfs, cid, image["Id"])
            rec["BaseFS"] = fs.get("rootfs") if isinstance(fs, dict) else str(fs)
            with contextlib.suppress(Exception):
                rec["GraphDriver"] = self.images.graph_driver(cid)
            if self.volumes is not None:
                rec["Mounts"] = await self.volumes.prepare_mounts(rec)
            if self.networks is not None:
                await call(self.networks.prepare, rec)
            rec.pop("Creating", None)
            self._save(rec)
            if self.volumes is not None and hasattr(self.volumes, "container_stored"):
                self.volumes.container_stored(cid)
        except BaseException:
            await self._discard(rec)
            raise
        self._publish(rec, "create")
        return {"Id": cid, "Name": rec["Name"], "Warnings": warnings}

    async def _discard(self, rec: Record) -> None:
        cid = rec["Id"]
        self._records.pop(cid, None)
        self._names.pop(rec["Name"], None)
        self.store.delete("container", cid)
        with contextlib.suppress(Exception):
            if self.volumes is not None:
                await self.volumes.release_mounts(rec, True)
        with contextlib.suppress(Exception):
            if self.networks is not None:
                await call(self.networks.release, rec)
        with contextlib.suppress(Exception):
            if self.images is not None:
                await call(self.images.remove_rootfs, cid)
        shutil.rmtree(self.paths(cid).home, ignore_errors=True)
        shutil.rmtree(self.paths(cid).run, ignore_errors=True)

    def _free_name(self) -> str:
        for _ in range(100):
            name = ids.random_name()
            if name not in self._names:
                return name
        return ids.random_name() + "_" + ids.new_id()[:6]

    def _runtimes(self) -> list[str]:
        if self._runtime_names is None:  # installed runtimes do not change while we run
            from runtime.system import runtimes

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
            self._cancel_restart(lv)
            rec["ManualStop"] = False
            await self._start_locked(rec, lv, checkpoint=checkpoint, checkpoint_dir=checkpoint_dir)

    async def _start_locked(
        self, rec: Record, lv: Live, checkpoint: str | None = None, checkpoint_dir: str | None = None
    ) -> None:
        cid = rec["Id"]
        if lv.cleanup is not None:
            await lv.cleanup
            lv.cleanup = None
        paths = self.paths(cid)
        paths.run.mkdir(parents=True, exist_ok=True)
        paths.persist.mkdir(parents=True, exist_ok=True)
        for stale in (self.driver.exits / cid, paths.persist / "exit", paths.persist / "oom"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        if self.driver.state_exists(cid):
            await self.driver.delete(cid, force=True)
        netns_ready = False
        try:
            # The root filesystem and the network do not depend on each other: prepare both at once.
            fs_result, net_result = await asyncio.gather(
                self._prepare_rootfs(rec), self._prepare_network(rec), return_exceptions=True
            )
            if not isinstance(net_result, BaseException):
                netns_ready = self.networks is not None
            for result in (fs_result, net_result):
                if isinstance(result, BaseException):
                    raise result
            rootfs = str(fs_result)
            netns, net_files = net_result  # type: ignore[misc]
            spec = ocispec.build_spec(
                container_id=cid,
                config=rec["Config"],
                host=rec["HostConfig"],
                image_config={},
                rootfs=str(rootfs),
                cgroups_path=self.cgroups_path(rec),
                netns=netns,
                mounts=rec.get("Mounts") or [],
                network_files=net_files,
                ns_paths=self._ns_paths(rec),
                handle_tmpfs=self.volumes is None,
            )
            paths.config_json.write_text(json.dumps(spec))
            if checkpoint:
                pid = await self._restore_checkpoint(rec, checkpoint, checkpoint_dir)
            else:
                pid = await self._run_conmon(rec, lv)
        except BaseException as exc:
            if netns_ready and self.networks is not None:
                with contextlib.suppress(Exception):
                    await call(self.networks.teardown, rec)
            if self.driver.state_exists(cid):
                with contextlib.suppress(Exception):
                    await self.driver.delete(cid, force=True)
            if isinstance(exc, (RuntimeFailure, OSError)):
                text = str(exc)
                # dockerd's mapping: a missing or non-executable command is the caller's error.
                not_found = "no such file or directory" in text or "executable file not found" in text
                denied = "permission denied" in text
                # Limits this host's kernel refuses are the caller's configuration, not a fault.
                refused = "error setting cgroup config" in text
                rec["State"]["Error"] = text
                rec["State"]["ExitCode"] = 127 if not_found else 126 if denied else 128
                self._save(rec)
                if not_found or denied or refused:
                    raise InvalidParameter(f"failed to start container {cid}: {text}") from None
                raise EngineError(f"failed to start container {cid}: {text}") from None
            raise
        records.set_running(rec, pid)
        rec["HasBeenStarted"] = True
        rec["ConmonPid"] = self.driver.conmon_pid(paths.conmon_pidfile) or 0
        self._save(rec)
        lv.exited.clear()
        lv.started_mono = time.monotonic()
        self._watch(rec, lv)
        self._publish(rec, "start")

    async def _prepare_rootfs(self, rec: Record) -> str:
        rootfs = await self.images.mount_rootfs(self._fs_key(rec)) if self.images is not None else rec.get("BaseFS")
        if self.volumes is not None and hasattr(self.volumes, "mount"):
            await self.volumes.mount(rec)
        return str(rootfs)

    async def _prepare_network(self, rec: Record) -> tuple[str | None, dict[str, str]]:
        """The netns to join (None: a private one runc makes) and the network files to bind."""
        if self.networks is None:
            return None, {}
        netns = await call(self.networks.setup, rec)
        net_files: dict[str, str] = {}
        if not rec["Config"].get("DisableNetworkFiles"):
            net_files = dict(await call(self.networks.network_files, rec) or {})
            rec["ResolvConfPath"] = net_files.get("/etc/resolv.conf", "")
            rec["HostnamePath"] = net_files.get("/etc/hostname", "")
            rec["HostsPath"] = net_files.get("/etc/hosts", "")
        return netns, net_files

    def _conmon_args(self, rec: Record) -> list[str]:
        """conmon's command line for this container (create, or restore with extra flags)."""
        cid = rec["Id"]
        paths = self.paths(cid)
        cfg = rec["Config"]
        return self.driver.conmon_args(
            cid,
            cid,
            rec["Name"],
            paths.bundle,
            paths.pidfile,
            paths.conmon_pidfile,
            self.driver.exits,
            paths.log,
            paths.persist,
            tty=bool(cfg.get("Tty")),
            stdin=bool(cfg.get("OpenStdin")),
            leave_stdin_open=not cfg.get("StdinOnce"),
            keep_log=records.log_driver(rec) != "none",
        )

    async def _run_conmon(self, rec: Record, lv: Live) -> int:
        cid = rec["Id"]
        paths = self.paths(cid)
        args = self._conmon_args(rec)
        pid = await self.driver.spawn_conmon(args, cwd=paths.bundle)
        # Attach requests that arrived before start connect now, before the process runs.
        hooks, lv.attach_hooks = lv.attach_hooks, []
        for hook in hooks:
            with contextlib.suppress(Exception):
                await hook()
        try:
            await self.driver.start(cid)
        except RuntimeFailure:
            await self.driver.delete(cid, force=True)
            raise
        return pid

    def _ns_paths(self, rec: Record) -> dict[str, str]:
        out = {}
        for kind, field in (("pid", "PidMode"), ("ipc", "IpcMode")):
            mode = rec["HostConfig"].get(field) or ""
            if mode.startswith("container:"):
                other = self.get(mode.split(":", 1)[1])
                if not other["State"]["Running"]:
                    raise Conflict(f"cannot join {kind} namespace of a non running container {other['Id']}")
                out[kind] = f"/proc/{other['State']['Pid']}/ns/{kind}"
        return out

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
        rec = self._records.get(cid)
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
        lv.cleanup = cleanup = asyncio.ensure_future(self._cleanup_runtime(rec))
        if oom:
            self._publish(rec, "oom")
        self._publish(rec, "die", exitCode=code)
        # As dockerd: wait/stop return once the network and mounts are released (bounded: a
        # cleanup that hangs is retried by the next start or remove, which await it).
        await asyncio.wait({cleanup}, timeout=30)
        if rec["State"]["Running"]:  # started again meanwhile: this exit is history
            lv.announce_exit(code, error)
            return
        lv.exited.set()
        lv.announce_exit(code, error)
        if cid not in self._records:  # removed meanwhile
            return
        if self._should_restart(rec, lv):
            self._schedule_restart(rec, lv)
        elif rec["HostConfig"].get("AutoRemove") and not lv.keep:
            self._spawn(self._auto_remove(cid))

    async def _cleanup_runtime(self, rec: Record) -> None:
        """After an exit: drop runc's state and cgroups (runc delete, done in-process), network."""
        cid = rec["Id"]
        try:
            if not await asyncio.to_thread(self._delete_runc_state, rec):
                await self.driver.delete(cid, force=True)
            if self.networks is not None:
                await call(self.networks.teardown, rec)
            if self.volumes is not None and hasattr(self.volumes, "unmounted"):
                self.volumes.unmounted(rec)
            if self.images is not None:  # as dockerd: a stopped container holds no mount
                await call(self.images.unmount_rootfs, self._fs_key(rec))
        except Exception as exc:  # the next start retries; never lose the exit because of cleanup
            log.warning("cleanup of %s after exit: %s", cid, exc)

    def _delete_runc_state(self, rec: Record) -> bool:
        """What ``runc delete`` does for a stopped container, without spawning it: remove the
        (now empty) cgroups and the state dir. False if something is still busy."""
        cgpath = self.cgroups_path(rec).lstrip("/")
        prefix = self.config.cgroup_parent.strip("/")
        ok = True
        for ctrl in CGROUP_CONTROLLERS:
            d = Path("/sys/fs/cgroup") / ctrl / cgpath
            if d.is_dir():
                try:
                    d.rmdir()
                except OSError:
                    ok = False
                    continue
            # a HostConfig.CgroupParent level below our prefix goes with its last container
            top = Path("/sys/fs/cgroup") / ctrl / prefix
            parent = d.parent
            while ok and top in parent.parents:
                try:
                    parent.rmdir()
                except OSError:
                    break
                parent = parent.parent
        if ok:
            shutil.rmtree(self.driver.runc_root / rec["Id"], ignore_errors=True)
        return ok

    def _should_restart(self, rec: Record, lv: Live) -> bool:
        if rec.get("ManualStop") or lv.stopping:
            return False
        policy = rec["HostConfig"].get("RestartPolicy") or {}
        name = policy.get("Name") or "no"
        if name in ("always", "unless-stopped"):
            return True
        if name == "on-failure":
            limit = policy.get("MaximumRetryCount") or 0
            return rec["State"]["ExitCode"] != 0 and (limit == 0 or rec["RestartCount"] < limit)
        return False

    def _schedule_restart(self, rec: Record, lv: Live) -> None:
        ran = time.monotonic() - lv.started_mono
        if ran >= RESTART_RESET_AFTER or lv.backoff == 0:
            lv.backoff = RESTART_BACKOFF_START
        else:
            lv.backoff = min(lv.backoff * 2, RESTART_BACKOFF_MAX)
        rec["State"].update(Status="restarting", Restarting=True)
        self._try_save(rec)
        loop = asyncio.get_running_loop()
        lv.restart_timer = loop.call_later(lv.backoff, lambda: self._restart_now(rec["Id"]))

    def _restart_now(self, cid: str) -> None:
        lv = self.live(cid)
        lv.restart_timer = None
        lv.restart_task = self._spawn(self._policy_restart(cid))

    async def _policy_restart(self, cid: str) -> None:
        rec = self._records.get(cid)
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
                if self._should_restart(rec, lv):
                    self._schedule_restart(rec, lv)

    def _cancel_restart(self, lv: Live) -> None:
        if lv.restart_timer is not None:
            lv.restart_timer.cancel()
            lv.restart_timer = None

    async def _auto_remove(self, cid: str) -> None:
        with contextlib.suppress(NotFound, Conflict):
            await self.remove(cid, force=True, volumes=True)

    # -- stop / kill / restart ---------------------------------------------------------------
    async def stop(self, ref: str, stop_timeout: int | None = None) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            if rec["State"]["Status"] == "restarting":
                self._cancel_restart(lv)
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
            await self._thaw_for_stop(rec)
            if t > 0 or sig == 9:
                await self._signal(rec, sig)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(lv.exited.wait(), t if t > 0 else 10)
            if not lv.exited.is_set():
                await self._signal(rec, 9)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(lv.exited.wait(), 30)
            if not lv.exited.is_set():
                raise EngineError(f"container {cid} did not exit after SIGKILL")
        finally:
            lv.stopping = False

    async def _signal(self, rec: Record, sig: int) -> None:
        self._publish(rec, "kill", signal=sig)
        await self.driver.kill(rec["Id"], sig, all_procs=sig == 9)

    async def restart(self, ref: str, stop_timeout: int | None = None) -> None:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        async with lv.lock:
            self._cancel_restart(lv)
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
            await self.driver.pause(rec["Id"])
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

    async def _thaw_for_stop(self, rec: Record) -> None:
        """Resume a paused container that is about to be signalled. A container that is gone or
        no longer frozen (it died meanwhile) needs no resume: that is not a failure of the stop."""
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
        if lv.cleanup is not None and not lv.cleanup.done():
            # Exited a moment ago: as for a running one, answer once its network and mounts are released.
            await asyncio.wait({lv.cleanup}, timeout=30)
        return {"StatusCode": rec["State"]["ExitCode"], "Error": rec["State"]["Error"] or ""}

    async def remove(self, ref: str, force: bool = False, volumes: bool = False) -> None:
        rec = self.get(ref)
        cid = rec["Id"]
        lv = self.live(cid)
        async with lv.lock:
            if cid not in self._records:
                raise NotFound(f"No such container: {ref}")
            st = rec["State"]
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
                        await self._thaw_for_stop(rec)
                    await self._signal(rec, 9)
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(lv.exited.wait(), 30)
                finally:
                    lv.stopping = False
            self._cancel_restart(lv)
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
            await asyncio.to_thread(shutil.rmtree, paths.home, True)
            shutil.rmtree(paths.run, ignore_errors=True)
            if self.networks is not None:
                with contextlib.suppress(Exception):
                    await call(self.networks.release, rec)
            if self.volumes is not None:
                await self.volumes.release_mounts(rec, bool(volumes))
            if self.images is not None:
                await call(self.images.remove_rootfs, self._fs_key(rec))
            for f in (self.driver.exits / cid, self.driver.socks / cid):
                with contextlib.suppress(OSError):
                    os.unlink(f)
            self.store.delete("container", cid)
            self._records.pop(cid, None)
            self._names.pop(rec["Name"], None)
        self._live.pop(cid, None)
        self._publish(rec, "destroy")

    async def rename(self, ref: str, new_name: str) -> None:
        if not new_name:
            raise InvalidParameter("Neither old nor new names may be empty")
        new_name = ids.check_name(new_name)
        rec = self.get(ref)
        old = rec["Name"]
        if new_name == old:
            raise InvalidParameter(f"Renaming a container with the same name as its current name: {new_name}")
        if new_name in self._names:
            raise Conflict(
                f'Conflict. The name "/{new_name}" is already in use by container '
                f'"{self._names[new_name]}". You have to remove (or rename) that container '
                "to be able to reuse that name."
            )
        rec["Name"] = new_name
        try:
            self._save(rec)
        except Conflict:
            rec["Name"] = old
            raise
        self._names.pop(old, None)
        self._names[new_name] = rec["Id"]
        self._publish(rec, "rename", oldName=old)

    # -- inspect / list ----------------------------------------------------------------------
    async def inspect(self, ref: str, size: bool = False) -> Record:
        rec = self.get(ref)
        out = records.inspect_view(rec)
        out["ExecIDs"] = self.execs.ids_for(rec["Id"])
        if size and self.images is not None:
            with contextlib.suppress(Exception):
                out["SizeRw"], out["SizeRootFs"] = await call(self.images.rootfs_size, self._fs_key(rec))
        return out

    def list(self, all_: bool = False, filters: dict[str, list[str]] | None = None) -> list[Record]:
        filters = filters or {}
        for key in filters:
            if key not in LIST_FILTERS:
                raise InvalidParameter(f"invalid filter '{key}'")
        matcher = _ListFilter(filters, self)
        out = []
        for rec in sorted(self._records.values(), key=lambda r: r["Created"], reverse=True):
            if not all_ and not rec["State"]["Running"] and "status" not in filters:
                continue
            if matcher.match(rec):
                out.append(records.list_view(rec))
        return out

    # -- logs --------------------------------------------------------------------------------
    def logs(self, ref: str, opts: LogOptions) -> AsyncIterator[bytes]:
        rec = self.get(ref)  # as pouchd: a missing container is a 404 before the options are judged
        if not opts.stdout and not opts.stderr:
            raise InvalidParameter("Bad parameters: you must choose at least one stream")
        if records.log_driver(rec) == "none":
            raise InvalidParameter(f'configured logging driver "none" keeps no logs of container {rec["Id"]}')
        opts.tty = bool(rec["Config"].get("Tty"))
        return stream_logs(
            self.paths(rec["Id"]).log,
            opts,
            lambda: bool(rec["State"]["Running"]) or rec["State"]["Status"] == "restarting",
            self.live(rec["Id"]).exited,
        )

    async def attach(
        self, ref: str, stdin: bool, stdout: bool, stderr: bool, logs: bool, stream: bool, detach_keys: str | None
    ) -> AttachSession:
        rec = self.get(ref)
        keys = parse_detach_keys(detach_keys if detach_keys is not None else rec["Config"].get("DetachKeys"))
        session = AttachSession(self, rec, stdin, stdout, stderr, logs, stream, keys)
        await session.prepare()
        return session

    # -- resize / top / stats / update ------------------------------------------------------
    async def resize(self, ref: str, height: int, width: int) -> None:
        rec = self.get(ref)
        if not rec["State"]["Running"]:
            raise Conflict(f"Container {rec['Id']} is not running")
        if not rec["Config"].get("Tty"):
            raise InvalidParameter(f"Container {rec['Id']} has no TTY to resize")
        write_ctl(self.paths(rec["Id"]).ctl, 1, height, width)
        self._publish(rec, "resize", height=height, width=width)

    async def top(self, ref: str, ps_args: str) -> dict[str, Any]:
        rec = self.get(ref)
        if not rec["State"]["Running"]:
            raise Conflict(f"Container {rec['Id']} is not running")
        pids = self._cgroup_pids(rec) or set(await self.driver.ps(rec["Id"]))  # paused ones too, as dockerd
        args = ps_args.split() if ps_args else ["-ef"]
        proc = await asyncio.create_subprocess_exec(
            "ps", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        out, err = await proc.communicate()
        if proc.returncode != 0:
            raise InvalidParameter(f"ps: {err.decode(errors='replace').strip() or 'failed'}")
        result = parse_ps(out.decode(errors="replace"), pids)
        self._publish(rec, "top")
        return result

    def _cgroup_pids(self, rec: Record) -> set[int]:
        """The container's processes, from its cgroup (what ``runc ps`` reads, without a spawn)."""
        cg = self.cgroups_path(rec).lstrip("/")
        for ctrl in ("pids", "memory", "freezer"):
            try:
                text = (Path("/sys/fs/cgroup") / ctrl / cg / "cgroup.procs").read_text()
            except OSError:
                continue
            return {int(x) for x in text.split()}
        return set()

    async def stats(self, ref: str, stream: bool) -> AsyncIterator[dict[str, Any]]:
        rec = self.get(ref)
        cg = self.cgroups_path(rec)
        prev: dict[str, Any] = {
            "cpu_usage": {"total_usage": 0, "percpu_usage": []},
            "system_cpu_usage": 0,
            "online_cpus": 0,
            "throttling_data": {},
        }
        while True:
            now = await asyncio.to_thread(collect_stats, rec["Id"], rec["Name"], cg, rec["State"]["Pid"])
            if not rec["State"]["Running"]:
                now["cpu_stats"] = {"cpu_usage": {"total_usage": 0}, "system_cpu_usage": 0, "online_cpus": 0}
                now["memory_stats"] = {}
                now["pids_stats"] = {}
            now["precpu_stats"] = prev
            yield now
            if not stream or not (rec["State"]["Running"] or rec["State"]["Status"] == "restarting"):
                return
            prev = now["cpu_stats"]
            await asyncio.sleep(1.0)  # dockerd's collection interval

    async def update(self, ref: str, body: dict[str, Any]) -> builtins.list[str]:
        rec = self.get(ref)
        lv = self.live(rec["Id"])
        warnings: builtins.list[str] = []
        async with lv.lock:
            host = rec["HostConfig"]
            resources = {
                k: v
                for k, v in body.items()
                if k not in ("Env", "Label", "RestartPolicy", "SpecAnnotation", "DiskQuota")
            }
            merged = {**host, **{k: v for k, v in resources.items() if v is not None}}
            if (
                body.get("Memory")
                and not body.get("MemorySwap")
                and host.get("MemorySwap", 0) not in (0, -1)
                and host["MemorySwap"] < body["Memory"]
            ):
                merged["MemorySwap"] = body["Memory"] * 2
            hostconfig.check_resources(merged, warnings, updating=True)
            if body.get("RestartPolicy") is not None:
                hostconfig.check_restart_policy(body["RestartPolicy"])
                if host.get("AutoRemove") and body["RestartPolicy"].get("Name") not in (None, "", "no"):
                    raise InvalidParameter("Restart policy cannot be updated because AutoRemove is enabled")
            if rec["State"]["Running"] and any(v is not None for v in resources.values()):
                oci = ocispec.linux_resources(merged)
                if oci:
                    try:
                        await self.driver.update(rec["Id"], oci)
                    except RuntimeFailure as exc:
                        raise InvalidParameter(f"Cannot update container {rec['Id']}: {exc.message}") from None
            # The checked values, as adapted by the check (CpuShares clamped to the kernel's range).
            host.update({k: merged[k] for k, v in resources.items() if v is not None})
            if body.get("RestartPolicy") is not None:
                policy = dict(body["RestartPolicy"])
                policy["Name"] = policy.get("Name") or "no"
                host["RestartPolicy"] = policy
            if body.get("Env") is not None:
                rec["Config"]["Env"] = ocispec.merge_env(rec["Config"].get("Env"), body["Env"])
            if body.get("Label") is not None:
                labels = rec["Config"].setdefault("Labels", {})
                for item in body["Label"]:
                    k, eq, v = item.partition("=")
                    if not k:
                        raise InvalidParameter(f"invalid label {item!r}")
                    if eq:
                        labels[k] = v
                    else:
                        labels.pop(k, None)
            if body.get("SpecAnnotation") is not None:
                rec["Config"]["SpecAnnotation"] = {
                    **(rec["Config"].get("SpecAnnotation") or {}),
                    **body["SpecAnnotation"],
                }
            self._save(rec)
        self._publish(rec, "update")
        return warnings

    async def upgrade(self, ref: str, body: dict[str, Any]) -> None:
        """New image (and optionally Cmd/Entrypoint), same ID, name, config and volumes; if the
        new container cannot start, the old rootfs and config come back (and it runs again)."""
        image_ref = body.get("Image") or ""
        if not image_ref:
            raise InvalidParameter("Image is required to upgrade a container")
        rec = self.get(ref)
        cid = rec["Id"]
        if self.images is None:
            raise EngineError("no image store in this engine")
        image = self.images.resolve(image_ref)
        lv = self.live(cid)
        async with lv.lock:
            kept = ("Config", "Image", "Path", "Args", "BaseFS")
            old: dict[str, Any] = {k: copy.deepcopy(rec[k]) for k in kept if k in rec}
            old_key = self._fs_key(rec)
            was_running = rec["State"]["Running"]
            config = dict(rec["Config"])
            config["Image"] = image_ref
            if body.get("Entrypoint") is not None:
                config["Entrypoint"] = body["Entrypoint"]
            if body.get("Cmd") is not None:
                config["Cmd"] = body["Cmd"]
            image_config = dict(image.get("Config") or {})
            if body.get("Entrypoint") is None and body.get("Cmd") is None:
                config["Entrypoint"], config["Cmd"] = image_config.get("Entrypoint"), image_config.get("Cmd")
            entrypoint, cmd = ocispec.command_line(
                {"Entrypoint": config.get("Entrypoint"), "Cmd": config.get("Cmd")}, image_config
            )
            if not entrypoint + cmd:
                raise InvalidParameter("No command specified")
            new_key = f"{cid}-u{int(time.time() * 1000)}"
            fs = await call(self.images.create_rootfs, new_key, image["Id"])
            if was_running:
                await self._stop_locked(rec, lv, None)
            config["Entrypoint"], config["Cmd"] = entrypoint or None, cmd
            rec.update(
                Config=config,
                Image=image["Id"],
                Path=(entrypoint + cmd)[0],
                Args=(entrypoint + cmd)[1:],
                RootfsKey=new_key,
                BaseFS=fs.get("rootfs") if isinstance(fs, dict) else str(fs),
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
                    await call(self.images.remove_rootfs, new_key)
                if was_running:
                    with contextlib.suppress(Exception):
                        await self._start_locked(rec, lv)
                raise
            self._save(rec)
            with contextlib.suppress(Exception):
                await call(self.images.remove_rootfs, old_key)
        self._publish(rec, "upgrade")

    # -- restore (live restore) --------------------------------------------------------------
    async def restore(self) -> None:
        set_child_subreaper()
        for rec in self.store.list("container"):
            self._records[rec["Id"]] = rec
            self._names[rec["Name"]] = rec["Id"]
        for rec in [r for r in self._records.values() if r.get("Creating")]:
            log.warning("discarding container %s: the daemon died while creating it", rec["Id"])
            await self._discard(rec)
        for rec in list(self._records.values()):
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
        for lv in self._live.values():
            if lv.watch is not None:
                lv.watch.close()
            self._cancel_restart(lv)
        for task in list(self._bg):
            task.cancel()
        # Our cgroup prefix goes when no container is left under it (rmdir fails otherwise).
        prefix = self.config.cgroup_parent.strip("/")
        for ctrl in CGROUP_CONTROLLERS:
            with contextlib.suppress(OSError):
                (Path("/sys/fs/cgroup") / ctrl / prefix).rmdir()

    # -- checkpoints (runc checkpoint/restore through criu) ----------------------------------
    def _checkpoint_dir(self, rec: Record, directory: str | None) -> Path:
        """A CheckpointDir names a directory kept under the container's own one: the API must not
        create or delete directories anywhere on the host."""
        paths = self.paths(rec["Id"])
        if not directory:
            return paths.checkpoints
        parts = Path(directory).parts
        if directory.startswith("/") or "\0" in directory or any(p in ("..", ".") for p in parts):
            raise InvalidParameter(
                f"invalid checkpoint dir {directory!r}: it must be a relative path without '.' or '..' "
                "(checkpoint dirs are kept under the container's own directory)"
            )
        return paths.home / "checkpoint-dirs" / directory

    @staticmethod
    def _checkpoint_name(name: str | None) -> str:
        if not name or not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
            raise InvalidParameter(f"invalid checkpoint ID {name!r}")
        return name

    async def checkpoint_create(
        self, ref: str, checkpoint_id: str | None, directory: str | None, exit_after: bool
    ) -> None:
        rec = self.get(ref)
        name = self._checkpoint_name(checkpoint_id)
        lv = self.live(rec["Id"])
        async with lv.lock:
            if not rec["State"]["Running"] or rec["State"]["Paused"]:
                raise Conflict(f"Container {rec['Id']} is not running")
            image = self._checkpoint_dir(rec, directory) / name
            if image.exists():
                raise Conflict(f"checkpoint {name} already exists for container {rec['Id']}")
            image.mkdir(parents=True)
            args = ["checkpoint", "--image-path", str(image), "--work-path", str(image)]
            if not exit_after:
                args.append("--leave-running")
            if rec["Config"].get("Tty"):
                args.append("--shell-job")
            if exit_after:
                rec["ManualStop"] = True
            try:
                await self.driver.runc_cmd(*args, rec["Id"])
            except RuntimeFailure as exc:
                shutil.rmtree(image, ignore_errors=True)
                rec["ManualStop"] = False
                raise EngineError(f"checkpoint of {rec['Id']} failed (criu): {exc.message}") from None
        self._publish(rec, "checkpoint", checkpointID=name)

    def checkpoint_list(self, ref: str, directory: str | None) -> builtins.list[dict[str, str]]:
        rec = self.get(ref)
        base = self._checkpoint_dir(rec, directory)
        if not base.is_dir():
            return []
        return [{"CheckpointName": d.name, "ContainerID": rec["Id"]} for d in sorted(base.iterdir()) if d.is_dir()]

    def checkpoint_delete(self, ref: str, checkpoint_id: str, directory: str | None) -> None:
        rec = self.get(ref)
        image = self._checkpoint_dir(rec, directory) / self._checkpoint_name(checkpoint_id)
        if not image.is_dir():
            raise NotFound(f"No such checkpoint: {checkpoint_id}")
        shutil.rmtree(image)

    async def _restore_checkpoint(self, rec: Record, checkpoint: str, checkpoint_dir: str | None) -> int:
        """conmon runs ``runc restore`` instead of ``runc create``: the process resumes where it was."""
        image = self._checkpoint_dir(rec, checkpoint_dir) / self._checkpoint_name(checkpoint)
        if not image.is_dir():
            raise NotFound(f"No such checkpoint: {checkpoint}")
        args = self._conmon_args(rec) + ["--restore", str(image)]
        return await self.driver.spawn_conmon(args, cwd=self.paths(rec["Id"]).bundle)


def parse_ps(output: str, pids: set[int]) -> dict[str, Any]:
    """ps output -> ContainerProcessList, keeping the rows whose PID belongs to the container."""
    lines = [ln for ln in output.splitlines() if ln.strip()]
    if not lines:
        return {"Titles": [], "Processes": []}
    titles = lines[0].split()
    try:
        pid_col = titles.index("PID")
    except ValueError:
        raise InvalidParameter("Couldn't find PID field in ps output") from None
    procs = []
    for line in lines[1:]:
        fields = line.split(None, len(titles) - 1)
        try:
            pid = int(fields[pid_col])
        except (ValueError, IndexError):
            continue
        if pid in pids:
            procs.append(fields)
    return {"Titles": titles, "Processes": procs}


def _is_conmon(pid: int, cid: str) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"conmon" in cmdline and cid.encode() in cmdline


class _ListFilter:
    """The list filters of the seed: id/name/status by regexp, label with = and !=, plus network/volume."""

    def __init__(self, filters: dict[str, list[str]], svc: ContainerService) -> None:
        self.filters = filters
        self.svc = svc
        try:
            self.patterns = {k: [re.compile(v) for v in filters.get(k, [])] for k in ("id", "name", "status")}
        except re.error as exc:
            raise InvalidParameter(f"invalid filter regexp: {exc}") from None
        for status in filters.get("status", []):
            if status not in records.STATUSES and not re.search(r"[\\^$.*+?()\[\]{}|]", status):
                raise InvalidParameter(f"invalid filter 'status={status}'")

    def match(self, rec: Record) -> bool:
        f = self.filters
        if f.get("id") and not any(p.search(rec["Id"]) for p in self.patterns["id"]):
            return False
        if f.get("name") and not any(
            p.search(rec["Name"]) or p.search("/" + rec["Name"]) for p in self.patterns["name"]
        ):
            return False
        if f.get("status") and not any(p.fullmatch(rec["State"]["Status"]) for p in self.patterns["status"]):
            return False
        labels = rec["Config"].get("Labels") or {}
        for want in f.get("label", []):
            if "!=" in want:
                k, v = want.split("!=", 1)
                if labels.get(k) == v:
                    return False
            elif "=" in want:
                k, v = want.split("=", 1)
                if labels.get(k) != v:
                    return False
            elif want not in labels:
                return False
        if f.get("network"):
            nets = (rec.get("NetworkSettings") or {}).get("Networks") or {}
            ids_ = {n.get("NetworkID", "") for n in nets.values()} | set(nets)
            if not any(w in ids_ or any(i.startswith(w) for i in ids_ if i) for w in f["network"]):
                return False
        if f.get("volume"):
            mounts = rec.get("Mounts") or []
            have = (
                {m.get("Name") for m in mounts}
                | {m.get("Source") for m in mounts}
                | {m.get("Destination") for m in mounts}
            )
            if not any(w in have for w in f["volume"]):
                return False
        if f.get("ancestor"):
            img = {rec["Image"], rec["Config"].get("Image")}
            if not any(w in img or rec["Image"].startswith("sha256:" + w) for w in f["ancestor"]):
                return False
        if f.get("exited"):
            if rec["State"]["Running"] or rec["State"]["Status"] == "created":
                return False
            if str(rec["State"]["ExitCode"]) not in f["exited"]:
                return False
        return True
