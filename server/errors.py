"""The one mapping from errors to HTTP responses: a status code and {"message": ...}.

Engine errors (runtime/errors.py) name what went wrong; STATUS here says which status code
each kind is, the only place that knows. The reader's 400s, the body limit's 413 and routing's
404/405 have the same body, so no client ever sees a problem+json document or a traceback.
"""

from __future__ import annotations

import json
import logging

from connexion.exceptions import ProblemException
from starlette.exceptions import HTTPException
from starlette.responses import Response

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


def message_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if status == 304:
        # No body; the type still names what the operation produces (schemathesis checks it).
        return Response(b"", status_code=304, media_type="application/json", headers=headers)
    return Response(_message(message), status_code=status, media_type="application/json", headers=headers)


def _message(message: str) -> bytes:
    return json.dumps({"message": message}, separators=(",", ":")).encode()


def error_response(exc: Exception) -> Response:
    """The answer to whatever a handler (or the reading of a request) raised."""
    if isinstance(exc, EngineError):
        status = status_of(exc)
        if status == 501:
            log.info("%s", exc.message)
        elif status >= 500:
            log.error("engine error: %s", exc.message)
        return message_response(status, exc.message)
    if isinstance(exc, ProblemException):  # the reader's 400s (server/reading.py)
        return message_response(exc.status, str(exc.detail or exc.title or "bad request"))
    if isinstance(exc, HTTPException):  # 413, with its Connection: close
        return message_response(exc.status_code, str(exc.detail), dict(exc.headers or {}))
    log.exception("unexpected error", exc_info=exc)
    return message_response(500, f"internal server error: {type(exc).__name__}: {exc}")


def not_found() -> Response:
    return message_response(404, "Not Found")


def method_not_allowed(path: str) -> Response:
    """405 whose Allow lists the methods of the spec path the URL names."""
    return message_response(405, "Method Not Allowed", {"Allow": ", ".join(allowed_methods(path))})
