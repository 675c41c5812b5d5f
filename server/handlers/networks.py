"""Handlers for the networks operations (HTTP glue only: parse, call the engine, shape the response)."""

from __future__ import annotations

from typing import Any

from runtime.errors import InvalidParameter
from server.context import engine
from server.params import parse_filters


def _container_ref(body: dict[str, Any] | None) -> str:
    ref = (body or {}).get("Container")
    if not isinstance(ref, str) or not ref:
        raise InvalidParameter("Container is required: the ID or name of a container")
    return ref


async def network_list(filters: str | None = None) -> list[dict[str, Any]]:
    return engine().networks.list_networks(parse_filters(filters))


async def network_create(body: dict[str, Any] | None = None) -> tuple[dict[str, Any], int]:
    return await engine().networks.create(body or {}), 201


async def network_inspect(id_: str) -> dict[str, Any]:
    return engine().networks.inspect(id_)


async def network_delete(id_: str) -> tuple[None, int]:
    await engine().networks.remove(id_)
    return None, 204


async def network_connect(id_: str, body: dict[str, Any] | None = None) -> tuple[None, int]:
    await engine().networks.connect(id_, _container_ref(body), (body or {}).get("EndpointConfig"))
    return None, 200


async def network_disconnect(id_: str, body: dict[str, Any] | None = None) -> tuple[None, int]:
    await engine().networks.disconnect(id_, _container_ref(body), bool((body or {}).get("Force")))
    return None, 200
