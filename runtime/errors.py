"""Typed engine errors.

The engine raises these by what went wrong; server/errors.py is the one place that maps them
onto HTTP status codes and a ``{"message": ...}`` body, so no subsystem knows a status code.
"""


class EngineError(Exception):
    """Base class; an unexpected failure inside the engine."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotModified(EngineError):
    """The object is already in the requested state (start of a running container)."""


class InvalidParameter(EngineError):
    """The request is well formed but a value in it is not acceptable."""


class Unauthorized(EngineError):
    """A registry refused the credentials."""


class Forbidden(EngineError):
    """The operation is never allowed on this object (deleting a predefined network)."""


class NotFound(EngineError):
    """No object by that ID or name."""


class Conflict(EngineError):
    """The object exists but its state forbids the operation (name taken, running, in use)."""
