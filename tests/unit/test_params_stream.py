"""server/params.py json_stream: early engine errors keep their status; items stream as lines."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from runtime.errors import NotFound
from server.params import json_stream


async def _run(items: AsyncIterator[dict[str, Any]]) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(10)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"spec_version": "2.4"}, "method": "GET", "path": "/", "headers": []}
    await json_stream(items)(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


def test_an_error_before_the_first_item_keeps_its_status() -> None:
    async def missing() -> AsyncIterator[dict[str, Any]]:
        raise NotFound("No such container: x")
        yield {}  # pragma: no cover

    status, body = asyncio.run(_run(missing()))
    assert status == 404 and json.loads(body) == {"message": "No such container: x"}


def test_items_stream_as_json_lines_even_when_the_first_is_slow() -> None:
    async def slow() -> AsyncIterator[dict[str, Any]]:
        await asyncio.sleep(0.4)  # longer than the grace: the head goes out first
        yield {"n": 1}
        yield {"n": 2}

    status, body = asyncio.run(_run(slow()))
    assert status == 200 and [json.loads(x) for x in body.splitlines()] == [{"n": 1}, {"n": 2}]


def test_an_empty_stream_is_an_empty_200() -> None:
    async def empty() -> AsyncIterator[dict[str, Any]]:
        return
        yield {}  # pragma: no cover

    assert asyncio.run(_run(empty())) == (200, b"")
