"""The one mapping from errors to HTTP responses: a status code and {"message": ...}.

Engine errors (runtime/errors.py) name what went wrong; STATUS here says which status code
each kind is, the only place that knows. Connexion's validation problems and starlette's
routing errors are reshaped to the same body, so no client ever sees a problem+json document
or a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from runtime.errors import Conflict, EngineError, Forbidden, InvalidParameter, NotFound, NotModified, Unauthorized
from server.routes import allowed_methods

log = logging.getLogger("pouch.server")


class NotImplementedOperation(EngineError):
    """An operation listed in openapi/not_implemented.txt (server/resolver.py answers it)."""


# The most specific class wins (an InvalidReference is an InvalidParameter: 400); anything
# else an engine raises is its own fault: 500.
STATUS: dict[type[EngineError], int] = {
    NotModified: 304,
    InvalidParameter: 400,
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    NotImplementedOperation: 501,
}


def status_of(exc: EngineError) -> int:
    for cls in type(exc).__mro__:
        status = STATUS.get(cls)
        if status is not None:
            return status
    return 500


def message_response(status: int, message: str, headers: dict[str, str] | None = None) -> ConnexionResponse:
    if status == 304:
        # No body; the type still names what the operation produces (schemathesis checks it).
        return ConnexionResponse(status_code=304, body=b"", mimetype="application/json", headers=headers)
    return ConnexionResponse(
        status_code=status,
        mimetype="application/json",
        body=json.dumps({"message": message}).encode(),
        headers=headers,
    )


def engine_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, EngineError)
    status = status_of(exc)
    if status == 501:
        log.info("%s", exc.message)
    elif status >= 500:
        log.error("engine error: %s", exc.message)
    return message_response(status, exc.message)


def problem(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ProblemException)
    detail = exc.detail if exc.detail else exc.title
    return message_response(exc.status, str(detail or "bad request"))


def http_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, HTTPException)
    # Keeps e.g. the Allow header of a 405.
    return message_response(exc.status_code, str(exc.detail), dict(exc.headers or {}))


def undecodable_body(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    return message_response(400, f"request body is not valid JSON: {exc}")


def method_not_allowed(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """405 whose Allow lists the methods of the spec path the URL really names.

    Starlette answers from the first route whose path matches; with ``{imageid}`` allowed to
    contain slashes, /images/x/json also matches /images/{imageid} (DELETE only)."""
    assert isinstance(exc, HTTPException)
    allow = ", ".join(allowed_methods(request.url.path)) or dict(exc.headers or {}).get("Allow", "")
    return message_response(405, str(exc.detail), {"Allow": allow})


def unexpected(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    log.exception("unexpected error", exc_info=exc)
    return message_response(500, f"internal server error: {type(exc).__name__}: {exc}")


HANDLERS: tuple[tuple[type[Exception] | int, Any], ...] = (
    (EngineError, engine_error),
    (ProblemException, problem),
    (405, method_not_allowed),
    (HTTPException, http_error),
    (UnicodeDecodeError, undecodable_body),
    (json.JSONDecodeError, undecodable_body),
    (Exception, unexpected),
)
