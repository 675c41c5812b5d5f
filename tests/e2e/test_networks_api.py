"""Network operations against a real server: predefined networks, create/inspect/list/
delete, duplicates, IPAM validation, events. Creating a network touches nothing on the
host (its bridge is made when a container first uses it)."""

from __future__ import annotations

import json
import subprocess
import time
import uuid

import httpx
import pytest

from tests.helpers.server import RunningServer


def _events(client: httpx.Client, since: float, name: str) -> list[str]:
    q = {"since": f"{since:.9f}", "until": f"{time.time() + 0.01:.9f}",
         "filters": json.dumps({"type": ["network"], "network": [name]})}
    r = client.get("/events", params=q)
    assert r.status_code == 200
    return [json.loads(line)["action"] for line in r.text.splitlines() if line]


def _name() -> str:
    return "net-" + uuid.uuid4().hex[:8]


def test_predefined_networks(client: httpx.Client, server: RunningServer) -> None:
    nets = {n["Name"]: n for n in client.get("/networks").json()}
    assert {"bridge", "host", "none"} <= set(nets)
    assert nets["bridge"]["Driver"] == "bridge" and nets["host"]["Driver"] == "host"
    assert nets["none"]["Driver"] == "null"
    bridge = nets["bridge"]
    assert bridge["Options"]["com.docker.network.bridge.name"].startswith(f"pouch-{server.tag}")
    subnet = bridge["IPAM"]["Config"][0]["Subnet"]
    assert subnet.endswith("/24")
    for name in ("bridge", "host", "none"):
        r = client.delete(f"/networks/{name}")
        assert r.status_code == 403, r.text
        assert "pre-defined" in r.json()["message"]
        assert client.get(f"/networks/{name}").status_code == 200
        r = client.post("/networks/create", json={"Name": name})
        assert r.status_code in (403, 409)


def test_create_inspect_list_delete(client: httpx.Client) -> None:
    name = _name()
    t0 = time.time()
    r = client.post("/networks/create", json={
        "Name": name, "Driver": "bridge", "Labels": {"app": "x"}, "Options": {"mtu": "1400"},
        "IPAM": {"Config": [{"Subnet": "10.213.0.0/16", "IPRange": "10.213.5.0/24", "Gateway": "10.213.0.254"}]},
    })
    assert r.status_code == 201, r.text
    nid = r.json()["Id"]
    assert len(nid) == 64
    for ref in (nid, name, nid[:12]):
        info = client.get(f"/networks/{ref}").json()
        assert info["Id"] == nid and info["Name"] == name
    assert info["Labels"] == {"app": "x"} and info["Options"] == {"mtu": "1400"}
    assert info["IPAM"]["Config"] == [{"Subnet": "10.213.0.0/16", "IPRange": "10.213.5.0/24",
                                       "Gateway": "10.213.0.254"}]
    assert info["Containers"] == {} and info["Scope"] == "local" and info["Internal"] is False
    assert not any(k.startswith("_") for k in info)
    assert nid in {n["Id"] for n in client.get("/networks").json()}
    r = client.post("/networks/create", json={"Name": name})
    assert r.status_code == 409 and name in r.json()["message"]
    assert client.delete(f"/networks/{name}").status_code == 204
    assert client.get(f"/networks/{nid}").status_code == 404
    assert client.delete(f"/networks/{nid}").status_code == 404
    assert _events(client, t0, name) == ["create", "destroy"]


def test_auto_subnets_differ_and_avoid_host_routes(client: httpx.Client) -> None:
    a, b = _name(), _name()
    assert client.post("/networks/create", json={"Name": a}).status_code == 201
    assert client.post("/networks/create", json={"Name": b, "Internal": True}).status_code == 201
    sa = client.get(f"/networks/{a}").json()["IPAM"]["Config"][0]["Subnet"]
    info_b = client.get(f"/networks/{b}").json()
    sb = info_b["IPAM"]["Config"][0]["Subnet"]
    assert sa != sb and info_b["Internal"] is True
    routes = subprocess.run(["ip", "-4", "route", "show"], capture_output=True, text=True).stdout
    for subnet in (sa, sb):
        assert subnet not in routes  # no bridge until a container uses the network
    for n in (a, b):
        assert client.delete(f"/networks/{n}").status_code == 204


@pytest.mark.parametrize("ipam", [
    {"Config": [{"Subnet": "10.214.0.1/24"}]},
    {"Config": [{"Subnet": "10.214.0.0/33"}]},
    {"Config": [{"Subnet": "banana"}]},
    {"Config": [{"Subnet": "fd00::/64"}]},
    {"Config": [{"Subnet": "10.214.0.0/24", "Gateway": "10.215.0.1"}]},
    {"Config": [{"Subnet": "10.214.0.0/24", "IPRange": "10.216.0.0/24"}]},
    {"Config": [{"Subnet": "10.214.0.0/24"}, {"Subnet": "10.217.0.0/24"}]},
    {"Driver": "dhcp"},
])
def test_malformed_ipam_is_400_and_nothing_is_made(client: httpx.Client, ipam: dict[str, object]) -> None:
    name = _name()
    before = len(client.get("/networks").json())
    r = client.post("/networks/create", json={"Name": name, "IPAM": ipam})
    assert r.status_code == 400, r.text
    assert r.json()["message"]
    assert client.get(f"/networks/{name}").status_code == 404
    assert len(client.get("/networks").json()) == before


def test_overlapping_subnets_are_refused(client: httpx.Client) -> None:
    a, b, c = _name(), _name(), _name()
    assert client.post("/networks/create", json={"Name": a, "IPAM": {"Config": [{"Subnet": "10.218.0.0/24"}]}}
                       ).status_code == 201
    r = client.post("/networks/create", json={"Name": b, "IPAM": {"Config": [{"Subnet": "10.218.0.0/16"}]}})
    # a conflict with what exists (409), not a malformed request: the same body works elsewhere
    assert r.status_code == 409 and "overlaps" in r.json()["message"]
    assert client.get(f"/networks/{b}").status_code == 404
    # the host's own routes are never reused
    host_route = subprocess.run(["ip", "-4", "route", "show", "scope", "link"], capture_output=True,
                                text=True).stdout.split()
    if host_route and "/" in host_route[0]:
        r = client.post("/networks/create", json={"Name": c, "IPAM": {"Config": [{"Subnet": host_route[0]}]}})
        assert r.status_code == 409, r.text
    assert client.delete(f"/networks/{a}").status_code == 204


@pytest.mark.parametrize("body", [
    {"Name": "bad/name"}, {"Name": ""}, {"Name": "x", "Driver": "overlay"}, {"Name": "y", "EnableIPv6": True},
    {"Name": "z", "Options": {"com.docker.network.bridge.name": "eth0"}},
])
def test_bad_create_requests(client: httpx.Client, body: dict[str, object]) -> None:
    r = client.post("/networks/create", json=body)
    assert r.status_code == 400, r.text
    assert client.get("/networks/eth0").status_code == 404


def test_connect_unknown_things_is_404(client: httpx.Client) -> None:
    r = client.post("/networks/nope-nope/connect", json={"Container": "x"})
    assert r.status_code == 404
    r = client.post("/networks/bridge/connect", json={"Container": "no-such-container-here"})
    assert r.status_code == 404 and "No such container" in r.json()["message"]
    r = client.post("/networks/bridge/disconnect", json={})
    assert r.status_code == 400


def test_an_ambiguous_id_prefix_is_no_such_network(client: httpx.Client) -> None:
    ids = [n["Id"] for n in client.get("/networks").json()]
    made = []
    while not any(a[0] == b[0] for i, a in enumerate(ids) for b in ids[i + 1:]):
        r = client.post("/networks/create", json={"Name": _name()})
        assert r.status_code == 201, r.text
        made.append(r.json()["Id"])
        ids.append(made[-1])
    first = next(a[0] for i, a in enumerate(ids) for b in ids[i + 1:] if a[0] == b[0])
    r = client.get(f"/networks/{first}")
    assert r.status_code == 404 and "several networks" in r.json()["message"]
    for net_id in made:
        assert client.delete(f"/networks/{net_id}").status_code == 204


def test_list_filters(client: httpx.Client) -> None:
    name = _name()
    r = client.post("/networks/create", json={"Name": name, "Labels": {"app": "x", "tier": "web"}})
    assert r.status_code == 201, r.text
    nid = r.json()["Id"]
    try:
        def names(**filters: object) -> list[str]:
            r = client.get("/networks", params={"filters": json.dumps(filters)})
            assert r.status_code == 200, r.text
            return sorted(n["Name"] for n in r.json())

        assert names(name=[name]) == [name]
        assert names(id=[nid[:12]]) == [name]
        assert names(label=["app"], name=[name]) == [name]
        assert names(label=["app=x", "tier=web"]) == [name]
        assert names(label=["app=y"]) == []
        assert names(type=["builtin"]) == ["bridge", "host", "none"]
        assert name in names(type=["custom"]) and "bridge" not in names(type=["custom"])
        assert names(driver=["null"]) == ["none"]
        assert names(name={name: True}) == [name]  # the legacy map form the docker CLI sends
        for bad in ('{"nope": ["x"]}', '{"type": ["other"]}', "{not json", '{"name": "x"}'):
            r = client.get("/networks", params={"filters": bad})
            assert r.status_code == 400, (bad, r.text)
            assert r.json()["message"]
    finally:
        client.delete(f"/networks/{nid}")
