"""One small HTTP/1.1 client over a unix socket, the same code for every daemon a benchmark
compares: a keep-alive connection, Content-Length and chunked bodies, a hijacked stream read
to EOF. No library sits between the figure and the daemon, so the client's cost is the same
small constant for all of them.
"""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)

    def check(self, *ok: int) -> Response:
        if self.status not in (ok or (200, 201, 204)):
            raise RuntimeError(f"HTTP {self.status}: {self.body[:500]!r}")
        return self


class RawClient:
    """Requests go to ``prefix + path`` (``/v1.24`` by default) on one keep-alive connection,
    opened on first use and again after the daemon closes it."""

    def __init__(self, socket_path: str, prefix: str = "/v1.24", timeout: float = 300) -> None:
        self.socket_path = socket_path
        self.prefix = prefix
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self.rfile: Any = None

    def connect(self) -> socket.socket:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.socket_path)
        return s

    def close(self) -> None:
        if self.sock is not None:
            self.rfile.close()
            self.sock.close()
            self.sock = self.rfile = None

    def __enter__(self) -> RawClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def build(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> bytes:
        """The request's bytes (a loop can build them once and send them many times)."""
        data = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
        lines = [f"{method} {self.prefix}{path} HTTP/1.1", "Host: bench"]
        if body is not None:
            kind = "application/x-tar" if isinstance(body, bytes) else "application/json"
            lines += [f"Content-Type: {kind}", f"Content-Length: {len(data)}"]
        elif method in ("POST", "PUT"):
            lines.append("Content-Length: 0")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + data

    def send_raw(self, request: bytes) -> Response:
        """Send prebuilt request bytes on the keep-alive connection and read the whole answer."""
        for attempt in (0, 1):
            if self.sock is None:
                self.sock = self.connect()
                self.rfile = self.sock.makefile("rb", buffering=1 << 16)
            try:
                self.sock.sendall(request)
                resp = read_response(self.rfile)
            except (ConnectionError, EOFError):
                self.close()  # the daemon closed an idle keep-alive connection: one retry
                if attempt:
                    raise
                continue
            if resp.headers.get("connection", "").lower() == "close":
                self.close()
            return resp
        raise AssertionError("unreachable")

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Response:
        return self.send_raw(self.build(method, path, body, headers))

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, body: Any = None) -> Response:
        return self.request("POST", path, body)

    def delete(self, path: str) -> Response:
        return self.request("DELETE", path)

    def hijack(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        """An attached stream as the docker CLI asks for it (Upgrade: tcp), on a connection of
        its own, read until the daemon closes it: the status and the raw bytes after the head."""
        s = self.connect()
        try:
            s.sendall(self.build(method, path, body, {"Connection": "Upgrade", "Upgrade": "tcp"}))
            f = s.makefile("rb", buffering=1 << 16)
            status, headers = read_head(f)
            if "content-length" in headers or headers.get("transfer-encoding") == "chunked":
                return status, read_body(f, headers, status)
            return status, f.read()
        finally:
            s.close()


def read_head(f: Any) -> tuple[int, dict[str, str]]:
    line = f.readline()
    if not line:
        raise EOFError("connection closed before a response")
    status = int(line.split(None, 2)[1])
    headers: dict[str, str] = {}
    while True:
        line = f.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


def read_body(f: Any, headers: dict[str, str], status: int) -> bytes:
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int(f.readline().split(b";", 1)[0], 16)
            if size == 0:
                while f.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(f.read(size))
            f.read(2)
    if "content-length" in headers:
        n = int(headers["content-length"])
        data = f.read(n)
        if len(data) < n:
            raise EOFError("connection closed inside a body")
        return bytes(data)
    if status in (204, 304) or 100 <= status < 200:
        return b""
    return bytes(f.read())  # neither length nor chunks: the body ends with the connection


def read_response(f: Any) -> Response:
    status, headers = read_head(f)
    return Response(status, headers, read_body(f, headers, status))


def first_byte_s(socket_path: str, request: bytes, timeout: float = 5) -> float:
    """Seconds from sending ``request`` on a fresh connection to the first byte of the answer."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(socket_path)
        t = time.perf_counter()
        s.sendall(request)
        if not s.recv(1):
            raise EOFError("closed without an answer")
        return time.perf_counter() - t
    finally:
        s.close()


def demux(stream: bytes) -> bytes:
    """The payload of a multiplexed (non-TTY) attach or logs stream: each frame is an 8-byte
    header (stream id, 3 zero bytes, big-endian length) and its bytes."""
    out = []
    i = 0
    while i + 8 <= len(stream):
        n = int.from_bytes(stream[i + 4 : i + 8], "big")
        out.append(stream[i + 8 : i + 8 + n])
        i += 8 + n
    return b"".join(out)
