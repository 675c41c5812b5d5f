"""Builds the ASGI application: connexion AsyncApp over openapi/swagger.yml, our error
mapping, the engine's lifespan, and the version-prefix middleware in front."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import connexion
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.options import SwaggerUIOptions

from runtime.config import DaemonConfig
from runtime.engine import Engine
from server import context, errors
from server.app_spec import load_spec
from server.dialects import Dialect, DockerNames
from server.formats import register_integer_formats
from server.middleware import DockerCompatMiddleware
from server.reading import RequestReadingMiddleware
from server.resolver import PouchResolver

log = logging.getLogger("pouch.server")

# connexion's stack with its request validation replaced by our reading of requests, which
# validates against the same spec (server/reading.py).
MIDDLEWARES = [
    RequestReadingMiddleware if m is RequestValidationMiddleware else m for m in ConnexionMiddleware.default_middlewares
]


def create_app(config: DaemonConfig, engine: Engine | None = None) -> DockerCompatMiddleware:
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
    app = connexion.AsyncApp(__name__, lifespan=lifespan, middlewares=list(MIDDLEWARES))
    app.add_api(
        spec,
        resolver=PouchResolver(
            spec,
            None if config.api_dialect == "auto" else Dialect(config.api_dialect),
            DockerNames(config.default_registry, config.default_registry_namespace),
        ),
        pythonic_params=True,
        # Read by RequestReadingMiddleware: the spec's letter (True) or pouchd's reading (False).
        strict_validation=config.strict_requests,
        validate_responses=False,
        # The spec is served at /v1.24/swagger.json for clients; no UI bundle is installed.
        swagger_ui_options=SwaggerUIOptions(swagger_ui=False),
    )
    for exc_class, handler in errors.HANDLERS:
        app.add_error_handler(exc_class, handler)
    return DockerCompatMiddleware(app)
