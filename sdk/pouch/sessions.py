"""Attach and exec sessions over the hijacked connection (DESIGN.md section 4).

The request carries ``Upgrade: tcp`` / ``Connection: Upgrade``; the server answers
``101 UPGRADED`` and from then on the socket carries raw bytes both ways: what the client
writes is the process's stdin, what it reads is stdout/stderr in 8-byte frames (raw when the
process has a Tty). httpcore hands the upgraded socket over as the response's
``network_stream`` extension, bytes already read past the head included.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any

import httpcore
import httpx

from .errors import ConnectionFailed, PouchError, ProtocolError, api_error
from .frames import Frame, demux, stdio_decoder

UPGRADE_HEADERS = {"Upgrade": "tcp", "Connection": "Upgrade"}
READ_SIZE = 65536


def _check_upgraded(response: httpx.Response, body: bytes) -> None:
    if response.status_code == 101:
        return
    if response.status_code >= 300:
        raise api_error(response.status_code, body)
    raise ProtocolError(f"expected 101 UPGRADED from {response.request.url.path}, got {response.status_code}")


def upgrade(http: httpx.Client, request: httpx.Request) -> httpx.Response:
    """Send ``request`` asking for the raw connection; the open 101 response, or the typed error."""
    request.headers.update(UPGRADE_HEADERS)
    try:
        response = http.send(request, stream=True)
    except httpx.TransportError as exc:
        raise ConnectionFailed(str(exc)) from exc
    if response.status_code != 101:
        try:
            body = response.read()
        finally:
            response.close()
        _check_upgraded(response, body)
    return response


async def async_upgrade(http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    request.headers.update(UPGRADE_HEADERS)
    try:
        response = await http.send(request, stream=True)
    except httpx.TransportError as exc:
        raise ConnectionFailed(str(exc)) from exc
    if response.status_code != 101:
        try:
            body = await response.aread()
        finally:
            await response.aclose()
        _check_upgraded(response, body)
    return response


def _shutdown_write(stream: httpcore.NetworkStream | httpcore.AsyncNetworkStream) -> None:
    sock: Any = stream.get_extra_info("socket")
    if sock is None or isinstance(sock, ssl.SSLSocket) or stream.get_extra_info("ssl_object") is not None:
        # Python's ssl cannot send close_notify and keep reading; the process gets no EOF over TLS.
        raise PouchError("half-close (stdin EOF) is not available over TLS; close the session instead")
    sock.shutdown(socket.SHUT_WR)


class AttachSession:
    """A running attach or exec: ``write`` stdin, ``close_write`` for EOF, iterate :class:`Frame` s.

    ``tty`` says whether output is raw (Tty) or multiplexed; iteration yields frames either way
    (raw output comes as stdout frames). ``read`` gives the undecoded bytes instead.
    """

    def __init__(self, response: httpx.Response, tty: bool, resize: Callable[[int, int], None]) -> None:
        self.response = response
        self.tty = tty
        self._resize = resize
        self._stream: httpcore.NetworkStream = response.extensions["network_stream"]
        self._decoder = stdio_decoder(tty)
        self._pending: list[Frame] = []
        self._eof = False

    def write(self, data: bytes) -> None:
        try:
            self._stream.write(data)
        except httpcore.NetworkError as exc:
            raise ConnectionFailed(str(exc)) from exc

    def close_write(self) -> None:
        """Half-close: the process reads EOF on stdin; its output keeps coming."""
        _shutdown_write(self._stream)

    def read(self, max_bytes: int = READ_SIZE, timeout: float | None = None) -> bytes:
        """Raw bytes as they arrive (frame headers included when not a Tty); b"" at the end."""
        try:
            return self._stream.read(max_bytes, timeout)
        except httpcore.TimeoutException:
            raise
        except httpcore.NetworkError as exc:
            raise ConnectionFailed(str(exc)) from exc

    def __iter__(self) -> Iterator[Frame]:
        return self.frames()

    def frames(self, timeout: float | None = None) -> Iterator[Frame]:
        while True:
            while self._pending:
                yield self._pending.pop(0)
            if self._eof:
                return
            chunk = self.read(timeout=timeout)
            if not chunk:
                self._eof = True
                self._decoder.close()
                continue
            self._pending.extend(self._decoder.feed(chunk))

    def output(self, timeout: float | None = None) -> tuple[bytes, bytes]:
        """Read to the end: (stdout, stderr)."""
        return demux(self.frames(timeout))

    def resize(self, height: int, width: int) -> None:
        """Set the Tty size (the container's or the exec's resize endpoint)."""
        self._resize(height, width)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> AttachSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncAttachSession:
    """The async twin of :class:`AttachSession`."""

    def __init__(self, response: httpx.Response, tty: bool, resize: Callable[[int, int], Awaitable[None]]) -> None:
        self.response = response
        self.tty = tty
        self._resize = resize
        self._stream: httpcore.AsyncNetworkStream = response.extensions["network_stream"]
        self._decoder = stdio_decoder(tty)
        self._pending: list[Frame] = []
        self._eof = False

    async def write(self, data: bytes) -> None:
        try:
            await self._stream.write(data)
        except httpcore.NetworkError as exc:
            raise ConnectionFailed(str(exc)) from exc

    def close_write(self) -> None:
        _shutdown_write(self._stream)

    async def read(self, max_bytes: int = READ_SIZE) -> bytes:
        """Raw bytes as they arrive; b"" at the end (bound the wait with ``asyncio.timeout``)."""
        try:
            return await self._stream.read(max_bytes)
        except httpcore.TimeoutException:
            raise
        except httpcore.NetworkError as exc:
            raise ConnectionFailed(str(exc)) from exc

    def __aiter__(self) -> AsyncIterator[Frame]:
        return self.frames()

    async def frames(self) -> AsyncIterator[Frame]:
        while True:
            while self._pending:
                yield self._pending.pop(0)
            if self._eof:
                return
            chunk = await self.read()
            if not chunk:
                self._eof = True
                self._decoder.close()
                continue
            self._pending.extend(self._decoder.feed(chunk))

    async def output(self) -> tuple[bytes, bytes]:
        return demux([frame async for frame in self.frames()])

    async def resize(self, height: int, width: int) -> None:
        await self._resize(height, width)

    async def aclose(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncAttachSession:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()
