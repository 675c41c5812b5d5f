"""Volumes with real containers: data kept across containers, read-only binds, anonymous
volumes and the ``v`` option, VolumesFrom, Tmpfs, usage and delete while in use, events."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import load_busybox
from tests.helpers.server import RunningServer

pytestmark = pytest.mark.root


@pytest.fixture(scope="module")
def c(server: RunningServer) -> Iterator[httpx.Client]:
    require_root_stack()
    with server.client() as client:
        load_busybox(client)
        yield client


def create(c: httpx.Client, cmd: list[str], host: dict[str, Any] | None = None, **config: Any) -> str:
    name = "vc-" + uuid.uuid4().hex[:8]
    body = {"Image": "busybox", "Cmd": cmd, "Tty": True, "HostConfig": host or {}, **config}
    r = c.post("/containers/create", params={"name": name}, json=body)
    assert r.status_code == 201, r.text
    return name


def run(c: httpx.Client, cmd: list[str], host: dict[str, Any] | None = None, keep: bool = False,
        **config: Any) -> tuple[int, str, str]:
    """(exit code, output, name); removed (with its anonymous volumes) unless ``keep``."""
    name = create(c, cmd, host, **config)
    assert c.post(f"/containers/{name}/start").status_code == 204
    code = int(c.post(f"/containers/{name}/wait").json()["StatusCode"])
    out = c.get(f"/containers/{name}/logs", params={"stdout": 1, "stderr": 1}).text
    if not keep:
        assert c.delete(f"/containers/{name}", params={"v": 1}).status_code == 204
    return code, out, name


def test_named_volume_keeps_data_between_containers(c: httpx.Client) -> None:
    vol = "keep-" + uuid.uuid4().hex[:6]
    t0 = time.time()
    code, out, writer = run(c, ["sh", "-c", "echo hello-volume > /data/f"], {"Binds": [f"{vol}:/data"]}, keep=True)
    assert code == 0, out
    info = c.get(f"/volumes/{vol}").json()  # created on demand by the bind
    assert info["Driver"] == "local" and (Path(info["Mountpoint"]) / "f").read_text() == "hello-volume\n"
    mounts = c.get(f"/containers/{writer}/json").json()["Mounts"]
    assert [(m["Type"], m["Name"], m["Destination"], m["RW"]) for m in mounts] == [("volume", vol, "/data", True)]
    assert info["Status"]["UsageData"]["RefCount"] == 1
    assert info["Status"]["UsageData"]["Containers"] == [c.get(f"/containers/{writer}/json").json()["Id"]]
    r = c.delete(f"/volumes/{vol}")
    assert r.status_code == 409 and "in use" in r.json()["message"]
    code, out, _ = run(c, ["cat", "/data/f"], {"Binds": [f"{vol}:/data:ro"]})
    assert code == 0 and "hello-volume" in out
    assert c.delete(f"/containers/{writer}").status_code == 204
    assert c.get(f"/volumes/{vol}").status_code == 200  # named volumes outlive their containers
    assert c.delete(f"/volumes/{vol}").status_code == 204
    q = {"since": f"{t0:.9f}", "until": f"{time.time() + 0.01:.9f}",
         "filters": json.dumps({"type": ["volume"], "volume": [vol]})}
    actions = [json.loads(x)["action"] for x in c.get("/events", params=q).text.splitlines()]
    assert actions[0] == "create" and actions[-1] == "destroy"
    assert actions.count("mount") == 2 and actions.count("unmount") == 2


def test_volume_mount_events_follow_starts_and_exits(c: httpx.Client) -> None:
    """As dockerd: a volume is "mount"ed at each start and "unmount"ed at each exit, not at
    container create/remove."""
    vol = "ev-" + uuid.uuid4().hex[:8]
    t0 = time.time()
    name = create(c, ["true"], {"Binds": [f"{vol}:/data"]})

    def actions() -> list[str]:
        q = {"since": f"{t0:.9f}", "until": f"{time.time() + 0.01:.9f}",
             "filters": json.dumps({"type": ["volume"], "volume": [vol]})}
        return [json.loads(x)["action"] for x in c.get("/events", params=q).text.splitlines()]

    try:
        assert actions() == ["create"]  # created with the container, not mounted yet
        for _ in range(2):
            assert c.post(f"/containers/{name}/start").status_code == 204
            assert c.post(f"/containers/{name}/wait").json()["StatusCode"] == 0
        assert actions() == ["create", "mount", "unmount", "mount", "unmount"]
    finally:
        c.delete(f"/containers/{name}", params={"force": 1})
        c.delete(f"/volumes/{vol}")


def test_read_only_bind_refuses_writes(c: httpx.Client, tmp_path: Path) -> None:
    (tmp_path / "in").write_text("from-host")
    code, out, _ = run(c, ["sh", "-c", "cat /mnt/in; echo x > /mnt/out"], {"Binds": [f"{tmp_path}:/mnt:ro"]})
    assert code != 0 and "from-host" in out and "Read-only file system" in out
    assert not (tmp_path / "out").exists()
    code, out, _ = run(c, ["sh", "-c", "echo written > /mnt/out"], {"Binds": [f"{tmp_path}:/mnt"]})
    assert code == 0 and (tmp_path / "out").read_text() == "written\n"


def test_anonymous_volumes_and_the_v_option(c: httpx.Client) -> None:
    code, out, name = run(c, ["sh", "-c", "echo a > /anon/x"], keep=True, Volumes={"/anon": {}})
    assert code == 0, out
    m = c.get(f"/containers/{name}/json").json()["Mounts"][0]
    assert m["Type"] == "volume" and m["Destination"] == "/anon" and len(m["Name"]) == 64
    anon = m["Name"]
    # VolumesFrom shares it
    code, out, _ = run(c, ["cat", "/anon/x"], {"VolumesFrom": [f"{name}:ro"]})
    assert code == 0 and "a" in out
    assert c.delete(f"/containers/{name}").status_code == 204
    assert c.get(f"/volumes/{anon}").status_code == 200  # kept without v
    assert c.delete(f"/volumes/{anon}").status_code == 204
    code, _, name = run(c, ["true"], keep=True, Volumes={"/anon": {}})
    anon = c.get(f"/containers/{name}/json").json()["Mounts"][0]["Name"]
    assert c.delete(f"/containers/{name}", params={"v": 1}).status_code == 204
    assert c.get(f"/volumes/{anon}").status_code == 404


def test_tmpfs_mounts(c: httpx.Client) -> None:
    code, out, _ = run(c, ["sh", "-c", "grep ' /scratch ' /proc/mounts"], {"Tmpfs": {"/scratch": "size=2m"}})
    assert code == 0 and "tmpfs /scratch tmpfs" in out and "size=2048k" in out
    vol = "tv-" + uuid.uuid4().hex[:6]
    r = c.post("/volumes/create", json={"Name": vol, "Driver": "tmpfs", "DriverOpts": {"size": "3m"}})
    assert r.status_code == 201
    code, out, _ = run(c, ["sh", "-c", "df -k /v | tail -1"], {"Binds": [f"{vol}:/v"]})
    assert code == 0 and " 3072 " in out, out
    assert c.delete(f"/volumes/{vol}").status_code == 204


@pytest.mark.parametrize("host", [
    {"Binds": ["/no/such/dir/anywhere:/x"]},
    {"Binds": ["/tmp/../etc:/x"]},
    {"Binds": ["../../etc:/x"]},
    {"Binds": ["ok-vol-name:relative"]},
    {"Binds": ["bad/name:/x"]},
    {"Tmpfs": {"/t": "size=lots"}},
    {"VolumesFrom": ["no-such-container-xyz"]},
])
def test_bad_mounts_make_nothing(c: httpx.Client, host: dict[str, Any]) -> None:
    before_v = {v["Name"] for v in c.get("/volumes").json()["Volumes"]}
    before_c = len(c.get("/containers/json", params={"all": 1}).json())
    r = c.post("/containers/create", json={"Image": "busybox", "Cmd": ["true"], "Volumes": {"/anon": {}},
                                           "HostConfig": host})
    assert r.status_code in (400, 404), r.text
    assert r.json()["message"]
    assert {v["Name"] for v in c.get("/volumes").json()["Volumes"]} == before_v
    assert len(c.get("/containers/json", params={"all": 1}).json()) == before_c
