"""Containers against a real server (root, runc, conmon): lifecycle, status codes, streams,
and each create field checked from inside the container."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import load_busybox
from tests.helpers.server import RunningServer
from tests.reliability.hoststate import cgroup_hierarchies

IMAGE = "busybox"


@pytest.fixture(scope="module", autouse=True)
def _image(server: RunningServer) -> None:
    require_root_stack()
    with server.client() as c:
        load_busybox(c)


def create(client: httpx.Client, cmd: list[str] | None = None, name: str | None = None, **cfg: Any) -> str:
    body: dict[str, Any] = {"Image": IMAGE, **cfg}
    if cmd is not None:
        body["Cmd"] = cmd
    body.setdefault("HostConfig", {}).setdefault("NetworkMode", "none")
    r = client.post("/containers/create", json=body, params={"name": name} if name else None)
    assert r.status_code == 201, r.text
    return str(r.json()["Id"])


def demux(data: bytes) -> tuple[bytes, bytes]:
    out, err = b"", b""
    while data:
        stream, size = struct.unpack(">BxxxI", data[:8])
        payload, data = data[8:8 + size], data[8 + size:]
        if stream == 1:
            out += payload
        else:
            err += payload
    return out, err


def run(client: httpx.Client, cmd: list[str], **cfg: Any) -> tuple[int, str, str]:
    """create + start + wait + logs + remove: (exit code, stdout, stderr)."""
    cid = create(client, cmd, **cfg)
    try:
        r = client.post(f"/containers/{cid}/start")
        assert r.status_code == 204, r.text
        code = client.post(f"/containers/{cid}/wait").json()["StatusCode"]
        logs = client.get(f"/containers/{cid}/logs", params={"stdout": 1, "stderr": 1}).content
        out, err = demux(logs)
        return code, out.decode(), err.decode()
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


@pytest.fixture
def running(client: httpx.Client) -> Iterator[str]:
    cid = create(client, ["sleep", "1000"], HostConfig={"NetworkMode": "none"})
    assert client.post(f"/containers/{cid}/start").status_code == 204
    yield cid
    client.delete(f"/containers/{cid}", params={"force": 1})


def hijack(server: RunningServer, path: str, body: dict[str, Any] | None = None,
           upgrade: bool = True) -> tuple[bytes, socket.socket]:
    """POST over a raw unix socket; returns (status line + headers, socket with the raw stream)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(server.socket)
    payload = json.dumps(body).encode() if body is not None else b""
    head = f"POST /v1.24{path} HTTP/1.1\r\nHost: pouch\r\n"
    if upgrade:
        head += "Connection: Upgrade\r\nUpgrade: tcp\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    sock.sendall(head.encode() + b"\r\n" + payload)
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(4096)
        if not chunk:
            break
        buf += chunk
    headers, _, rest = buf.partition(b"\r\n\r\n")
    return headers + b"\r\n\r\n" + rest, sock


def read_all(sock: socket.socket, already: bytes = b"", timeout: float = 20) -> bytes:
    sock.settimeout(timeout)
    data = already
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


# -- create --------------------------------------------------------------------------------
def test_create_returns_id_and_warnings(client: httpx.Client) -> None:
    r = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["true"]})
    assert r.status_code == 201
    body = r.json()
    assert len(body["Id"]) == 64 and body["Warnings"] == []
    info = client.get(f"/containers/{body['Id']}/json").json()
    assert info["State"]["Status"] == "created" and not info["Name"].startswith("/") and len(info["Name"]) > 3
    assert client.delete(f"/containers/{body['Id']}").status_code == 204


def test_create_name_rules(client: httpx.Client) -> None:
    cid = create(client, ["true"], name="named-one_1")
    try:
        assert client.get("/containers/named-one_1/json").json()["Id"] == cid
        r = client.post("/containers/create", params={"name": "named-one_1"}, json={"Image": IMAGE})
        assert r.status_code == 409 and "already in use" in r.json()["message"]
        r = client.post("/containers/create", params={"name": "bad name!"}, json={"Image": IMAGE})
        assert r.status_code == 400 and r.json()["message"]
    finally:
        client.delete(f"/containers/{cid}")


def test_create_unknown_image_is_404(client: httpx.Client) -> None:
    r = client.post("/containers/create", json={"Image": "nosuchimage:nope"})
    assert r.status_code == 404 and r.json()["message"]


def test_create_specific_id(client: httpx.Client) -> None:
    want = "ab" * 32
    r = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["true"], "SpecificID": want})
    assert r.status_code == 201 and r.json()["Id"] == want
    r2 = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["true"], "SpecificID": want})
    assert r2.status_code == 409
    r3 = client.post("/containers/create", json={"Image": IMAGE, "SpecificID": "xyz"})
    assert r3.status_code == 400
    client.delete(f"/containers/{want}")


@pytest.mark.parametrize("host, fragment", [
    ({"Memory": 1024}, "Minimum memory limit"),
    ({"OomScoreAdj": -500}, "OomScoreAdj"),
    ({"Ulimits": [{"Name": "nofile", "Soft": 10, "Hard": 10 ** 9}]}, "hard limit"),
    ({"CapAdd": ["NOT_A_CAP"]}, "capability"),
    ({"CpusetCpus": "0-4096"}, "not available"),
    ({"Sysctls": {"kernel.hostname": "x"}}, "not allowed"),
    ({"NanoCpus": 1000000000, "CpuQuota": 50000}, "Conflicting"),
    ({"RestartPolicy": {"Name": "sometimes"}}, "restart policy"),
    ({"Runtime": "nosuchruntime"}, "runtime"),
    ({"Devices": [{"PathOnHost": "/dev/nosuch"}]}, "device"),
    ({"BlkioDeviceWriteBps": [{"Path": "/dev/null", "Rate": 1}]}, "not a block device"),
])
def test_create_rejects_what_the_host_cannot_honour(client: httpx.Client, host: dict[str, Any],
                                                     fragment: str) -> None:
    r = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["true"], "HostConfig": host})
    assert r.status_code == 400, r.text
    assert fragment.lower() in r.json()["message"].lower()


def test_create_warns_about_unsupported_fields(client: httpx.Client) -> None:
    r = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["true"],
                                               "HostConfig": {"BlkioWeight": 300, "KernelMemory": 64 << 20,
                                                              "LogConfig": {"Type": "syslog"}}})
    assert r.status_code == 201
    warnings = " ".join(r.json()["Warnings"])
    assert "BlkioWeight" in warnings and "syslog" in warnings
    client.delete(f"/containers/{r.json()['Id']}")


# -- run and check inside -----------------------------------------------------------------
def test_exit_code_and_split_streams(client: httpx.Client) -> None:
    code, out, err = run(client, ["sh", "-c", "echo to-out; echo to-err >&2; exit 7"])
    assert (code, out, err) == (7, "to-out\n", "to-err\n")


def test_config_fields_inside(client: httpx.Client) -> None:
    code, out, _ = run(
        client, ["sh", "-c", "hostname; echo $FOO-$BAR; pwd; id -u; id -g; id -G; cat /proc/self/oom_score_adj"],
        Hostname="inside", Env=["FOO=foo", "BAR=bar"], WorkingDir="/tmp", User="1234:5678",
        HostConfig={"OomScoreAdj": 300, "GroupAdd": ["4321"], "NetworkMode": "none"},
    )
    assert code == 0
    lines = out.split("\n")
    assert lines[0] == "inside"
    assert lines[1] == "foo-bar"
    assert lines[2] == "/tmp"
    assert lines[3] == "1234" and lines[4] == "5678"
    assert "4321" in lines[5].split()
    assert lines[6] == "300"


def test_entrypoint_reset_and_init_script(client: httpx.Client) -> None:
    code, out, _ = run(client, ["echo", "from-cmd"], Entrypoint=[""], InitScript="echo from-init > /tmp/i")
    assert code == 0 and out == "from-cmd\n"
    code, out, _ = run(client, ["cat", "/tmp/i"], InitScript="echo from-init > /tmp/i")
    assert out == "from-init\n"


def test_resources_are_in_the_cgroups(client: httpx.Client) -> None:
    script = ("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory/memory.soft_limit_in_bytes "
              "/sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us "
              "/sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/cpuset/cpuset.cpus /sys/fs/cgroup/memory/memory.swappiness")
    code, out, err = run(client, ["sh", "-c", script], HostConfig={
        "Memory": 64 << 20, "MemoryReservation": 32 << 20, "CpuShares": 512, "CpuQuota": 50000,
        "CpuPeriod": 100000, "PidsLimit": 42, "CpusetCpus": "0", "MemorySwappiness": 10, "NetworkMode": "none",
    })
    assert code == 0, err
    assert out.split() == [str(64 << 20), str(32 << 20), "512", "50000", "100000", "42", "0", "10"]


def test_cgroup_parent_nests_under_the_prefix(client: httpx.Client, server: RunningServer) -> None:
    cid = create(client, ["sleep", "100"], StopTimeout=0, HostConfig={"CgroupParent": "grp", "Memory": 32 << 20,
                                                                        "NetworkMode": "none"})
    try:
        client.post(f"/containers/{cid}/start")
        cg = Path(f"/sys/fs/cgroup/memory/pouch-{server.tag}/grp/{cid}")
        assert (cg / "memory.limit_in_bytes").read_text().strip() == str(32 << 20)
        client.post(f"/containers/{cid}/stop", params={"t": 0})
        deadline = time.monotonic() + 3
        while cg.parent.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not cg.exists() and not cg.parent.exists()
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


@pytest.mark.parametrize("cgroup_parent", ["", "grp2"])
def test_removed_container_leaves_no_cgroup_in_any_hierarchy(client: httpx.Client, server: RunningServer,
                                                             cgroup_parent: str) -> None:
    """runc makes the container's cgroup in every mounted hierarchy, the unified (v2) one too:
    after remove, none of them holds it (nor the CgroupParent level it was the last to use)."""
    cid = create(client, ["sleep", "100"], StopTimeout=0, HostConfig={"CgroupParent": cgroup_parent,
                                                                        "NetworkMode": "none"})
    below = f"pouch-{server.tag}/{cgroup_parent}/{cid}" if cgroup_parent else f"pouch-{server.tag}/{cid}"
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        made = [root for root in cgroup_hierarchies() if (root / below).is_dir()]
        assert made, "runc made no cgroup for the container"
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})
    left = [str(root / below) for root in cgroup_hierarchies() if (root / below).exists()]
    if cgroup_parent:
        left += [str(root / f"pouch-{server.tag}/{cgroup_parent}") for root in cgroup_hierarchies()
                 if (root / f"pouch-{server.tag}/{cgroup_parent}").exists()]
    assert left == []


def test_nano_cpus(client: httpx.Client) -> None:
    code, out, _ = run(client, ["cat", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"], HostConfig={"NanoCpus": 500_000_000})
    assert out.strip() == "50000"


def test_security_fields(client: httpx.Client) -> None:
    code, out, _ = run(client, ["sh", "-c", "grep CapEff /proc/self/status; touch /x 2>/dev/null || echo ro; "
                                            "ulimit -n; cat /proc/sys/kernel/shmmax; cat /proc/kcore 2>&1 | head -c 0;"
                                            " test -w /proc/sys && echo wsys || echo rosys"],
                       HostConfig={"CapDrop": ["ALL"], "CapAdd": ["NET_ADMIN"], "ReadonlyRootfs": True,
                                   "Ulimits": [{"Name": "nofile", "Soft": 512, "Hard": 1024}],
                                   "Sysctls": {"kernel.shmmax": "123456789"}, "NetworkMode": "none"})
    lines = out.split("\n")
    assert int(lines[0].split()[1], 16) == 1 << 12  # CAP_NET_ADMIN only
    assert lines[1] == "ro"
    assert lines[2] == "512"
    assert lines[3] == "123456789"


def test_privileged_gets_all_caps(client: httpx.Client) -> None:
    _, out, _ = run(client, ["grep", "CapEff", "/proc/self/status"], HostConfig={"Privileged": True,
                                                                                "NetworkMode": "none"})
    own = next(ln for ln in Path("/proc/self/status").read_text().splitlines() if ln.startswith("CapBnd:"))
    assert int(out.split()[1], 16) == int(own.split()[1], 16)


def test_masked_and_readonly_paths_and_shm(client: httpx.Client) -> None:
    script = "ls /opt | wc -l; touch /tmp/x 2>/dev/null && echo tmp-rw || echo tmp-ro; df -k /dev/shm | tail -1"
    _, out, _ = run(client, ["sh", "-c", script],
                    HostConfig={"MaskedPaths": ["/opt"], "ReadonlyPaths": ["/tmp"], "ShmSize": 8 << 20,
                                "NetworkMode": "none"})
    lines = out.split("\n")
    assert lines[0] == "0"
    assert lines[1] == "tmp-ro"
    assert lines[2].split()[1] == "8192"


def test_devices(client: httpx.Client) -> None:
    _, out, _ = run(client, ["sh", "-c", "ls -l /dev/mynull && echo x > /dev/mynull && echo wrote"],
                    HostConfig={"Devices": [{"PathOnHost": "/dev/null", "PathInContainer": "/dev/mynull",
                                             "CgroupPermissions": "rwm"}], "NetworkMode": "none"})
    assert "wrote" in out


def test_tty_logs_are_raw(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "echo tty-out"], Tty=True)
    try:
        client.post(f"/containers/{cid}/start")
        client.post(f"/containers/{cid}/wait")
        raw = client.get(f"/containers/{cid}/logs", params={"stdout": 1}).content
        assert raw.replace(b"\r", b"") == b"tty-out\n"
    finally:
        client.delete(f"/containers/{cid}")


def test_logs_tail_timestamps_and_selection(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done; echo bad >&2"])
    try:
        client.post(f"/containers/{cid}/start")
        client.post(f"/containers/{cid}/wait")
        out, err = demux(client.get(f"/containers/{cid}/logs", params={"stdout": 1, "tail": "2"}).content)
        assert out == b"line4\nline5\n" and err == b""
        out, err = demux(client.get(f"/containers/{cid}/logs", params={"stderr": 1}).content)
        assert out == b"" and err == b"bad\n"
        out, _ = demux(client.get(f"/containers/{cid}/logs", params={"stdout": 1, "timestamps": 1}).content)
        first = out.split(b"\n")[0]
        assert first.endswith(b" line1") and first[:4].isdigit() and b"T" in first
        future = int(time.time()) + 3600
        out, _ = demux(client.get(f"/containers/{cid}/logs", params={"stdout": 1, "since": future}).content)
        assert out == b""
        r = client.get(f"/containers/{cid}/logs")
        assert r.status_code == 400
        r = client.get(f"/containers/{cid}/logs", params={"stdout": 1, "tail": "x"})
        assert r.status_code == 400
    finally:
        client.delete(f"/containers/{cid}")


def test_logs_follow_streams_until_exit(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "echo a; sleep 1; echo b"])
    try:
        client.post(f"/containers/{cid}/start")
        t = time.monotonic()
        with client.stream("GET", f"/containers/{cid}/logs", params={"stdout": 1, "follow": 1}) as r:
            data = b"".join(r.iter_bytes())
        assert demux(data)[0] == b"a\nb\n"
        assert time.monotonic() - t >= 0.8
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


# -- state machine and status codes --------------------------------------------------------
def test_start_of_a_missing_command_is_400(client: httpx.Client) -> None:
    cid = create(client, ["/no/such/binary"])
    try:
        r = client.post(f"/containers/{cid}/start")
        assert r.status_code == 400 and "no such file" in r.json()["message"]
        st = client.get(f"/containers/{cid}/json").json()["State"]
        assert not st["Running"] and st["ExitCode"] == 127 and st["Error"]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_start_stop_pause_status_codes(client: httpx.Client, running: str) -> None:
    cid = running
    assert client.post(f"/containers/{cid}/start").status_code == 304
    info = client.get(f"/containers/{cid}/json").json()
    assert info["State"]["Running"] and info["State"]["Pid"] > 0
    assert Path(f"/proc/{info['State']['Pid']}").exists()
    assert client.post(f"/containers/{cid}/pause").status_code == 204
    assert client.post(f"/containers/{cid}/pause").status_code == 409
    st = client.get(f"/containers/{cid}/json").json()["State"]
    assert st["Paused"] and st["Status"] == "paused"
    assert client.post(f"/containers/{cid}/start").status_code == 409
    r = client.post(f"/containers/{cid}/exec", json={"Cmd": ["true"]})
    assert r.status_code == 409
    assert client.delete(f"/containers/{cid}").status_code == 409
    assert client.post(f"/containers/{cid}/unpause").status_code == 204
    assert client.post(f"/containers/{cid}/unpause").status_code == 409
    assert client.delete(f"/containers/{cid}").status_code == 409
    t = time.monotonic()
    assert client.post(f"/containers/{cid}/stop", params={"t": 1}).status_code == 204
    assert time.monotonic() - t < 8
    st = client.get(f"/containers/{cid}/json").json()["State"]
    assert not st["Running"] and st["ExitCode"] in (137, 143) and st["FinishedAt"] > st["StartedAt"]
    assert not Path(f"/proc/{info['State']['Pid']}").exists() or \
        "sleep" not in Path(f"/proc/{info['State']['Pid']}/cmdline").read_text()
    assert client.post(f"/containers/{cid}/stop").status_code == 304
    assert client.post(f"/containers/{cid}/pause").status_code == 409


def test_stop_and_restart_of_a_paused_container(client: httpx.Client, running: str) -> None:
    """A SIGKILL reaches a frozen task here: the stop must not then fail on a resume (500)."""
    cid = running
    for _ in range(4):
        assert client.post(f"/containers/{cid}/pause").status_code == 204
        r = client.post(f"/containers/{cid}/stop", params={"t": 0})
        assert r.status_code == 204, r.text
        st = client.get(f"/containers/{cid}/json").json()["State"]
        assert not st["Running"] and not st["Paused"] and st["Status"] == "stopped"  # by the API
        assert client.post(f"/containers/{cid}/start").status_code == 204
        assert client.post(f"/containers/{cid}/pause").status_code == 204
        r = client.post(f"/containers/{cid}/restart", params={"t": 0})
        assert r.status_code == 204, r.text
        st = client.get(f"/containers/{cid}/json").json()["State"]
        assert st["Running"] and not st["Paused"] and st["Status"] == "running"
    assert client.post(f"/containers/{cid}/pause").status_code == 204
    assert client.delete(f"/containers/{cid}", params={"force": 1}).status_code == 204


def test_relative_working_dir_is_400(client: httpx.Client) -> None:
    r = client.post("/containers/create", json={"Image": IMAGE, "WorkingDir": "relative/dir"})
    assert r.status_code == 400 and "absolute path" in r.json()["message"], r.text
    code, out, _ = run(client, ["pwd"], WorkingDir="/tmp/new")
    assert code == 0 and out.strip() == "/tmp/new"


def test_stop_uses_stop_signal(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "trap 'exit 42' USR1; while true; do sleep 0.1; done"], StopSignal="SIGUSR1")
    try:
        client.post(f"/containers/{cid}/start")
        time.sleep(0.3)
        assert client.post(f"/containers/{cid}/stop", params={"t": 5}).status_code == 204
        assert client.get(f"/containers/{cid}/json").json()["State"]["ExitCode"] == 42
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_restart_and_wait_blocks(client: httpx.Client, running: str) -> None:
    pid1 = client.get(f"/containers/{running}/json").json()["State"]["Pid"]
    assert client.post(f"/containers/{running}/restart", params={"t": 0}).status_code == 204
    st = client.get(f"/containers/{running}/json").json()["State"]
    assert st["Running"] and st["Pid"] != pid1
    cid = create(client, ["sleep", "1"])
    try:
        client.post(f"/containers/{cid}/start")
        t = time.monotonic()
        r = client.post(f"/containers/{cid}/wait")
        assert r.status_code == 200 and r.json()["StatusCode"] == 0
        assert time.monotonic() - t > 0.5
    finally:
        client.delete(f"/containers/{cid}")


def test_remove_force_and_404s(client: httpx.Client) -> None:
    cid = create(client, ["sleep", "100"])
    client.post(f"/containers/{cid}/start")
    pid = client.get(f"/containers/{cid}/json").json()["State"]["Pid"]
    assert client.delete(f"/containers/{cid}").status_code == 409
    assert client.delete(f"/containers/{cid}", params={"force": 1}).status_code == 204
    time.sleep(0.1)
    assert not Path(f"/proc/{pid}/cmdline").exists() or b"sleep" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    for method, path in (("GET", "/json"), ("POST", "/start"), ("POST", "/stop"), ("POST", "/wait"),
                         ("POST", "/pause"), ("GET", "/logs?stdout=1"), ("GET", "/top"), ("DELETE", "")):
        r = client.request(method, f"/containers/{cid}{path}")
        assert r.status_code == 404, (method, path, r.text)
        assert "No such container" in r.json()["message"]


def test_rename(client: httpx.Client) -> None:
    a = create(client, ["true"], name="ren-a")
    b = create(client, ["true"], name="ren-b")
    try:
        assert client.post(f"/containers/{a}/rename", params={"name": "ren-b"}).status_code == 409
        assert client.post(f"/containers/{a}/rename", params={"name": "ren-c"}).status_code == 204
        assert client.get("/containers/ren-c/json").json()["Name"] == "ren-c"
        assert client.get("/containers/ren-a/json").status_code == 404
        assert client.post(f"/containers/{a}/rename", params={"name": "bad name"}).status_code == 400
    finally:
        client.delete(f"/containers/{a}")
        client.delete(f"/containers/{b}")


def test_list_and_filters(client: httpx.Client) -> None:
    a = create(client, ["sleep", "100"], name="lst-run", Labels={"team": "a", "tier": "x"})
    b = create(client, ["true"], name="lst-created", Labels={"team": "b"})
    try:
        client.post(f"/containers/{a}/start")
        ids = [c["Id"] for c in client.get("/containers/json").json()]
        assert a in ids and b not in ids
        all_ = {c["Id"]: c for c in client.get("/containers/json", params={"all": 1}).json()}
        assert a in all_ and b in all_
        assert all_[a]["State"] == "running" and all_[a]["Status"].startswith("Up")
        assert all_[b]["Names"] == ["lst-created"] and all_[b]["Command"] == "true"

        def ids_for(filters: dict[str, list[str]]) -> set[str]:
            r = client.get("/containers/json", params={"all": 1, "filters": json.dumps(filters)})
            assert r.status_code == 200, r.text
            return {c["Id"] for c in r.json()}

        assert ids_for({"status": ["created"]}) & {a, b} == {b}
        assert ids_for({"name": ["lst-r.*"]}) == {a}
        assert ids_for({"id": [a[:10]]}) == {a}
        assert ids_for({"label": ["team=a"]}) == {a}
        assert ids_for({"label": ["team!=a", "team"]}) & {a, b} == {b}
        assert ids_for({"label": ["tier"]}) == {a}
        r = client.get("/containers/json", params={"filters": json.dumps({"bogus": ["x"]})})
        assert r.status_code == 400
    finally:
        client.delete(f"/containers/{a}", params={"force": 1})
        client.delete(f"/containers/{b}")


def test_inspect_is_complete(client: httpx.Client, running: str) -> None:
    r = client.get(f"/containers/{running}/json", params={"size": 1})
    info = r.json()
    for key in ("Id", "Name", "Created", "Path", "Args", "Config", "HostConfig", "Image", "State", "LogPath",
                "RestartCount", "Mounts", "GraphDriver", "SizeRw", "SizeRootFs"):
        assert key in info, key
    assert info["Path"] == "sleep" and info["Args"] == ["1000"]
    assert info["Image"].startswith("sha256:") and info["Config"]["Image"] == IMAGE
    assert Path(info["LogPath"]).exists()
    for key in ("Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error",
                "StartedAt", "FinishedAt"):
        assert key in info["State"], key


def test_top_and_stats(client: httpx.Client, running: str) -> None:
    r = client.get(f"/containers/{running}/top")
    assert r.status_code == 200
    top = r.json()
    assert "PID" in top["Titles"] and any("sleep" in " ".join(p) for p in top["Processes"])
    r = client.get(f"/containers/{running}/top", params={"ps_args": "aux"})
    assert r.status_code == 200 and "USER" in r.json()["Titles"]
    r = client.get(f"/containers/{running}/top", params={"ps_args": "-e\x00f"})  # found by fuzzing: was a 500
    assert r.status_code == 400 and "NUL" in r.json()["message"]
    r = client.get(f"/containers/{running}/stats", params={"stream": 0})
    assert r.status_code == 200
    s = r.json()
    assert s["memory_stats"]["usage"] > 0 and s["pids_stats"]["current"] >= 1
    assert s["cpu_stats"]["cpu_usage"]["total_usage"] > 0 and "precpu_stats" in s
    with client.stream("GET", f"/containers/{running}/stats") as resp:
        lines = resp.iter_lines()
        first, second = json.loads(next(lines)), json.loads(next(lines))
    assert second["precpu_stats"]["cpu_usage"]["total_usage"] == first["cpu_stats"]["cpu_usage"]["total_usage"]


def test_update_applies_live(client: httpx.Client, running: str, server: RunningServer) -> None:
    r = client.post(f"/containers/{running}/update", json={"Memory": 128 << 20, "CpuShares": 256,
                                                           "Label": ["upd=yes"], "Env": ["NEW=1"],
                                                           "RestartPolicy": {"Name": "always"}})
    assert r.status_code == 200, r.text
    cg = Path(f"/sys/fs/cgroup/memory/pouch-{server.tag}/{running}/memory.limit_in_bytes")
    assert cg.read_text().strip() == str(128 << 20)
    info = client.get(f"/containers/{running}/json").json()
    assert info["HostConfig"]["Memory"] == 128 << 20 and info["Config"]["Labels"]["upd"] == "yes"
    assert "NEW=1" in info["Config"]["Env"] and info["HostConfig"]["RestartPolicy"]["Name"] == "always"
    assert client.post(f"/containers/{running}/update", json={"Memory": 10}).status_code == 400
    client.post(f"/containers/{running}/update", json={"RestartPolicy": {"Name": "no"}})


def test_resize_needs_tty(client: httpx.Client, running: str) -> None:
    assert client.post(f"/containers/{running}/resize", params={"h": 10, "w": 20}).status_code == 400
    cid = create(client, ["sh", "-c", "sleep 0.5; stty size"], Tty=True)
    try:
        client.post(f"/containers/{cid}/start")
        assert client.post(f"/containers/{cid}/resize", params={"h": 33, "w": 77}).status_code == 200
        client.post(f"/containers/{cid}/wait")
        assert b"33 77" in client.get(f"/containers/{cid}/logs", params={"stdout": 1}).content
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


# -- attach --------------------------------------------------------------------------------
def test_attach_hijack_101_with_stdin(client: httpx.Client, server: RunningServer) -> None:
    cid = create(client, ["sh", "-c", "read line; echo got:$line; echo e >&2"], OpenStdin=True, StdinOnce=True)
    try:
        head, sock = hijack(server, f"/containers/{cid}/attach?stream=1&stdin=1&stdout=1&stderr=1")
        assert head.startswith(b"HTTP/1.1 101")
        assert client.post(f"/containers/{cid}/start").status_code == 204
        sock.sendall(b"hello\n")
        out, err = demux(read_all(sock, head.partition(b"\r\n\r\n")[2]))
        assert out == b"got:hello\n" and err == b"e\n"
        assert client.post(f"/containers/{cid}/wait").json()["StatusCode"] == 0
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_attach_without_upgrade_is_200_and_replays_logs(client: httpx.Client, server: RunningServer) -> None:
    cid = create(client, ["sh", "-c", "echo early; sleep 1; echo late"])
    try:
        client.post(f"/containers/{cid}/start")
        time.sleep(0.4)
        head, sock = hijack(server, f"/containers/{cid}/attach?logs=1&stream=1&stdout=1", upgrade=False)
        assert head.startswith(b"HTTP/1.1 200")
        out, _ = demux(read_all(sock, head.partition(b"\r\n\r\n")[2]))
        assert out == b"early\nlate\n"
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_attach_404(client: httpx.Client) -> None:
    assert client.post("/containers/nosuch/attach?stream=1").status_code == 404


# -- events, restart policies, OOM ---------------------------------------------------------
def test_events_of_a_lifecycle(client: httpx.Client) -> None:
    since = time.time()
    cid = create(client, ["sh", "-c", "exit 3"], name="ev-life", Labels={"evl": "1"})
    client.post(f"/containers/{cid}/start")
    client.post(f"/containers/{cid}/wait")
    client.delete(f"/containers/{cid}")
    r = client.get("/events", params={"since": f"{since:.3f}", "until": f"{time.time() + 0.5:.3f}",
                                      "filters": json.dumps({"container": [cid]})})
    events = [json.loads(line) for line in r.text.splitlines() if line]
    actions = [e["action"] for e in events]
    assert actions == ["create", "start", "die", "destroy"], actions
    die = events[2]
    assert die["actor"]["Attributes"]["exitCode"] == "3"
    assert die["actor"]["Attributes"]["name"] == "ev-life" and die["actor"]["Attributes"]["evl"] == "1"
    assert die["actor"]["Attributes"]["image"] == IMAGE


def test_restart_policy_on_failure_counts(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "exit 1"], HostConfig={"RestartPolicy": {"Name": "on-failure",
                                                                               "MaximumRetryCount": 2},
                                                            "NetworkMode": "none"})
    try:
        client.post(f"/containers/{cid}/start")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            info = client.get(f"/containers/{cid}/json").json()
            if info["RestartCount"] == 2 and info["State"]["Status"] == "exited":
                break
            time.sleep(0.1)
        assert info["RestartCount"] == 2 and info["State"]["ExitCode"] == 1, info["State"]
        time.sleep(1)
        assert client.get(f"/containers/{cid}/json").json()["RestartCount"] == 2
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_restart_policy_always_but_not_after_stop(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "sleep 0.2"], HostConfig={"RestartPolicy": {"Name": "always"},
                                                               "NetworkMode": "none"})
    try:
        client.post(f"/containers/{cid}/start")
        deadline = time.monotonic() + 10
        while client.get(f"/containers/{cid}/json").json()["RestartCount"] < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert client.get(f"/containers/{cid}/json").json()["RestartCount"] >= 2
        assert client.post(f"/containers/{cid}/stop", params={"t": 1}).status_code in (204, 304)
        time.sleep(1)
        st = client.get(f"/containers/{cid}/json").json()["State"]
        assert not st["Running"] and st["Status"] == "stopped" and not st["Exited"]  # stopped by the API
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_auto_remove(client: httpx.Client) -> None:
    cid = create(client, ["true"], HostConfig={"AutoRemove": True, "NetworkMode": "none"})
    client.post(f"/containers/{cid}/start")
    deadline = time.monotonic() + 5
    while client.get(f"/containers/{cid}/json").status_code == 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.get(f"/containers/{cid}/json").status_code == 404


def test_oom_kill_is_reported(client: httpx.Client) -> None:
    since = time.time()
    cid = create(client, ["sh", "-c", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived"],
                 HostConfig={"Memory": 16 << 20, "MemorySwap": 16 << 20, "NetworkMode": "none"})
    try:
        client.post(f"/containers/{cid}/start")
        assert client.post(f"/containers/{cid}/wait").json()["StatusCode"] == 137
        assert client.get(f"/containers/{cid}/json").json()["State"]["OOMKilled"] is True
        r = client.get("/events", params={"since": f"{since:.3f}", "until": f"{time.time() + 0.2:.3f}",
                                          "filters": json.dumps({"container": [cid], "event": ["oom"]})})
        assert [json.loads(x)["action"] for x in r.text.splitlines()] == ["oom"]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


# -- live restore --------------------------------------------------------------------------
def test_live_restore_after_kill_9(fresh_server: RunningServer) -> None:
    require_root_stack()
    srv = fresh_server.start()
    with srv.client() as c:
        load_busybox(c)
        keep = create(c, ["sh", "-c", "echo before; sleep 1000"], name="keeper")
        dies = create(c, ["sh", "-c", "sleep 1; echo bye; exit 5"], name="dier")
        comes_back = create(c, ["sh", "-c", "sleep 1; exit 3"], name="phoenix",
                            HostConfig={"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 1},
                                        "NetworkMode": "none"})
        paused = create(c, ["sleep", "1000"], name="paused")
        for cid in (keep, dies, comes_back, paused):
            c.post(f"/containers/{cid}/start")
        c.post(f"/containers/{paused}/pause")
        pid = c.get(f"/containers/{keep}/json").json()["State"]["Pid"]
    srv.kill()
    time.sleep(1.5)  # "dier" exits while the server is down
    assert Path(f"/proc/{pid}").exists()
    srv.start()
    with srv.client() as c:
        st = c.get(f"/containers/{keep}/json").json()["State"]
        assert st["Running"] and st["Pid"] == pid
        st = c.get(f"/containers/{dies}/json").json()["State"]
        assert not st["Running"] and st["ExitCode"] == 5
        assert demux(c.get(f"/containers/{dies}/logs", params={"stdout": 1}).content)[0] == b"bye\n"
        names = [x["Names"][0] for x in c.get("/containers/json", params={"all": 1}).json()]
        assert sorted(names) == ["dier", "keeper", "paused", "phoenix"]
        st = c.get(f"/containers/{paused}/json").json()["State"]
        assert st["Paused"] and st["Status"] == "paused"
        assert c.post(f"/containers/{paused}/unpause").status_code == 204
        # an exit while the daemon was down still goes through the restart policy
        deadline = time.monotonic() + 10  # the policy's back-off runs from the daemon's start
        while (info := c.get(f"/containers/{comes_back}/json").json())["RestartCount"] < 1:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert info["RestartCount"] == 1, info["State"]
        c.delete(f"/containers/{paused}", params={"force": 1})
        c.delete(f"/containers/{comes_back}", params={"force": 1})
        # the re-adopted container is still managed: stop reaches it, wait sees its exit
        assert c.post(f"/containers/{keep}/stop", params={"t": 1}).status_code == 204
        assert not Path(f"/proc/{pid}/cmdline").exists() or b"sleep" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        c.delete(f"/containers/{keep}", params={"force": 1})
        c.delete(f"/containers/{dies}", params={"force": 1})


# -- checkpoints ---------------------------------------------------------------------------
def criu_works() -> tuple[bool, str]:
    import subprocess

    try:
        r = subprocess.run(["criu", "check"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    text = (r.stdout + r.stderr).strip()
    return r.returncode == 0 and "Error" not in text, text.splitlines()[-1] if text else ""


def test_checkpoint_list_delete_and_404s(client: httpx.Client, running: str) -> None:
    r = client.get(f"/containers/{running}/checkpoints")
    assert r.status_code == 200 and r.json() == []
    assert client.delete(f"/containers/{running}/checkpoints/nope").status_code == 404
    assert client.get("/containers/nosuch/checkpoints").status_code == 404
    r = client.post(f"/containers/{running}/checkpoints", json={"CheckpointID": "../bad"})
    assert r.status_code == 400
    r = client.post(f"/containers/{running}/start", params={"checkpoint": "nope"})
    assert r.status_code == 304  # running already: the checkpoint is not even looked at


def test_checkpoint_dir_stays_under_the_container(client: httpx.Client, running: str, tmp_path: Path) -> None:
    outside = tmp_path / "escape"
    for bad in (str(outside), "../../../escape", "a/../../b", "/"):
        r = client.post(f"/containers/{running}/checkpoints", json={"CheckpointID": "c1", "CheckpointDir": bad})
        assert r.status_code == 400, (bad, r.text)
        assert client.get(f"/containers/{running}/checkpoints", params={"checkpointdir": bad}).status_code == 400
        assert client.delete(f"/containers/{running}/checkpoints/c1", params={"dir": bad}).status_code == 400
    assert not outside.exists()
    assert client.get(f"/containers/{running}/checkpoints", params={"checkpointdir": "mine"}).json() == []


def test_checkpoint_create_and_restore(client: httpx.Client, tmp_path: Path) -> None:
    ok, why = criu_works()
    if not ok:
        pytest.skip(f"criu check fails on this host: {why}")
    cid = create(client, ["sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /tmp/n; sleep 0.1; done"])
    try:
        client.post(f"/containers/{cid}/start")
        time.sleep(0.5)
        r = client.post(f"/containers/{cid}/checkpoints", json={"CheckpointID": "c1", "Exit": True,
                                                                "CheckpointDir": "mine"})
        assert r.status_code == 201, r.text
        assert not client.get(f"/containers/{cid}/json").json()["State"]["Running"]
        names = client.get(f"/containers/{cid}/checkpoints", params={"checkpointdir": "mine"}).json()
        assert [n["CheckpointName"] for n in names] == ["c1"]
        r = client.post(f"/containers/{cid}/start", params={"checkpoint": "c1", "checkpoint-dir": "mine"})
        assert r.status_code == 204, r.text
        assert client.get(f"/containers/{cid}/json").json()["State"]["Running"]
        assert client.delete(f"/containers/{cid}/checkpoints/c1", params={"dir": "mine"}).status_code == 204
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_checkpoint_failure_is_reported_not_hidden(client: httpx.Client, running: str) -> None:
    ok, _ = criu_works()
    if ok:
        pytest.skip("criu works here: the failure path is not reachable")
    r = client.post(f"/containers/{running}/checkpoints", json={"CheckpointID": "c2"})
    assert r.status_code == 500 and "criu" in r.json()["message"].lower()
    assert client.get(f"/containers/{running}/json").json()["State"]["Running"]
    assert client.get(f"/containers/{running}/checkpoints").json() == []


def test_upgrade_keeps_id_and_rolls_back(client: httpx.Client) -> None:
    cid = create(client, ["sleep", "1000"], name="upg", StopTimeout=1)
    try:
        client.post(f"/containers/{cid}/start")
        r = client.post(f"/containers/{cid}/upgrade", json={"Image": IMAGE, "Cmd": ["sleep", "999"]})
        assert r.status_code == 200, r.text
        info = client.get(f"/containers/{cid}/json").json()
        assert info["State"]["Running"] and info["Args"] == ["999"] and info["Name"] == "upg"
        r = client.post(f"/containers/{cid}/upgrade", json={"Image": IMAGE, "Cmd": ["/no/such/binary"]})
        assert r.status_code >= 400
        info = client.get(f"/containers/{cid}/json").json()
        assert info["State"]["Running"] and info["Args"] == ["999"]
        assert client.post(f"/containers/{cid}/upgrade", json={"Image": "nosuch:img"}).status_code == 404
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_size_after_an_upgrade_counts_the_image(client: httpx.Client) -> None:
    """Upgrade gives the container a new rootfs key: SizeRootFs must still add the image's size."""
    cid = create(client, ["sh", "-c", "head -c 5000 /dev/zero > /blob; sleep 1000"], StopTimeout=1)
    try:
        client.post(f"/containers/{cid}/start")
        image_size = client.get(f"/images/{IMAGE}/json").json()["Size"]
        assert image_size > 0
        r = client.post(f"/containers/{cid}/upgrade",
                        json={"Image": IMAGE, "Cmd": ["sh", "-c", "head -c 7000 /dev/zero > /blob; sleep 1000"]})
        assert r.status_code == 200, r.text
        deadline = time.monotonic() + 10
        while True:
            info = client.get(f"/containers/{cid}/json", params={"size": 1}).json()
            if info["SizeRw"] >= 7000 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert info["SizeRw"] >= 7000
        assert info["SizeRootFs"] == info["SizeRw"] + image_size
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_commit_of_an_upgraded_container(client: httpx.Client) -> None:
    """Upgrade keeps the ID but moves the rootfs: commit must take the new one's changes."""
    cid = create(client, ["sleep", "1000"], StopTimeout=1)
    image = ""
    try:
        client.post(f"/containers/{cid}/start")
        r = client.post(f"/containers/{cid}/upgrade",
                        json={"Image": IMAGE, "Cmd": ["sh", "-c", "echo upgraded > /marker; sleep 1000"]})
        assert r.status_code == 200, r.text
        time.sleep(0.3)
        r = client.post("/commit", params={"container": cid, "repo": "upgraded/commit", "tag": "v1"}, json={})
        assert r.status_code == 201, r.text
        image = "upgraded/commit:v1"
        code, out, _ = run(client, ["cat", "/marker"], Image=image)
        assert code == 0 and out.strip() == "upgraded"
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})
        if image:
            client.delete(f"/images/{image}")


def test_attach_detach_keys(client: httpx.Client, server: RunningServer) -> None:
    cid = create(client, ["cat"], OpenStdin=True)
    try:
        client.post(f"/containers/{cid}/start")
        head, sock = hijack(server, f"/containers/{cid}/attach?stream=1&stdin=1&stdout=1&detachKeys=ctrl-x")
        sock.sendall(b"echoed\n")
        time.sleep(0.3)
        sock.sendall(b"\x18")
        data = read_all(sock, head.partition(b"\r\n\r\n")[2], timeout=5)
        assert demux(data)[0] == b"echoed\n"
        assert client.get(f"/containers/{cid}/json").json()["State"]["Running"]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_concurrent_creates_with_one_name_one_wins(server: RunningServer) -> None:
    import asyncio

    async def race() -> list[int]:
        async with server.async_client() as ac:
            rs = await asyncio.gather(*(ac.post("/containers/create", params={"name": "racer"},
                                                json={"Image": IMAGE, "Cmd": ["true"]}) for _ in range(6)))
        return sorted(r.status_code for r in rs)

    codes = asyncio.run(race())
    with server.client() as c:
        try:
            assert codes == [201, 409, 409, 409, 409, 409]
            assert [x["Names"] for x in c.get("/containers/json", params={"all": 1}).json()].count(["racer"]) == 1
        finally:
            c.delete("/containers/racer")


def test_restart_policy_updated_live(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "sleep 0.5; exit 2"])
    try:
        client.post(f"/containers/{cid}/start")
        r = client.post(f"/containers/{cid}/update", json={"RestartPolicy": {"Name": "on-failure",
                                                                              "MaximumRetryCount": 1}})
        assert r.status_code == 200
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            info = client.get(f"/containers/{cid}/json").json()
            if info["RestartCount"] == 1 and not info["State"]["Running"] and info["State"]["Status"] == "exited":
                break
            time.sleep(0.1)
        assert info["RestartCount"] == 1 and info["State"]["ExitCode"] == 2
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_default_network_container_runs_and_execs(client: httpx.Client) -> None:
    r = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["sleep", "100"]})
    cid = r.json()["Id"]
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        eid = client.post(f"/containers/{cid}/exec", json={"Cmd": ["ip", "-o", "addr"], "AttachStdout": True}).json()
        out = demux(client.post(f"/exec/{eid['Id']}/start", json={}).content)[0].decode()
        assert "lo" in out
        info = client.get(f"/containers/{cid}/json").json()
        assert info["State"]["Running"]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def block_device() -> tuple[str, str]:
    """A block device of this host for the blkio throttles: (path, "major:minor")."""
    import os
    import stat

    for name in sorted(os.listdir("/sys/block")):
        dev = f"/dev/{name}"
        if not name.startswith(("loop", "ram", "zram")) and os.path.exists(dev) and stat.S_ISBLK(os.stat(dev).st_mode):
            rdev = os.stat(dev).st_rdev
            return dev, f"{os.major(rdev)}:{os.minor(rdev)}"
    pytest.skip("no block device on this host for blkio throttles")


def test_more_fields_inside(client: httpx.Client) -> None:
    dev, numbers = block_device()
    script = ("cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes; grep oom_kill_disable "
              "/sys/fs/cgroup/memory/memory.oom_control; cat /sys/fs/cgroup/blkio/blkio.throttle.read_bps_device; "
              "cat /sys/fs/cgroup/cpuset/cpuset.mems; grep NoNewPrivs /proc/self/status; "
              "cat /proc/sys/kernel/domainname; "
              "grep ' /scratch ' /proc/mounts | cut -d' ' -f3")
    code, out, err = run(client, ["sh", "-c", script], Domainname="example.org", HostConfig={
        "Memory": 32 << 20, "MemorySwap": 64 << 20, "OomKillDisable": True, "CpusetMems": "0",
        "BlkioDeviceReadBps": [{"Path": dev, "Rate": 1048576}], "SecurityOpt": ["no-new-privileges"],
        "Tmpfs": {"/scratch": "size=1m"}, "Runtime": "runc", "NetworkMode": "none",
    })
    assert code == 0, err
    lines = out.split("\n")
    assert lines[0] == str(64 << 20)
    assert lines[1] == "oom_kill_disable 1"
    assert lines[2] == f"{numbers} 1048576"
    assert lines[3] == "0"
    assert lines[4].split() == ["NoNewPrivs:", "1"]
    assert lines[5] == "example.org"
    assert lines[6] == "tmpfs"


def test_namespace_modes(client: httpx.Client, running: str) -> None:
    host_uts = Path("/proc/self/ns/uts").resolve()
    _, out, _ = run(client, ["sh", "-c", "readlink /proc/self/ns/uts; readlink /proc/self/ns/pid; hostname"],
                    HostConfig={"UTSMode": "host", "PidMode": f"container:{running}", "NetworkMode": "none"})
    lines = out.split("\n")
    assert lines[0] == str(host_uts).rsplit("/", 1)[-1] or lines[0] == Path("/proc/1/ns/uts").readlink().name
    other_pid = client.get(f"/containers/{running}/json").json()["State"]["Pid"]
    assert lines[1] == str(Path(f"/proc/{other_pid}/ns/pid").readlink())
    assert lines[2] == __import__("socket").gethostname()
    _, out, _ = run(client, ["sh", "-c", "ps -o comm | grep -c sleep"], HostConfig={"PidMode": f"container:{running}",
                                                                                   "NetworkMode": "none"})
    assert out.strip() == "1"


def test_list_filters_volume_and_network(client: httpx.Client) -> None:
    a = create(client, ["true"], name="flt-vol", HostConfig={"Binds": ["fltvol:/data"], "NetworkMode": "none"})
    b = create(client, ["true"], name="flt-net", HostConfig={"NetworkMode": "bridge"})
    try:
        def ids_for(filters: dict[str, list[str]]) -> set[str]:
            r = client.get("/containers/json", params={"all": 1, "filters": json.dumps(filters)})
            assert r.status_code == 200, r.text
            return {c["Id"] for c in r.json()} & {a, b}

        assert ids_for({"volume": ["fltvol"]}) == {a}
        assert ids_for({"volume": ["/data"]}) == {a}
        assert ids_for({"network": ["bridge"]}) == {b}
    finally:
        client.delete(f"/containers/{a}", params={"v": 1})
        client.delete(f"/containers/{b}")
        client.delete("/volumes/fltvol")


def test_events_of_operations(client: httpx.Client, running: str) -> None:
    since = time.time()
    client.post(f"/containers/{running}/pause")
    client.post(f"/containers/{running}/unpause")
    client.post(f"/containers/{running}/rename", params={"name": "ev-renamed"})
    client.post(f"/containers/{running}/update", json={"CpuShares": 300})
    client.get(f"/containers/{running}/top")
    client.post(f"/containers/{running}/restart", params={"t": 0})
    r = client.get("/events", params={"since": f"{since:.3f}", "until": f"{time.time() + 0.3:.3f}",
                                      "filters": json.dumps({"container": [running]})})
    events = [json.loads(x) for x in r.text.splitlines()]
    actions = [e["action"] for e in events]
    for want in ("pause", "unpause", "rename", "update", "top", "kill", "die", "start", "restart"):
        assert want in actions, (want, actions)
    rename = next(e for e in events if e["action"] == "rename")
    assert rename["actor"]["Attributes"]["name"] == "ev-renamed"
    assert rename["actor"]["Attributes"]["oldName"].lstrip("/") != "ev-renamed"


def test_auto_remove_also_after_stop(client: httpx.Client) -> None:
    cid = create(client, ["sleep", "100"], StopTimeout=1, HostConfig={"AutoRemove": True, "NetworkMode": "none"})
    client.post(f"/containers/{cid}/start")
    assert client.post(f"/containers/{cid}/restart", params={"t": 0}).status_code == 204
    assert client.get(f"/containers/{cid}/json").json()["State"]["Running"]
    assert client.post(f"/containers/{cid}/stop", params={"t": 0}).status_code == 204
    deadline = time.monotonic() + 5
    while client.get(f"/containers/{cid}/json").status_code == 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.get(f"/containers/{cid}/json").status_code == 404


def test_stats_stream_ends_with_the_container(client: httpx.Client) -> None:
    cid = create(client, ["true"])
    try:
        with client.stream("GET", f"/containers/{cid}/stats") as r:
            lines = [json.loads(x) for x in r.iter_lines() if x]
        assert len(lines) == 1 and lines[0]["id"] == cid
    finally:
        client.delete(f"/containers/{cid}")


def test_interactive_tty_shell_over_attach(client: httpx.Client, server: RunningServer) -> None:
    cid = create(client, ["sh"], Tty=True, OpenStdin=True)
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        head, sock = hijack(server, f"/containers/{cid}/attach?stream=1&stdin=1&stdout=1&stderr=1")
        sock.sendall(b"echo hello-$((6*7))\n")
        time.sleep(0.3)
        sock.sendall(b"exit 4\n")
        raw = read_all(sock, head.partition(b"\r\n\r\n")[2])
        assert b"hello-42" in raw and not raw.startswith(b"\x01\x00\x00\x00")  # raw stream, no frames
        assert client.post(f"/containers/{cid}/wait").json()["StatusCode"] == 4
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_top_of_a_paused_container(client: httpx.Client, running: str) -> None:
    client.post(f"/containers/{running}/pause")
    try:
        r = client.get(f"/containers/{running}/top")
        assert r.status_code == 200 and any("sleep" in " ".join(p) for p in r.json()["Processes"])
    finally:
        client.post(f"/containers/{running}/unpause")
    stopped = create(client, ["true"])
    try:
        assert client.get(f"/containers/{stopped}/top").status_code == 409
    finally:
        client.delete(f"/containers/{stopped}")


def test_wait_returns_at_exit_even_with_restart_always(client: httpx.Client) -> None:
    cid = create(client, ["sh", "-c", "sleep 0.3; exit 9"], HostConfig={"RestartPolicy": {"Name": "always"},
                                                                       "NetworkMode": "none"})
    try:
        client.post(f"/containers/{cid}/start")
        r = client.post(f"/containers/{cid}/wait", timeout=10)
        assert r.status_code == 200 and r.json()["StatusCode"] == 9
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_cpu_shares_outside_the_kernel_range_are_clamped(client: httpx.Client) -> None:
    """dockerd's adaptation: out-of-range CpuShares become 2..262144 with a warning, so the
    container still starts (runc refuses the raw value: it was a 500 at start/restart)."""
    r = client.post("/containers/create", json={"Image": IMAGE, "Cmd": ["sleep", "30"],
                                                "HostConfig": {"NetworkMode": "none", "CpuShares": 1 << 40}})
    assert r.status_code == 201, r.text
    cid = r.json()["Id"]
    assert any("CpuShares" in w for w in r.json()["Warnings"] or [])
    try:
        assert client.get(f"/containers/{cid}/json").json()["HostConfig"]["CpuShares"] == 262144
        r = client.post(f"/containers/{cid}/update", json={"CpuShares": 1})
        assert r.status_code == 200 and any("CpuShares" in w for w in r.json()["Warnings"] or []), r.text
        assert client.get(f"/containers/{cid}/json").json()["HostConfig"]["CpuShares"] == 2
        assert client.post(f"/containers/{cid}/update", json={"CpuShares": 1 << 40}).status_code == 200
        assert client.post(f"/containers/{cid}/start").status_code == 204
        assert client.post(f"/containers/{cid}/restart", params={"t": 0}).status_code == 204
        assert client.get(f"/containers/{cid}/json").json()["State"]["Running"] is True
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_int64_fields_refuse_values_beyond_int64(client: httpx.Client) -> None:
    """Values outside a field's int64 format are a 400 (connexion's checker knew no int64)."""
    for where in ("create", "update"):
        body: dict[str, Any] = {"CpuRealtimeRuntime": 1 << 63}
        if where == "create":
            r = client.post("/containers/create", json={"Image": IMAGE, "HostConfig": body})
        else:
            cid = create(client, ["true"])
            r = client.post(f"/containers/{cid}/update", json=body)
        assert r.status_code == 400 and "int64" in r.json()["message"], r.text
    r = client.post(f"/containers/{cid}/update", json={"CpuRealtimeRuntime": (1 << 63) - 1})
    assert r.status_code == 200, r.text
    client.delete(f"/containers/{cid}", params={"force": 1})


def test_update_refuses_incomplete_ulimits_and_the_container_still_starts(client: httpx.Client) -> None:
    """An update stored Ulimits without Hard (create refuses them), and the next start was a 500
    (KeyError 'Hard' building the OCI spec): found by conformance (issue 15)."""
    cid = create(client, ["true"], HostConfig={"NetworkMode": "none"})
    try:
        r = client.post(f"/containers/{cid}/update", json={"Ulimits": [{"Name": "nofile", "Soft": 10}]})
        assert r.status_code == 400 and "Hard" in r.json()["message"], r.text
        assert client.post(f"/containers/{cid}/start").status_code == 204
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def _conmon_pid(cid: str) -> int:
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"conmon") and cid.encode() in argv and b"--exec" not in argv:
            return int(pid)
    raise AssertionError(f"no conmon for {cid[:12]}")


def test_pause_and_checkpoint_racing_the_exit_are_409(client: httpx.Client, server: RunningServer) -> None:
    """A container that exited a moment before the store learns it (its conmon has not reported
    yet): runc refuses to pause or checkpoint it, which was a 500; it is the 409 of a container
    that is not running (found by conformance, issue 15: a pause right after a start of `sh`)."""
    cid = create(client, ["sleep", "1000"], HostConfig={"NetworkMode": "none"})
    conmon = _conmon_pid(cid) if client.post(f"/containers/{cid}/start").status_code == 204 else 0
    runc = ["runc", "--root", str(server.exec_root / "runc")]
    os.kill(conmon, signal.SIGSTOP)  # the exit stays unreported while it is stopped
    try:
        subprocess.run([*runc, "kill", cid, "KILL"], check=True)
        deadline = time.monotonic() + 10
        while json.loads(subprocess.run([*runc, "state", cid], capture_output=True).stdout)["status"] != "stopped":
            assert time.monotonic() < deadline, "runc never saw the container stop"
            time.sleep(0.05)
        assert client.get(f"/containers/{cid}/json").json()["State"]["Running"] is True  # not reported yet
        r = client.post(f"/containers/{cid}/pause")
        assert r.status_code == 409 and "not running" in r.json()["message"], r.text
        r = client.post(f"/containers/{cid}/checkpoints", json={"CheckpointID": "c1"})
        assert r.status_code == 409 and "not running" in r.json()["message"], r.text
    finally:
        os.kill(conmon, signal.SIGCONT)
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_update_keeps_cgroup_parent_and_ignores_unknown_keys(client: httpx.Client, server: RunningServer) -> None:
    """An update took every key into HostConfig: a CgroupParent moved the record away from the
    container's real cgroups, which were then never removed (all hierarchies, found by
    conformance); unknown keys were stored too. dockerd ignores both; CgroupParent gets a warning."""
    cid = create(client, ["sleep", "600"], HostConfig={"NetworkMode": "none"})
    below = f"pouch-{server.tag}/{cid}"
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        body = {"CgroupParent": "elsewhere", "NoSuchKey": 1, "CpuShares": 512}
        r = client.post(f"/containers/{cid}/update", json=body)
        assert r.status_code == 200, r.text
        assert any("CgroupParent" in w for w in r.json()["Warnings"]), r.text
        host = client.get(f"/containers/{cid}/json").json()["HostConfig"]
        assert host.get("CgroupParent", "") == "" and "NoSuchKey" not in host and host["CpuShares"] == 512
        assert [root for root in cgroup_hierarchies() if (root / below).is_dir()]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})
    left = [str(root / below) for root in cgroup_hierarchies() if (root / below).exists()]
    assert left == [], left
