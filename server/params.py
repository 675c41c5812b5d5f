"""Query values the spec can only type as strings: JSON filters, tail counts, streams."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from runtime.errors import EngineError, InvalidParameter
from server.errors import status_of

# How long a stream may take to produce its first item before the 200 head is sent anyway:
# lookups (no such container/image) fail at once; events may legitimately wait much longer.
FIRST_ITEM_GRACE = 0.2


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


class JSONLinesResponse(StreamingResponse):
    """A JSON-lines stream whose early engine errors still get their own status.

    Generators raise NotFound/InvalidParameter on their first step, but a StreamingResponse has
    sent "200, chunked" by then and can only cut the connection. Here the first item is awaited
    (for FIRST_ITEM_GRACE at most) before the head goes out: an EngineError raised by then is
    answered as {"message"} with its status, like any other handler's error."""

    def __init__(self, items: AsyncIterator[dict[str, Any]], status_code: int = 200) -> None:
        self.items = items
        super().__init__(self._lines(None), status_code=status_code, media_type="application/json")

    async def _lines(self, first: asyncio.Task[dict[str, Any]] | None) -> AsyncIterator[bytes]:
        if first is not None:
            try:
                yield json.dumps(await first).encode() + b"\n"
            except StopAsyncIteration:
                return
        async for item in self.items:
            yield json.dumps(item).encode() + b"\n"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        first = asyncio.ensure_future(anext(self.items))
        await asyncio.wait({first}, timeout=FIRST_ITEM_GRACE)
        if first.done() and isinstance(first.exception(), EngineError):
            exc = first.exception()
            assert isinstance(exc, EngineError)
            body = json.dumps({"message": exc.message}).encode()
            await Response(body, status_code=status_of(exc), media_type="application/json")(scope, receive, send)
            return
        self.body_iterator = self._lines(first)
        await super().__call__(scope, receive, send)


def json_stream(items: AsyncIterator[dict[str, Any]], status_code: int = 200) -> StreamingResponse:
    """One JSON document per line, flushed as produced (events, stats, pull progress)."""
    return JSONLinesResponse(items, status_code)
