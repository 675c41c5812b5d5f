"""Builds the ASGI application: connexion AsyncApp over openapi/swagger.yml, our error
mapping, the engine's lifespan, and the Docker-compat middleware in front."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import connexion
from connexion.options import SwaggerUIOptions

from runtime.config import DaemonConfig
from runtime.engine import Engine
from server import context, errors
from server.app_spec import load_spec
from server.formats import register_integer_formats
from server.limits import RequestLimits
from server.middleware import DockerCompatMiddleware, boolean_query_params
from server.resolver import PouchResolver

log = logging.getLogger("pouch.server")


def create_app(config: DaemonConfig, engine: Engine | None = None) -> RequestLimits:
    """The whole server as one ASGI app. ``engine`` may be given (tests); else the
    lifespan creates it from ``config`` inside the serving process."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        eng = engine or Engine(config)
        context.set_engine(eng)
        await eng.start()
        try:
            yield
        finally:
            await eng.close()
            context.set_engine(None)

    register_integer_formats()
    spec = load_spec()
    app = connexion.AsyncApp(__name__, lifespan=lifespan)
    app.add_api(
        spec,
        resolver=PouchResolver(spec),
        pythonic_params=True,
        strict_validation=True,
        validate_responses=False,
        # The spec is served at /v1.24/swagger.json for clients; no UI bundle is installed.
        swagger_ui_options=SwaggerUIOptions(swagger_ui=False),
    )
    for exc_class, handler in errors.HANDLERS:
        app.add_error_handler(exc_class, handler)
    return RequestLimits(DockerCompatMiddleware(app, boolean_query_params(spec)))
