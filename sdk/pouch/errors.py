"""One exception hierarchy for everything the SDK raises.

    PouchError
    ├── ConnectionFailed          the server could not be reached (wraps httpx.TransportError)
    ├── ProtocolError             the server broke the wire protocol (no 101 on attach, bad frame)
    ├── StreamError               an error reported inside a progress stream (pull, push, load)
    └── APIError(status, message) the server answered with an error status
        ├── NotModified 304
        ├── BadRequest 400
        ├── Unauthorized 401
        ├── Forbidden 403
        ├── NotFound 404
        ├── Conflict 409
        └── ServerError 5xx
            └── NotImplementedByServer 501
"""

from __future__ import annotations

import json


class PouchError(Exception):
    """Base of every error the SDK raises."""


class ConnectionFailed(PouchError):
    """The server could not be reached or the connection broke."""


class ProtocolError(PouchError):
    """The server's answer does not follow the wire protocol the SDK expects."""


class StreamError(PouchError):
    """An ``error`` message inside a JSON progress stream (pull, push, load)."""

    def __init__(self, message: str, detail: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class APIError(PouchError):
    """The server answered with an error status and (usually) ``{"message": ...}``."""

    status: int = 0

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class NotModified(APIError):
    status = 304


class BadRequest(APIError):
    status = 400


class Unauthorized(APIError):
    status = 401


class Forbidden(APIError):
    status = 403


class NotFound(APIError):
    status = 404


class Conflict(APIError):
    status = 409


class ServerError(APIError):
    status = 500


class NotImplementedByServer(ServerError):
    status = 501


_BY_STATUS: dict[int, type[APIError]] = {
    cls.status: cls for cls in (NotModified, BadRequest, Unauthorized, Forbidden, NotFound, Conflict, ServerError,
                                NotImplementedByServer)
}


def error_message(content: bytes) -> str:
    """The server's ``message`` field, or the body as text when it is not the JSON error shape."""
    try:
        body = json.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace").strip()
    message = body.get("message") if isinstance(body, dict) else None
    if isinstance(message, str):
        return message
    return content.decode("utf-8", "replace").strip()


def api_error(status: int, content: bytes) -> APIError:
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else APIError
    return cls(status, error_message(content))


def raise_for_response(status: int, content: bytes) -> None:
    """Raise the typed error for anything but 2xx (304 included: the request changed nothing)."""
    if not 200 <= status < 300:
        raise api_error(status, content)
