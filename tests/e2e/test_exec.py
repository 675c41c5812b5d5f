"""Exec against a real server: create/start (detached and hijacked, with stdin and TTY),
inspect, resize and the status codes of the seed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.e2e.test_containers import create, demux, hijack, read_all
from tests.helpers.images import load_busybox
from tests.helpers.server import RunningServer


@pytest.fixture(scope="module")
def ctr(server: RunningServer) -> Iterator[str]:
    require_root_stack()
    with server.client() as c:
        load_busybox(c)
        cid = create(c, ["sleep", "1000"])
        assert c.post(f"/containers/{cid}/start").status_code == 204
    yield cid
    with server.client() as c:
        c.delete(f"/containers/{cid}", params={"force": 1})


def exec_create(client: httpx.Client, cid: str, cmd: list[str], **cfg: object) -> str:
    r = client.post(f"/containers/{cid}/exec", json={"Cmd": cmd, "AttachStdout": True, "AttachStderr": True, **cfg})
    assert r.status_code == 201, r.text
    return str(r.json()["Id"])


def test_exec_attached_streams_and_exit_code(client: httpx.Client, server: RunningServer, ctr: str) -> None:
    eid = exec_create(client, ctr, ["sh", "-c", "echo out; echo err >&2; exit 3"])
    before = client.get(f"/exec/{eid}/json").json()
    assert before["Running"] is False and before["ContainerID"] == ctr
    assert before["ProcessConfig"] == {"entrypoint": "sh", "arguments": ["-c", "echo out; echo err >&2; exit 3"],
                                       "privileged": False, "tty": False, "user": ""}
    head, sock = hijack(server, f"/exec/{eid}/start", body={"Detach": False, "Tty": False})
    assert head.startswith(b"HTTP/1.1 101")
    out, err = demux(read_all(sock, head.partition(b"\r\n\r\n")[2]))
    assert (out, err) == (b"out\n", b"err\n")
    info = client.get(f"/exec/{eid}/json").json()
    assert info["Running"] is False and info["ExitCode"] == 3
    r = client.post(f"/exec/{eid}/start", json={"Detach": True})
    assert r.status_code == 409


def test_exec_stdin_and_tty(client: httpx.Client, server: RunningServer, ctr: str) -> None:
    eid = exec_create(client, ctr, ["sh", "-c", "read x; echo got-$x"], AttachStdin=True)
    head, sock = hijack(server, f"/exec/{eid}/start", body={})
    sock.sendall(b"abc\n")
    out, _ = demux(read_all(sock, head.partition(b"\r\n\r\n")[2]))
    assert out == b"got-abc\n"
    eid = exec_create(client, ctr, ["sh", "-c", "tty; echo x >&2"], Tty=True)
    head, sock = hijack(server, f"/exec/{eid}/start", body={"Tty": True}, upgrade=False)
    assert head.startswith(b"HTTP/1.1 200")
    raw = read_all(sock, head.partition(b"\r\n\r\n")[2])
    assert b"/dev/pts/" in raw and b"x" in raw and not raw.startswith(b"\x01\x00")


def test_exec_detached_env_user(client: httpx.Client, ctr: str) -> None:
    eid = exec_create(client, ctr, ["sh", "-c", "echo $GREETING-$(id -u) > /tmp/detached; sleep 0.3"],
                      Env=["GREETING=hi"], User="1000")
    r = client.post(f"/exec/{eid}/start", json={"Detach": True})
    assert r.status_code == 200
    assert client.get(f"/exec/{eid}/json").json()["Running"] is True
    deadline = time.monotonic() + 5
    while client.get(f"/exec/{eid}/json").json()["Running"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.get(f"/exec/{eid}/json").json()["ExitCode"] == 0
    eid2 = exec_create(client, ctr, ["cat", "/tmp/detached"])
    r = client.post(f"/exec/{eid2}/start", json={"Detach": False})
    assert demux(r.content)[0] == b"hi-1000\n"
    assert eid in client.get(f"/containers/{ctr}/json").json()["ExecIDs"]


def test_exec_status_codes(client: httpx.Client, ctr: str) -> None:
    assert client.post("/containers/nosuch/exec", json={"Cmd": ["true"]}).status_code == 404
    assert client.get("/exec/nosuch/json").status_code == 404
    assert client.post("/exec/nosuch/start", json={"Detach": True}).status_code == 404
    assert client.post("/exec/nosuch/resize", params={"h": 1, "w": 1}).status_code == 404
    assert client.post(f"/containers/{ctr}/exec", json={"Cmd": []}).status_code == 400
    stopped = create(client, ["true"])
    try:
        r = client.post(f"/containers/{stopped}/exec", json={"Cmd": ["true"]})
        assert r.status_code == 409 and "not running" in r.json()["message"]
    finally:
        client.delete(f"/containers/{stopped}")


def test_exec_resize_and_events(client: httpx.Client, server: RunningServer, ctr: str) -> None:
    since = time.time()
    eid = exec_create(client, ctr, ["sh", "-c", "sleep 0.5; stty size"], Tty=True)
    head, sock = hijack(server, f"/exec/{eid}/start", body={"Tty": True})
    deadline = time.monotonic() + 5
    while not client.get(f"/exec/{eid}/json").json()["Running"] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.post(f"/exec/{eid}/resize", params={"h": 40, "w": 100}).status_code == 200
    raw = read_all(sock, head.partition(b"\r\n\r\n")[2])
    assert b"40 100" in raw
    r = client.get("/events", params={"since": f"{since:.3f}", "until": f"{time.time() + 0.3:.3f}",
                                      "filters": json.dumps({"container": [ctr]})})
    actions = [json.loads(x)["action"] for x in r.text.splitlines()]
    assert any(a.startswith("exec_create") for a in actions)
    assert any(a.startswith("exec_start") for a in actions)
    die = [json.loads(x) for x in r.text.splitlines() if json.loads(x)["action"] == "exec_die"]
    assert die and die[-1]["actor"]["Attributes"]["execID"] == eid and die[-1]["actor"]["Attributes"]["exitCode"] == "0"


def test_exec_detach_keys(client: httpx.Client, server: RunningServer, ctr: str) -> None:
    eid = exec_create(client, ctr, ["cat"], AttachStdin=True, DetachKeys="ctrl-y")
    head, sock = hijack(server, f"/exec/{eid}/start", body={})
    sock.sendall(b"ping\n")
    time.sleep(0.3)
    sock.sendall(b"\x19")
    t = time.monotonic()
    out, _ = demux(read_all(sock, head.partition(b"\r\n\r\n")[2], timeout=5))
    assert out == b"ping\n" and time.monotonic() - t < 3
    assert client.get(f"/exec/{eid}/json").json()["Running"] is True  # detached, not ended
    r = client.post(f"/containers/{ctr}/exec", json={"Cmd": ["true"], "DetachKeys": "ctrl-1!"})
    assert r.status_code == 400


def test_exec_of_a_missing_command(client: httpx.Client, ctr: str) -> None:
    eid = exec_create(client, ctr, ["/no/such/cmd"])
    r = client.post(f"/exec/{eid}/start", json={"Detach": True})
    assert r.status_code == 400 and "no such file" in r.json()["message"]
    info = client.get(f"/exec/{eid}/json").json()
    assert info["Running"] is False and info["ExitCode"] == 127
