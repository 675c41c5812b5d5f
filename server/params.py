"""Query values the spec can only type as strings: JSON filters, tail counts, streams."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.responses import StreamingResponse

from runtime.errors import InvalidParameter


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


def check_filter_keys(filters: dict[str, list[str]], allowed: tuple[str, ...]) -> None:
    for key in filters:
        if key not in allowed:
            raise InvalidParameter(f"invalid filter {key!r}, allowed: {', '.join(allowed)}")


def json_stream(items: AsyncIterator[dict[str, Any]], status_code: int = 200) -> StreamingResponse:
    """One JSON document per line, flushed as produced (events, stats, pull progress)."""

    async def body() -> AsyncIterator[bytes]:
        async for item in items:
            yield json.dumps(item).encode() + b"\n"

    return StreamingResponse(body(), status_code=status_code, media_type="application/json")
