"""Builds the ASGI application: the spec's compiled request path (server/dispatch.py), the
engine's lifespan, and the version-prefix middleware in front."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from runtime.config import DaemonConfig
from runtime.engine import Engine
from server import context, memory
from server.app_spec import load_spec
from server.dialects import Dialect, DockerNames
from server.dispatch import Dispatcher
from server.formats import register_integer_formats
from server.middleware import DockerCompatMiddleware
from server.resolver import PouchResolver

log = logging.getLogger("pouch.server")


def create_app(config: DaemonConfig, engine: Engine | None = None) -> DockerCompatMiddleware:
    """The whole server as one ASGI app. ``engine`` may be given (tests); else the
    lifespan creates it from ``config`` inside the serving process."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        eng = engine or Engine(config)
        context.set_engine(eng)
        await eng.start()
        trimming = asyncio.ensure_future(trimmer.run())
        try:
            yield
        finally:
            trimming.cancel()
            await eng.close()
            context.set_engine(None)

    register_integer_formats()
    trimmer = memory.IdleTrimmer()
    spec = load_spec()
    resolver = PouchResolver(
        spec,
        None if config.api_dialect == "auto" else Dialect(config.api_dialect),
        DockerNames(config.default_registry, config.default_registry_namespace),
    )
    # strict: the spec's letter (--strict-requests), else pouchd's reading (server/reading.py).
    return DockerCompatMiddleware(Dispatcher(spec, resolver, config.strict_requests, lifespan, trimmer.touch))
