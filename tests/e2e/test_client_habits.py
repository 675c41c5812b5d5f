"""What real clients send, byte for byte, against a real server: each habit accepted and
answered as pouchd answers it (server/reading.py), with its effect checked on the engine.

The requests are laid out as the clients write them (tests/helpers/raw_http.py): the pouch
CLI (Go net/http: Content-Type application/json on every POST, none on `pouch create`), the
docker CLI (text/plain on body-less POSTs, chunked uploads) and docker-py (its own query
parameters and key spellings). Registry habits (pull, /auth) are in test_images_registry.py.
"""

from __future__ import annotations

import io
import json
import socket
import struct
import tarfile
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers.raw_http import (
    DOCKER_CLI_UA,
    RawConnection,
    exchange,
    go_json,
    go_request,
    py_request,
)
from tests.helpers.server import RunningServer

JSON = {"Content-Type": "application/json"}
TEXT = {"Content-Type": "text/plain"}


pytestmark = pytest.mark.usefixtures("busybox_loaded")



def pouch_create_body(name_cmd: list[str]) -> bytes:
    """What `pouch create busybox ...` marshals (Go-swagger types: zero values, no omitempty)."""
    return go_json({
        "AttachStderr": False, "AttachStdin": False, "AttachStdout": False, "Cmd": name_cmd,
        "Entrypoint": None, "Env": None, "Hostname": "", "Image": "busybox", "Labels": {},
        "OpenStdin": False, "StdinOnce": False, "Tty": False, "User": "", "WorkingDir": "",
        "HostConfig": {"Binds": None, "NetworkMode": "none", "Privileged": False, "LogConfig": None,
                       "RestartPolicy": {"Name": "", "MaximumRetryCount": 0}, "Runtime": ""},
        "NetworkingConfig": {"EndpointsConfig": None},
    })


# -- content types -----------------------------------------------------------------------
def test_pouch_create_sends_json_without_a_content_type(server: RunningServer, client: httpx.Client,
                                                        names: list[str]) -> None:
    names.append("habit-create")
    r = exchange(server.socket, go_request("POST", "/v1.24/containers/create?name=habit-create",
                                           body=pouch_create_body(["true"])))
    assert r.status == 201, r.body
    got = client.get("/containers/habit-create/json").json()
    assert got["Config"]["Cmd"] == ["true"] and got["HostConfig"]["NetworkMode"] == "none"


def test_docker_run_attaches_and_starts_with_text_plain(server: RunningServer, client: httpx.Client,
                                                        names: list[str]) -> None:
    names.append("habit-run")
    body = go_json({"Image": "busybox", "Cmd": ["sh", "-c", "sleep 0.3; echo hi; echo oops >&2"],
                    "HostConfig": {"NetworkMode": "none"}}) + b"\n"
    r = exchange(server.socket, go_request("POST", "/v1.24/containers/create?name=habit-run", JSON, body,
                                           host="docker", user_agent=DOCKER_CLI_UA))
    assert r.status == 201, r.body
    with RawConnection(server.socket) as attach:
        head = attach.exchange(go_request(
            "POST", "/v1.24/containers/habit-run/attach?stderr=1&stdout=1&stream=1",
            {"Connection": "Upgrade", "Upgrade": "tcp", **TEXT}, host="docker", user_agent=DOCKER_CLI_UA))
        assert head.status == 101, head.head
        start = exchange(server.socket, go_request("POST", "/v1.24/containers/habit-run/start", TEXT,
                                                   host="docker", user_agent=DOCKER_CLI_UA))
        assert start.status == 204, start.body
        out = attach.buf
        attach.sock.settimeout(20)
        while chunk := attach.sock.recv(65536):
            out += chunk
    frames: dict[int, bytes] = {1: b"", 2: b""}
    while out:
        stream, size = struct.unpack(">BxxxI", out[:8])
        frames[stream] += out[8:8 + size]
        out = out[8 + size:]
    assert frames == {1: b"hi\n", 2: b"oops\n"}


def rootfs_tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        data = b"imported\n"
        info = tarfile.TarInfo("hello.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.parametrize("ctype", ["application/tar", "text/plain", "application/json"])
def test_import_streams_a_chunked_tar_under_any_content_type(server: RunningServer, client: httpx.Client,
                                                             ctype: str) -> None:
    tar = rootfs_tar()
    chunks = [tar[i:i + 4096] for i in range(0, len(tar), 4096)]  # io.Copy of a file: chunked
    tag = ctype.replace("/", "-")
    r = exchange(server.socket, go_request("POST", f"/v1.24/images/create?fromSrc=-&repo=habit-import&tag={tag}",
                                           {"Content-Type": ctype}, chunks))
    assert r.status == 200, r.body
    image_id = [json.loads(line) for line in r.body.splitlines()][-1]["status"]
    assert image_id.startswith("sha256:")
    assert client.get(f"/images/habit-import:{tag}/json").json()["Id"] == image_id
    assert client.delete(f"/images/habit-import:{tag}").status_code == 204


# -- chunked JSON bodies ---------------------------------------------------------------------
def test_chunked_network_and_volume_create(server: RunningServer, client: httpx.Client, names: list[str]) -> None:
    names += ["habit-net", "habit-vol"]
    net = go_json({"Name": "habit-net", "CheckDuplicate": True, "Driver": "bridge",
                   "IPAM": {"Driver": "default", "Config": [{"Subnet": "10.247.3.0/24"}]}}) + b"\n"
    r = exchange(server.socket, go_request("POST", "/v1.24/networks/create", JSON, [net]))
    assert r.status == 201, r.body
    assert client.get("/networks/habit-net").json()["IPAM"]["Config"][0]["Subnet"] == "10.247.3.0/24"
    vol = go_json({"Name": "habit-vol", "Driver": "local", "DriverOpts": {}, "Labels": {"k": "v"}}) + b"\n"
    r = exchange(server.socket, go_request("POST", "/v1.24/volumes/create", JSON, [vol[:9], vol[9:]]))
    assert r.status == 201, r.body
    assert client.get("/volumes/habit-vol").json()["Labels"] == {"k": "v"}


# -- query parameters ----------------------------------------------------------------------
def test_docker_py_extra_query_parameters_are_ignored(server: RunningServer, client: httpx.Client,
                                                      names: list[str]) -> None:
    names.append("habit-params")
    cid = client.post("/containers/create", params={"name": "habit-params"},
                      json={"Image": "busybox", "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}}).json()["Id"]
    with RawConnection(server.socket) as conn:
        listed = conn.exchange(py_request("GET", "/v1.24/containers/json?all=1&limit=-1&size=0&trunc_cmd=0"))
        assert listed.status == 200, listed.body
        assert cid in [c["Id"] for c in listed.json()]
        gone = conn.exchange(py_request("DELETE", "/v1.24/containers/habit-params?v=False&link=False&force=False"))
        assert gone.status == 204, gone.body
    assert client.get(f"/containers/{cid}/json").status_code == 404


def test_known_parameters_are_still_validated(server: RunningServer) -> None:
    r = exchange(server.socket, go_request("POST", "/v1.24/containers/nope/stop?t=soon", TEXT))
    assert r.status == 400 and "t" in r.json()["message"]
    r = exchange(server.socket, go_request("GET", "/v1.24/containers/json?all=perhaps"))
    assert r.status == 400 and "all" in r.json()["message"]


# -- JSON keys and nulls ---------------------------------------------------------------------
def test_docker_py_network_with_null_gateway(server: RunningServer, client: httpx.Client, names: list[str]) -> None:
    names.append("habit-ipam")
    body = {"Name": "habit-ipam", "Driver": None, "Options": None, "CheckDuplicate": None,
            "IPAM": {"Driver": "default", "Config": [{"Subnet": "10.247.4.0/24", "IPRange": None,
                                                      "Gateway": None, "AuxiliaryAddresses": None}],
                     "Options": None}}
    r = exchange(server.socket, py_request("POST", "/v1.24/networks/create", body))
    assert r.status == 201, r.body
    assert client.get("/networks/habit-ipam").json()["IPAM"]["Config"][0]["Subnet"] == "10.247.4.0/24"


def test_docker_py_exec_detach_keys_spelt_in_lower_camel_case(server: RunningServer, client: httpx.Client,
                                                              names: list[str]) -> None:
    names.append("habit-exec")
    client.post("/containers/create", params={"name": "habit-exec"},
                json={"Image": "busybox", "Cmd": ["sleep", "30"], "HostConfig": {"NetworkMode": "none"}})
    assert client.post("/containers/habit-exec/start").status_code == 204
    r = exchange(server.socket, py_request("POST", "/v1.24/containers/habit-exec/exec", {
        "AttachStdin": True, "AttachStdout": True, "AttachStderr": True, "Tty": False, "Privileged": False,
        "User": "", "Cmd": ["cat"], "detachKeys": "ctrl-x"}))
    assert r.status == 201, r.body
    exec_id = r.json()["Id"]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(server.socket)
    try:
        sock.sendall(py_request("POST", f"/v1.24/exec/{exec_id}/start", {"Detach": False, "Tty": False},
                                {"Connection": "Upgrade", "Upgrade": "tcp"}))
        sock.settimeout(10)
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(4096)
        assert b" 101 " in head.split(b"\r\n")[0]
        sock.sendall(b"\x18")  # ctrl-x: the exec's own detach key, so the session ends, cat keeps running
        while sock.recv(4096):
            pass
    finally:
        sock.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not client.get(f"/exec/{exec_id}/json").json()["Running"]:
        time.sleep(0.1)
    assert client.get(f"/exec/{exec_id}/json").json()["Running"] is True


# -- strict mode ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    srv = RunningServer(tmp_path_factory.mktemp("strict"), extra_args=["--strict-requests"]).start()
    yield srv
    srv.stop()


@pytest.mark.parametrize(
    ("request_bytes", "named"),
    [
        (py_request("GET", "/v1.24/containers/json?all=1&limit=-1"), "limit"),
        (go_request("POST", "/v1.24/volumes/create", body=go_json({"Name": "strict-v"})), "Content-Type (none)"),
        (go_request("POST", "/v1.24/volumes/create", JSON, go_json({"name": "strict-v"})), "name"),
        (py_request("POST", "/v1.24/networks/create", {"Name": "strict-n", "IPAM": {"Config": [{"Gateway": None}]}}),
         "IPAM.Config"),
    ],
)
def test_strict_server_names_the_deviation(strict: RunningServer, server: RunningServer,
                                           request_bytes: bytes, named: str) -> None:
    r = exchange(strict.socket, request_bytes)
    assert r.status == 400, r.body
    assert named in r.json()["message"]
    assert exchange(server.socket, request_bytes).status in (200, 201), "the default reading accepts it"


def test_strict_server_serves_requests_to_the_letter(strict: RunningServer) -> None:
    r = exchange(strict.socket, go_request("POST", "/v1.24/volumes/create", JSON, [go_json({"Name": "strict-ok"})]))
    assert r.status == 201, r.body
    r = exchange(strict.socket, go_request("DELETE", "/v1.24/volumes/strict-ok"))
    assert r.status == 204, r.body
