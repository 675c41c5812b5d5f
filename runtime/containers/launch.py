"""How a container's process comes up on the host: its root filesystem and its network side
by side, the OCI bundle, then conmon running ``runc create`` (or ``runc restore`` of a
checkpoint). What a failed launch set up is undone before the error goes to the lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable

from runtime.containers import cgroups, checkpoints, ocispec, records
from runtime.containers.driver import Driver, RuntimeFailure
from runtime.containers.features import PouchFeatures
from runtime.containers.protocols import ContainerRecords
from runtime.containers.records import Record, rootfs_key
from runtime.errors import Conflict
from runtime.images.protocols import ImageStore
from runtime.networks.protocols import NetworkAttach
from runtime.volumes.protocols import VolumeMounts

AttachHooks = list[Callable[[], Awaitable[None]]]


class Launcher:
    def __init__(
        self,
        containers: ContainerRecords,
        driver: Driver,
        images: ImageStore,
        volumes: VolumeMounts,
        networks: NetworkAttach,
        features: PouchFeatures,
        cgroup_parent: str,
    ) -> None:
        self.features = features
        self.containers = containers
        self.driver = driver
        self.images = images
        self.volumes = volumes
        self.networks = networks
        self.cgroup_parent = cgroup_parent

    async def launch(
        self, rec: Record, attach_hooks: AttachHooks, checkpoint: str | None, checkpoint_dir: str | None
    ) -> int:
        """The process's PID once it runs. ``attach_hooks`` connect waiting attach sessions
        before it runs (they are consumed)."""
        cid = rec["Id"]
        paths = self.driver.paths(cid)
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
            netns_ready = not isinstance(net_result, BaseException)
            for result in (fs_result, net_result):
                if isinstance(result, BaseException):
                    raise result
            netns, net_files = net_result  # type: ignore[misc]
            spec = ocispec.build_spec(
                container_id=cid,
                config=rec["Config"],
                host=rec["HostConfig"],
                rootfs=str(fs_result),
                cgroups_path=cgroups.cgroups_path(self.cgroup_parent, rec),
                netns=netns,
                mounts=rec.get("Mounts") or [],
                network_files=net_files,
                ns_paths=self._ns_paths(rec),
            )
            under_init = self.features.add_to_spec(rec, spec, {}, str(fs_result))
            paths.config_json.write_text(json.dumps(spec))
            if checkpoint:
                image = checkpoints.existing(paths, checkpoint, checkpoint_dir)
                return await self.driver.spawn_conmon(
                    self._conmon_args(rec) + ["--restore", str(image)], cwd=paths.bundle
                )
            pid = await self._run_conmon(rec, attach_hooks)
            if under_init:
                await self.driver.exec_detached(cid, under_init)
            return pid
        except BaseException:
            if netns_ready:
                with contextlib.suppress(Exception):
                    await self.networks.teardown(rec)
            if self.driver.state_exists(cid):
                with contextlib.suppress(Exception):
                    await self.driver.delete(cid, force=True)
            raise

    async def _prepare_rootfs(self, rec: Record) -> str:
        rootfs = await self.images.mount_rootfs(rootfs_key(rec))
        await self.volumes.mount(rec)
        return rootfs

    async def _prepare_network(self, rec: Record) -> tuple[str | None, dict[str, str]]:
        """The netns to join (None: a private one runc makes) and the network files to bind."""
        netns = await self.networks.setup(rec)
        net_files: dict[str, str] = {}
        if not rec["Config"].get("DisableNetworkFiles"):
            net_files = await asyncio.to_thread(self.networks.network_files, rec)
            rec["ResolvConfPath"] = net_files.get("/etc/resolv.conf", "")
            rec["HostnamePath"] = net_files.get("/etc/hostname", "")
            rec["HostsPath"] = net_files.get("/etc/hosts", "")
        return netns, net_files

    def _conmon_args(self, rec: Record) -> list[str]:
        cid = rec["Id"]
        paths = self.driver.paths(cid)
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

    async def _run_conmon(self, rec: Record, attach_hooks: AttachHooks) -> int:
        cid = rec["Id"]
        pid = await self.driver.spawn_conmon(self._conmon_args(rec), cwd=self.driver.paths(cid).bundle)
        try:
            # cgroup files runc does not write: none on most hosts, a few small writes on an AliKernel
            self.features.write_cgroup_extras(rec)
        except BaseException:
            await self.driver.delete(cid, force=True)
            raise
        # Attach requests that arrived before start connect now, before the process runs.
        hooks = list(attach_hooks)
        attach_hooks.clear()  # in place: attach sessions hold this list
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
        """pid/ipc namespaces joined from another container (``container:<ref>`` modes)."""
        out = {}
        for kind, field in (("pid", "PidMode"), ("ipc", "IpcMode")):
            mode = rec["HostConfig"].get(field) or ""
            if mode.startswith("container:"):
                other = self.containers.get(mode.split(":", 1)[1])
                if not other["State"]["Running"]:
                    raise Conflict(f"cannot join {kind} namespace of a non running container {other['Id']}")
                out[kind] = f"/proc/{other['State']['Pid']}/ns/{kind}"
        return out
