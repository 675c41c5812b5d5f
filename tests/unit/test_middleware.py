"""Docker-compat middleware: version prefixes (query reading: tests/unit/test_reading.py)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from server.middleware import DockerCompatMiddleware


def run(path: str, query: bytes = b"") -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    seen: dict[str, Any] = {}
    sent: list[dict[str, Any]] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(scope)

    async def send(msg: dict[str, Any]) -> None:
        sent.append(msg)

    mw = DockerCompatMiddleware(app)
    asyncio.run(mw({"type": "http", "path": path, "query_string": query, "raw_path": path.encode()}, None, send))
    return (seen or None), sent


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/containers/json", "/v1.24/containers/json"),
        ("/v1.24/containers/json", "/v1.24/containers/json"),
        ("/v1.19/containers/json", "/v1.24/containers/json"),
        ("/_ping", "/v1.24/_ping"),
        ("/v1.24", "/v1.24"),
    ],
)
def test_paths_are_served_under_the_spec_base(path: str, expected: str) -> None:
    scope, _ = run(path)
    assert scope is not None
    assert scope["path"] == expected
    assert scope["raw_path"] == expected.encode()


def test_newer_client_version_is_refused_with_a_message() -> None:
    scope, sent = run("/v1.41/version")
    assert scope is None
    assert sent[0]["status"] == 400
    assert "too new" in json.loads(sent[1]["body"])["message"]
