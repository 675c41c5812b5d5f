"""Networks with real containers: reachability by address and by name on a user network,
/etc/hosts kept current on connect/disconnect, published ports on 127.0.0.1, name files,
network modes, and the host left clean once everything is deleted.

Test traffic goes only to loopback and to the bridges/namespaces these tests create."""

from __future__ import annotations

import json
import os
import subprocess
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
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server of this module's own, so the clean-host check at the end sees only our work."""
    require_root_stack()
    s = RunningServer(tmp_path_factory.mktemp("netsrv")).start()
    with s.client() as c:
        load_busybox(c)
    yield s
    with s.client() as c:  # containers outlive the server (live restore): remove them even after a failure
        for ctr in c.get("/containers/json", params={"all": 1}).json():
            c.delete(f"/containers/{ctr['Id']}", params={"force": 1, "v": 1})
        for net in c.get("/networks").json():
            c.delete(f"/networks/{net['Id']}")
    s.stop()


@pytest.fixture(scope="module")
def c(srv: RunningServer) -> Iterator[httpx.Client]:
    with srv.client() as client:
        yield client


def create(c: httpx.Client, name: str, cmd: list[str], host: dict[str, Any] | None = None,
           **config: Any) -> str:
    body = {"Image": "busybox", "Cmd": cmd, "Tty": True, "HostConfig": host or {}, **config}
    r = c.post("/containers/create", params={"name": name}, json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["Id"])


def start(c: httpx.Client, ref: str) -> None:
    r = c.post(f"/containers/{ref}/start")
    assert r.status_code == 204, r.text


def run(c: httpx.Client, cmd: list[str], host: dict[str, Any] | None = None, **config: Any) -> tuple[int, str]:
    """Run a one-shot container to completion: (exit code, output); the container is removed."""
    name = "run-" + uuid.uuid4().hex[:8]
    create(c, name, cmd, host, **config)
    start(c, name)
    code = c.post(f"/containers/{name}/wait").json()["StatusCode"]
    out = c.get(f"/containers/{name}/logs", params={"stdout": 1, "stderr": 1}).text
    assert c.delete(f"/containers/{name}", params={"force": 1, "v": 1}).status_code == 204
    return int(code), out


def ping(c: httpx.Client, network: str, target: str) -> tuple[int, str]:
    return run(c, ["ping", "-c1", "-W2", target], {"NetworkMode": network})


def ip_of(c: httpx.Client, ref: str, network: str) -> str:
    return str(c.get(f"/containers/{ref}/json").json()["NetworkSettings"]["Networks"][network]["IPAddress"])


@pytest.fixture(scope="module")
def usernet(c: httpx.Client) -> Iterator[str]:
    name = "un-" + uuid.uuid4().hex[:6]
    assert c.post("/networks/create", json={"Name": name}).status_code == 201
    create(c, "srv1", ["sleep", "300"], {"NetworkMode": name},
           NetworkingConfig={"EndpointsConfig": {name: {"Aliases": ["db"]}}})
    start(c, "srv1")
    yield name


def test_user_network_reach_by_address_and_by_name(c: httpx.Client, usernet: str) -> None:
    ip = ip_of(c, "srv1", usernet)
    info = c.get(f"/networks/{usernet}").json()
    subnet = info["IPAM"]["Config"][0]["Subnet"]
    assert ip and ip.rsplit(".", 1)[0] == subnet.rsplit(".", 1)[0]
    ctr = c.get("/containers/srv1/json").json()
    assert info["Containers"][ctr["Id"]]["IPv4Address"] == f"{ip}/24"
    ns = ctr["NetworkSettings"]
    assert ns["IPAddress"] == ip and ns["Gateway"] == info["IPAM"]["Config"][0]["Gateway"]
    assert len(ns["MacAddress"].split(":")) == 6 and Path(ns["SandboxKey"]).exists()
    code, out = ping(c, usernet, ip)
    assert code == 0, out
    code, out = ping(c, usernet, "srv1")
    assert code == 0 and f"({ip})" in out, out
    code, out = ping(c, usernet, "db")  # the alias from EndpointsConfig
    assert code == 0 and f"({ip})" in out, out


def test_default_bridge_has_no_names_but_reaches_by_address(c: httpx.Client, usernet: str) -> None:
    create(c, "onbridge", ["sleep", "300"])
    start(c, "onbridge")
    ip = ip_of(c, "onbridge", "bridge")
    assert ip
    code, out = run(c, ["ping", "-c1", "-W2", ip])
    assert code == 0, out
    code, _ = run(c, ["ping", "-c1", "-W1", "onbridge"])
    assert code != 0
    # different networks are different bridges: srv1 is not on the default bridge
    code, _ = run(c, ["ping", "-c1", "-W1", "srv1"])
    assert code != 0


def test_networks_are_isolated_and_internal_has_no_way_out(c: httpx.Client, usernet: str, srv: RunningServer) -> None:
    target = ip_of(c, "srv1", usernet)
    other, internal = "iso-" + uuid.uuid4().hex[:6], "int-" + uuid.uuid4().hex[:6]
    assert c.post("/networks/create", json={"Name": other}).status_code == 201
    assert c.post("/networks/create", json={"Name": internal, "Internal": True}).status_code == 201
    code, out = ping(c, usernet, target)
    assert code == 0, out  # reachable from its own network ...
    code, out = ping(c, other, target)
    assert code != 0, out  # ... but not from another bridge, though the host forwards between them
    code, out = run(c, ["sh", "-c", "ip route; ping -c1 -W1 " + target], {"NetworkMode": internal})
    assert code != 0 and "default" not in out, out
    chain = subprocess.run(["iptables", "-S"], capture_output=True, text=True).stdout
    assert f"-A FORWARD -j pouch-{srv.tag}-ISO" in chain
    nat = subprocess.run(["iptables", "-t", "nat", "-S"], capture_output=True, text=True).stdout
    subnet = c.get(f"/networks/{usernet}").json()["IPAM"]["Config"][0]["Subnet"]
    assert f"-A pouch-{srv.tag}-MASQ -s {subnet} ! -o " in nat
    for n in (other, internal):
        assert c.delete(f"/networks/{n}").status_code == 204


def test_disconnect_breaks_reachability_and_connect_restores_it(c: httpx.Client, usernet: str) -> None:
    t0 = time.time()
    r = c.post(f"/networks/{usernet}/connect", json={"Container": "onbridge", "EndpointConfig": {}})
    assert r.status_code == 200, r.text
    ip = ip_of(c, "onbridge", usernet)
    assert ip
    code, out = ping(c, usernet, "onbridge")
    assert code == 0 and f"({ip})" in out, out
    # the running peer's /etc/hosts learned the new name
    hosts = Path(c.get("/containers/srv1/json").json()["HostsPath"]).read_text()
    assert f"{ip}\tonbridge" in hosts
    r = c.post(f"/networks/{usernet}/disconnect", json={"Container": "onbridge"})
    assert r.status_code == 200, r.text
    assert usernet not in c.get("/containers/onbridge/json").json()["NetworkSettings"]["Networks"]
    code, _ = ping(c, usernet, ip)
    assert code != 0
    assert "\tonbridge" not in Path(c.get("/containers/srv1/json").json()["HostsPath"]).read_text()
    r = c.post(f"/networks/{usernet}/disconnect", json={"Container": "onbridge"})
    assert r.status_code == 409  # not connected: a conflict with the network's state
    q = {"since": f"{t0:.9f}", "until": f"{time.time() + 0.01:.9f}",
         "filters": json.dumps({"type": ["network"], "network": [usernet], "event": ["connect", "disconnect"]})}
    actions = [json.loads(x) for x in c.get("/events", params=q).text.splitlines()]
    oid = c.get("/containers/onbridge/json").json()["Id"]
    assert [e["action"] for e in actions if e["actor"]["Attributes"]["container"] == oid] == ["connect", "disconnect"]


def test_connect_a_stopped_container_with_a_static_address(c: httpx.Client) -> None:
    name = "st-" + uuid.uuid4().hex[:6]
    r = c.post("/networks/create", json={"Name": name, "IPAM": {"Config": [{"Subnet": "10.219.3.0/24"}]}})
    assert r.status_code == 201
    create(c, "stopped1", ["sh", "-c", "ip -4 addr show eth1; cat /etc/hosts"])
    r = c.post(f"/networks/{name}/connect", json={
        "Container": "stopped1", "EndpointConfig": {"IPAMConfig": {"IPv4Address": "10.219.3.77"}}})
    assert r.status_code == 200, r.text
    eps = c.get("/containers/stopped1/json").json()["NetworkSettings"]["Networks"]
    assert set(eps) == {"bridge", name} and eps[name]["IPAddress"] == ""
    r = c.delete(f"/networks/{name}")
    assert r.status_code == 403 and "endpoints" in r.json()["message"]
    start(c, "stopped1")
    assert c.post("/containers/stopped1/wait").json()["StatusCode"] == 0
    out = c.get("/containers/stopped1/logs", params={"stdout": 1}).text
    assert "inet 10.219.3.77/24" in out
    r = c.post(f"/networks/{name}/connect", json={
        "Container": "stopped1", "EndpointConfig": {"IPAMConfig": {"IPv4Address": "10.99.99.99"}}})
    assert r.status_code in (400, 409)
    assert c.delete("/containers/stopped1", params={"force": 1}).status_code == 204
    assert c.delete(f"/networks/{name}").status_code == 204


def test_published_port_answers_on_loopback(c: httpx.Client) -> None:
    create(c, "web1", ["httpd", "-f", "-p", "8080", "-h", "/etc"], {
        "PortBindings": {"8080/tcp": [{"HostIp": "127.0.0.1"}]}},
        ExposedPorts={"8080/tcp": {}, "9090/tcp": {}})
    start(c, "web1")
    ports = c.get("/containers/web1/json").json()["NetworkSettings"]["Ports"]
    binding = ports["8080/tcp"][0]
    assert binding["HostIp"] == "127.0.0.1" and int(binding["HostPort"]) > 0
    assert ports["9090/tcp"] is None
    deadline = time.time() + 10
    while True:
        try:
            r = httpx.get(f"http://127.0.0.1:{binding['HostPort']}/hostname", timeout=2)
            break
        except httpx.TransportError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
    assert r.status_code == 200
    assert r.text.strip() == c.get("/containers/web1/json").json()["Config"]["Hostname"]
    # the same fixed port twice is refused
    port = binding["HostPort"]
    create(c, "web2", ["sleep", "5"], {"PortBindings": {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": port}]}})
    r = c.post("/containers/web2/start")
    assert r.status_code == 409 and "allocated" in r.json()["message"]
    assert c.delete("/containers/web2", params={"force": 1}).status_code == 204
    assert c.delete("/containers/web1", params={"force": 1}).status_code == 204
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/hostname", timeout=1)


def test_name_files(c: httpx.Client) -> None:
    code, out = run(c, ["sh", "-c", "cat /etc/hostname /etc/resolv.conf /etc/hosts"], {
        "Dns": ["10.1.2.3"], "DnsSearch": ["example.test"], "DnsOptions": ["ndots:3"],
        "ExtraHosts": ["gateway.test:10.9.8.7"]}, Hostname="myhost", Domainname="dom.test")
    assert code == 0, out
    assert "myhost\r\n" in out or out.startswith("myhost")
    assert "nameserver 10.1.2.3" in out and "search example.test" in out and "options ndots:3" in out
    assert "10.9.8.7\tgateway.test" in out and "myhost.dom.test myhost" in out
    code, out = run(c, ["cat", "/etc/hosts"], DisableNetworkFiles=True)
    assert code != 0  # the busybox image has no /etc/hosts of its own


def test_links_on_the_default_bridge(c: httpx.Client, usernet: str) -> None:
    ip = ip_of(c, "onbridge", "bridge")
    code, out = run(c, ["sh", "-c", "cat /etc/hosts; ping -c1 -W2 web"], {"Links": ["onbridge:web"]})
    assert code == 0 and f"{ip}\tweb" in out and f"({ip})" in out, out
    r = c.post("/containers/create", json={"Image": "busybox", "HostConfig": {"Links": ["nobody-here:x"]}})
    assert r.status_code == 404


def test_network_modes(c: httpx.Client) -> None:
    probe = "ip -o link; ping -c1 -W2 127.0.0.1 >/dev/null && echo lo-up"
    code, out = run(c, ["sh", "-c", probe], {"NetworkMode": "none"})
    assert code == 0 and "lo:" in out and "eth0" not in out and "lo-up" in out
    # A container joining a "none" container's network shares its (runc-made) namespace.
    create(c, "lonely", ["sleep", "60"], {"NetworkMode": "none"})
    start(c, "lonely")
    try:
        pid = c.get("/containers/lonely/json").json()["State"]["Pid"]
        code, out = run(c, ["readlink", "/proc/self/ns/net"], {"NetworkMode": "container:lonely"})
        assert code == 0 and out.strip() == os.readlink(f"/proc/{pid}/ns/net"), out
    finally:
        c.delete("/containers/lonely", params={"force": 1})
    host_links = json.loads(subprocess.run(["ip", "-j", "link"], capture_output=True, text=True).stdout)
    host_macs = {ln["address"] for ln in host_links if ln["ifname"] != "lo" and not ln["ifname"].startswith("veth")}
    code, out = run(c, ["ip", "-o", "link"], {"NetworkMode": "host"})
    assert code == 0 and any(mac in out for mac in host_macs), out
    code, out = run(c, ["ip", "-4", "-o", "addr", "show", "eth0"], {"NetworkMode": "container:srv1"})
    assert code == 0 and ip_of(c, "srv1", [n for n in c.get("/containers/srv1/json").json()
                                           ["NetworkSettings"]["Networks"]][0]) in out
    r = c.post("/containers/create", json={"Image": "busybox", "HostConfig": {"NetworkMode": "no-such-net"}})
    assert r.status_code == 404
    r = c.post("/containers/create", json={"Image": "busybox", "HostConfig": {
        "PortBindings": {"80/tcp": [{"HostPort": "999999"}]}}})
    assert r.status_code == 400
    r = c.post("/containers/create", json={"Image": "busybox", "HostConfig": {"ExtraHosts": ["nocolon"]}})
    assert r.status_code == 400


def _our_traces(srv: RunningServer) -> dict[str, Any]:
    prefix = f"pouch-{srv.tag}"
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    rules = subprocess.run(["iptables-save"], capture_output=True, text=True).stdout
    netns_dir = srv.exec_root / "netns"
    return {
        "bridges": [ln for ln in links.splitlines() if prefix in ln],
        "veths": [ln for ln in links.splitlines() if f"master {prefix}" in ln],
        "rules": [ln for ln in rules.splitlines() if prefix in ln],
        "netns": sorted(p.name for p in netns_dir.iterdir()) if netns_dir.exists() else [],
    }


def test_zz_everything_deleted_leaves_no_trace(c: httpx.Client, srv: RunningServer, usernet: str) -> None:
    """Runs last in the module (zz): delete every container and network we made."""
    traces = _our_traces(srv)
    assert traces["bridges"] and traces["rules"] and traces["netns"]  # the check can see our work
    for ctr in c.get("/containers/json", params={"all": 1}).json():
        assert c.delete(f"/containers/{ctr['Id']}", params={"force": 1, "v": 1}).status_code == 204
    for net in c.get("/networks").json():
        if net["Name"] not in ("bridge", "host", "none"):
            assert c.delete(f"/networks/{net['Id']}").status_code == 204
    # an unused bridge is kept for a short grace (back-to-back containers reuse it), then goes
    deadline = time.time() + 10
    while _our_traces(srv) != {"bridges": [], "veths": [], "rules": [], "netns": []} and time.time() < deadline:
        time.sleep(0.2)
    assert _our_traces(srv) == {"bridges": [], "veths": [], "rules": [], "netns": []}
