"""What talks to a container rather than changes its lifecycle: logs, attach, resize of its
TTY, top, stats (``engine.container_streams``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from runtime.containers import cgroups, records, stats, top
from runtime.containers.attach import AttachSession, parse_detach_keys
from runtime.containers.driver import Driver, write_ctl
from runtime.containers.live import Lives
from runtime.containers.logs import LogOptions, stream_logs
from runtime.containers.records import Record
from runtime.containers.table import ContainerTable
from runtime.errors import Conflict, InvalidParameter
from runtime.events import EventBus


class ContainerStreams:
    def __init__(
        self, table: ContainerTable, lives: Lives, driver: Driver, events: EventBus, cgroup_parent: str
    ) -> None:
        self.table = table
        self.lives = lives
        self.driver = driver
        self.events = events
        self.cgroup_parent = cgroup_parent

    async def restore(self) -> None:
        pass

    async def close(self) -> None:
        pass

    def _publish(self, rec: Record, action: str, **extra: Any) -> None:
        self.events.publish("container", action, rec["Id"], records.labels_attrs(rec, **extra))

    def _running(self, ref: str) -> Record:
        rec = self.table.get(ref)
        if not rec["State"]["Running"]:
            raise Conflict(f"Container {rec['Id']} is not running")
        return rec

    def logs(self, ref: str, opts: LogOptions) -> AsyncIterator[bytes]:
        rec = self.table.get(ref)  # as pouchd: a missing container is a 404 before the options are judged
        if not opts.stdout and not opts.stderr:
            raise InvalidParameter("Bad parameters: you must choose at least one stream")
        if records.log_driver(rec) == "none":
            raise InvalidParameter(f'configured logging driver "none" keeps no logs of container {rec["Id"]}')
        opts.tty = bool(rec["Config"].get("Tty"))
        return stream_logs(
            self.driver.paths(rec["Id"]).log,
            opts,
            lambda: bool(rec["State"]["Running"]) or rec["State"]["Status"] == "restarting",
            self.lives.get(rec["Id"]).exited,
        )

    async def attach(
        self, ref: str, stdin: bool, stdout: bool, stderr: bool, logs: bool, stream: bool, detach_keys: str | None
    ) -> AttachSession:
        rec = self.table.get(ref)
        keys = parse_detach_keys(detach_keys if detach_keys is not None else rec["Config"].get("DetachKeys"))
        hooks = self.lives.get(rec["Id"]).attach_hooks
        session = AttachSession(self.driver.paths(rec["Id"]), hooks, rec, stdin, stdout, stderr, logs, stream, keys)
        await session.prepare()
        return session

    async def resize(self, ref: str, height: int, width: int) -> None:
        rec = self._running(ref)
        if not rec["Config"].get("Tty"):
            raise InvalidParameter(f"Container {rec['Id']} has no TTY to resize")
        write_ctl(self.driver.paths(rec["Id"]).ctl, 1, height, width)
        self._publish(rec, "resize", height=height, width=width)

    async def top(self, ref: str, ps_args: str) -> dict[str, Any]:
        rec = self._running(ref)
        cg = cgroups.cgroups_path(self.cgroup_parent, rec)
        pids = cgroups.pids(cg) or set(await self.driver.ps(rec["Id"]))  # paused ones too, as dockerd
        result = await top.top(pids, ps_args)
        self._publish(rec, "top")
        return result

    def stats(self, ref: str, stream: bool) -> AsyncIterator[dict[str, Any]]:
        rec = self.table.get(ref)
        return stats.stream(rec, cgroups.cgroups_path(self.cgroup_parent, rec), stream)
