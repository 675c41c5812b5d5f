"""Handlers for the images operations (HTTP glue only: parse, call the engine, shape the response)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import connexion
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response

from runtime.errors import InvalidParameter
from runtime.images.registry import AuthConfig, decode_registry_auth
from server.context import engine
from server.params import json_stream, parse_filters, request_body


async def _lines(items: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    for item in items:
        yield item


def _registry_auth() -> AuthConfig:
    return decode_registry_auth(connexion.request.headers.get("x-registry-auth"))


async def image_create(
    from_image: str | None = None,
    from_src: str | None = None,
    repo: str | None = None,
    tag: str | None = None,
    changes: list[str] | None = None,
    body: Any = None,
) -> Response:
    """Pull (fromImage) or import (fromSrc): both answer with a JSON progress stream."""
    images = engine().images
    if from_image and from_src:
        raise InvalidParameter("fromImage and fromSrc are mutually exclusive")
    if from_image:
        return json_stream(await images.pull(from_image, tag, _registry_auth()))
    if from_src:
        if from_src == "-":
            rec = await images.import_(request_body(body), repo, tag, changes)
        else:
            rec = await images.import_url(from_src, repo, tag, changes)
        return json_stream(_lines([{"status": rec["Id"]}]))
    raise InvalidParameter("fromImage or fromSrc is required")


async def image_push(imageid: str, tag: str | None = None) -> Response:
    auth = _registry_auth()
    return json_stream(engine().images.push(imageid, tag, auth))


async def image_search(term: str, registry: str | None = None) -> list[dict[str, Any]]:
    return await engine().images.search(term, registry)


async def image_list(all: bool = False, digests: bool = False, filters: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
    return engine().images.list_images(all_=all, digests=digests, filters=parse_filters(filters))


async def image_inspect(imageid: str) -> dict[str, Any]:
    return engine().images.inspect(imageid)


async def image_history(imageid: str) -> list[dict[str, Any]]:
    return await asyncio.to_thread(engine().images.history, imageid)


async def image_tag(imageid: str, repo: str | None = None, tag: str | None = None) -> tuple[None, int]:
    await asyncio.to_thread(engine().images.tag, imageid, repo, tag)
    return None, 201


async def image_delete(imageid: str, force: bool = False) -> tuple[list[dict[str, str]], int]:
    """What was untagged and deleted (dockerd's body; a Pouch client gets 204: server/dialects.py)."""
    return await asyncio.to_thread(engine().images.delete, imageid, force), 200


async def image_load(name: str | None = None, body: Any = None) -> Response:
    loaded = await engine().images.load(request_body(body), name)
    return json_stream(_lines([{"stream": f"Loaded image: {n}\n"} for n in loaded]))


async def image_save(name: str | None = None) -> Response:
    return await _saved([name] if name else [])


async def image_get(imageid: str) -> Response:
    return await _saved([imageid])


async def image_get_all(names: list[str]) -> Response:
    return await _saved(names)


async def _saved(names: list[str]) -> Response:
    path: Path = await asyncio.to_thread(engine().images.save_file, names)
    return FileResponse(path, media_type="application/x-tar", background=BackgroundTask(os.unlink, path))


async def image_commit(
    container: str,
    repo: str | None = None,
    tag: str | None = None,
    comment: str | None = None,
    author: str | None = None,
    pause: bool = True,
    changes: list[str] | None = None,
    body: dict[str, Any] | None = None,
) -> tuple[dict[str, str], int]:
    opts = body or {}
    rec = await engine().containers.commit(
        container,
        repo or opts.get("Repository"),
        tag or opts.get("Tag"),
        author or opts.get("Author"),
        comment or opts.get("Comment"),
        pause=bool(pause),
        changes=changes,
    )
    return {"Id": rec["Id"]}, 201
