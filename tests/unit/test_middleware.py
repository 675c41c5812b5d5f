"""Docker-compat middleware: version prefixes and Go-style query booleans."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from server.app_spec import load_spec
from server.middleware import DockerCompatMiddleware, boolean_query_params


def run(path: str, query: bytes = b"") -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    seen: dict[str, Any] = {}
    sent: list[dict[str, Any]] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(scope)

    async def send(msg: dict[str, Any]) -> None:
        sent.append(msg)

    mw = DockerCompatMiddleware(app, {"all", "force", "stream"})
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


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (b"all=1", b"all=true"),
        (b"all=0", b"all=false"),
        (b"all=True&force=F", b"all=true&force=false"),
        (b"all=true", b"all=true"),
        (b"t=0&all=1", b"t=0&all=true"),  # t is an integer: untouched
        (b"all=maybe", b"all=maybe"),  # left for validation to refuse
        (b'filters=%7B%22a%22%3A%5B%5D%7D&stream=1', b"filters=%7B%22a%22%3A%5B%5D%7D&stream=true"),
    ],
)
def test_go_style_booleans_are_normalised(query: bytes, expected: bytes) -> None:
    scope, _ = run("/containers/json", query)
    assert scope is not None
    assert scope["query_string"] == expected


def test_boolean_params_come_from_the_spec_and_never_clash_with_other_types() -> None:
    spec = load_spec()
    booleans = boolean_query_params(spec)
    assert {"all", "force", "stream", "follow", "size"} <= booleans
    for item in spec["paths"].values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for p in op.get("parameters", []):
                if p.get("in") == "query" and p["name"] in booleans:
                    assert p["type"] == "boolean", (p["name"], "typed boolean elsewhere")
