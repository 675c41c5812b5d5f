"""Fault survival: kill -9 of the whole server in the middle of
operations, then a restart. After it the store must agree with the host (no half objects,
no leaked mounts, netns, veths or cgroups), every object the API reported created must
still exist, and removing everything must leave nothing of ours on the host.

Kills land while several clients have operations in flight, so each run cuts some of them
at different points; the checks hold whatever the cut point was."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import build_busybox_image_tar, image_digests, load_busybox
from tests.helpers.registry import LocalRegistry
from tests.helpers.server import RunningServer
from tests.reliability.hoststate import check_consistent, leftovers_after_stop, remove_everything

IMAGE = "busybox:latest"


@pytest.fixture
def srv(tmp_path: Path) -> Iterator[RunningServer]:
    require_root_stack()
    s = RunningServer(tmp_path / "srv").start()
    with s.client() as c:
        load_busybox(c)
    yield s
    s.stop()


def restart_and_check(srv: RunningServer) -> httpx.Client:
    """Restart after a kill -9; the store must agree with the host."""
    srv.start()
    c = srv.client()
    problems = check_consistent(srv, c)
    assert not problems, "\n".join(problems)
    return c


def clean_shutdown_leaves_nothing(srv: RunningServer, c: httpx.Client) -> None:
    remove_everything(c)
    c.close()
    srv.stop()
    left = leftovers_after_stop(srv)
    assert not left, "\n".join(left)


def kill_during(srv: RunningServer, op: Callable[[httpx.Client, int], None], clients: int, after: float) -> None:
    """Run ``op(client, n)`` in a loop from several threads; kill -9 the server ``after`` seconds in."""
    stop = threading.Event()

    def worker(k: int) -> None:
        n = 0
        with srv.client(timeout=30) as c:
            while not stop.is_set():
                try:
                    op(c, k * 100000 + n)
                except httpx.TransportError:
                    return  # the server is gone
                n += 1

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    time.sleep(after)
    srv.kill()
    stop.set()
    for t in threads:
        t.join(30)


def test_kill_during_container_creates(srv: RunningServer) -> None:
    created: list[str] = []
    lock = threading.Lock()

    def create(c: httpx.Client, n: int) -> None:
        r = c.post("/containers/create", params={"name": f"c{n}"},
                   json={"Image": IMAGE, "Cmd": ["sleep", "600"], "Volumes": {"/data": {}}})
        if r.status_code == 201:
            with lock:
                created.append(r.json()["Id"])
        else:
            assert r.status_code < 500, r.text

    kill_during(srv, create, clients=4, after=1.5)
    assert created, "no create finished before the kill: the test cut nothing"
    c = restart_and_check(srv)
    for cid in created:
        assert c.get(f"/containers/{cid}/json").status_code == 200, f"reported created, lost: {cid}"
    # whatever survived is whole: it starts and runs
    for info in c.get("/containers/json", params={"all": 1}).json()[:3]:
        r = c.post(f"/containers/{info['Id']}/start")
        assert r.status_code == 204, r.text
    assert not check_consistent(srv, c)
    clean_shutdown_leaves_nothing(srv, c)


def test_kill_during_volume_creates(srv: RunningServer) -> None:
    created: list[str] = []

    def create(c: httpx.Client, n: int) -> None:
        r = c.post("/volumes/create", json={"Name": f"v{n}", "Labels": {"n": str(n)}})
        if r.status_code == 201:
            created.append(r.json()["Name"])
        else:
            assert r.status_code < 500, r.text

    kill_during(srv, create, clients=4, after=1.0)
    assert created
    c = restart_and_check(srv)
    listed = {v["Name"]: v for v in c.get("/volumes").json()["Volumes"]}
    for name in created:
        assert name in listed, f"reported created, lost: {name}"
    for name in listed:
        info = c.get(f"/volumes/{name}")
        assert info.status_code == 200, info.text
        assert Path(info.json()["Mountpoint"]).is_dir(), f"volume {name} has no directory"
    # no directory of a volume the store does not know
    on_disk = {p.name for p in (srv.home / "volumes").iterdir() if p.is_dir()}
    assert on_disk <= set(listed) | {"_tmp", "tmp", "metadata"}, on_disk - set(listed)
    # a volume cut at creation can be created again under its name
    r = c.post("/volumes/create", json={"Name": "after-restart"})
    assert r.status_code == 201
    clean_shutdown_leaves_nothing(srv, c)


def test_start_drops_volume_directories_cut_before_their_record(srv: RunningServer) -> None:
    """A kill can fall after a volume's directory and before its _data or its record: the next
    start removes such empty directories, and leaves any that hold something."""
    srv.stop()
    vols = srv.home / "volumes"
    (vols / "cut-early").mkdir(parents=True)  # no _data yet
    (vols / "cut-late" / "_data").mkdir(parents=True)  # _data, no record
    (vols / "has-data" / "_data").mkdir(parents=True)
    (vols / "has-data" / "_data" / "f").write_text("keep me")
    srv.start()
    with srv.client() as c:
        assert c.get("/volumes").status_code == 200
    assert not (vols / "cut-early").exists() and not (vols / "cut-late").exists()
    assert (vols / "has-data" / "_data" / "f").read_text() == "keep me"


def test_kill_during_network_connects(srv: RunningServer) -> None:
    with srv.client() as c:
        nets = []
        for i in range(2):
            r = c.post("/networks/create", json={"Name": f"fault{i}", "Driver": "bridge"})
            assert r.status_code == 201, r.text
            nets.append(r.json()["Id"])
        ctrs = []
        for i in range(4):
            r = c.post("/containers/create", params={"name": f"n{i}"}, json={"Image": IMAGE, "Cmd": ["sleep", "600"]})
            assert r.status_code == 201, r.text
            ctrs.append(r.json()["Id"])
            assert c.post(f"/containers/{ctrs[-1]}/start").status_code == 204
    connected: set[tuple[str, str]] = set()
    in_flight: set[tuple[str, str]] = set()  # cut by the kill: either outcome is right
    lock = threading.Lock()

    def toggle(c: httpx.Client, n: int) -> None:
        pair = (ctrs[n % len(ctrs)], nets[(n // len(ctrs)) % len(nets)])
        with lock:
            if pair in in_flight:
                return
            on = pair in connected
            in_flight.add(pair)
        r = c.post(f"/networks/{pair[1]}/{'disconnect' if on else 'connect'}", json={"Container": pair[0]})
        assert r.status_code < 500, r.text
        with lock:
            if r.status_code == 200:
                (connected.discard if on else connected.add)(pair)
            in_flight.discard(pair)

    kill_during(srv, toggle, clients=4, after=2.0)
    c = restart_and_check(srv)
    for cid, net in connected - in_flight:
        nets_of = c.get(f"/containers/{cid}/json").json()["NetworkSettings"]["Networks"]
        assert any(v.get("NetworkID") == net for v in nets_of.values()), f"reported connected, lost: {cid[:12]}"
    # what the store says is inside each container's netns is really there
    for cid in ctrs:
        info = c.get(f"/containers/{cid}/json").json()
        want = sorted(v["IPAddress"] for v in info["NetworkSettings"]["Networks"].values() if v["IPAddress"])
        r = c.post(f"/containers/{cid}/exec", json={"Cmd": ["ip", "-4", "-o", "addr"], "AttachStdout": True})
        out = c.post(f"/exec/{r.json()['Id']}/start", json={}).content
        have = sorted(w.split("/")[0] for w in out.decode(errors="replace").split() if w.count(".") == 3
                      and "/" in w and not w.startswith("127."))
        assert have == want, f"{cid[:12]}: store says {want}, the netns has {have}"
    clean_shutdown_leaves_nothing(srv, c)


def test_kill_during_commit(srv: RunningServer) -> None:
    with srv.client() as c:
        r = c.post("/containers/create", json={
            "Image": IMAGE, "Cmd": ["sh", "-c", "dd if=/dev/urandom of=/big bs=1M count=64 2>/dev/null; sleep 600"]})
        cid = r.json()["Id"]
        assert c.post(f"/containers/{cid}/start").status_code == 204
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            r = c.post(f"/containers/{cid}/exec", json={"Cmd": ["sh", "-c", "ls -l /big"], "AttachStdout": True})
            if b"67108864" in c.post(f"/exec/{r.json()['Id']}/start", json={}).content:
                break
            time.sleep(0.2)
        before = {i["Id"] for i in c.get("/images/json").json()}
    done: list[str] = []

    def commit(c: httpx.Client, n: int) -> None:
        r = c.post("/commit", params={"container": cid, "repo": "committed", "tag": str(n)}, timeout=60)
        if r.status_code == 201:
            done.append(r.json()["Id"])

    kill_during(srv, commit, clients=2, after=0.6)
    c = restart_and_check(srv)
    images = c.get("/images/json").json()
    for img_id in done:
        assert any(i["Id"] == img_id for i in images), f"reported committed, lost: {img_id}"
    for img in images:
        if img["Id"] in before:
            continue
        # a committed image that exists is whole: a container from it sees the file
        r = c.post("/containers/create", json={"Image": img["Id"], "Cmd": ["sh", "-c", "ls -l /big"]})
        assert r.status_code == 201, r.text
        assert c.post(f"/containers/{r.json()['Id']}/start").status_code == 204
        c.post(f"/containers/{r.json()['Id']}/wait", timeout=30)
        logs = c.get(f"/containers/{r.json()['Id']}/logs", params={"stdout": 1}).content
        assert b"67108864" in logs, logs
    # the cut commit did not wedge the container: it commits now
    r = c.post("/commit", params={"container": cid, "repo": "committed", "tag": "after"}, timeout=120)
    assert r.status_code == 201, r.text
    clean_shutdown_leaves_nothing(srv, c)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRegistry]:
    reg = LocalRegistry(tmp_path_factory.mktemp("fault-registry")).start()
    yield reg
    reg.stop()


@pytest.mark.slow
def test_kill_during_pull(tmp_path: Path, registry: LocalRegistry) -> None:
    require_root_stack()
    big = build_busybox_image_tar(tmp_path / "big.tar", layers=6, filler_bytes=12 << 20, seed="kill-pull")
    registry.seed(big, "fault/big:1")
    ref = f"{registry.host}/fault/big:1"
    srv = RunningServer(tmp_path / "srv", extra_args=["--insecure-registries", registry.host]).start()
    try:
        with srv.client(timeout=120) as c, c.stream("POST", "/images/create", params={"fromImage": ref}) as r:
            assert r.status_code == 200
            for line in r.iter_lines():
                if line and json.loads(line).get("status") in ("Downloading", "Extracting"):
                    break
            srv.kill()
        c = restart_and_check(srv)
        assert c.get(f"/images/{ref}/json").status_code == 404, "a cut pull left an image"
        assert list((srv.home / "images" / "tmp").iterdir()) == []
        r = c.post("/images/create", params={"fromImage": ref}, timeout=120)
        assert r.status_code == 200 and "error" not in r.text, r.text
        assert c.get(f"/images/{ref}/json").json()["Id"] == image_digests(big)["id"]
        r = c.post("/containers/create", json={"Image": ref, "Cmd": ["cat", "/layers/6.txt"]})
        assert r.status_code == 201, r.text
        clean_shutdown_leaves_nothing(srv, c)
    finally:
        srv.stop()


@pytest.fixture
def small_home_srv(tmp_path: Path, registry: LocalRegistry) -> Iterator[RunningServer]:
    """A server whose --home-dir is a 48 MiB tmpfs: a flood of logs or a big pull fills it."""
    require_root_stack()
    s = RunningServer(tmp_path / "srv", extra_args=["--insecure-registries", registry.host])
    s.home.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(s.home)], check=True)
    try:
        s.start()
        with s.client() as c:
            load_busybox(c)
        yield s
    finally:
        s.stop()
        subprocess.run(["umount", "-R", "-l", str(s.home)], check=False)


def fill_disk_with_logs(c: httpx.Client) -> str:
    """A container that writes its log until the disk is full; returns its ID once it is."""
    r = c.post("/containers/create", json={"Image": IMAGE, "Cmd": ["yes", "x" * 200]})
    assert r.status_code == 201, r.text
    cid = r.json()["Id"]
    assert c.post(f"/containers/{cid}/start").status_code == 204
    return cid


def free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def assert_serving(c: httpx.Client, limit: float = 1.0) -> None:
    start = time.monotonic()
    assert c.get("/_ping").status_code == 200
    assert c.get("/containers/json", params={"all": 1}).status_code == 200
    assert c.get("/info").status_code == 200
    took = time.monotonic() - start
    assert took < limit, f"the server took {took:.2f}s to answer"


def test_log_flood_until_disk_full_leaves_the_server_serving(small_home_srv: RunningServer) -> None:
    srv = small_home_srv
    with srv.client(timeout=30) as c:
        cid = fill_disk_with_logs(c)
        deadline = time.monotonic() + 60
        while free_bytes(srv.home) > (1 << 20) and time.monotonic() < deadline:
            assert_serving(c, limit=2.0)  # answering while the log floods
            time.sleep(0.2)
        assert free_bytes(srv.home) <= (1 << 20), "the flood did not fill the disk"
        for _ in range(5):
            assert_serving(c)
        r = c.get(f"/containers/{cid}/logs", params={"stdout": 1, "tail": "2"})
        assert r.status_code == 200 and b"xxxx" in r.content
        assert c.get(f"/containers/{cid}/json").status_code == 200
        # a write the full disk refuses is a clear error, never a hung or dead server
        r = c.post("/volumes/create", json={"Name": "on-a-full-disk"})
        assert r.status_code in (201, 500, 507), r.text
        if r.status_code != 201:
            assert "space" in r.json()["message"] or "disk is full" in r.json()["message"], r.text
        # Recovery: removing the flooding container must free the disk. Known defect (containers,
        # /tmp/reliability-containers.md #4): the exit handler's store write fails on the full disk,
        # the container never counts as exited and a forced remove hangs.
        try:
            r = c.delete(f"/containers/{cid}", params={"force": 1}, timeout=15)
        except httpx.ReadTimeout:
            assert_serving(c)  # the hung remove does not take the server with it
            pytest.fail("forced remove of a container whose exit could not be stored hangs")
        assert r.status_code == 204, r.text
        assert free_bytes(srv.home) > (8 << 20), "removing the container did not free its log"
        # and the server works normally again
        r = c.post("/containers/create", json={"Image": IMAGE, "Cmd": ["echo", "after"]})
        assert r.status_code == 201, r.text
        assert c.post(f"/containers/{r.json()['Id']}/start").status_code == 204
        c.post(f"/containers/{r.json()['Id']}/wait")
        assert b"after" in c.get(f"/containers/{r.json()['Id']}/logs", params={"stdout": 1}).content
        # Teardown of the flooded container's network may finish a moment after its remove
        # answered (seen once under a loaded CI machine): allow it a few seconds, no more.
        deadline = time.monotonic() + 10
        while (problems := check_consistent(srv, c)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not problems


def test_pull_onto_a_full_disk_fails_clearly(small_home_srv: RunningServer, registry: LocalRegistry,
                                             tmp_path: Path) -> None:
    srv = small_home_srv
    big = build_busybox_image_tar(tmp_path / "big.tar", layers=4, filler_bytes=30 << 20, seed="disk-full")
    registry.seed(big, "fault/toobig:1")
    ref = f"{registry.host}/fault/toobig:1"
    with srv.client(timeout=120) as c:
        r = c.post("/images/create", params={"fromImage": ref})
        if r.status_code == 200:
            msgs = [json.loads(x) for x in r.text.splitlines() if x.strip()]
            errors = [m for m in msgs if "error" in m]
            assert errors, f"a pull bigger than the disk reported success: {msgs[-3:]}"
            assert "no space left" in errors[-1]["error"].lower(), errors[-1]
        else:
            assert r.status_code >= 400 and "space" in r.json()["message"], r.text
        assert_serving(c)
        assert c.get(f"/images/{ref}/json").status_code == 404, "a failed pull left an image"
        deadline = time.monotonic() + 10
        while list((srv.home / "images" / "tmp").iterdir()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert list((srv.home / "images" / "tmp").iterdir()) == [], "a failed pull left its temporary files"
        # the disk is usable again: a container from the image that is there runs
        r = c.post("/containers/create", json={"Image": IMAGE, "Cmd": ["true"]})
        assert r.status_code == 201, r.text
        assert c.post(f"/containers/{r.json()['Id']}/start").status_code == 204
