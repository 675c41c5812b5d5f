"""System operations: ping, version, info, events, auth, daemon update."""

from __future__ import annotations

from typing import Any

from starlette.responses import PlainTextResponse

from runtime.images.registry import auth_from_body
from server.context import engine
from server.params import json_stream, parse_filters


async def system_ping() -> PlainTextResponse:
    return PlainTextResponse("OK")


async def system_version() -> dict[str, Any]:
    return engine().system.version()


async def system_info() -> dict[str, Any]:
    return engine().system.info()


async def daemon_update(body: dict[str, Any] | None = None) -> tuple[None, int]:
    body = body or {}
    engine().system.update(body.get("Labels"), body.get("ImageProxy"))
    return None, 200


async def system_events(since: str | None = None, until: str | None = None, filters: str | None = None) -> Any:
    return json_stream(engine().events.stream(since=since, until=until, filters=parse_filters(filters)))


async def system_auth(body: dict[str, Any] | None = None) -> dict[str, str]:
    """POST /auth: check the credentials against the registry itself (runtime/images/registry.py)."""
    return await engine().images.login(auth_from_body(body))
