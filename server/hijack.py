"""Connection hijack for attach and exec start (DESIGN.md section 4).

ASGI cannot hand a socket to an application, so this subclass of uvicorn's httptools
protocol puts a ``pouch.hijack`` callable into each request's scope extensions. The
request still goes through connexion (routing, validation); the handler awaits the
callable and gets a :class:`HijackedConnection`: it writes the status line itself
(``101 UPGRADED`` when the client sent ``Upgrade: tcp``, else ``200 OK``) and then owns
the raw byte stream both ways. Whatever response the handler returns afterwards is
swallowed.

httptools stops parsing at an upgrade request, so a JSON body (exec start) that follows
the headers is peeled off by Content-Length, or decoded from its chunked framing, and handed
to the ASGI request as usual; every byte after it is the client's stdin. This relies on uvicorn internals: uvicorn is
pinned, and tests/unit/test_hijack.py speaks to it over a raw socket.

The same protocol bounds a request's head (request line and headers) to MAX_HEADER_BYTES,
as Go's net/http does for dockerd (431): httptools itself buffers a header without limit.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

RAW_STREAM = "application/vnd.raw-stream"
EXTENSION = "pouch.hijack"
MAX_HEADER_BYTES = 1 << 20  # Go's http.DefaultMaxHeaderBytes


class HijackedConnection:
    """The raw connection after hijack: ``reader`` is the client's input, ``write`` goes out."""

    def __init__(self, protocol: HijackHttpToolsProtocol, upgrade: bool) -> None:
        self._protocol = protocol
        self.upgrade = upgrade
        self.reader = asyncio.StreamReader()
        self._head_sent = False

    def send_head(self, content_type: str = RAW_STREAM) -> None:
        if self._head_sent:
            return
        self._head_sent = True
        if self.upgrade:
            head = (
                f"HTTP/1.1 101 UPGRADED\r\nContent-Type: {content_type}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
            )
        else:
            head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n"
        self._protocol.transport.write(head.encode("latin-1"))

    def write(self, data: bytes) -> None:
        self.send_head()
        if data and not self._protocol.transport.is_closing():
            self._protocol.transport.write(data)

    async def drain(self) -> None:
        flow = self._protocol.flow
        if flow.write_paused and not self._protocol.transport.is_closing():
            await flow.drain()

    @property
    def closed(self) -> bool:
        return self._protocol.transport.is_closing()

    def close_write(self) -> None:
        """Half-close: tell the client no more output comes (it may still send)."""
        transport = self._protocol.transport
        if not transport.is_closing() and transport.can_write_eof():
            transport.write_eof()

    def close(self) -> None:
        self.send_head()
        self._protocol.transport.close()


class ChunkedBody:
    """Incremental decoder of a chunked request body (RFC 9112 section 7.1), for the upgrade
    requests whose body llhttp leaves unparsed. ``feed`` returns the body bytes decoded so far
    and, once the last chunk and trailers are through, the raw bytes that follow them."""

    MAX_LINE = 4096

    def __init__(self) -> None:
        self._buf = bytearray()
        self._state = "size"  # size | data | crlf | trailer
        self._left = 0
        self.done = False

    def feed(self, data: bytes) -> tuple[bytes, bytes]:
        self._buf += data
        out = bytearray()
        while not self.done:
            if self._state == "data":
                take = bytes(self._buf[: self._left])
                out += take
                del self._buf[: len(take)]
                self._left -= len(take)
                if self._left:
                    break
                self._state = "crlf"
                continue
            if self._state == "crlf":
                if len(self._buf) < 2:
                    break
                if self._buf[:2] != b"\r\n":
                    raise ValueError("chunk data not followed by CRLF")
                del self._buf[:2]
                self._state = "size"
                continue
            end = self._buf.find(b"\r\n")
            if end < 0:
                if len(self._buf) > self.MAX_LINE:
                    raise ValueError("chunk size line too long")
                break
            line = bytes(self._buf[:end])
            del self._buf[: end + 2]
            if self._state == "trailer":
                self.done = not line
            else:
                size = int(line.split(b";", 1)[0].strip(), 16)  # ValueError for garbage
                self._state, self._left = ("trailer", 0) if size == 0 else ("data", size)
        rest = b""
        if self.done:
            rest = bytes(self._buf)
            self._buf.clear()
        return bytes(out), rest


class HijackHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hijacked: HijackedConnection | None = None
        self._pending_raw = bytearray()  # bytes after an upgrade request, before hijack()
        self._body_missing = 0  # request body bytes still owed to the ASGI app after an upgrade
        self._chunked: ChunkedBody | None = None  # the same, for a chunked body
        self._body_seen = 0
        self._upgraded = False  # the parser stopped at an Upgrade request: the rest is raw
        self._in_head = True  # bytes fed now belong to a request line or headers
        self._head_bytes = 0

    # -- the scope extension ----------------------------------------------------------
    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._body_seen = 0
        self.scope["extensions"] = {EXTENSION: self._hijack}  # type: ignore[dict-item]  # ASGI types it dict[object, object]

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._in_head, self._head_bytes = True, 0
        super().on_message_complete()

    def on_body(self, body: bytes) -> None:
        self._body_seen += len(body)
        super().on_body(body)

    async def _hijack(self) -> HijackedConnection:
        if self._hijacked is not None:
            return self._hijacked
        conn = HijackedConnection(self, upgrade=self._upgrade_requested())
        self._hijacked = conn
        cycle = self.cycle
        # From here on the ASGI response is the handler's business on the raw socket:
        # a late response from the app must not reach the client.
        cycle.disconnected = True
        cycle.message_event.set()
        self._unset_keepalive_if_required()
        if self._pending_raw:
            conn.reader.feed_data(bytes(self._pending_raw))
            self._pending_raw.clear()
        self.flow.resume_reading()
        return conn

    def _upgrade_requested(self) -> bool:
        connection: list[bytes] = []
        upgrade = b""
        for name, value in self.headers or []:
            if name == b"connection":
                connection = [t.strip().lower() for t in value.split(b",")]
            elif name == b"upgrade":
                upgrade = value.strip().lower()
        return b"upgrade" in connection and upgrade == b"tcp"

    # -- byte routing -------------------------------------------------------------------
    def data_received(self, data: bytes) -> None:
        if self._hijacked is not None:
            self._hijacked.reader.feed_data(data)
            return
        if self.parser is None:
            return
        if self._upgraded:
            self._take_raw(data)
            return
        if self._in_head:
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEADER_BYTES:
                self._refuse_head()
                return
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
        except httptools.HttpParserUpgrade as exc:
            self._upgraded = True
            offset = exc.args[0] if exc.args and isinstance(exc.args[0], int) else len(data)
            # llhttp completes an upgrade request without reading its body: what the
            # Content-Length announced still belongs to the ASGI request.
            missing = max(0, self._content_length() - self._body_seen)
            if self.cycle is not None and self._header(b"transfer-encoding").lower().endswith(b"chunked"):
                self.cycle.more_body = True
                self._chunked = ChunkedBody()
            elif missing and self.cycle is not None:
                self.cycle.more_body = True
                self._body_missing = missing
            self._take_raw(data[offset:])

    def _refuse_head(self) -> None:
        body = json.dumps({"message": f"request header fields larger than {MAX_HEADER_BYTES} bytes"}).encode()
        head = (
            "HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
        )
        self.logger.warning("request head over %d bytes refused", MAX_HEADER_BYTES)
        # Nothing more is parsed; what the client still sends is read and dropped for a
        # moment, since closing with unread bytes would reset the connection before the
        # client reads the 431.
        self.parser = None  # type: ignore[assignment]
        self.transport.write(head.encode() + body)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        asyncio.get_running_loop().call_later(1.0, self.transport.close)

    def _header(self, wanted: bytes) -> bytes:
        for name, value in self.headers or []:
            if name == wanted:
                return bytes(value).strip()
        return b""

    def _content_length(self) -> int:
        try:
            return int(self._header(b"content-length") or 0)
        except ValueError:
            return 0

    def _take_raw(self, data: bytes) -> None:
        if self._chunked is not None:
            try:
                body, data = self._chunked.feed(data)
            except ValueError:
                self.logger.warning("invalid chunked body on an upgrade request")
                self.transport.close()
                return
            self.cycle.body += body
            if self._chunked.done:
                self._chunked = None
                self._finish_body()
            else:
                self.cycle.message_event.set()
        if self._body_missing:
            body, data = data[: self._body_missing], data[self._body_missing :]
            self._body_missing -= len(body)
            self.cycle.body += body
            if self._body_missing == 0:
                self._finish_body()
            else:
                self.cycle.message_event.set()
        if data:
            if self._hijacked is not None:
                self._hijacked.reader.feed_data(data)
            else:
                self._pending_raw += data

    def _finish_body(self) -> None:
        self.cycle.more_body = False
        self.cycle.message_event.set()

    def eof_received(self) -> bool | None:  # type: ignore[override]
        if self._hijacked is not None:
            self._hijacked.reader.feed_eof()
            return True  # keep the transport open: the client half-closed, output may follow
        return super().eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._hijacked is not None:
            self._hijacked.reader.feed_eof()
        super().connection_lost(exc)


async def hijack(scope: dict[str, Any]) -> HijackedConnection:
    """Take over the raw connection of the current request (attach, exec start)."""
    fn = scope.get("extensions", {}).get(EXTENSION)
    if fn is None:
        raise RuntimeError("the server protocol does not support connection hijack")
    return await fn()
