"""Handlers for the containers operations (HTTP glue only: parse, call the engine, shape the response)."""

from __future__ import annotations

import asyncio
import contextlib
import os
from typing import Any

import connexion
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response, StreamingResponse

from runtime.clock import parse_timestamp
from runtime.containers.archive import STAT_HEADER, encode_stat
from runtime.containers.attach import AttachSession, ExecSession
from runtime.containers.logs import LogOptions, frame, parse_tail
from runtime.errors import InvalidParameter
from server import hijack
from server.context import engine
from server.params import json_stream, parse_filters, request_body

RAW_STREAM = "application/vnd.raw-stream"


# What a hijacking handler returns: the connection already carried the answer, the server
# swallows it; an explicit response keeps connexion from guessing a content type.
def hijacked() -> Response:
    return Response(status_code=200, media_type=RAW_STREAM)


async def container_create(body: dict[str, Any], name: str | None = None) -> tuple[dict[str, Any], int]:
    return await engine().containers.create(body, name), 201


async def container_list(all_: bool = False, filters: str | None = None) -> list[dict[str, Any]]:
    return await engine().containers.list(all_=bool(all_), filters=parse_filters(filters))


async def container_inspect(id_: str, size: bool = False) -> dict[str, Any]:
    return await engine().containers.inspect(id_, size=bool(size))


async def container_remove(id_: str, force: bool = False, v: bool = False) -> tuple[None, int]:
    await engine().containers.remove(id_, force=bool(force), volumes=bool(v))
    return None, 204


async def container_start(
    id_: str, checkpoint: str | None = None, checkpoint_dir: str | None = None, detach_keys: str | None = None
) -> tuple[None, int]:
    await engine().containers.start(id_, checkpoint=checkpoint or None, checkpoint_dir=checkpoint_dir or None)
    return None, 204


async def container_stop(id_: str, t: int | None = None) -> tuple[None, int]:
    await engine().containers.stop(id_, t)
    return None, 204


async def container_restart(id_: str, t: int | None = None) -> tuple[None, int]:
    await engine().containers.restart(id_, t)
    return None, 204


async def container_kill(id_: str, signal: str | None = None) -> tuple[None, int]:
    await engine().containers.kill(id_, signal or None)
    return None, 204


async def container_pause(id_: str) -> tuple[None, int]:
    await engine().containers.pause(id_)
    return None, 204


async def container_unpause(id_: str) -> tuple[None, int]:
    await engine().containers.unpause(id_)
    return None, 204


async def container_wait(id_: str) -> dict[str, Any]:
    return await engine().containers.wait(id_)


async def container_rename(id_: str, name: str) -> tuple[None, int]:
    await engine().containers.rename(id_, name)
    return None, 204


async def container_logs(
    id_: str,
    follow: bool = False,
    since: str | None = None,
    stderr: bool = False,
    stdout: bool = False,
    tail: str | None = None,
    timestamps: bool = False,
    until: str | None = None,
) -> StreamingResponse:
    opts = LogOptions(
        stdout=bool(stdout),
        stderr=bool(stderr),
        since=(parse_timestamp(since, "since") or 0) / 1e9,
        until=(parse_timestamp(until, "until") or 0) / 1e9,
        tail=parse_tail(tail),
        timestamps=bool(timestamps),
        follow=bool(follow),
    )
    body = engine().container_streams.logs(id_, opts)
    return StreamingResponse(body, status_code=200, media_type=RAW_STREAM)


async def container_attach(
    id_: str,
    detach_keys: str | None = None,
    logs: bool = False,
    stderr: bool = False,
    stdin: bool = False,
    stdout: bool = False,
    stream: bool = False,
) -> Response:
    session = await engine().container_streams.attach(
        id_, bool(stdin), bool(stdout), bool(stderr), bool(logs), bool(stream), detach_keys
    )
    conn = await hijack.hijack(connexion.request.scope)
    conn.send_head()
    await relay(session, conn)
    return hijacked()


async def relay(session: AttachSession | ExecSession, conn: hijack.HijackedConnection, raw: bool | None = None) -> None:
    """A session's output to the client (framed unless ``raw``: by default the session's TTY),
    the client's input to it."""
    raw = session.tty if raw is None else raw
    stdin_task = asyncio.ensure_future(_client_input(session, conn))
    try:
        async for stream_no, data in session.output():
            conn.write(data if raw else frame(stream_no, data))
            await conn.drain()
            if conn.closed:
                break
    finally:
        stdin_task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await stdin_task
        await session.finish()
        conn.close()


async def _client_input(session: AttachSession | ExecSession, conn: hijack.HijackedConnection) -> None:
    """Forward stdin; when the client goes away entirely, end the session (output may be idle)."""
    await session.pump_stdin(conn.reader)
    while not conn.reader.at_eof():
        if not await conn.reader.read(65536):
            break
    await asyncio.sleep(0)
    if conn.closed:
        session.close()


async def container_resize(id_: str, h: str | None = None, w: str | None = None) -> tuple[None, int]:
    await engine().container_streams.resize(id_, _dimension(h, "h"), _dimension(w, "w"))
    return None, 200


def _dimension(value: str | None, name: str) -> int:
    try:
        n = int(value or 0)
    except ValueError:
        raise InvalidParameter(f"invalid {name} value {value!r}: want a positive integer") from None
    if n < 0 or n > 65535:
        raise InvalidParameter(f"invalid {name} value {value!r}: want a positive integer")
    return n


async def container_top(id_: str, ps_args: str | None = None) -> dict[str, Any]:
    return await engine().container_streams.top(id_, ps_args or "")


async def container_stats(id_: str, stream: bool = True) -> Any:
    items = engine().container_streams.stats(id_, stream=bool(stream))
    if not stream:
        async for one in items:
            return one
        return {}
    return json_stream(items)


async def container_update(id_: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    warnings = await engine().containers.update(id_, body or {})
    return {"Warnings": warnings}


async def container_upgrade(id_: str, body: dict[str, Any] | None = None) -> tuple[None, int]:
    await engine().containers.upgrade(id_, body or {})
    return None, 200


async def container_checkpoint_create(id_: str, body: dict[str, Any] | None = None) -> tuple[None, int]:
    body = body or {}
    await engine().containers.checkpoint_create(
        id_, body.get("CheckpointID"), body.get("CheckpointDir") or None, bool(body.get("Exit"))
    )
    return None, 201


async def container_checkpoint_list(id_: str, checkpointdir: str | None = None) -> list[dict[str, str]]:
    return engine().containers.checkpoint_list(id_, checkpointdir or None)


async def container_checkpoint_delete(id_: str, checkpoint_id: str, dir_: str | None = None) -> tuple[None, int]:
    engine().containers.checkpoint_delete(id_, checkpoint_id, dir_ or None)
    return None, 204


async def container_changes(id_: str) -> list[dict[str, Any]]:
    return await engine().container_files.changes(id_)


async def container_archive_info(id_: str, path: str) -> tuple[None, int, dict[str, str]]:
    path_stat = await engine().container_files.stat(id_, path)
    return None, 200, {STAT_HEADER: encode_stat(path_stat)}


async def container_archive(id_: str, path: str) -> Response:
    tar, path_stat = await engine().container_files.get_archive(id_, path)
    return FileResponse(
        tar,
        media_type="application/x-tar",
        headers={STAT_HEADER: encode_stat(path_stat)},
        background=BackgroundTask(os.unlink, tar),
    )


async def container_archive_put(
    id_: str, path: str, no_overwrite_dir_non_dir: bool = False, copy_uidgid: bool = False
) -> tuple[None, int]:
    await engine().container_files.put_archive(
        id_, path, request_body(), bool(no_overwrite_dir_non_dir), bool(copy_uidgid)
    )
    return None, 200
