"""The operations added for Docker's clients (openapi/errata.yml docker-operations) and the
`changes` of commit and import, against a real server: what a client sees (status, body,
header) and the effect in the container or the image store, including the refusals."""

from __future__ import annotations

import base64
import io
import json
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.e2e.test_containers import create
from tests.helpers.images import BUSYBOX_NAME, load_busybox
from tests.helpers.server import RunningServer


@pytest.fixture(scope="module")
def running(server: RunningServer) -> Iterator[str]:
    require_root_stack()
    with server.client() as c:
        load_busybox(c)
        cid = create(c, ["sleep", "1000"])
        assert c.post(f"/containers/{cid}/start").status_code == 204
    yield cid
    with server.client() as c:
        c.delete(f"/containers/{cid}", params={"force": 1})


@pytest.fixture
def stopped(client: httpx.Client, running: str) -> Iterator[str]:
    cid = create(client, ["true"])
    yield cid
    client.delete(f"/containers/{cid}", params={"force": 1})


def _tar(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _pid(client: httpx.Client, cid: str) -> int:
    return int(client.get(f"/containers/{cid}/json").json()["State"]["Pid"])


def test_kill_signals_and_refusals(client: httpx.Client, running: str, stopped: str) -> None:
    cid = create(client, ["sh", "-c", "trap 'echo got-usr1' USR1; while true; do sleep 0.1; done"],
                 HostConfig={"NetworkMode": "none", "RestartPolicy": {"Name": "always"}})
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        time.sleep(0.3)
        r = client.post(f"/containers/{cid}/kill", params={"signal": "NOSUCHSIG"})
        assert r.status_code == 400 and "Invalid signal" in r.json()["message"]
        assert client.post(f"/containers/{cid}/kill", params={"signal": "SIGUSR1"}).status_code == 204
        deadline = time.monotonic() + 10
        while b"got-usr1" not in client.get(f"/containers/{cid}/logs", params={"stdout": 1}).content:
            assert time.monotonic() < deadline, "the trap never ran"
            time.sleep(0.1)
        assert client.get(f"/containers/{cid}/json").json()["State"]["Running"] is True
        assert client.post(f"/containers/{cid}/pause").status_code == 204
        assert client.post(f"/containers/{cid}/kill").status_code == 204  # SIGKILL by default, even paused
        assert client.post(f"/containers/{cid}/wait").json()["StatusCode"] == 137
        state = client.get(f"/containers/{cid}/json").json()["State"]
        assert state["Running"] is False and state["Paused"] is False
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})
    r = client.post(f"/containers/{stopped}/kill")
    assert r.status_code == 409 and "not running" in r.json()["message"]
    assert client.post("/containers/no-such-ctr/kill").status_code == 404


def test_kill_and_the_restart_policy(client: httpx.Client, running: str) -> None:
    """A signal that is not the stop signal leaves an always-restart container's policy alone
    (the container it ended comes back); SIGKILL ends it for good."""
    cid = create(client, ["sh", "-c", "trap 'exit 5' USR1; while true; do sleep 0.1; done"],
                 HostConfig={"NetworkMode": "none", "RestartPolicy": {"Name": "always"}})  # fmt: skip
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        time.sleep(0.3)
        assert client.post(f"/containers/{cid}/kill", params={"signal": "USR1"}).status_code == 204
        deadline = time.monotonic() + 20
        while True:
            info = client.get(f"/containers/{cid}/json").json()
            if info["RestartCount"] >= 1 and info["State"]["Running"]:
                break
            assert time.monotonic() < deadline, f"the policy never brought it back: {info['State']}"
            time.sleep(0.1)
        time.sleep(0.3)
        assert client.post(f"/containers/{cid}/kill", params={"signal": "KILL"}).status_code == 204
        assert client.post(f"/containers/{cid}/wait").json()["StatusCode"] == 137
        time.sleep(1.5)
        info = client.get(f"/containers/{cid}/json").json()
        assert info["State"]["Running"] is False and info["RestartCount"] == 1, info["State"]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_changes(client: httpx.Client, running: str) -> None:
    e = client.post(f"/containers/{running}/exec", json={"Cmd": ["sh", "-c", "touch /tmp/e2e-new; rm /bin/true"]})
    client.post(f"/exec/{e.json()['Id']}/start", json={"Detach": True})
    time.sleep(0.5)
    r = client.get(f"/containers/{running}/changes")
    assert r.status_code == 200, r.text
    changes = r.json()
    assert {"Path": "/tmp/e2e-new", "Kind": 1} in changes and {"Path": "/bin/true", "Kind": 2} in changes
    assert {"Path": "/tmp", "Kind": 0} in changes
    assert not any(c["Path"] in ("/etc/hosts", "/etc/resolv.conf", "/etc/hostname") for c in changes)
    assert client.get("/containers/no-such-ctr/changes").status_code == 404


def test_archive_head_get_put_running_and_stopped(client: httpx.Client, running: str, stopped: str) -> None:
    for cid in (running, stopped):
        r = client.put(f"/containers/{cid}/archive", params={"path": "/tmp"}, content=_tar({"in.txt": b"put\n"}))
        assert r.status_code == 200, r.text
        r = client.head(f"/containers/{cid}/archive", params={"path": "/tmp/in.txt"})
        assert r.status_code == 200 and not r.content
        stat = json.loads(base64.b64decode(r.headers["X-Docker-Container-Path-Stat"]))
        assert stat["name"] == "in.txt" and stat["size"] == 4
        r = client.get(f"/containers/{cid}/archive", params={"path": "/tmp/in.txt"})
        assert r.status_code == 200 and r.headers["content-type"] == "application/x-tar"
        with tarfile.open(fileobj=io.BytesIO(r.content)) as tar:
            member = tar.extractfile("in.txt")
            assert member is not None and member.read() == b"put\n"
    # the running container's own processes see the file
    assert (Path(f"/proc/{_pid(client, running)}/root/tmp/in.txt")).read_bytes() == b"put\n"
    # a stopped container's root filesystem is not left mounted
    graph = client.get(f"/containers/{stopped}/json").json()["GraphDriver"]["Data"]
    assert not Path(graph["MergedDir"]).is_mount()


def test_archive_refusals(client: httpx.Client, running: str) -> None:
    r = client.get(f"/containers/{running}/archive", params={"path": "/no/such/file"})
    assert r.status_code == 404 and "Could not find the file" in r.json()["message"]
    r = client.head(f"/containers/{running}/archive", params={"path": "/no/such/file"})
    assert r.status_code == 404
    r = client.get(f"/containers/{running}/archive")
    assert r.status_code == 400 and "path" in r.json()["message"]
    r = client.put(f"/containers/{running}/archive", params={"path": "/etc/passwd"}, content=_tar({"x": b"x"}))
    assert r.status_code == 400 and "not a directory" in r.json()["message"]
    r = client.put(f"/containers/{running}/archive", params={"path": "/tmp"}, content=b"this is not a tar" * 64)
    assert r.status_code == 400, r.text
    r = client.put(f"/containers/{running}/archive", params={"path": "/tmp"}, content=_tar({"../../escape": b"x"}))
    assert r.status_code == 400, r.text
    assert client.get("/containers/no-such-ctr/archive", params={"path": "/"}).status_code == 404
    for method in ("GET", "HEAD", "PUT"):  # a NUL byte no filesystem call takes: a 400, not a 500
        r = client.request(method, f"/containers/{running}/archive", params={"path": "/tmp/a\x00b"}, content=b"")
        assert r.status_code == 400, (method, r.status_code, r.text)


def test_image_get_and_get_all(client: httpx.Client, running: str) -> None:
    r = client.get(f"/images/{BUSYBOX_NAME}/get")
    assert r.status_code == 200 and r.headers["content-type"] == "application/x-tar"
    with tarfile.open(fileobj=io.BytesIO(r.content)) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert len(manifest) == 1 and manifest[0]["RepoTags"]
    r = client.get("/images/get", params=[("names", BUSYBOX_NAME), ("names", BUSYBOX_NAME)])
    assert r.status_code == 200
    assert client.get("/images/no-such-image:1/get").status_code == 404
    assert client.get("/images/get", params={"names": "no-such-image:1"}).status_code == 404
    assert client.get("/images/get").status_code == 400


def test_commit_and_import_changes(client: httpx.Client, running: str) -> None:
    changes = ["ENV A=1 B=2", 'CMD ["echo", "hi"]', "EXPOSE 8080/udp", "LABEL k=v", "USER nobody",
               "WORKDIR /srv", "VOLUME /data", "STOPSIGNAL SIGINT", 'ENTRYPOINT ["/bin/sh", "-c"]']  # fmt: skip
    r = client.post("/commit", params=[("container", running), ("repo", "e2e/changed"), ("tag", "1"),
                                       *[("changes", c) for c in changes]])  # fmt: skip
    assert r.status_code == 201, r.text
    try:
        cfg = client.get("/images/e2e/changed:1/json").json()["Config"]
        assert {"A=1", "B=2"} <= set(cfg["Env"]) and cfg["ExposedPorts"] == {"8080/udp": {}}
        assert cfg["Entrypoint"] == ["/bin/sh", "-c"] and cfg["Cmd"] == ["echo", "hi"]  # CMD came first
        assert (cfg["Labels"]["k"], cfg["User"], cfg["WorkingDir"]) == ("v", "nobody", "/srv")
        assert cfg["StopSignal"] == "SIGINT"
        assert "/data" in cfg["Volumes"]
    finally:
        client.delete("/images/e2e/changed:1")
    for bad in ("RUN true", "STOPSIGNAL NOPE", "EXPOSE notaport"):
        r = client.post("/commit", params={"container": running, "repo": "e2e/bad", "changes": bad})
        assert r.status_code == 400 and r.json()["message"], (bad, r.text)
        assert client.get("/images/e2e/bad/json").status_code == 404
    rootfs = _tar({"bin/hello": b"#!/bin/sh\necho hello\n"})
    r = client.post("/images/create", params=[("fromSrc", "-"), ("repo", "e2e/imported"), ("tag", "1"),
                                              ("changes", 'CMD ["/bin/hello"]'), ("changes", "ENV X=y")],
                    content=rootfs)  # fmt: skip
    assert r.status_code == 200, r.text
    try:
        cfg = client.get("/images/e2e/imported:1/json").json()["Config"]
        assert cfg["Cmd"] == ["/bin/hello"] and cfg["Env"] == ["X=y"]
    finally:
        client.delete("/images/e2e/imported:1")
    r = client.post("/images/create", params={"fromSrc": "-", "repo": "e2e/bad", "changes": "FROM x"}, content=rootfs)
    assert r.status_code == 400 and "not a valid change command" in r.json()["message"]
