"""Docker's own clients against a real pouchd: the docker CLI of Debian's docker.io package
(20.10, /usr/bin/docker, by path: another docker may be first on PATH) and docker-py 7.1,
both pinned to API 1.24.

One server and one local registry per session; the registry holds ``library/busybox:latest``
and is the server's --default-registry, so ``busybox`` means that image (as docker.io does
for dockerd). The suite skips, saying why, only where the CLI or docker-py is not installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import busybox_tar
from tests.helpers.registry import LocalRegistry
from tests.helpers.server import RunningServer

DOCKER_CLI = "/usr/bin/docker"  # Debian's docker.io; /usr/local/bin/docker may be a newer one
API_VERSION = "1.24"
TICKER = "echo started; i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"


class Stack:
    def __init__(self, server: RunningServer, registry: LocalRegistry, config_dir: Path) -> None:
        self.server = server
        self.registry = registry
        self.config_dir = config_dir
        self.socket = server.socket
        self.base_url = f"unix://{server.socket}"

    def api(self) -> httpx.Client:
        return self.server.client(timeout=120)

    def inspect(self, kind: str, name: str) -> tuple[int, Any]:
        with self.api() as c:
            r = c.get(f"/{kind}/{name}/json" if kind != "volumes" else f"/volumes/{name}")
            return r.status_code, (r.json() if r.content else None)

    def run_container(self, name: str, cmd: list[str], **extra: Any) -> str:
        """Create and start a container through the API itself (setup independent of the clients)."""
        body = {"Image": "busybox", "Cmd": cmd, "HostConfig": {"NetworkMode": "bridge"}, **extra}
        with self.api() as c:
            r = c.post("/containers/create", params={"name": name}, json=body)
            assert r.status_code == 201, r.text
            cid = str(r.json()["Id"])
            r = c.post(f"/containers/{cid}/start")
            assert r.status_code == 204, r.text
        return cid

    def remove(self, *names: str) -> None:
        with self.api() as c:
            for name in names:
                c.delete(f"/containers/{name}", params={"force": "true", "v": "true"})

    def remove_image(self, *names: str) -> None:
        with self.api() as c:
            for name in names:
                c.delete(f"/images/{name}", params={"force": "true"})

    def pid(self, name: str) -> int:
        status, info = self.inspect("containers", name)
        assert status == 200, info
        return int(info["State"]["Pid"])

    def container_file(self, name: str, path: str) -> Path:
        """A path inside a running container, seen from the host (its root through /proc)."""
        return Path(f"/proc/{self.pid(name)}/root") / path.lstrip("/")

    def registry_manifest(self, repo: str, tag: str) -> int:
        req = urllib.request.Request(
            f"http://{self.registry.host}/v2/{repo}/manifests/{tag}",
            headers={"Accept": "application/vnd.oci.image.manifest.v1+json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as r:  # noqa: S310 - the local test registry
                return int(r.status)
        except urllib.error.HTTPError as e:
            return int(e.code)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    require_root_stack()
    registry = LocalRegistry(tmp_path_factory.mktemp("compat-registry")).start()
    registry.seed(busybox_tar(), "library/busybox:latest")
    server = RunningServer(
        tmp_path_factory.mktemp("compat-pouchd"),
        extra_args=["--insecure-registries", registry.host, "--default-registry", registry.host],
    ).start()
    with server.client(timeout=120) as c:
        r = c.post("/images/create", params={"fromImage": "busybox", "tag": "latest"})
        assert r.status_code == 200, r.text
    config_dir = tmp_path_factory.mktemp("docker-config")
    yield Stack(server, registry, config_dir)
    server.purge()
    server.stop()
    registry.stop()


class DockerCLI:
    """The docker CLI by path, talking to our socket at API 1.24 with its own config dir."""

    def __init__(self, stack: Stack, cwd: Path) -> None:
        self.stack = stack
        self.cwd = cwd
        self.env = dict(
            os.environ,
            DOCKER_HOST=stack.base_url,
            DOCKER_API_VERSION=API_VERSION,
            DOCKER_CONFIG=str(stack.config_dir),
        )

    def __call__(self, *args: str, stdin: bytes | None = None, timeout: float = 90) -> subprocess.CompletedProcess[str]:
        p = subprocess.run(
            [DOCKER_CLI, *args],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=self.env,
            cwd=self.cwd,
        )
        return subprocess.CompletedProcess(
            p.args, p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
        )

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [DOCKER_CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env, cwd=self.cwd
        )


@pytest.fixture
def docker(stack: Stack, tmp_path: Path) -> DockerCLI:
    if not os.access(DOCKER_CLI, os.X_OK):
        pytest.skip(f"the docker CLI (Debian's docker.io) is not installed at {DOCKER_CLI}")
    return DockerCLI(stack, tmp_path)


@pytest.fixture
def dockerpy(stack: Stack) -> Any:
    return pytest.importorskip("docker", reason="docker-py (PyPI docker==7.1.0) is not installed")


@pytest.fixture
def api(stack: Stack, dockerpy: Any) -> Iterator[Any]:
    client = dockerpy.APIClient(base_url=stack.base_url, version=API_VERSION, timeout=120)
    yield client
    client.close()


@pytest.fixture
def hl(stack: Stack, dockerpy: Any) -> Iterator[Any]:
    client = dockerpy.DockerClient(base_url=stack.base_url, version=API_VERSION, timeout=120)
    yield client
    client.close()


def wait_for(pred: Any, timeout: float = 20, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def jsonl(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
