"""Requests written byte for byte as real clients write them, over a raw unix socket.

httpx and requests choose their own headers and framing; the clients that speak this API do
not send what they send. :func:`go_request` lays a request out as Go's net/http writes it
(the pouch and docker CLIs, dockerd's own client package): Host, User-Agent, the framing
header (Content-Length, or Transfer-Encoding: chunked for a body of unknown length, each
Write of the body one chunk), the other headers sorted by name, then the Transport's
Accept-Encoding. A POST without a body still says ``Content-Length: 0``.
:func:`py_request` lays it out as docker-py (requests/urllib3) does.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from typing import Any

GO_UA = "Go-http-client/1.1"
DOCKER_CLI_UA = "Docker-Client/20.10.24+dfsg1 (linux)"
DOCKER_PY_UA = "docker-sdk-python/7.1.0"


def go_request(
    method: str,
    target: str,
    headers: dict[str, str] | None = None,
    body: bytes | list[bytes] | None = None,
    host: str = "d",
    user_agent: str = GO_UA,
) -> bytes:
    """``body`` as a list: written chunked, one chunk per item (a body of unknown length)."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}", f"User-Agent: {user_agent}"]
    payload = b""
    if isinstance(body, list):
        lines.append("Transfer-Encoding: chunked")
        payload = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in body if c) + b"0\r\n\r\n"
    elif body:
        lines.append(f"Content-Length: {len(body)}")
        payload = body
    elif method in ("POST", "PUT", "PATCH"):
        lines.append("Content-Length: 0")
    lines += [f"{k}: {v}" for k, v in sorted((headers or {}).items())]
    lines.append("Accept-Encoding: gzip")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def go_json(value: Any) -> bytes:
    """json.Marshal's bytes (compact); json.NewEncoder adds a newline."""
    return json.dumps(value, separators=(",", ":")).encode()


def py_request(method: str, target: str, body: Any = None, headers: dict[str, str] | None = None) -> bytes:
    """docker-py 7.1 over requests: its header order, its json.dumps spacing."""
    lines = [f"{method} {target} HTTP/1.1", "Host: localhost", f"User-Agent: {DOCKER_PY_UA}",
             "Accept-Encoding: gzip, deflate", "Accept: */*", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    payload = b""
    if body is not None:
        payload = json.dumps(body).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    elif method in ("POST", "PUT"):
        lines.append("Content-Length: 0")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    head: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)


class RawConnection:
    """One connection; several requests may go over it (keep-alive), one at a time."""

    def __init__(self, path: str, timeout: float = 60) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> RawConnection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError(self.buf)
        self.buf += chunk

    def _take(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _line(self) -> bytes:
        while b"\r\n" not in self.buf:
            self._fill()
        line, _, self.buf = self.buf.partition(b"\r\n")
        return line

    def exchange(self, request: bytes) -> RawResponse:
        """Send ``request``; read the response head and, unless it is a hijacked stream, its body."""
        self.sock.sendall(request)
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        resp = RawResponse(int(status_line.split()[1]), head=head)
        for line in header_lines:
            name, _, value = line.partition(":")
            resp.headers[name.strip().lower()] = value.strip()
        if resp.status in (101, 204, 304) or resp.headers.get("content-type", "").endswith("raw-stream"):
            return resp
        if resp.headers.get("transfer-encoding") == "chunked":
            body = b""
            while size := int(self._line().split(b";")[0], 16):
                body += self._take(size)
                self._take(2)
            self._line()
            resp.body = body
        else:
            resp.body = self._take(int(resp.headers.get("content-length", "0")))
        return resp


def exchange(path: str, request: bytes, timeout: float = 60) -> RawResponse:
    with RawConnection(path, timeout) as conn:
        return conn.exchange(request)
