"""Fixtures shared by the end-to-end modules."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import load_busybox
from tests.helpers.server import RunningServer


@pytest.fixture(scope="module")
def busybox_loaded(server: RunningServer) -> None:
    """The session server has the busybox test image (root stack required)."""
    require_root_stack()
    with server.client() as c:
        load_busybox(c)


@pytest.fixture
def names(client: httpx.Client) -> Iterator[list[str]]:
    """Containers, networks and volumes a test creates by name, removed afterwards."""
    made: list[str] = []
    yield made
    for name in made:
        client.delete(f"/containers/{name}", params={"force": "1"})
        client.delete(f"/networks/{name}")
        client.delete(f"/volumes/{name}")
