"""Shared fixtures: a real server per test session (and fresh ones on demand)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.server import RunningServer

IS_ROOT = os.geteuid() == 0


def require_root_stack() -> None:
    """Skip (with the reason) where the machine truly lacks what real containers need."""
    if not IS_ROOT:
        pytest.skip("needs root: containers, mounts and cgroups")
    for tool in ("runc", "conmon"):
        if shutil.which(tool) is None and shutil.which(tool, path="/usr/sbin:/usr/bin:/usr/libexec/podman") is None:
            pytest.skip(f"{tool} is not installed")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    srv = RunningServer(tmp_path_factory.mktemp("pouchd")).start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server: RunningServer) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[RunningServer]:
    """A server of the test's own, for restarts and kill -9."""
    srv = RunningServer(tmp_path / "srv")
    yield srv
    srv.stop()


@pytest.fixture(scope="session", autouse=True)
def _purge_servers_at_session_end() -> Iterator[None]:
    """Containers outlive a server stop by design (live restore): at the end, every server
    the session started is brought back if needed and emptied, so no container, mount,
    netns or bridge of the tests outlives them."""
    yield
    for srv in RunningServer.started:
        srv.purge()
        srv.stop()
