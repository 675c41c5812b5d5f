"""A NUL byte in any string a client sends is bad input: a 4xx with a message, never a 500.

Python's os and subprocess functions raise ValueError("embedded null byte") where Go's
return an error value, so every string that may reach a path or an exec(2) argument is a
place for a 500. CI's conformance fuzzing found one (top's ps_args); this walks every
string parameter of every operation in the spec, and the string fields of the create
bodies, against live objects.
"""

from __future__ import annotations

import base64
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import yaml

from tests.conftest import require_root_stack
from tests.helpers.images import BUSYBOX_NAME, busybox_tar, load_busybox
from tests.helpers.server import RunningServer

NUL = "a\x00b"
SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi" / "swagger.yml").read_text())
# What an operation needs beside the parameter under test, to get past its other checks.
REQUIRED_QUERY = {
    "ImageCommit": {"container": "{cid}"},
    "ContainerArchiveInfo": {"path": "/etc"},
    "ContainerArchive": {"path": "/etc"},
    "ContainerArchivePut": {"path": "/tmp"},
    "ContainerRename": {"name": "renamed-{n}"},
    "ImageCreate": {"fromImage": BUSYBOX_NAME},
    "ImageSearch": {"term": "busybox"},
    "ContainerLogs": {"stdout": "1"},
    "ContainerStats": {"stream": "0"},
}
BODIES: dict[str, Any] = {
    "ContainerExec": {"Cmd": ["true"]},
    "ExecStart": {"Detach": True},
    "ContainerCheckpointCreate": {"CheckpointID": "cp"},
    "ContainerUpdate": {},
    "NetworkConnect": {"Container": "{cid}"},
    "NetworkDisconnect": {"Container": "{cid}"},
}
RAW_BODIES = {"ContainerArchivePut", "ImageLoad"}  # tar streams, made in raw_body()


def operations() -> Iterator[tuple[str, str, str, list[dict[str, Any]]]]:
    for path, ops in SPEC["paths"].items():
        common = ops.get("parameters", [])
        for method, op in ops.items():
            if method != "parameters":
                yield method.upper(), path, op["operationId"], common + op.get("parameters", [])


CASES = [(m, p, op, prm["in"], prm["name"]) for m, p, op, params in operations()
         for prm in params if prm["in"] in ("query", "path", "header") and prm.get("type") in ("string", "array")]


class Live:
    """A running container, an exec in it, a network and a volume; made again when a case used one up."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.n = 0
        self.cid = self.exec_id = ""
        self.images = {i["Id"] for i in client.get("/images/json").json()}

    def refresh(self) -> dict[str, str]:
        self.n += 1
        c = self.client
        if not self.cid or not c.get(f"/containers/{self.cid}/json").json().get("State", {}).get("Running"):
            if self.cid:
                c.delete(f"/containers/{self.cid}", params={"force": 1})
            r = c.post("/containers/create", json={"Image": BUSYBOX_NAME, "Cmd": ["sleep", "300"], "StopTimeout": 0})
            assert r.status_code == 201, r.text
            self.cid = r.json()["Id"]
            assert c.post(f"/containers/{self.cid}/start").status_code == 204
            r = c.post(f"/containers/{self.cid}/exec", json={"Cmd": ["sleep", "300"], "Tty": True})
            self.exec_id = r.json()["Id"]
        for kind in ("networks", "volumes"):
            if c.get(f"/{kind}/nul-{kind}").status_code == 404:
                r = c.post(f"/{kind}/create", json={"Name": f"nul-{kind}"})
                assert r.status_code == 201, r.text
        return {"cid": self.cid, "exec": self.exec_id, "n": str(self.n)}

    def close(self) -> None:
        c = self.client
        if self.cid:  # the cases remove what they create themselves
            c.delete(f"/containers/{self.cid}", params={"force": 1})
        c.delete("/networks/nul-networks")
        c.delete("/volumes/nul-volumes")
        for img in c.get("/images/json").json():  # what the commit cases made
            if img["Id"] not in self.images:
                c.delete(f"/images/{img['Id']}", params={"force": 1})


@pytest.fixture(scope="module")
def live(server: RunningServer) -> Iterator[Live]:
    require_root_stack()
    with server.client(timeout=30) as c:
        load_busybox(c)
        objects = Live(c)
        yield objects
        objects.close()


def path_value(template: str, name: str, ids: dict[str, str]) -> str:
    if name == "imageid":
        return BUSYBOX_NAME
    if name == "checkpointId":
        return "cp"
    if template.startswith("/exec/"):
        return ids["exec"]
    if template.startswith("/networks/"):
        return "nul-networks"
    if template.startswith("/volumes/"):
        return "nul-volumes"
    return ids["cid"]


def fill(value: Any, ids: dict[str, str]) -> Any:
    return json.loads(json.dumps(value).replace("{cid}", ids["cid"]).replace("{n}", ids["n"]))


def raw_body(op: str) -> bytes:
    if op == "ImageLoad":
        return busybox_tar().read_bytes()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        info = tarfile.TarInfo("nul-put")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    return out.getvalue()


def assert_refused(r: httpx.Response, what: str) -> None:
    assert r.status_code < 500, f"{what}: {r.status_code} {r.text[:300]}"
    if r.status_code >= 400 and r.request.method != "HEAD":
        assert "message" in r.json(), f"{what}: {r.text[:300]}"


def send(client: httpx.Client, method: str, url: str, **kw: Any) -> httpx.Response:
    """Only the head is read: an operation that streams must not hold the case."""
    with client.stream(method, url, **kw) as r:
        if r.status_code >= 400:
            r.read()
        return r


@pytest.mark.parametrize(("method", "template", "op", "where", "name"), CASES,
                         ids=[f"{c[2]}-{c[4]}" for c in CASES])
def test_a_nul_byte_in_a_parameter_is_a_4xx(live: Live, method: str, template: str, op: str,
                                            where: str, name: str) -> None:
    ids = live.refresh()
    path = template
    query = fill(REQUIRED_QUERY.get(op, {}), ids)
    headers: dict[str, str] = {}
    for part in [p for p in template.split("/") if p.startswith("{")]:
        pname = part.strip("{}")
        value = NUL if (where, name) == ("path", pname) else path_value(template, pname, ids)
        path = path.replace(part, quote(value, safe=""))
    if where == "query":
        query[name] = NUL
    elif where == "header":
        headers[name] = base64.urlsafe_b64encode(json.dumps({"username": NUL}).encode()).decode()
    kw: dict[str, Any] = {"params": query, "headers": headers}
    if op in BODIES:
        kw["json"] = fill(BODIES[op], ids)
    elif op in RAW_BODIES:
        kw["content"] = raw_body(op)
    r = send(live.client, method, path, **kw)
    assert_refused(r, f"{method} {path} {where} {name}")


BIND_SOURCE = tempfile.gettempdir()
# Valid bodies whose every string (value or key) is tried with a NUL in it, one at a time:
# (operation, method, path, body). What a case creates is started (a container, an exec) and removed.
BODY_CASES: list[tuple[str, str, str, Any]] = [
    ("ContainerCreate", "POST", "/containers/create", {
        "Image": BUSYBOX_NAME, "Cmd": ["sh", "-c", "true"], "Entrypoint": ["/bin/sh"], "Env": ["A=1"],
        "WorkingDir": "/tmp", "User": "root", "Hostname": "h", "Domainname": "d", "Labels": {"k": "v"},
        "Volumes": {"/data": {}}, "StopSignal": "SIGTERM", "MacAddress": "02:42:ac:11:00:02",
        "HostConfig": {
            "Binds": [f"{BIND_SOURCE}:/mnt:ro"], "NetworkMode": "none", "Dns": ["192.0.2.1"],
            "DnsSearch": ["example.com"], "DnsOptions": ["ndots:1"], "ExtraHosts": ["h2:192.0.2.2"],
            "CapAdd": ["NET_ADMIN"], "CapDrop": ["MKNOD"], "CgroupParent": "nulgrp", "Tmpfs": {"/run": "size=1m"},
            "LogConfig": {"Type": "json-file", "Config": {"max-size": "1m"}}, "RestartPolicy": {"Name": "no"},
            "SecurityOpt": ["no-new-privileges"], "Sysctls": {"kernel.msgmax": "65536"},
            "Devices": [{"PathOnHost": "/dev/null", "PathInContainer": "/dev/null2", "CgroupPermissions": "rwm"}],
            "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 1024}], "IpcMode": "private",
            "Mounts": [{"Type": "volume", "Source": "nulvol", "Target": "/vol"}], "CpusetCpus": "0",
        },
    }),
    ("ContainerExec", "POST", "/containers/{cid}/exec", {
        "Cmd": ["echo", "hi"], "Env": ["A=1"], "User": "root", "WorkingDir": "/tmp", "DetachKeys": "ctrl-p"}),
    ("ContainerUpdate", "POST", "/containers/{cid}/update", {
        "Env": ["A=1"], "Label": ["a=b"], "RestartPolicy": {"Name": "no"}, "CpusetCpus": "0"}),
    ("ContainerUpgrade", "POST", "/containers/{cid}/upgrade", {
        "Image": BUSYBOX_NAME, "Cmd": ["sleep", "300"], "Entrypoint": ["/bin/sh", "-c"]}),
    ("NetworkCreate", "POST", "/networks/create", {
        "Name": "nulnet", "Driver": "bridge", "Options": {"com.docker.network.bridge.name": "nulbr0"},
        "Labels": {"a": "b"}, "IPAM": {"Driver": "default", "Config": [
            {"Subnet": "10.250.0.0/24", "Gateway": "10.250.0.1", "IPRange": "10.250.0.0/25"}]}}),
    ("NetworkConnect", "POST", "/networks/nul-networks/connect", {
        "Container": "{cid}", "EndpointConfig": {"Aliases": ["al"], "Links": ["x:y"]}}),
    ("VolumeCreate", "POST", "/volumes/create", {
        "Name": "nulvol2", "Driver": "local", "Labels": {"a": "b"},
        "DriverOpts": {"type": "tmpfs", "device": "tmpfs", "o": "size=1m"}}),
    ("SystemAuth", "POST", "/auth", {"Username": "u", "Password": "p", "ServerAddress": "127.0.0.1:9"}),
]


def with_nul(body: Any) -> Iterator[tuple[str, Any]]:
    """(where, body) for each string value and key of body, that one holding a NUL."""
    if isinstance(body, str):
        yield "", body[:1] + "\0" + body[1:]
    elif isinstance(body, list):
        for i, item in enumerate(body):
            for where, changed in with_nul(item):
                yield f"[{i}]{where}", [*body[:i], changed, *body[i + 1:]]
    elif isinstance(body, dict):
        for key, value in body.items():
            for where, changed in with_nul(value):
                yield f".{key}{where}", {**body, key: changed}
            bad = key[:1] + "\0" + key[1:]
            yield f".<{key}>", {bad if k == key else k: v for k, v in body.items()}


BODY_LEAVES = [(op, m, p, where, b) for op, m, p, body in BODY_CASES for where, b in with_nul(body)]


@pytest.mark.parametrize(("op", "method", "template", "where", "body"), BODY_LEAVES,
                         ids=[f"{c[0]}{c[3]}" for c in BODY_LEAVES])
def test_a_nul_byte_in_a_body_is_a_4xx(live: Live, op: str, method: str, template: str, where: str,
                                       body: Any) -> None:
    ids = live.refresh()
    c = live.client
    r = c.request(method, fill(template, ids), json=fill(body, ids))
    assert_refused(r, f"{op} body{where}")
    if r.status_code >= 300:
        return
    answer = r.json() if r.content else {}
    made = answer.get("Id") or answer.get("Name")
    if op == "ContainerCreate":
        assert_refused(c.post(f"/containers/{made}/start"), f"start after {op} body{where}")
        c.delete(f"/containers/{made}", params={"force": 1, "v": 1})
        c.delete("/volumes/nulvol")
    elif op == "ContainerExec":
        assert_refused(c.post(f"/exec/{made}/start", json={"Detach": True}), f"start after {op} body{where}")
    elif op == "NetworkCreate":
        c.delete(f"/networks/{made}")
    elif op == "VolumeCreate":
        c.delete(f"/volumes/{made}")
    elif op == "NetworkConnect":
        c.post("/networks/nul-networks/disconnect", json={"Container": ids["cid"], "Force": True})
