"""Handlers for the exec operations (HTTP glue only: parse, call the engine, shape the response)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import connexion

from runtime.containers.attach import DetachScanner, pump_input
from runtime.containers.execs import ExecSession
from runtime.containers.logs import STDERR, STDOUT, frame
from runtime.errors import InvalidParameter
from server import hijack
from server.context import engine
from server.handlers.containers import _dimension, hijacked

PIPES = {2: STDOUT, 3: STDERR}


async def container_exec(id_: str, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    if not isinstance(body, dict):
        raise InvalidParameter("body must be an ExecCreateConfig object")
    return {"Id": engine().execs.create(id_, body)}, 201


async def exec_inspect(id_: str) -> dict[str, Any]:
    return engine().execs.inspect(id_)


async def exec_resize(id_: str, h: str | None = None, w: str | None = None) -> tuple[None, int]:
    engine().execs.resize(id_, _dimension(h, "h"), _dimension(w, "w"))
    return None, 200


async def exec_start(id_: str, body: dict[str, Any] | None = None) -> Any:
    body = body or {}
    execs = engine().execs
    if body.get("Detach"):
        await execs.start(id_, detach=True)
        return hijacked()  # an empty 200 that names its content type (the spec lists two)
    execs.get(id_)  # 404 before the connection is taken over
    conn = await hijack.hijack(connexion.request.scope)

    async def attached(session: ExecSession) -> None:
        conn.send_head()

    try:
        session = await execs.start(id_, detach=False, on_attached=attached)
    except Exception as exc:
        # The head may already be out: report on the raw stream the way dockerd does.
        conn.write(f"Error: {getattr(exc, 'message', exc)}\r\n".encode())
        conn.close()
        return hijacked()
    assert session is not None
    detached = asyncio.Event()
    output = asyncio.ensure_future(_pump_output(session, conn))
    stdin_task = asyncio.ensure_future(_pump_stdin(session, conn.reader, detached)) if session.stdin else None
    detach_wait = asyncio.ensure_future(detached.wait())
    try:
        await asyncio.wait({output, detach_wait}, return_when=asyncio.FIRST_COMPLETED)
        if session.detached:
            # The client leaves, the process stays: keep conmon's socket open (closing it would
            # close the process's stdin) and drain it in the background until the process ends.
            output.add_done_callback(lambda _t: session.sock.close())
        else:
            with contextlib.suppress(asyncio.TimeoutError):  # the exit code is in place before inspect
                await asyncio.wait_for(session.done.wait(), 10)
            session.sock.close()
    finally:
        detach_wait.cancel()
        if stdin_task is not None:
            stdin_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await stdin_task
        conn.close()
    return hijacked()


async def _pump_output(session: ExecSession, conn: hijack.HijackedConnection) -> None:
    """conmon's packets -> the client (framed unless TTY); after a detach, only drained."""
    loop = asyncio.get_running_loop()
    while True:
        try:
            msg = await loop.sock_recv(session.sock, 65536)
        except OSError:
            return
        if not msg:
            return
        stream = PIPES.get(msg[0])
        if session.detached or stream is None or len(msg) < 2:
            continue
        conn.write(msg[1:] if session.tty else frame(stream, msg[1:]))
        await conn.drain()


async def _pump_stdin(session: ExecSession, reader: asyncio.StreamReader, detached: asyncio.Event) -> None:
    if await pump_input(reader, session.sock, DetachScanner(session.detach_keys)):
        session.detached = True
        detached.set()
