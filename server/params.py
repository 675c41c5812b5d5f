"""Query values the spec can only type as strings: JSON filters, tail counts, streams."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import connexion
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from runtime.errors import EngineError, InvalidParameter
from server.encoding import compact_json
from server.errors import status_of

# Loop turns a stream's first step may take before the 200 head goes out: long enough for a
# generator that fails on its first step (before any I/O), never a wait for a first event.
FIRST_STEP_TURNS = 2


def parse_filters(raw: str | None) -> dict[str, list[str]]:
    """``filters`` as dockerd takes it: map[string][]string, or the legacy map[string]map[string]bool."""
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        raise InvalidParameter(f"invalid filters {raw!r}: not JSON") from None
    if not isinstance(value, dict):
        raise InvalidParameter("invalid filters: want a JSON object of lists")
    out: dict[str, list[str]] = {}
    for key, values in value.items():
        if isinstance(values, dict) and all(isinstance(v, bool) for v in values.values()):
            values = [k for k, on in values.items() if on]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InvalidParameter(f"invalid filter {key!r}: want a list of strings")
        out[key] = values
    return out


async def request_body(body: Any = None) -> AsyncIterator[bytes]:
    """The raw request body, whether connexion already read it or not."""
    if isinstance(body, (bytes, bytearray)):
        if body:
            yield bytes(body)
        return
    if isinstance(body, str):
        if body:
            yield body.encode("latin-1")
        return
    headers = connexion.request.headers
    if not int(headers.get("content-length") or 0) and "chunked" not in headers.get("transfer-encoding", ""):
        return  # no body at all: nothing to wait for on the connection
    async for chunk in connexion.request.stream():
        yield chunk


class JSONLinesResponse(StreamingResponse):
    """A JSON-lines stream (compact JSON, one document a line) whose head goes out at once.

    Lookups and argument checks happen before the stream is made (their errors get their own
    status like any handler's). An error a generator raises on its very first step, before any
    I/O, still gets its status: the first step is given FIRST_STEP_TURNS of the event loop, not a
    timeout. An error found later goes into the stream, as dockerd does."""

    def __init__(self, items: AsyncIterator[dict[str, Any]], status_code: int = 200) -> None:
        self.items = items
        super().__init__(self._lines(None), status_code=status_code, media_type="application/json")

    async def _lines(self, first: asyncio.Task[dict[str, Any]] | None) -> AsyncIterator[bytes]:
        if first is not None:
            try:
                yield _line(await first)
            except StopAsyncIteration:
                return
        async for item in self.items:
            yield _line(item)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        first = asyncio.ensure_future(anext(self.items))
        for _ in range(FIRST_STEP_TURNS):
            if first.done():
                break
            await asyncio.sleep(0)
        if first.done() and isinstance(first.exception(), EngineError):
            exc = first.exception()
            assert isinstance(exc, EngineError)
            body = json.dumps({"message": exc.message}).encode()
            await Response(body, status_code=status_of(exc), media_type="application/json")(scope, receive, send)
            return
        self.body_iterator = self._lines(first)
        await super().__call__(scope, receive, send)


def _line(item: dict[str, Any]) -> bytes:
    return compact_json(item) + b"\n"


def json_stream(items: AsyncIterator[dict[str, Any]], status_code: int = 200) -> StreamingResponse:
    """One JSON document per line, flushed as produced (events, stats, pull progress)."""
    return JSONLinesResponse(items, status_code)
