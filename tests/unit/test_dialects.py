"""server/dialects.py: which client a request shows, and dockerd's shapes of the answers."""

from __future__ import annotations

import pytest

from server import dialects
from server.dialects import Dialect, DockerNames


@pytest.mark.parametrize(
    ("headers", "dialect"),
    [
        ({"user-agent": "Docker-Client/28.2.2 (linux)"}, Dialect.DOCKER),
        ({"user-agent": "docker-sdk-python/7.1.0"}, Dialect.DOCKER),
        ({"user-agent": "Go-http-client/1.1", "host": "docker"}, Dialect.DOCKER),  # docker CLI 20.10 (Debian)
        ({"user-agent": "Go-http-client/1.1", "host": "api.moby.localhost"}, Dialect.DOCKER),
        ({"user-agent": "Go-http-client/1.1", "host": "d"}, Dialect.POUCH),  # pouch CLI on the unix socket
        ({"user-agent": "python-httpx/0.28.1", "host": "pouch"}, Dialect.POUCH),
        ({}, Dialect.POUCH),
    ],
)
def test_the_request_shows_its_client(headers: dict[str, str], dialect: Dialect) -> None:
    assert dialects.of_headers([(k.encode(), v.encode()) for k, v in headers.items()]) is dialect


SHAPERS = dialects.shapers(DockerNames("registry.example:5000"))


def test_container_answers_for_docker_clients() -> None:
    view = {"Name": "web", "State": {"Status": "stopped", "Running": False}}
    assert dialects.shape(SHAPERS["ContainerInspect"], view, Dialect.DOCKER) == {
        "Name": "/web", "State": {"Status": "exited", "Running": False}}
    assert dialects.shape(SHAPERS["ContainerInspect"], view, Dialect.POUCH) is view
    rows = dialects.shape(SHAPERS["ContainerList"], [{"Names": ["web"], "State": "stopped"}], Dialect.DOCKER)
    assert rows == [{"Names": ["/web"], "State": "exited"}]


def test_wait_error_per_client() -> None:
    shaper = SHAPERS["ContainerWait"]
    assert dialects.shape(shaper, {"StatusCode": 0, "Error": ""}, Dialect.POUCH) == {"StatusCode": 0}
    assert dialects.shape(shaper, {"StatusCode": 1, "Error": "boom"}, Dialect.POUCH)["Error"] == "boom"
    assert dialects.shape(shaper, {"StatusCode": 1, "Error": "boom"}, Dialect.DOCKER)["Error"] == {"Message": "boom"}


def test_images_for_docker_clients() -> None:
    entry = {"RepoTags": ["registry.example:5000/library/busybox:latest", "registry.example:5000/cli/app:1",
                          "other:5000/x:1"], "Created": "2024-01-02T03:04:05.123456789Z"}
    (got,) = dialects.shape(SHAPERS["ImageList"], [entry], Dialect.DOCKER)
    assert got["RepoTags"] == ["busybox:latest", "cli/app:1", "other:5000/x:1"]
    assert got["Created"] == 1704164645
    deleted = [{"Untagged": "registry.example:5000/library/busybox:latest"}, {"Deleted": "sha256:ab"}]
    assert dialects.shape(SHAPERS["ImageDelete"], (deleted, 200), Dialect.DOCKER) == (
        [{"Untagged": "busybox:latest"}, {"Deleted": "sha256:ab"}], 200)
    assert dialects.shape(SHAPERS["ImageDelete"], (deleted, 200), Dialect.POUCH).status_code == 204


def test_docker_exited_filter_also_means_stopped() -> None:
    got = dialects.docker_arguments("ContainerList", {"filters": '{"status": {"exited": true}}'})
    assert got["filters"] == '{"status": {"exited": true, "stopped": true}}'
    assert dialects.docker_arguments("ContainerList", {"all_": True}) == {"all_": True}
