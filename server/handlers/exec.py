"""Handlers for the exec operations (HTTP glue only: parse, call the engine, shape the response)."""

from __future__ import annotations

from typing import Any

import connexion

from runtime.errors import EngineError, InvalidParameter
from server import hijack
from server.context import engine
from server.handlers.containers import _dimension, hijacked, relay


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
    try:
        session = await execs.start(id_, detach=False, on_attached=conn.send_head)
    except Exception as exc:
        # The head may already be out: report on the raw stream the way dockerd does.
        conn.write(f"Error: {exc.message if isinstance(exc, EngineError) else exc}\r\n".encode())
        conn.close()
        return hijacked()
    assert session is not None
    # Framing follows the start body's Tty, not the exec's (dockerd and pouchd: stdcopy writers
    # unless ExecStartConfig.Tty); the terminal itself is the create's.
    await relay(session, conn, raw=bool(body.get("Tty")))
    return hijacked()
