"""The request path: one compiled pipeline for every operation of the spec.

connexion parses openapi/swagger.yml (its Swagger 2.0 operations, $refs resolved) and resolves
each operationId to its handler (server/resolver.py); everything a request then meets is
compiled from that at start-up: the route (server/routes.py), the reading and validation of
its parameters and body (server/reading.py), the handler, the rendering of its answer as
compact JSON, and the one error mapping (server/errors.py). connexion's per-request machinery
(its middleware stack rebuilding request objects and validators for every call) is not on the
path: it cost ~250 us a request, more than the engine spends on most of them.

Handlers may still use ``connexion.request`` (headers, the raw body stream, the hijackable
scope): the dispatcher binds it for the request, as connexion's context middleware would.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connexion.context import _receive, _scope
from connexion.operations import AbstractOperation
from connexion.resolver import Resolver
from connexion.spec import Specification
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from server import errors
from server.encoding import compact_json
from server.reading import OperationReader
from server.routes import METHODS, MethodNotAllowed, Router

log = logging.getLogger("pouch.server")
Lifespan = Callable[[Any], contextlib.AbstractAsyncContextManager[None]]


@dataclass(frozen=True)
class Endpoint:
    operation_id: str
    reader: OperationReader
    handler: Callable[..., Any]
    media_type: str  # what an empty or JSON answer is labelled: the operation's first produces


class Dispatcher:
    """The ASGI application behind the version-prefix middleware."""

    def __init__(
        self,
        spec: dict[str, Any],
        resolver: Resolver,
        strict: bool,
        lifespan: Lifespan,
        answered: Callable[[], None] = lambda: None,
    ) -> None:
        specification = Specification.load(spec)
        self.base = specification.base_path
        self.lifespan = lifespan
        self.answered = answered  # after each request (server/memory.py trims when they stop)
        targets = []
        for path, item in specification["paths"].items():
            for method in item:
                if method not in METHODS:
                    continue
                op: AbstractOperation = specification.operation_cls.from_spec(
                    specification, path=path, method=method, resolver=resolver
                )
                produces = list(op.produces or ["application/json"])
                endpoint = Endpoint(op.operation_id, OperationReader(op, strict), op.function, produces[0])
                targets.append((path, method, endpoint))
        self.router: Router[Endpoint] = Router(self.base, specification["paths"], targets)
        self.spec_document = compact_json(specification.raw)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        try:
            response = await self._answer(scope, receive)
        except Exception as exc:  # noqa: BLE001 - the one error mapping decides
            response = errors.error_response(exc)
        if scope["method"] == "HEAD":
            response.body = b""  # headers as for GET, no body
        try:
            await response(scope, receive, send)
        finally:
            self.answered()

    async def _answer(self, scope: Scope, receive: Receive) -> Response:
        path: str = scope["path"]
        try:
            found = self.router.match(scope["method"], path)
        except MethodNotAllowed:
            return errors.method_not_allowed(path)
        if found is None:
            if path == self.base + "/swagger.json" and scope["method"] in ("GET", "HEAD"):
                return Response(self.spec_document, media_type="application/json")
            return errors.not_found()
        endpoint, path_values = found
        kwargs, receive = await endpoint.reader.read(scope, path_values, receive)
        _scope.set(scope)
        _receive.set(receive)
        return render(await endpoint.handler(**kwargs), endpoint.media_type)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        message = await receive()
        assert message["type"] == "lifespan.startup"
        try:
            async with self.lifespan(self):
                await send({"type": "lifespan.startup.complete"})
                message = await receive()
                assert message["type"] == "lifespan.shutdown"
        except BaseException as exc:
            log.exception("lifespan failed")
            await send({"type": "lifespan.startup.failed", "message": str(exc)})
            raise
        await send({"type": "lifespan.shutdown.complete"})


def render(result: Any, media_type: str) -> Response:
    """A handler's answer: a Response as it is; ``(body, status)``; a JSON-able body (200)."""
    if isinstance(result, Response):
        return result
    status, headers = 200, None
    if isinstance(result, tuple):
        result, status, *rest = result
        headers = rest[0] if rest else None
        if isinstance(result, Response):
            result.status_code = status
            return result
    if result is None:
        # Even a 204 names the operation's media type (schemathesis checks it; connexion did so).
        return Response(b"", status_code=status, media_type=media_type, headers=headers)
    return Response(compact_json(result), status_code=status, media_type="application/json", headers=headers)
