"""Volume operations against a real server: create (local, tmpfs), list filters, inspect,
delete, events, and untrusted names/options that must leave nothing behind."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.server import RunningServer


def _events(client: httpx.Client, since: float, **filters: list[str]) -> list[dict[str, object]]:
    q = {"since": f"{since:.9f}", "until": f"{time.time() + 0.01:.9f}", "filters": json.dumps(
        {"type": ["volume"], **filters})}
    r = client.get("/events", params=q)
    assert r.status_code == 200
    return [json.loads(line) for line in r.text.splitlines() if line]


def _mounted(path: str) -> str | None:
    """The filesystem type mounted exactly at ``path``, or None."""
    with open("/proc/self/mountinfo") as f:
        for line in f:
            parts = line.split()
            if parts[4] == path:
                return parts[parts.index("-") + 1]
    return None


def test_create_local_volume_makes_a_directory_under_home(client: httpx.Client, server: RunningServer) -> None:
    name = "vol-" + uuid.uuid4().hex[:8]
    t0 = time.time()
    r = client.post("/volumes/create", json={"Name": name, "Labels": {"team": "a"}})
    assert r.status_code == 201, r.text
    info = r.json()
    assert info["Name"] == name and info["Driver"] == "local" and info["Labels"] == {"team": "a"}
    assert info["Mountpoint"] == str(server.home / "volumes" / name / "_data")
    assert Path(info["Mountpoint"]).is_dir()
    assert client.get(f"/volumes/{name}").json()["Mountpoint"] == info["Mountpoint"]
    assert [e["action"] for e in _events(client, t0, volume=[name])] == ["create"]


def test_same_name_twice_returns_the_existing_volume(client: httpx.Client) -> None:
    name = "twice-" + uuid.uuid4().hex[:8]
    first = client.post("/volumes/create", json={"Name": name, "Labels": {"n": "1"}}).json()
    marker = Path(first["Mountpoint"]) / "keep"
    marker.write_text("data")
    second = client.post("/volumes/create", json={"Name": name})
    assert second.status_code == 201
    assert second.json()["CreatedAt"] == first["CreatedAt"] and second.json()["Labels"] == {"n": "1"}
    assert marker.read_text() == "data"
    names = [v["Name"] for v in client.get("/volumes").json()["Volumes"]]
    assert names.count(name) == 1


def test_generated_name(client: httpx.Client) -> None:
    r = client.post("/volumes/create", json={})
    assert r.status_code == 201
    name = r.json()["Name"]
    assert len(name) == 64 and int(name, 16) >= 0
    assert client.delete(f"/volumes/{name}").status_code == 204


def test_list_filters(client: httpx.Client) -> None:
    tag = uuid.uuid4().hex[:8]
    client.post("/volumes/create", json={"Name": f"f1-{tag}", "Labels": {"tier": "web", tag: ""}})
    client.post("/volumes/create", json={"Name": f"f2-{tag}", "Labels": {"tier": "db", tag: ""}})

    def names(filters: dict[str, list[str]]) -> set[str]:
        r = client.get("/volumes", params={"filters": json.dumps(filters)})
        assert r.status_code == 200, r.text
        assert r.json()["Warnings"] == []
        return {v["Name"] for v in r.json()["Volumes"]}

    assert names({"name": [tag]}) == {f"f1-{tag}", f"f2-{tag}"}
    assert names({"label": [tag]}) == {f"f1-{tag}", f"f2-{tag}"}
    assert names({"label": ["tier=web"], "name": [tag]}) == {f"f1-{tag}"}
    assert names({"label": ["tier:db"], "name": [tag]}) == {f"f2-{tag}"}
    assert names({"driver": ["tmpfs"], "name": [tag]}) == set()
    assert names({"driver": ["local"], "name": [f"f1-{tag}"]}) == {f"f1-{tag}"}
    r = client.get("/volumes", params={"filters": json.dumps({"colour": ["red"]})})
    assert r.status_code == 400 and "colour" in r.json()["message"]


def test_delete(client: httpx.Client) -> None:
    name = "del-" + uuid.uuid4().hex[:8]
    mp = client.post("/volumes/create", json={"Name": name}).json()["Mountpoint"]
    t0 = time.time()
    assert client.delete(f"/volumes/{name}").status_code == 204
    assert not Path(mp).parent.exists()
    r = client.get(f"/volumes/{name}")
    assert r.status_code == 404 and r.json()["message"] == f"No such volume: {name}"
    assert client.delete(f"/volumes/{name}").status_code == 404
    assert [e["action"] for e in _events(client, t0, volume=[name])] == ["destroy"]


def test_tmpfs_driver_mounts_a_sized_tmpfs_on_use(client: httpx.Client) -> None:
    require_root_stack()
    name = "tmp-" + uuid.uuid4().hex[:8]
    r = client.post("/volumes/create", json={"Name": name, "Driver": "tmpfs", "DriverOpts": {"size": "8m"}})
    assert r.status_code == 201, r.text
    assert r.json()["Driver"] == "tmpfs" and r.json()["Options"] == {"size": "8m"}
    assert client.delete(f"/volumes/{name}").status_code == 204


@pytest.mark.parametrize("body", [
    {"Name": "../escape"},
    {"Name": "a/b"},
    {"Name": ".."},
    {"Name": "x"},
    {"Name": "ok-name", "Driver": "nfs"},
    {"Name": "ok-name", "Driver": "tmpfs", "DriverOpts": {"size": "huge"}},
    {"Name": "ok-name", "Driver": "local", "DriverOpts": {"type": "nfs", "device": "1.2.3.4:/x"}},
])
def test_untrusted_create_is_refused_and_leaves_nothing(
    client: httpx.Client, server: RunningServer, body: dict[str, object]
) -> None:
    before = sorted(os.listdir(server.home / "volumes"))
    r = client.post("/volumes/create", json=body)
    assert r.status_code == 400, r.text
    assert r.json()["message"]
    assert sorted(os.listdir(server.home / "volumes")) == before
    assert client.get("/volumes/ok-name").status_code == 404
    assert not (server.home.parent / "escape").exists()


def test_tmpfs_volume_is_a_real_tmpfs_while_used(server: RunningServer) -> None:
    """Through the engine contract (no container needed): prepare_mounts mounts it."""
    require_root_stack()
    import asyncio

    from runtime.config import DaemonConfig
    from runtime.engine import Engine

    async def scenario() -> None:
        base = server.base / ("eng-" + uuid.uuid4().hex[:6])
        eng = Engine(DaemonConfig(home_dir=base / "home", exec_root_dir=base / "run", cgroup_parent="pouch-tv"))
        await eng.start()
        try:
            await eng.volumes.create("sized", "tmpfs", {"size": "4m"}, None)
            rec = {"Id": "c" * 64, "Name": "c", "Config": {}, "HostConfig": {"Binds": ["sized:/data"]}}
            rec["Mounts"] = mounts = await eng.volumes.prepare_mounts(rec)
            src = mounts[0]["Source"]
            assert _mounted(src) == "tmpfs"
            st = os.statvfs(src)
            assert st.f_blocks * st.f_frsize == 4 * 1024 * 1024
            await eng.volumes.release_mounts(rec, remove_anonymous=False)
            assert _mounted(src) is None
        finally:
            await eng.close()

    asyncio.run(scenario())
