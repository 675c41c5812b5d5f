"""Handlers for the volumes operations (HTTP glue only: parse, call the engine, shape the response)."""

from __future__ import annotations

from typing import Any

from runtime.errors import InvalidParameter
from server.context import engine
from server.params import parse_filters


def _map(body: dict[str, Any], key: str) -> dict[str, str] | None:
    value = body.get(key)
    if value is not None and not isinstance(value, dict):
        raise InvalidParameter(f"invalid {key}: want a map of strings")
    return value


async def volume_create(body: dict[str, Any] | None = None) -> tuple[dict[str, Any], int]:
    body = body or {}
    info = await engine().volumes.create(
        name=body.get("Name") or None,
        driver=body.get("Driver") or None,
        driver_opts=_map(body, "DriverOpts"),
        labels=_map(body, "Labels"),
    )
    return info, 201


async def volume_list(filters: str | None = None) -> dict[str, Any]:
    return {"Volumes": engine().volumes.list_volumes(parse_filters(filters)), "Warnings": []}


async def volume_inspect(id_: str) -> dict[str, Any]:
    return engine().volumes.inspect(id_)


async def volume_delete(id_: str) -> tuple[None, int]:
    await engine().volumes.remove(id_)
    return None, 204
