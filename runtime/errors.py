"""Typed engine errors.

The engine raises these; server/errors.py is the one place that maps them onto HTTP
status codes and a ``{"message": ...}`` body, so a subsystem never picks a status code.
"""


class EngineError(Exception):
    """Base class; an unexpected failure inside the engine (HTTP 500)."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotModified(EngineError):
    """The object is already in the requested state (start of a running container)."""

    status = 304


class InvalidParameter(EngineError):
    """The request is well formed but a value in it is not acceptable."""

    status = 400


class Unauthorized(EngineError):
    """A registry refused the credentials."""

    status = 401


class Forbidden(EngineError):
    """The operation is never allowed on this object (deleting a predefined network)."""

    status = 403


class NotFound(EngineError):
    """No object by that ID or name."""

    status = 404


class Conflict(EngineError):
    """The object exists but its state forbids the operation (name taken, running, in use)."""

    status = 409
