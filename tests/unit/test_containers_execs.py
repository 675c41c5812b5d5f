"""Exec start against a container that stops between the state check and ``runc exec``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runtime.containers import records
from runtime.containers.driver import ContainerPaths, Driver, RuntimeFailure
from runtime.containers.execs import ExecService
from runtime.errors import Conflict, EngineError
from runtime.events import EventBus


class FakeDriver(Driver):
    """A real Driver for argument building; conmon fails the way it does when the container just stopped."""

    def __init__(self, root: Path, runc_status: str | None) -> None:
        super().__init__(root / "run", root / "home")
        self.runc_status = runc_status

    async def spawn_conmon(self, args: list[str], **kwargs: Any) -> int:
        raise RuntimeFailure("exec failed: cannot exec in a stopped container")

    async def state(self, cid: str) -> dict[str, Any] | None:
        return None if self.runc_status is None else {"status": self.runc_status}


class FakeContainers:
    def __init__(self, root: Path, runc_status: str | None) -> None:
        self.driver = FakeDriver(root, runc_status)
        self.rec: records.Record = {
            "Id": "c" * 64, "Name": "web", "Image": "sha256:" + "1" * 64, "Config": {}, "HostConfig": {},
            "State": records.new_state(),
        }
        records.set_running(self.rec, 42)
        paths = self.paths(self.rec["Id"])
        paths.home.mkdir(parents=True)
        paths.config_json.write_text(json.dumps({"process": {"args": ["sleep"], "env": []},
                                                 "root": {"path": str(root)}}))

    def get(self, ref: str) -> records.Record:
        return self.rec

    def find(self, cid: str) -> records.Record | None:
        return self.rec if cid == self.rec["Id"] else None

    def records(self) -> list[records.Record]:
        return [self.rec]

    def save(self, rec: records.Record) -> None:
        pass

    def paths(self, cid: str) -> ContainerPaths:
        return self.driver.paths(cid)


@pytest.mark.parametrize("runc_status", [None, "stopped"])
async def test_exec_start_racing_a_stop_is_a_conflict(tmp_path: Path, runc_status: str | None) -> None:
    containers = FakeContainers(tmp_path, runc_status)
    execs = ExecService(containers, containers.driver, EventBus())
    exec_id = execs.create("web", {"Cmd": ["true"]})
    with pytest.raises(Conflict, match="is not running"):
        await execs.start(exec_id, detach=True)


async def test_exec_failure_of_a_running_container_stays_an_engine_error(tmp_path: Path) -> None:
    containers = FakeContainers(tmp_path, "running")
    execs = ExecService(containers, containers.driver, EventBus())
    exec_id = execs.create("web", {"Cmd": ["true"]})
    with pytest.raises(EngineError) as info:
        await execs.start(exec_id, detach=True)
    assert not isinstance(info.value, Conflict)
