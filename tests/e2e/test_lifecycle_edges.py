"""Edges that Docker's clients reach and that once answered 500 or the wrong thing: a commit of a
container that has just exited, removing a restarting container, link-local addresses on the
default bridge, an exited container whose network is still being released."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.helpers.server import RunningServer

pytestmark = pytest.mark.usefixtures("busybox_loaded")


def start_true(client: httpx.Client, names: list[str], name: str) -> str:
    """A started `true`: by the next request it has exited, or is about to."""
    names.append(name)
    body = {"Image": "busybox", "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}}
    assert client.post("/containers/create", params={"name": name}, json=body).status_code == 201
    assert client.post(f"/containers/{name}/start").status_code == 204
    return name


def test_commit_of_a_container_that_has_just_exited_succeeds(client: httpx.Client, names: list[str]) -> None:
    # the race: the record still says running while runc has nothing left to pause
    for i in range(8):
        name = start_true(client, names, f"edge-commit-{i}")
        r = client.post("/commit", params={"container": name, "repo": "edge-commit", "tag": str(i), "pause": "1"})
        assert r.status_code == 201, r.text
        assert client.delete(f"/images/edge-commit:{i}").status_code in (200, 204)


def test_pause_of_a_container_that_has_just_exited_is_a_409(client: httpx.Client, names: list[str]) -> None:
    for i in range(8):
        name = start_true(client, names, f"edge-pause-{i}")
        r = client.post(f"/containers/{name}/pause")
        assert r.status_code in (204, 409), r.text  # 204 only if it was still running
        if r.status_code == 204:
            assert client.post(f"/containers/{name}/unpause").status_code == 204


def test_removing_a_restarting_container_needs_force(client: httpx.Client, names: list[str]) -> None:
    names.append("edge-restarting")
    body = {
        "Image": "busybox",
        "Cmd": ["false"],
        "HostConfig": {"NetworkMode": "none", "RestartPolicy": {"Name": "always"}},
    }
    assert client.post("/containers/create", params={"name": "edge-restarting"}, json=body).status_code == 201
    assert client.post("/containers/edge-restarting/start").status_code == 204
    deadline = time.monotonic() + 20
    while client.get("/containers/edge-restarting/json").json()["State"]["Status"] != "restarting":
        assert time.monotonic() < deadline, "never seen restarting"
        time.sleep(0.02)
    r = client.delete("/containers/edge-restarting")
    assert r.status_code == 409 and "restarting" in r.json()["message"]
    assert client.get("/containers/edge-restarting/json").status_code == 200
    assert client.delete("/containers/edge-restarting", params={"force": "1"}).status_code == 204
    assert client.get("/containers/edge-restarting/json").status_code == 404


def test_link_local_ips_on_the_default_bridge_are_assigned_and_reported(client: httpx.Client, names: list[str]) -> None:
    names.append("edge-ll")
    body = {
        "Image": "busybox",
        "Cmd": ["sh", "-c", "ip -4 addr show eth0; sleep 60"],
        "HostConfig": {"NetworkMode": "bridge"},
        "NetworkingConfig": {"EndpointsConfig": {"bridge": {"IPAMConfig": {"LinkLocalIPs": ["169.254.7.7"]}}}},
    }
    assert client.post("/containers/create", params={"name": "edge-ll"}, json=body).status_code == 201
    assert client.post("/containers/edge-ll/start").status_code == 204
    ep = client.get("/containers/edge-ll/json").json()["NetworkSettings"]["Networks"]["bridge"]
    assert ep["IPAMConfig"] == {"LinkLocalIPs": ["169.254.7.7"]}
    deadline = time.monotonic() + 10
    logs = b""
    while b"169.254.7.7/32" not in logs and time.monotonic() < deadline:
        time.sleep(0.1)
        logs = client.get("/containers/edge-ll/logs", params={"stdout": 1}).content
    assert b"169.254.7.7/32" in logs, logs


def test_a_bad_link_local_ip_is_a_400(client: httpx.Client) -> None:
    body = {
        "Image": "busybox",
        "NetworkingConfig": {"EndpointsConfig": {"bridge": {"IPAMConfig": {"LinkLocalIPs": ["not-an-ip"]}}}},
    }
    r = client.post("/containers/create", json=body)
    assert r.status_code == 400 and "invalid link-local IP address: not-an-ip" in r.json()["message"]


@pytest.mark.parametrize("how", ["remove-force", "kill"])
def test_a_long_stop_is_cut_short_by_a_sigkill(
    client: httpx.Client, server: RunningServer, names: list[str], how: str
) -> None:
    name = f"edge-longstop-{how}"
    names.append(name)
    body = {
        "Image": "busybox",
        "Cmd": ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"],
        "HostConfig": {"NetworkMode": "none"},
    }
    assert client.post("/containers/create", params={"name": name}, json=body).status_code == 201
    assert client.post(f"/containers/{name}/start").status_code == 204
    time.sleep(0.5)  # the trap is set
    with ThreadPoolExecutor(1) as pool, server.client() as other:
        stopping = pool.submit(other.post, f"/containers/{name}/stop", params={"t": 600}, timeout=120)
        time.sleep(1.0)  # the stop has sent SIGTERM and waits, holding the container
        started = time.monotonic()
        if how == "kill":
            assert client.post(f"/containers/{name}/kill").status_code == 204
        else:
            assert client.delete(f"/containers/{name}", params={"force": 1}).status_code == 204
        assert stopping.result().status_code == 204
        assert time.monotonic() - started < 15  # not the stop's 600 s


def test_an_exited_container_is_shown_once_its_network_is_released(
    client: httpx.Client, server: RunningServer, names: list[str]
) -> None:
    # kill returns with the signal sent; the exit's cleanup (CNI DEL, netns unmount) follows. An
    # inspect or list that shows the container exited must not be answered before it is done.
    netns_dir = server.exec_root / "netns"
    for i in range(5):
        name = f"edge-killed-{i}"
        names.append(name)
        body = {"Image": "busybox", "Cmd": ["sleep", "600"], "HostConfig": {"NetworkMode": "bridge"}}
        cid = client.post("/containers/create", params={"name": name}, json=body).json()["Id"]
        assert client.post(f"/containers/{name}/start").status_code == 204
        assert (netns_dir / cid).exists()
        assert client.post(f"/containers/{name}/kill").status_code == 204
        deadline = time.monotonic() + 10
        view = "list" if i % 2 else "inspect"
        while True:
            if view == "inspect":
                running = client.get(f"/containers/{name}/json").json()["State"]["Running"]
            else:
                listed = client.get("/containers/json", params={"all": 1, "filters": f'{{"name":["{name}"]}}'})
                running = listed.json()[0]["State"] == "running"
            if not running:
                break
            assert time.monotonic() < deadline, "the kill never ended the container"
        assert not (netns_dir / cid).exists(), f"{view} showed {name} exited while its netns was still mounted"
