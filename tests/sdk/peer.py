"""A scripted HTTP peer on a unix socket: byte-level fixtures for the SDK's stream and hijack code.

It accepts one connection, reads the request head (and a Content-Length body), records them,
then runs the test's script on the raw socket: the script writes exactly the bytes a server
would (status line, frames, JSON lines) and can read what the client sends after the head.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Request:
    method: str = ""
    target: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Script = Callable[[socket.socket, Request], None]


class Peer:
    def __init__(self, directory: Path, script: Script) -> None:
        self.path = str(directory / "peer.sock")
        self.script = script
        self.request = Request()
        self.error: BaseException | None = None
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(self.path)
        self._listener.listen(1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"unix://{self.path}"

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
            with conn:
                leftover = self._read_request(conn)
                if leftover:
                    raise AssertionError(f"client sent bytes before the response: {leftover!r}")
                self.script(conn, self.request)
        except BaseException as exc:  # surfaced by join()
            self.error = exc

    def _read_request(self, conn: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                raise AssertionError("client closed before sending a request head")
            data += chunk
        head, rest = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        self.request.method, self.request.target, _ = lines[0].split(" ", 2)
        self.request.headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:])}
        if self.request.headers.get("transfer-encoding") == "chunked":
            return self._read_chunked(conn, rest)
        length = int(self.request.headers.get("content-length", "0"))
        while len(rest) < length:
            rest += conn.recv(65536)
        self.request.body, leftover = rest[:length], rest[length:]
        return leftover

    def _read_chunked(self, conn: socket.socket, data: bytes) -> bytes:
        body = b""
        while True:
            while b"\r\n" not in data:
                data += conn.recv(65536)
            size_line, data = data.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(data) < size + 2:
                data += conn.recv(65536)
            body, data = body + data[:size], data[size + 2:]
            if size == 0:
                self.request.body = body
                return data

    def join(self, timeout: float = 10) -> Request:
        self._thread.join(timeout)
        self._listener.close()
        if self._thread.is_alive():
            raise AssertionError("peer script did not finish")
        if self.error is not None:
            raise self.error
        return self.request


def recv_until_eof(conn: socket.socket) -> bytes:
    data = b""
    while chunk := conn.recv(65536):
        data += chunk
    return data


UPGRADED = (
    b"HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.raw-stream\r\n"
    b"Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
)


def streamed_head(content_type: str = "application/json") -> bytes:
    """A response head whose body runs until the connection closes (as a streaming server's may)."""
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nConnection: close\r\n\r\n".encode()


def json_error(status: int, reason: str, message: str) -> bytes:
    body = json.dumps({"message": message}).encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
