"""Attach and exec sessions over the hijacked connection, against a scripted byte-level peer:
the Upgrade request, 101 handling, stdin, half-close, demux, Tty, and the error paths."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import pouch
import pytest
from pouch.frames import StreamType, encode_frame

from .peer import UPGRADED, Peer, Request, json_error, recv_until_eof


def echo_until_eof(conn: socket.socket, request: Request) -> None:
    """Answer 101, send output before any input, echo stdin as stdout frames, report EOF on stderr."""
    conn.sendall(UPGRADED + encode_frame(StreamType.STDOUT, b"ready\n"))
    stdin = recv_until_eof(conn)  # returns once the client half-closes
    conn.sendall(encode_frame(StreamType.STDOUT, stdin) + encode_frame(StreamType.STDERR, b"eof\n"))


def test_attach_sends_upgrade_and_demuxes(tmp_path: Path) -> None:
    peer = Peer(tmp_path, echo_until_eof)
    with pouch.Client(peer.url) as client:
        with client.containers.attach("c1", stdin=True, tty=False) as session:
            first = next(iter(session))
            assert first == pouch.Frame(StreamType.STDOUT, b"ready\n")
            session.write(b"line one\n")
            session.write(b"line two\n")
            session.close_write()
            out, err = session.output()
    request = peer.join()
    assert (out, err) == (b"line one\nline two\n", b"eof\n")
    assert request.method == "POST"
    assert request.target.startswith("/v1.24/containers/c1/attach?")
    assert "stdin=true" in request.target and "stream=true" in request.target
    assert request.headers["upgrade"] == "tcp" and request.headers["connection"].lower() == "upgrade"


def test_exec_start_sends_body_then_raw_tty_bytes(tmp_path: Path) -> None:
    def script(conn: socket.socket, request: Request) -> None:
        conn.sendall(UPGRADED + b"\x1b[1mprompt$ ")  # a Tty: no frame headers
        data = recv_until_eof(conn)
        conn.sendall(b"you typed: " + data)

    peer = Peer(tmp_path, script)
    with pouch.Client(peer.url) as client:
        session = client.execs.start("e1", tty=True)
        assert session.tty
        assert session.read() == b"\x1b[1mprompt$ "
        session.write(b"ls\r")
        session.close_write()
        out, err = session.output()
        session.close()
    request = peer.join()
    assert (out, err) == (b"you typed: ls\r", b"")
    assert request.target == "/v1.24/exec/e1/start"
    assert json.loads(request.body) == {"Detach": False, "Tty": True}
    assert request.headers["upgrade"] == "tcp"


def test_bytes_sent_right_after_101_are_not_lost(tmp_path: Path) -> None:
    """Output in the same packet as the 101 head lands in httpcore's buffer: it must reach the session."""
    def script(conn: socket.socket, request: Request) -> None:
        conn.sendall(UPGRADED + encode_frame(StreamType.STDOUT, b"a") + encode_frame(StreamType.STDERR, b"b"))

    peer = Peer(tmp_path, script)
    with pouch.Client(peer.url) as client, client.containers.attach("c", tty=False) as session:
        assert session.output() == (b"a", b"b")
    peer.join()


def test_attach_error_status_raises_typed_error(tmp_path: Path) -> None:
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(json_error(404, "Not Found", "No such container: nope")))
    with pouch.Client(peer.url) as client, pytest.raises(pouch.NotFound) as info:
        client.containers.attach("nope", tty=False)
    peer.join()
    assert info.value.status == 404 and info.value.message == "No such container: nope"


def test_server_that_does_not_upgrade_is_a_protocol_error(tmp_path: Path) -> None:
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
    with pouch.Client(peer.url) as client, pytest.raises(pouch.ProtocolError, match="101"):
        client.containers.attach("c", tty=False)
    peer.join()


def test_async_attach_session(tmp_path: Path) -> None:
    peer = Peer(tmp_path, echo_until_eof)

    async def main() -> tuple[bytes, bytes, pouch.Frame]:
        async with pouch.AsyncClient(peer.url) as client:
            async with await client.containers.attach("c1", stdin=True, tty=False) as session:
                first = await anext(aiter(session))
                await session.write(b"async in\n")
                session.close_write()
                out, err = await session.output()
        return out, err, first

    out, err, first = asyncio.run(main())
    peer.join()
    assert first.data == b"ready\n"
    assert (out, err) == (b"async in\n", b"eof\n")


def test_async_exec_start_error(tmp_path: Path) -> None:
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(json_error(409, "Conflict", "container is paused")))

    async def main() -> None:
        async with pouch.AsyncClient(peer.url) as client:
            await client.execs.start("e1", tty=False)

    with pytest.raises(pouch.Conflict, match="container is paused"):
        asyncio.run(main())
    peer.join()
