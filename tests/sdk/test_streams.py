"""Streamed responses (logs, events, stats, pull/push progress, save/load) against a scripted
byte-level peer: items arrive as the server sends them, typed, and errors are typed."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import socket
import threading
from pathlib import Path

import pouch
import pytest
from pouch.frames import StreamType, encode_frame
from pouch_client.models.container_stats import ContainerStats
from pouch_client.models.event_type import EventType

from .peer import Peer, Request, json_error, streamed_head

EVENT = {"type": "container", "action": "start", "actor": {"ID": "abc", "Attributes": {"name": "web"}},
         "time": 1700000000, "timeNano": 1700000000000000000}


def test_logs_demux_in_odd_chunks(tmp_path: Path) -> None:
    wire = encode_frame(StreamType.STDOUT, b"out 1\n") + encode_frame(StreamType.STDERR, b"err 1\n") * 2

    def script(conn: socket.socket, request: Request) -> None:
        conn.sendall(streamed_head("application/vnd.raw-stream"))
        for i in range(0, len(wire), 5):
            conn.sendall(wire[i:i + 5])

    peer = Peer(tmp_path, script)
    with pouch.Client(peer.url) as client:
        frames = list(client.containers.logs("web", tail=10, since=1.5, tty=False))
    request = peer.join()
    assert [(f.stream, f.data) for f in frames] == [
        (StreamType.STDOUT, b"out 1\n"), (StreamType.STDERR, b"err 1\n"), (StreamType.STDERR, b"err 1\n")]
    assert request.target.startswith("/v1.24/containers/web/logs?")
    for part in ("stdout=true", "stderr=true", "follow=false", "tail=10", "since=1.5"):
        assert part in request.target


def test_logs_follow_yields_before_the_stream_ends(tmp_path: Path) -> None:
    """With follow, a frame is delivered while the server is still holding the stream open."""
    got_first = threading.Event()

    def script(conn: socket.socket, request: Request) -> None:
        conn.sendall(streamed_head() + encode_frame(StreamType.STDOUT, b"first\n"))
        assert got_first.wait(5), "client did not get the first frame while the stream was open"
        conn.sendall(encode_frame(StreamType.STDOUT, b"second\n"))

    peer = Peer(tmp_path, script)
    with pouch.Client(peer.url) as client:
        stream = client.containers.logs("web", follow=True, tty=False)
        assert next(stream).data == b"first\n"
        got_first.set()
        assert [f.data for f in stream] == [b"second\n"]
    peer.join()


def test_tty_logs_are_raw(tmp_path: Path) -> None:
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(streamed_head() + b"\x01\x00\x00\x00raw tty"))
    with pouch.Client(peer.url) as client:
        data = b"".join(f.data for f in client.containers.logs("t", tty=True))
    peer.join()
    assert data == b"\x01\x00\x00\x00raw tty"


def test_events_are_typed_and_close_hangs_up(tmp_path: Path) -> None:
    hung_up = threading.Event()

    def script(conn: socket.socket, request: Request) -> None:
        conn.sendall(streamed_head() + json.dumps(EVENT).encode() + b"\n")
        conn.settimeout(5)
        if conn.recv(1) == b"":  # the client closing the stream closes the connection
            hung_up.set()

    peer = Peer(tmp_path, script)
    with pouch.Client(peer.url) as client:
        stream = client.system.events(filters={"type": ["container"]}, since=0)
        event = next(stream)
        stream.close()
    request = peer.join()
    assert hung_up.is_set()
    assert isinstance(event, pouch.models.EventsMessage)
    assert event.type_ == EventType.CONTAINER and event.action == "start"
    assert event.actor and event.actor.id == "abc"
    assert "filters=%7B%22type%22%3A+%5B%22container%22%5D%7D" in request.target


def test_stats_are_typed(tmp_path: Path) -> None:
    sample = {"read": "2024-01-01T00:00:00Z", "memory_stats": {"usage": 1234, "limit": 99999}}
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(streamed_head() + (json.dumps(sample) + "\n").encode() * 2))
    with pouch.Client(peer.url) as client:
        samples = list(client.containers.stats("web"))
    peer.join()
    assert len(samples) == 2 and all(isinstance(s, ContainerStats) for s in samples)
    assert samples[0].memory_stats and samples[0].memory_stats.usage == 1234


def test_pull_progress_and_auth_header(tmp_path: Path) -> None:
    lines = [{"status": "Pulling from library/busybox", "id": "latest"}, {"status": "Download complete", "id": "x"}]
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(
        streamed_head() + b"".join(json.dumps(line).encode() + b"\n" for line in lines)))
    with pouch.Client(peer.url) as client:
        got = list(client.images.pull("busybox", tag="latest", auth={"username": "u", "password": "p"}))
    request = peer.join()
    assert got == lines
    auth = json.loads(base64.urlsafe_b64decode(request.headers["x-registry-auth"]))
    assert auth == {"username": "u", "password": "p"}
    assert "fromImage=busybox" in request.target and "tag=latest" in request.target


def test_error_inside_progress_raises_stream_error(tmp_path: Path) -> None:
    body = b'{"status": "Pulling"}\n{"error": "manifest unknown", "errorDetail": {"message": "manifest unknown"}}\n'
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(streamed_head() + body))
    with pouch.Client(peer.url) as client:
        stream = client.images.push("localhost:5000/x")
        assert next(stream) == {"status": "Pulling"}
        with pytest.raises(pouch.StreamError, match="manifest unknown"):
            next(stream)
    peer.join()


def test_stream_endpoint_error_raises_at_call(tmp_path: Path) -> None:
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(json_error(404, "Not Found", "No such container: x")))
    with pouch.Client(peer.url) as client, pytest.raises(pouch.NotFound, match="No such container: x"):
        client.containers.stats("x")
    peer.join()


def test_save_streams_bytes_and_load_uploads_a_file(tmp_path: Path) -> None:
    blob = bytes(range(256)) * 1000
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(streamed_head("application/x-tar") + blob))
    with pouch.Client(peer.url) as client:
        saved = b"".join(client.images.save("busybox:latest"))
    assert saved == blob
    assert peer.join().target == "/v1.24/images/save?name=busybox%3Alatest"

    def load(conn: socket.socket, request: Request) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    (tmp_path / "peer.sock").unlink()
    peer = Peer(tmp_path, load)
    with pouch.Client(peer.url) as client:
        answer = client.images.load(io.BytesIO(blob), name="busybox")
    request = peer.join()
    assert answer == b"ok"
    assert request.body == blob and request.headers["content-type"] == "application/x-tar"


def test_async_events_and_logs(tmp_path: Path) -> None:
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(streamed_head() + json.dumps(EVENT).encode() + b"\n"))

    async def events() -> list[pouch.models.EventsMessage]:
        async with pouch.AsyncClient(peer.url) as client, await client.system.events() as stream:
            return [event async for event in stream]

    got = asyncio.run(events())
    peer.join()
    assert [e.action for e in got] == ["start"]

    (tmp_path / "peer.sock").unlink()
    wire = encode_frame(StreamType.STDERR, b"e") + encode_frame(StreamType.STDOUT, b"o")
    peer = Peer(tmp_path, lambda conn, req: conn.sendall(streamed_head() + wire))

    async def logs() -> list[pouch.Frame]:
        async with pouch.AsyncClient(peer.url) as client:
            return [frame async for frame in await client.containers.logs("c", tty=False)]

    frames = asyncio.run(logs())
    peer.join()
    assert [(f.stream, f.data) for f in frames] == [(StreamType.STDERR, b"e"), (StreamType.STDOUT, b"o")]
