"""Exec instances: one conmon (``--exec``) per exec, its own bundle dir with process.json,
exit file and attach socket. Exec records live in memory, as in dockerd."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runtime import ids
from runtime.containers import ocispec, records
from runtime.containers.attach import ExecSession, parse_detach_keys
from runtime.containers.driver import (
    Driver,
    RuntimeFailure,
    command_failure,
    connect_attach,
    write_ctl,
)
from runtime.containers.hostconfig import check_no_nul
from runtime.containers.protocols import ContainerRecords
from runtime.errors import Conflict, InvalidParameter, NotFound
from runtime.events import EventBus
from runtime.processes import ProcessWatch

Exec = dict[str, Any]


class ExecService:
    def __init__(self, containers: ContainerRecords, driver: Driver, events: EventBus) -> None:
        self.containers = containers
        self.driver = driver
        self.events = events
        self._execs: dict[str, Exec] = {}
        self._done: dict[str, asyncio.Event] = {}
        self._watches: dict[str, ProcessWatch] = {}
        self._drains: set[asyncio.Task[None]] = set()  # output of sessions the client left

    async def restore(self) -> None:
        pass  # exec instances live in memory only, as in dockerd

    async def close(self) -> None:
        for task in list(self._drains):
            task.cancel()

    def dir(self, exec_id: str) -> Path:
        return self.driver.exec_root / exec_id

    def _publish(self, rec: records.Record, action: str, **extra: Any) -> None:
        self.events.publish("container", action, rec["Id"], records.labels_attrs(rec, **extra))

    def get(self, exec_id: str) -> Exec:
        ex = self._execs.get(exec_id)
        if ex is None:
            found = [e for i, e in self._execs.items() if exec_id and i.startswith(exec_id)]
            if len(found) != 1:
                raise NotFound(f"No such exec instance: {exec_id}")
            ex = found[0]
        return ex

    def ids_for(self, cid: str) -> list[str]:
        return [i for i, e in self._execs.items() if e["ContainerID"] == cid]

    def _check_container(self, rec: records.Record) -> None:
        st = rec["State"]
        if not st["Running"]:
            raise Conflict(f"Container {rec['Id']} is not running")
        if st["Paused"]:
            raise Conflict(f"Container {rec['Id']} is paused, unpause the container before exec")
        if st["Status"] == "restarting":
            raise Conflict(f"Container {rec['Id']} is restarting, wait until the container is running")

    def create(self, ref: str, body: dict[str, Any]) -> str:
        rec = self.containers.get(ref)
        self._check_container(rec)
        cmd = body.get("Cmd") or []
        if not cmd or not all(isinstance(c, str) for c in cmd) or not cmd[0]:
            raise InvalidParameter("No exec command specified")
        parse_detach_keys(body.get("DetachKeys") or None)  # 400 now, not at start
        check_no_nul(body, "")
        exec_id = ids.new_id()
        self._execs[exec_id] = {
            "ID": exec_id,
            "ContainerID": rec["Id"],
            "Running": False,
            "ExitCode": 0,
            "Pid": 0,
            "Started": False,
            "CanRemove": False,
            "DetachKeys": body.get("DetachKeys") or "",
            "OpenStdin": bool(body.get("AttachStdin")),
            "OpenStdout": bool(body.get("AttachStdout")),
            "OpenStderr": bool(body.get("AttachStderr")),
            "ProcessConfig": {
                "tty": bool(body.get("Tty")),
                "entrypoint": cmd[0],
                "arguments": list(cmd[1:]),
                "privileged": bool(body.get("Privileged")),
                "user": body.get("User") or "",
            },
            "Env": list(body.get("Env") or []),
            "Detach": bool(body.get("Detach")),
        }
        self._publish(rec, "exec_create: " + " ".join(cmd), execID=exec_id)
        return exec_id

    def inspect(self, exec_id: str) -> Exec:
        ex = self.get(exec_id)
        return {
            k: ex[k]
            for k in (
                "ID",
                "ContainerID",
                "Running",
                "ExitCode",
                "Pid",
                "CanRemove",
                "DetachKeys",
                "OpenStdin",
                "OpenStdout",
                "OpenStderr",
                "ProcessConfig",
            )
        }

    async def start(
        self, exec_id: str, detach: bool, on_attached: Callable[[], None] | None = None
    ) -> ExecSession | None:
        """Run the exec. Attached: ``on_attached`` is called once conmon's socket is connected
        (before the process runs: the client may answer the request), and the session is returned."""
        ex = self.get(exec_id)
        rec = self.containers.get(ex["ContainerID"])
        self._check_container(rec)
        if ex["Started"]:
            raise Conflict(
                f"Error: Exec command {ex['ID']} has already run"
                if not ex["Running"]
                else f"Error: Exec command {ex['ID']} is already running"
            )
        ex["Started"] = True
        pc = ex["ProcessConfig"]
        paths = self.driver.paths(rec["Id"])
        d = self.dir(ex["ID"])
        d.mkdir(parents=True, exist_ok=True)
        spec = json.loads(paths.config_json.read_text())
        proc = ocispec.exec_process(
            spec,
            Path(spec["root"]["path"]),
            [pc["entrypoint"]] + pc["arguments"],
            ex["Env"],
            pc["user"],
            pc["tty"],
            pc["privileged"],
        )
        (d / "process.json").write_text(json.dumps(proc))
        attach = not detach
        drv = self.driver
        args = drv.conmon_args(
            rec["Id"],
            ex["ID"],
            rec["Name"],
            d,
            d / "pid",
            d / "conmon.pid",
            d,
            d / "exec.log",
            d,
            tty=pc["tty"],
            stdin=attach and ex["OpenStdin"],
            leave_stdin_open=False,
        ) + ["-e", "--exec-process-spec", str(d / "process.json")]
        done = asyncio.Event()
        self._done[ex["ID"]] = done
        session: ExecSession | None = None

        async def attached() -> None:
            nonlocal session
            keys = parse_detach_keys(ex["DetachKeys"] or rec["Config"].get("DetachKeys"))
            sock = connect_attach(d / "attach")
            session = ExecSession(sock, done, pc["tty"], ex["OpenStdin"], keys, self._drains)
            if on_attached is not None:
                on_attached()

        if attach:
            args.append("--exec-attach")
        try:
            pid = await drv.spawn_conmon(args, on_attach_ready=attached if attach else None, cwd=d)
        except Exception as exc:
            ex["Running"] = False
            done.set()
            if session is not None:
                session.sock.close()
            if not isinstance(exc, RuntimeFailure):
                ex["ExitCode"] = 126
                raise
            code = command_failure(exc.message)
            ex["ExitCode"] = code or 126
            if code:
                raise InvalidParameter(f"exec failed: {exc.message}") from None
            if not await self._still_running(rec):  # it stopped between the check and runc exec
                raise Conflict(f"Container {rec['Id']} is not running") from None
            raise
        ex.update(Running=True, Pid=pid)
        self._publish(rec, "exec_start: " + " ".join([pc["entrypoint"]] + pc["arguments"]), execID=ex["ID"])
        conmon = drv.conmon_pid(d / "conmon.pid") or 0
        self._watches[ex["ID"]] = (
            ProcessWatch(conmon, lambda: self._exited(ex["ID"]))
            if conmon
            else ProcessWatch(pid, lambda: self._exited(ex["ID"]))
        )
        return session

    async def _still_running(self, rec: records.Record) -> bool:
        if not rec["State"]["Running"] or rec["State"]["Paused"]:
            return False
        state = await self.driver.state(rec["Id"])
        return state is not None and state.get("status") == "running"

    def _exited(self, exec_id: str) -> None:
        ex = self._execs.get(exec_id)
        self._watches.pop(exec_id, None)
        if ex is None:
            return
        d = self.dir(exec_id)
        code = self.driver.read_exit_code(d / "exit")
        if code is None:
            code = self.driver.read_exit_code(d / ex["ContainerID"])
        ex.update(Running=False, ExitCode=126 if code is None else code, Pid=0, CanRemove=True)
        rec = self.containers.find(ex["ContainerID"])
        if rec is not None:
            self._publish(rec, "exec_die", execID=exec_id, exitCode=ex["ExitCode"])
        done = self._done.pop(exec_id, None)
        if done is not None:
            done.set()
        shutil.rmtree(d, ignore_errors=True)

    def resize(self, exec_id: str, height: int, width: int) -> None:
        ex = self.get(exec_id)
        if not ex["Running"]:
            raise Conflict(f"Exec {exec_id} is not running")
        if not ex["ProcessConfig"]["tty"]:
            raise InvalidParameter(f"Exec {exec_id} has no TTY to resize")
        write_ctl(self.dir(ex["ID"]) / "ctl", 1, height, width)

    async def remove_for(self, cid: str) -> None:
        for exec_id in self.ids_for(cid):
            ex = self._execs.pop(exec_id)
            w = self._watches.pop(exec_id, None)
            if w is not None:
                w.cancel()
            done = self._done.pop(exec_id, None)
            if done is not None:
                done.set()
            with contextlib.suppress(Exception):
                shutil.rmtree(self.dir(ex["ID"]), ignore_errors=True)
