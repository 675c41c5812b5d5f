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

from server.context import engine
from server.params import json_stream, parse_filters


async def _request_body(body: Any) -> AsyncIterator[bytes]:
    """The raw request body, whether connexion already read it or not."""
    if isinstance(body, (bytes, bytearray)):
        if body:
            yield bytes(body)
        return
    if isinstance(body, str):
        if body:
            yield body.encode("latin-1")
        return
    async for chunk in connexion.request.stream():
        yield chunk


async def _lines(items: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    for item in items:
        yield item


async def image_list(all: bool = False, digests: bool = False, filters: str | None = None) -> list[dict[str, Any]]:  # noqa: A002
    return engine().images.list_images(all_=all, digests=digests, filters=parse_filters(filters))


async def image_inspect(imageid: str) -> dict[str, Any]:
    return engine().images.inspect(imageid)


async def image_history(imageid: str) -> list[dict[str, Any]]:
    return await asyncio.to_thread(engine().images.history, imageid)


async def image_tag(imageid: str, repo: str | None = None, tag: str | None = None) -> tuple[None, int]:
    await asyncio.to_thread(engine().images.tag, imageid, repo, tag)
    return None, 201


async def image_delete(imageid: str, force: bool = False) -> tuple[None, int]:
    await asyncio.to_thread(engine().images.delete, imageid, force)
    return None, 204


async def image_load(name: str | None = None, body: Any = None) -> Response:
    loaded = await engine().images.load(_request_body(body), name)
    return json_stream(_lines([{"stream": f"Loaded image: {n}\n"} for n in loaded]))


async def image_save(name: str | None = None) -> Response:
    path: Path = await asyncio.to_thread(engine().images.save_file, [name] if name else [])
    return FileResponse(path, media_type="application/x-tar", background=BackgroundTask(os.unlink, path))


async def image_commit(
    container: str,
    repo: str | None = None,
    tag: str | None = None,
    comment: str | None = None,
    author: str | None = None,
    body: dict[str, Any] | None = None,
) -> tuple[dict[str, str], int]:
    opts = body or {}
    rec = await asyncio.to_thread(
        engine().images.commit_container,
        container,
        repo or opts.get("Repository"),
        tag or opts.get("Tag"),
        author or opts.get("Author"),
        comment or opts.get("Comment"),
    )
    return {"Id": rec["Id"]}, 201
