"""A recording proxy: a unix socket in front of a real server that keeps each HTTP request
byte for byte (request line, headers, body with its framing: Content-Length or chunked) and
each response's status line, headers and the head of its body.

Bytes are forwarded the moment they arrive, in both directions, so streaming answers (logs
follow, events, stats) and hijacked connections (attach, exec start: ``101 UPGRADED`` or a
``200`` that turns raw) behave as without the proxy; the parsers only watch a copy.

``Recorder(listen, upstream).start()`` runs the proxy in a thread; ``label("docker ps")``
names the exchanges that follow; ``exchanges`` holds what was seen.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

MAX_KEEP = 1 << 20  # request bytes kept per exchange (load/import bodies are larger)
RESPONSE_HEAD_KEEP = 4096
HIJACK_PATH = re.compile(rb"^[A-Z]+ (?:/v[0-9.]+)?/(?:containers/[^/]+/attach|exec/[^/]+/start)\b")


@dataclasses.dataclass
class Exchange:
    conn: int
    seq: int
    label: str
    started: float
    request: bytearray = dataclasses.field(default_factory=bytearray)
    request_len: int = 0  # every byte of the request (head + framed body), kept or not
    request_done: bool = False
    framing: str = ""  # "none", "content-length", "chunked"
    stdin: bytearray = dataclasses.field(default_factory=bytearray)  # bytes after a hijack
    response_head: bytes = b""
    response_body: bytearray = dataclasses.field(default_factory=bytearray)
    response_len: int = 0
    hijacked: bool = False

    @property
    def request_line(self) -> str:
        return bytes(self.request).split(b"\r\n", 1)[0].decode("latin-1")

    @property
    def method(self) -> str:
        return self.request_line.split(" ", 1)[0]

    @property
    def status(self) -> int:
        try:
            return int(self.response_head.split(b" ", 2)[1])
        except (IndexError, ValueError):
            return 0

    def request_head(self) -> bytes:
        return bytes(self.request).split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"

    def request_body(self) -> bytes:
        parts = bytes(self.request).split(b"\r\n\r\n", 1)
        return parts[1] if len(parts) > 1 else b""


def _headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            k, v = line.split(b":", 1)
            out[k.decode("latin-1").strip().lower()] = v.decode("latin-1").strip()
    return out


class _MessageParser:
    """Incremental HTTP/1.1 message framing (RFC 9112 section 6) over a byte stream."""

    def __init__(self, on_head: Callable[[bytes], str], on_bytes: Callable[[bytes], None], on_end: Callable[[], None]):
        self.buf = b""
        self.state = "head"
        self.remaining = 0
        self.on_head = on_head  # returns the body framing: "none", "content-length:N", "chunked", "close", "raw"
        self.on_bytes = on_bytes  # every byte of the current message
        self.on_end = on_end

    def feed(self, data: bytes) -> None:
        self.buf += data
        while self.buf:
            if self.state == "raw" or self.state == "close":
                self.on_bytes(self.buf)
                self.buf = b""
                return
            if self.state == "head":
                end = self.buf.find(b"\r\n\r\n")
                if end < 0:
                    return
                head, self.buf = self.buf[: end + 4], self.buf[end + 4 :]
                framing = self.on_head(head)
                self.on_bytes(head)
                if framing.startswith("content-length:"):
                    self.remaining = int(framing.split(":", 1)[1])
                    self.state = "fixed" if self.remaining else "head"
                    if not self.remaining:
                        self.on_end()
                elif framing == "chunked":
                    self.state = "chunk-size"
                elif framing in ("close", "raw"):
                    self.state = framing
                else:
                    self.on_end()
            elif self.state == "fixed":
                take, self.buf = self.buf[: self.remaining], self.buf[self.remaining :]
                self.remaining -= len(take)
                self.on_bytes(take)
                if not self.remaining:
                    self.state = "head"
                    self.on_end()
            elif self.state == "chunk-size":
                end = self.buf.find(b"\r\n")
                if end < 0:
                    return
                line, self.buf = self.buf[: end + 2], self.buf[end + 2 :]
                self.on_bytes(line)
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size:
                    self.remaining, self.state = size + 2, "chunk-data"
                else:
                    self.state = "trailer"
            elif self.state == "chunk-data":
                take, self.buf = self.buf[: self.remaining], self.buf[self.remaining :]
                self.remaining -= len(take)
                self.on_bytes(take)
                if not self.remaining:
                    self.state = "chunk-size"
            elif self.state == "trailer":
                end = self.buf.find(b"\r\n")
                if end < 0:
                    return
                line, self.buf = self.buf[: end + 2], self.buf[end + 2 :]
                self.on_bytes(line)
                if line == b"\r\n":
                    self.state = "head"
                    self.on_end()


class _Connection:
    def __init__(self, rec: Recorder, conn_id: int) -> None:
        self.rec = rec
        self.conn_id = conn_id
        self.seq = 0
        self.pending: list[Exchange] = []  # requests whose response has not started
        self.current_req: Exchange | None = None
        self.current_resp: Exchange | None = None
        self.req_parser = _MessageParser(self._req_head, self._req_bytes, self._req_end)
        self.resp_parser = _MessageParser(self._resp_head, self._resp_bytes, self._resp_end)
        self.hijack_after_request = False
        self.resp_head_pending = False
        self.upstream_out: list[bytes] = []  # rewrite mode: what to send upstream next
        self.full = bytearray()  # rewrite mode: the whole current request

    # client -> server
    def _req_head(self, head: bytes) -> str:
        ex = Exchange(self.conn_id, self.seq, self.rec.current_label, time.time())
        self.seq += 1
        self.current_req = ex
        with self.rec.lock:
            self.rec.exchanges.append(ex)
        self.pending.append(ex)
        h = _headers(head)
        self.hijack_after_request = bool(HIJACK_PATH.match(head)) or "upgrade" in h
        if "chunked" in h.get("transfer-encoding", "").lower():
            ex.framing = "chunked"
            return "chunked"
        if "content-length" in h:
            ex.framing = "content-length"
            return f"content-length:{int(h['content-length'])}"
        ex.framing = "none"
        return "none"

    def _req_bytes(self, data: bytes) -> None:
        ex = self.current_req
        if ex is None:
            return
        if self.rec.rewrite is not None:
            if ex.request_done:
                self.upstream_out.append(data)
            else:
                self.full += data
        if ex.request_done:
            room = MAX_KEEP - len(ex.stdin)
            ex.stdin += data[: max(room, 0)]
            return
        ex.request_len += len(data)
        room = MAX_KEEP - len(ex.request)
        if room > 0:
            ex.request += data[:room]

    def _req_end(self) -> None:
        if self.current_req is not None:
            self.current_req.request_done = True
        if self.rec.rewrite is not None:
            self.upstream_out.append(self.rec.rewrite(bytes(self.full)))
            self.full = bytearray()
        if self.hijack_after_request:
            self.req_parser.state = "raw"  # what follows is the attached stdin

    # server -> client
    def _resp_head(self, head: bytes) -> str:
        ex = self.pending.pop(0) if self.pending else Exchange(self.conn_id, -1, "?", time.time())
        self.current_resp = ex
        self.resp_head_pending = True
        ex.response_head = head
        status = ex.status
        h = _headers(head)
        if status == 101 or (self.hijack_after_request and status == 200 and "content-length" not in h):
            ex.hijacked = True
            return "raw"
        if ex.method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return "none"
        if "chunked" in h.get("transfer-encoding", "").lower():
            return "chunked"
        if "content-length" in h:
            return f"content-length:{int(h['content-length'])}"
        return "close"

    def _resp_bytes(self, data: bytes) -> None:
        ex = self.current_resp
        if ex is None:
            return
        if self.resp_head_pending:
            self.resp_head_pending = False  # the head itself, kept apart
            return
        ex.response_len += len(data)
        room = RESPONSE_HEAD_KEEP - len(ex.response_body)
        if room > 0:
            ex.response_body += data[:room]

    def _resp_end(self) -> None:
        self.current_resp = None


class Recorder:
    def __init__(
        self, listen: str | Path, upstream: str | Path, rewrite: Callable[[bytes], bytes] | None = None
    ) -> None:
        self.rewrite = rewrite  # None: forward the client's bytes untouched
        self.listen = str(listen)
        self.upstream = str(upstream)
        self.exchanges: list[Exchange] = []
        self.current_label = ""
        self.lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.AbstractServer | None = None
        self._conns = 0
        self._ready = threading.Event()

    def label(self, name: str) -> None:
        self.current_label = name

    def take(self, label: str) -> list[Exchange]:
        with self.lock:
            return [e for e in self.exchanges if e.label == label]

    def start(self) -> Recorder:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("recorder did not start")
        return self

    def stop(self) -> None:
        if self._loop and self._server:
            self._loop.call_soon_threadsafe(self._server.close)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(10)
        Path(self.listen).unlink(missing_ok=True)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(asyncio.start_unix_server(self._serve, path=self.listen))
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, creader: asyncio.StreamReader, cwriter: asyncio.StreamWriter) -> None:
        self._conns += 1
        conn = _Connection(self, self._conns)
        try:
            ureader, uwriter = await asyncio.open_unix_connection(self.upstream)
        except OSError:
            cwriter.close()
            return

        async def pump(
            reader: asyncio.StreamReader, writer: asyncio.StreamWriter, parser: _MessageParser, upstream: bool
        ) -> None:
            try:
                while data := await reader.read(65536):
                    parser.feed(data)
                    if upstream and self.rewrite is not None:
                        for out in conn.upstream_out:
                            writer.write(out)
                        conn.upstream_out.clear()
                    else:
                        writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                try:
                    if writer.can_write_eof():
                        writer.write_eof()  # half-close, as a client closing stdin does
                except (OSError, RuntimeError):
                    pass

        up = asyncio.ensure_future(pump(creader, uwriter, conn.req_parser, True))
        down = asyncio.ensure_future(pump(ureader, cwriter, conn.resp_parser, False))
        await down
        up.cancel()
        for w in (uwriter, cwriter):
            w.close()
