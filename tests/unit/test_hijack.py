"""The hijack-capable uvicorn protocol, spoken to over a raw socket: 101 UPGRADED (or
200 without Upgrade), a JSON body peeled off by Content-Length, then bytes both ways."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from server.hijack import hijack


async def echo_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Reads the request body like connexion would, hijacks, echoes stdin upper-cased."""
    if scope["type"] == "lifespan":
        while True:
            msg = await receive()
            if msg["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif msg["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b""
    while True:
        msg = await receive()
        body += msg.get("body", b"")
        if not msg.get("more_body"):
            break
    conn = await hijack(scope)
    conn.send_head()
    conn.write(b"body=" + body + b"\n")
    while True:
        data = await conn.reader.read(1024)
        if not data:
            break
        conn.write(data.upper())
        await conn.drain()
    conn.write(b"bye\n")
    conn.close()
    # A response sent after the hijack must not reach the client.
    await send({"type": "http.response.start", "status": 500, "headers": []})
    await send({"type": "http.response.body", "body": b"late"})


@pytest.fixture(scope="module")
def sock_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("hijack") / "s.sock")
    config = uvicorn.Config(
        echo_app, uds=path, http="server.hijack:HijackHttpToolsProtocol", loop="asyncio", log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        threading.Event().wait(0.05)
    yield path
    srv.should_exit = True
    thread.join(5)


class Peer:
    """A raw client socket with a read buffer: chunks may carry more than one asks for."""

    def __init__(self, path: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(path)
        self.buf = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def read_until(self, marker: bytes) -> bytes:
        while marker not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError(self.buf)
            self.buf += chunk
        end = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:end], self.buf[end:]
        return out

    def read_all(self) -> bytes:
        while chunk := self.sock.recv(4096):
            self.buf += chunk
        out, self.buf = self.buf, b""
        return out


def test_upgrade_gets_101_and_bytes_flow_both_ways(sock_path: str) -> None:
    body = json.dumps({"Detach": False, "Tty": False}).encode()
    s = Peer(sock_path)
    # The body and the first stdin bytes arrive in the same packet as the headers.
    s.send(
        b"POST /exec/x/start HTTP/1.1\r\nHost: pouch\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n"
        b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body + b"hello"
    )
    head = s.read_until(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 101 UPGRADED\r\n")
    assert b"Content-Type: application/vnd.raw-stream" in head
    assert b"Upgrade: tcp" in head
    assert s.read_until(b"HELLO") == b"body=" + body + b"\nHELLO"
    s.send(b" again")
    assert s.read_until(b"AGAIN") == b" AGAIN"
    s.sock.shutdown(socket.SHUT_WR)  # half-close: the server still answers
    tail = s.read_all()
    assert tail == b"bye\n"
    assert b"late" not in tail


def test_body_split_across_packets(sock_path: str) -> None:
    body = b'{"Detach": false}'
    s = Peer(sock_path)
    s.send(
        b"POST /x HTTP/1.1\r\nHost: pouch\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body[:5]
    )
    threading.Event().wait(0.1)
    s.send(body[5:] + b"x")
    assert b"101 UPGRADED" in s.read_until(b"\r\n\r\n")
    assert s.read_until(b"X") == b"body=" + body + b"\nX"


def test_without_upgrade_header_gets_200_raw_stream(sock_path: str) -> None:
    s = Peer(sock_path)
    s.send(b"POST /containers/x/attach?stream=1 HTTP/1.1\r\nHost: pouch\r\nContent-Length: 0\r\n\r\n")
    head = s.read_until(b"body=\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"application/vnd.raw-stream" in head
    s.send(b"abc")
    assert s.read_until(b"ABC") == b"ABC"


def test_plain_requests_still_work_on_the_protocol(sock_path: str) -> None:
    async def go() -> bytes:
        reader, writer = await asyncio.open_unix_connection(sock_path)
        writer.write(b"POST /x HTTP/1.1\r\nHost: p\r\nContent-Length: 3\r\n\r\nabc")
        await writer.drain()
        writer.write_eof()
        data = await reader.read()
        writer.close()
        return data

    data = asyncio.run(go())
    assert b"body=abc\n" in data
    assert data.endswith(b"bye\n")


def test_hijack_requires_the_protocol() -> None:
    with pytest.raises(RuntimeError):
        asyncio.run(hijack({"type": "http"}))


def test_socket_file_exists(sock_path: str) -> None:
    assert Path(sock_path).exists()


def test_oversized_request_head_is_refused_with_431(sock_path: str) -> None:
    s = Peer(sock_path)
    s.send(b"GET /_ping HTTP/1.1\r\nHost: pouch\r\nX-Big: ")
    for _ in range(64):
        s.send(b"a" * 32768)  # 2 MiB of one header value, never terminated
    reply = s.read_all()
    assert reply.startswith(b"HTTP/1.1 431 ")
    assert b'"message"' in reply


def test_large_headers_under_the_limit_are_served(sock_path: str) -> None:
    body = b"{}"
    s = Peer(sock_path)
    s.send(
        b"POST /exec/x/start HTTP/1.1\r\nHost: pouch\r\nX-Big: " + b"a" * 200_000 + b"\r\n"
        b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n" + body
    )
    assert s.read_until(b"\r\n\r\n").startswith(b"HTTP/1.1 200 OK\r\n")


def test_chunked_body_of_an_upgrade_request_is_decoded_and_stdin_follows(sock_path: str) -> None:
    # Go's client streams a body of unknown length chunked, Upgrade or not.
    s = Peer(sock_path)
    s.send(
        b"POST /exec/x/start HTTP/1.1\r\nHost: pouch\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n"
        b"Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
        b"7\r\n{\"Tty\":\r\n"
    )
    threading.Event().wait(0.1)
    s.send(b"7;ext=1\r\n false}\r\n0\r\n\r\nhello")
    assert b"101 UPGRADED" in s.read_until(b"\r\n\r\n")
    assert s.read_until(b"HELLO") == b'body={"Tty": false}\nHELLO'


def test_chunked_decoder_refuses_garbage() -> None:
    from server.hijack import ChunkedBody

    with pytest.raises(ValueError):
        ChunkedBody().feed(b"zz\r\n")
    body, rest = ChunkedBody().feed(b"3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\nraw")
    assert (body, rest) == (b"abc", b"raw")
