"""Pouch's own features through the API, on real filesystems and processes: disk quotas (a
server whose --home-dir is on a btrfs made on a loop device), lxcfs (a server that runs its
own), rich containers (dumb-init, sbin-init), and refusals with the reason where the host lacks
what a field needs."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from runtime.quota import detect
from tests.conftest import require_root_stack
from tests.helpers.images import load_busybox
from tests.helpers.loopfs import loop_filesystem
from tests.helpers.server import RunningServer

MiB = 1 << 20


@pytest.fixture(scope="module")
def btrfs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    require_root_stack()
    work = tmp_path_factory.mktemp("quota")
    with loop_filesystem(work, "btrfs", size_mb=768) as mnt, serving(RunningServer(mnt / "srv")) as srv:
        yield srv
        RunningServer.started.remove(srv)  # gone with its filesystem: nothing to purge later


@contextlib.contextmanager
def serving(srv: RunningServer) -> Iterator[RunningServer]:
    """A server of the module's own with busybox, emptied and stopped afterwards."""
    srv.start()
    try:
        with srv.client() as c:
            load_busybox(c)
        yield srv
    finally:
        srv.purge()
        srv.stop()


def run(client: httpx.Client, name: str, cmd: str, **extra: object) -> str:
    host = {"NetworkMode": "none", **extra.pop("HostConfig", {})}  # type: ignore[dict-item]
    body = {"Image": "busybox", "Cmd": ["sh", "-c", cmd], "HostConfig": host, **extra}
    r = client.post("/containers/create", params={"name": name}, json=body)
    assert r.status_code == 201, r.text
    assert client.post(f"/containers/{name}/start").status_code == 204
    return str(r.json()["Id"])


def output(client: httpx.Client, name: str, timeout: float = 60) -> str:
    """The container's output once it has exited."""
    assert client.post(f"/containers/{name}/wait", timeout=timeout).status_code == 200
    r = client.get(f"/containers/{name}/logs", params={"stdout": 1, "stderr": 1})
    raw, out = r.content, b""
    while len(raw) >= 8:  # stdcopy frames (no TTY)
        size = int.from_bytes(raw[4:8], "big")
        out, raw = out + raw[8 : 8 + size], raw[8 + size :]
    return out.decode(errors="replace")


def write_mb(path: str, mb: int) -> str:
    return f"dd if=/dev/zero of={path} bs=1M count={mb} 2>&1; sync; echo rc=$?; ls -l {path}"


def written(out: str, path: str) -> int:
    """Bytes of the file dd wrote (the size ls shows last: logs keep earlier runs)."""
    for line in reversed(out.splitlines()):
        if line.endswith(path):
            return int(line.split()[4])
    raise AssertionError(out)


@pytest.mark.usefixtures("busybox_loaded")
def test_disk_quota_is_refused_where_the_home_filesystem_has_none(client: httpx.Client, server: RunningServer) -> None:
    require_root_stack()
    support = detect(server.home)
    if support.enforced:
        pytest.skip(f"the session server's home can enforce quotas ({support.driver}): nothing to refuse")
    r = client.post("/containers/create", json={"Image": "busybox", "DiskQuota": {"/": "20m"}})
    assert r.status_code == 400
    assert "disk quota is not supported" in r.json()["message"] and support.reason in r.json()["message"]
    assert ["Disk Quota Driver", "none"] in client.get("/info").json()["DriverStatus"]
    r = client.post("/volumes/create", json={"Name": "pf-size", "Driver": "local", "DriverOpts": {"size": "10m"}})
    assert r.status_code == 400 and "disk quota is not supported" in r.json()["message"]
    assert client.get("/volumes/pf-size").status_code == 404


def test_rootfs_quota_stops_a_write_and_a_live_update_lets_it_through(btrfs_server: RunningServer) -> None:
    with btrfs_server.client() as c:
        info = c.get("/info").json()
        assert ["Disk Quota Driver", "btrfs"] in info["DriverStatus"], info["DriverStatus"]
        run(c, "pf-q20", write_mb("/big", 30), DiskQuota={"/": "20m"})
        out = output(c, "pf-q20")
        assert "Disk quota exceeded" in out and written(out, "/big") <= 21 * MiB, out
        run(c, "pf-q20-small", write_mb("/small", 10), DiskQuota={"/": "20m"})
        out = output(c, "pf-q20-small")
        assert "rc=0" in out and written(out, "/small") == 10 * MiB, out
        # a live update: the same container, started again, writes 30 MB under 50m
        r = c.post("/containers/pf-q20/update", json={"DiskQuota": {"/": "50m"}})
        assert r.status_code == 200, r.text
        assert c.get("/containers/pf-q20/json").json()["Config"]["DiskQuota"] == {"/": "50m"}
        assert c.post("/containers/pf-q20/start").status_code == 204
        out = output(c, "pf-q20")
        assert written(out, "/big") == 30 * MiB, out
        assert btrfs_server.proc is not None and btrfs_server.proc.poll() is None  # the server stayed up
        for name in ("pf-q20", "pf-q20-small"):
            assert c.delete(f"/containers/{name}").status_code == 204


def _qgroups(srv: RunningServer) -> set[str]:
    from runtime.quota.btrfs import filesystem_uuid
    from runtime.quota.detect import mount_of

    mount = Path(mount_of(srv.home).mount_point)
    qdir = Path("/sys/fs/btrfs") / filesystem_uuid(mount) / "qgroups"
    return {p.name for p in qdir.iterdir() if p.name.startswith("1_")} if qdir.is_dir() else set()


def test_quota_ids_survive_a_restart_and_are_released_on_remove(btrfs_server: RunningServer) -> None:
    with btrfs_server.client() as c:
        r = c.post(
            "/containers/create",
            params={"name": "pf-qid"},
            json={"Image": "busybox", "Cmd": ["true"], "DiskQuota": {"/": "30m"}, "QuotaID": "-1"},
        )
        assert r.status_code == 201, r.text
        qid = c.get("/containers/pf-qid/json").json()["Config"]["QuotaID"]
        assert qid.isdigit() and int(qid) > 0
        assert f"1_{qid}" in _qgroups(btrfs_server)
    btrfs_server.stop()
    btrfs_server.start()
    with btrfs_server.client() as c:
        assert c.get("/containers/pf-qid/json").json()["Config"]["QuotaID"] == qid
        # a second container naming that ID shares it; the ID goes with its last holder
        r = c.post(
            "/containers/create",
            params={"name": "pf-qid2"},
            json={"Image": "busybox", "Cmd": ["true"], "DiskQuota": {"/": "30m"}, "QuotaID": qid},
        )
        assert r.status_code == 201, r.text
        assert c.delete("/containers/pf-qid").status_code == 204
        assert f"1_{qid}" in _qgroups(btrfs_server)
        assert c.delete("/containers/pf-qid2").status_code == 204
        assert f"1_{qid}" not in _qgroups(btrfs_server)


def test_a_volume_with_a_size_is_limited_to_it(btrfs_server: RunningServer) -> None:
    with btrfs_server.client() as c:
        r = c.post("/volumes/create", json={"Name": "pf-vol", "Driver": "local", "DriverOpts": {"size": "20m"}})
        assert r.status_code == 201, r.text
        run(c, "pf-volc", write_mb("/data/big", 30), HostConfig={"Binds": ["pf-vol:/data"]})
        out = output(c, "pf-volc")
        assert "Disk quota exceeded" in out and written(out, "/data/big") <= 21 * MiB, out
        before = _qgroups(btrfs_server)
        assert c.delete("/containers/pf-volc").status_code == 204
        assert c.delete("/volumes/pf-vol").status_code == 204
        assert len(_qgroups(btrfs_server)) == len(before) - 1  # the volume's quota went with it


def test_a_volume_under_a_containers_catch_all_quota(btrfs_server: RunningServer) -> None:
    with btrfs_server.client() as c:
        assert c.post("/volumes/create", json={"Name": "pf-vol2"}).status_code == 201
        run(c, "pf-volq", write_mb("/data/big", 30), DiskQuota={".*": "20m"}, HostConfig={"Binds": ["pf-vol2:/data"]})
        out = output(c, "pf-volq")
        assert "Disk quota exceeded" in out and written(out, "/data/big") <= 21 * MiB, out
        assert c.delete("/containers/pf-volq").status_code == 204
        assert c.delete("/volumes/pf-vol2").status_code == 204


# -- lxcfs -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lxcfs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    require_root_stack()
    if not os.path.exists("/usr/bin/lxcfs"):
        pytest.skip("lxcfs is not installed")
    if not os.path.exists("/dev/fuse"):
        pytest.skip("no /dev/fuse: this machine cannot mount FUSE")
    work = tmp_path_factory.mktemp("lxcfs")
    home = work / "lxcfs-home"
    with serving(RunningServer(work / "srv", ["--enable-lxcfs", "--lxcfs-home", str(home)])) as srv:
        yield srv
    # with no container left, the server took its lxcfs and the mount down
    assert str(home) not in Path("/proc/self/mountinfo").read_text()


def _exec(c: httpx.Client, name: str, cmd: list[str]) -> str:
    r = c.post(f"/containers/{name}/exec", json={"Cmd": cmd, "AttachStdout": True, "AttachStderr": True, "Tty": True})
    assert r.status_code == 201, r.text
    raw = c.post(f"/exec/{r.json()['Id']}/start", json={"Detach": False, "Tty": True}).content
    return raw.decode(errors="replace")


def test_lxcfs_shows_the_containers_memory_limit_and_survives_an_lxcfs_restart(lxcfs_server: RunningServer) -> None:
    with lxcfs_server.client() as c:
        assert c.get("/info").json()["LxcfsEnabled"] is True
        run(c, "pf-lxcfs", "exec sleep 300", HostConfig={"EnableLxcfs": True, "Memory": 64 * MiB})
        assert "MemTotal:          65536 kB" in _exec(c, "pf-lxcfs", ["cat", "/proc/meminfo"])
        pid = int((lxcfs_server.exec_root / "lxcfs.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        assert _meminfo_comes_back(c, "pf-lxcfs"), "lxcfs was not restarted and remounted"
        assert int((lxcfs_server.exec_root / "lxcfs.pid").read_text()) != pid
    # live restore: lxcfs outlives a server stop while a container uses it, and is used again
    lxcfs_server.stop()
    assert _lxcfs_mounted(lxcfs_server)
    lxcfs_server.start()
    with lxcfs_server.client() as c:
        assert c.get("/info").json()["LxcfsEnabled"] is True
        assert "MemTotal:          65536 kB" in _exec(c, "pf-lxcfs", ["cat", "/proc/meminfo"])
        # the kept lxcfs is supervised by the new server as its own child was
        kept = int((lxcfs_server.exec_root / "lxcfs.pid").read_text())
        os.kill(kept, signal.SIGKILL)
        assert _meminfo_comes_back(c, "pf-lxcfs"), "lxcfs kept across the restart was not replaced"
        assert int((lxcfs_server.exec_root / "lxcfs.pid").read_text()) != kept
        assert c.delete("/containers/pf-lxcfs", params={"force": 1}).status_code == 204


def _meminfo_comes_back(c: httpx.Client, name: str) -> bool:
    """The container's /proc/meminfo shows its limit again (after lxcfs was killed)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.3)
        if "MemTotal:          65536 kB" in _exec(c, name, ["cat", "/proc/meminfo"]):
            return True
    return False


def _lxcfs_mounted(srv: RunningServer) -> bool:
    home = srv.extra_args[srv.extra_args.index("--lxcfs-home") + 1]
    return any(line.split()[4] == home for line in Path("/proc/self/mountinfo").read_text().splitlines())


@pytest.mark.usefixtures("busybox_loaded")
def test_lxcfs_is_refused_by_a_server_without_it(client: httpx.Client) -> None:
    r = client.post("/containers/create", json={"Image": "busybox", "HostConfig": {"EnableLxcfs": True}})
    assert r.status_code == 400 and "--enable-lxcfs" in r.json()["message"]


# -- rich containers -----------------------------------------------------------------------------


@pytest.mark.usefixtures("busybox_loaded")
def test_rich_dumb_init_is_pid1_runs_the_init_script_first_and_reaps(client: httpx.Client, names: list[str]) -> None:
    names.append("pf-rich")
    run(
        client,
        "pf-rich",
        "cat /tmp/init-ran; sh -c 'sleep 1 &'; sleep 3; ps -o pid,stat,comm",
        HostConfig={"Rich": True, "InitScript": "/bin/sh -c 'echo prepared > /tmp/init-ran'"},
    )
    out = output(client, "pf-rich")
    assert out.startswith("prepared\n"), out
    assert any(line.split() == ["1", "S", "dumb-init"] for line in out.splitlines()), out
    assert " Z " not in out, out  # the orphaned sleep was reaped by dumb-init


@pytest.mark.usefixtures("busybox_loaded")
def test_rich_sbin_init_boots_the_images_init_and_stops_on_stop(client: httpx.Client, names: list[str]) -> None:
    names += ["pf-mkinit", "pf-init"]
    run(client, "pf-mkinit", "mkdir -p /sbin && ln -s /bin/busybox /sbin/init")
    output(client, "pf-mkinit")
    r = client.post("/commit", params={"container": "pf-mkinit", "repo": "busybox-init", "tag": "pf"})
    assert r.status_code == 201, r.text
    try:
        body = {
            "Image": "busybox-init:pf",
            "Cmd": ["sleep", "1000"],
            "HostConfig": {"NetworkMode": "none", "Rich": True, "RichMode": "sbin-init"},
        }
        r = client.post("/containers/create", params={"name": "pf-init"}, json=body)
        assert r.status_code == 201, r.text
        assert client.get("/containers/pf-init/json").json()["Config"]["StopSignal"] == "SIGUSR2"
        assert client.post("/containers/pf-init/start").status_code == 204
        assert _exec(client, "pf-init", ["cat", "/proc/1/comm"]).strip() == "init"
        deadline = time.monotonic() + 20
        while "sleep" not in _exec(client, "pf-init", ["sh", "-c", "cat /proc/[0-9]*/comm"]):
            assert time.monotonic() < deadline, "the command did not start under init"
            time.sleep(0.2)
        started = time.monotonic()
        assert client.post("/containers/pf-init/stop", params={"t": 30}, timeout=60).status_code == 204
        logs = client.get("/containers/pf-init/logs", params={"stdout": 1, "stderr": 1}).content
        # halted by init on its signal, not killed at the timeout
        assert time.monotonic() - started < 25, logs[-2000:]
        assert b"Requesting system poweroff" in logs
    finally:
        client.delete("/containers/pf-init", params={"force": 1})
        client.delete("/images/busybox-init:pf")


@pytest.mark.usefixtures("busybox_loaded")
def test_rich_mode_the_image_cannot_run_is_a_400(client: httpx.Client) -> None:
    body = {"Image": "busybox", "Cmd": ["true"], "HostConfig": {"Rich": True, "RichMode": "sbin-init"}}
    r = client.post("/containers/create", json=body)
    assert r.status_code == 400 and "/sbin/init" in r.json()["message"]


@pytest.mark.usefixtures("busybox_loaded")
def test_pouch_only_resources_the_host_lacks_are_a_400_naming_what_it_lacks(client: httpx.Client) -> None:
    if Path("/sys/fs/cgroup/memory/memory.wmark_ratio").exists():
        pytest.skip("this host has AliKernel's memory.wmark_ratio")
    body = {"Image": "busybox", "HostConfig": {"MemoryWmarkRatio": 50}}
    r = client.post("/containers/create", json=body)
    assert r.status_code == 400 and "memory.wmark_ratio" in r.json()["message"]
    info = client.get("/info").json()
    assert ["MemoryWmarkRatio", "unsupported"] in info["DriverStatus"]
    r = client.post("/containers/create", json={"Image": "busybox", "Cmd": ["true"]})
    assert r.status_code == 201
    cid = r.json()["Id"]
    try:  # an update is checked the same way, and changes nothing when refused
        r = client.post(f"/containers/{cid}/update", json={"MemoryWmarkRatio": 50})
        assert r.status_code == 400 and "memory.wmark_ratio" in r.json()["message"]
        assert not client.get(f"/containers/{cid}/json").json()["HostConfig"].get("MemoryWmarkRatio")
    finally:
        client.delete(f"/containers/{cid}")


def test_an_upgraded_container_keeps_its_quota(btrfs_server: RunningServer) -> None:
    with btrfs_server.client() as c:
        run(c, "pf-upg", "sleep 300", DiskQuota={"/": "20m"})
        r = c.post("/containers/pf-upg/upgrade", json={"Image": "busybox", "Cmd": ["sh", "-c", write_mb("/big", 30)]})
        assert r.status_code == 200, r.text
        out = output(c, "pf-upg")
        assert "Disk quota exceeded" in out and written(out, "/big") <= 21 * MiB, out
        assert c.delete("/containers/pf-upg", params={"force": 1}).status_code == 204


def test_a_create_that_fails_after_its_quota_leaves_no_quota_behind(btrfs_server: RunningServer) -> None:
    with btrfs_server.client() as c:
        before = _qgroups(btrfs_server)
        body = {"Image": "busybox", "DiskQuota": {"/": "20m"}, "HostConfig": {"NetworkMode": "pf-no-such-net"}}
        r = c.post("/containers/create", json=body)
        assert r.status_code == 404, r.text  # the network is looked up after the quota was applied
        assert _qgroups(btrfs_server) == before
