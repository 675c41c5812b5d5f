"""Python SDK for the Pouch Engine API v1.24.

``pouch.Client`` / ``pouch.AsyncClient`` wrap the generated, typed ``pouch_client`` (never edited)
and add what a generator cannot: socket and TLS setup, one error hierarchy, streams as iterators,
and attach/exec sessions over the hijacked connection. Usage: docs/sdk.md.
"""

from . import models
from .client import AsyncClient, Client
from .config import DEFAULT_HOST, TLSConfig
from .errors import (
    APIError,
    BadRequest,
    Conflict,
    ConnectionFailed,
    Forbidden,
    NotFound,
    NotImplementedByServer,
    NotModified,
    PouchError,
    ProtocolError,
    ServerError,
    StreamError,
    Unauthorized,
)
from .frames import Frame, StreamType
from .resources import ExecResult
from .sessions import AsyncAttachSession, AttachSession
from .streams import AsyncStream, ProgressMessage, Stream
from .version import API_VERSION, __version__

__all__ = [
    "API_VERSION", "APIError", "AsyncAttachSession", "AsyncClient", "AsyncStream", "AttachSession", "BadRequest",
    "Client", "Conflict", "ConnectionFailed", "DEFAULT_HOST", "ExecResult", "Forbidden", "Frame", "NotFound",
    "NotImplementedByServer", "NotModified", "PouchError", "ProgressMessage", "ProtocolError", "ServerError",
    "Stream", "StreamError", "StreamType", "TLSConfig", "Unauthorized", "__version__", "models",
]
