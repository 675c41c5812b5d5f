"""Networking survives a server restart (live restore): the container keeps its address
and published port, and the restarted server still tears everything down."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import load_busybox
from tests.helpers.server import RunningServer

pytestmark = pytest.mark.root


def _get(port: str) -> httpx.Response:
    deadline = time.time() + 10
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/hostname", timeout=2)
        except httpx.TransportError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)


def test_restart_keeps_network_and_cleans_up_after(fresh_server: RunningServer) -> None:
    require_root_stack()
    srv = fresh_server.start()
    c = srv.client()
    load_busybox(c)
    assert c.post("/networks/create", json={"Name": "keep"}).status_code == 201
    r = c.post("/containers/create", params={"name": "web"}, json={
        "Image": "busybox", "Cmd": ["httpd", "-f", "-p", "80", "-h", "/etc"], "ExposedPorts": {"80/tcp": {}},
        "HostConfig": {"NetworkMode": "keep", "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1"}]}}})
    assert r.status_code == 201, r.text
    assert c.post("/containers/web/start").status_code == 204
    before = c.get("/containers/web/json").json()["NetworkSettings"]
    port = before["Ports"]["80/tcp"][0]["HostPort"]
    assert _get(port).status_code == 200

    srv.stop()
    assert _get(port).status_code == 200  # the container and its port outlive the server
    srv.start()
    c = srv.client()
    after = c.get("/containers/web/json").json()["NetworkSettings"]
    assert after["IPAddress"] == before["IPAddress"] and after["Ports"] == before["Ports"]
    net = c.get("/networks/keep").json()
    assert [v["Name"] for v in net["Containers"].values()] == ["web"]

    assert c.delete("/containers/web", params={"force": 1}).status_code == 204
    assert c.delete("/networks/keep").status_code == 204
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/hostname", timeout=1)
    deadline = time.time() + 10
    prefix = f"pouch-{srv.tag}"
    while time.time() < deadline:
        links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
        rules = subprocess.run(["iptables-save"], capture_output=True, text=True).stdout
        if prefix not in links and prefix not in rules:
            break
        time.sleep(0.2)
    assert prefix not in links and prefix not in rules
    assert list((srv.exec_root / "netns").iterdir()) == []
