"""Sessions on conmon's SEQPACKET attach socket: attach to a container, an attached exec.

conmon sends each chunk of output as one packet whose first byte names the pipe (2 stdout,
3 stderr); bytes we send become the process's stdin (conmon ran with ``-i``). A client
attaching to a created container is connected by ``start`` before the process runs, so the
first bytes of output are never lost.

Both sessions have one shape for the server: ``output()`` yields (stream, bytes), ``tty``
says whether to frame them, ``pump_stdin(reader)`` forwards client input (watching for the
detach keys), ``close()`` ends the session when the client is gone, ``finish()`` releases it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

from runtime.containers.driver import ContainerPaths, connect_attach
from runtime.containers.logs import STDERR, STDOUT, LogLine, parse_lines
from runtime.containers.records import Record
from runtime.errors import InvalidParameter

PIPES = {2: STDOUT, 3: STDERR}
DEFAULT_DETACH_KEYS = b"\x10\x11"  # ctrl-p ctrl-q


def parse_detach_keys(spec: str | None) -> bytes:
    """dockerd's format: comma-separated ``a``..``z`` or ``ctrl-<x>``."""
    if not spec:
        return DEFAULT_DETACH_KEYS
    out = bytearray()
    for key in spec.split(","):
        if key.startswith("ctrl-") and len(key) == 6:
            c = key[5]
            if "a" <= c <= "z":
                out.append(ord(c) - ord("a") + 1)
            elif c in "@[\\]^_":
                out.append(ord(c) - 64)
            else:
                raise InvalidParameter(f"Unknown character: '{key}'")
        elif len(key) == 1 and "!" <= key <= "~":  # one printable ASCII character
            out.append(ord(key))
        else:
            raise InvalidParameter(f"Unknown character: '{key}'")
    return bytes(out)


class AttachSession:
    def __init__(
        self,
        paths: ContainerPaths,
        start_hooks: list[Callable[[], Awaitable[None]]],
        rec: Record,
        stdin: bool,
        stdout: bool,
        stderr: bool,
        logs: bool,
        stream: bool,
        detach_keys: bytes,
    ) -> None:
        self.paths = paths
        self.start_hooks = start_hooks  # run by start before the process runs
        self.rec = rec
        self.tty = bool(rec["Config"].get("Tty"))
        self.want_stdin = stdin and bool(rec["Config"].get("OpenStdin"))
        self.want = {STDOUT: stdout, STDERR: stderr}
        self.logs = logs
        self.stream = stream
        self.detach_keys = detach_keys
        self.sock: socket.socket | None = None
        self._connected = asyncio.Event()
        self._gone = asyncio.Event()
        self.detached = False

    async def _connect(self) -> None:
        if self.sock is None and not self._gone.is_set():
            self.sock = connect_attach(self.paths.attach_socket)
            self._connected.set()

    async def prepare(self) -> None:
        """Connect now (running) or register to be connected by start (created)."""
        if not self.stream:
            return
        st = self.rec["State"]
        if st["Running"]:
            try:
                await self._connect()
            except OSError:
                self._gone.set()
        elif st["Status"] == "created" or st["Status"] == "restarting":
            self.start_hooks.append(self._connect)
        else:
            self._gone.set()

    async def output(self) -> AsyncIterator[tuple[int, bytes]]:
        if self.logs:
            path = self.paths.log
            with contextlib.suppress(FileNotFoundError):
                raw = await asyncio.to_thread(path.read_bytes)
                end = raw.rfind(b"\n") + 1
                line: LogLine
                for line in parse_lines(raw[:end], {}):
                    if self.want.get(line.stream):
                        yield line.stream, line.data
        if not self.stream:
            return
        waiter = asyncio.ensure_future(self._connected.wait())
        gone = asyncio.ensure_future(self._gone.wait())
        await asyncio.wait({waiter, gone}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        gone.cancel()
        if self.sock is None:
            return
        async for stream, data in read_packets(self.sock):
            if self.want.get(stream):
                yield stream, data

    async def pump_stdin(self, reader: asyncio.StreamReader) -> None:
        """Client input -> container stdin, watching for the detach key sequence."""
        if not self.want_stdin:
            return
        await self._connected.wait()
        assert self.sock is not None
        if await pump_input(reader, self.sock, DetachScanner(self.detach_keys)):
            self.detached = True
            self.close()

    def close(self) -> None:
        self._gone.set()
        if self._connect in self.start_hooks:
            self.start_hooks.remove(self._connect)
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)

    async def finish(self) -> None:
        """Release the socket once no coroutine uses it any more."""
        self.close()
        if self.sock is not None:
            self.sock.close()


class ExecSession:
    """An attached exec. Unlike a container attach, leaving (detach keys, client gone) must not
    close conmon's socket while the process runs (that would close its stdin): output stops
    being read for the client and is drained in the background until the process ends."""

    def __init__(
        self,
        sock: socket.socket,
        done: asyncio.Event,
        tty: bool,
        stdin: bool,
        detach_keys: bytes,
        background: set[asyncio.Task[None]],
    ) -> None:
        self.sock = sock
        self.done = done  # set once the exit code is recorded
        self.tty = tty
        self.stdin = stdin
        self.detach_keys = detach_keys
        self.detached = False
        self._left = asyncio.Event()
        self._eof = False
        self._background = background

    async def output(self) -> AsyncIterator[tuple[int, bytes]]:
        async for item in read_packets(self.sock, self._left):
            yield item
        self._eof = not self._left.is_set()

    async def pump_stdin(self, reader: asyncio.StreamReader) -> None:
        if self.stdin and await pump_input(reader, self.sock, DetachScanner(self.detach_keys)):
            self.detached = True
            self._left.set()

    def close(self) -> None:
        self._left.set()

    async def finish(self) -> None:
        if self._eof:
            with contextlib.suppress(asyncio.TimeoutError):  # the exit code is in place before inspect
                await asyncio.wait_for(self.done.wait(), 10)
            self.sock.close()
            return
        task = asyncio.ensure_future(self._drain())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _drain(self) -> None:
        try:
            async for _ in read_packets(self.sock):
                pass
        finally:
            self.sock.close()


async def read_packets(sock: socket.socket, stop: asyncio.Event | None = None) -> AsyncIterator[tuple[int, bytes]]:
    """conmon's output packets as (stream, data), until EOF, a socket error or ``stop``."""
    loop = asyncio.get_running_loop()
    stopped = asyncio.ensure_future(stop.wait()) if stop is not None else None
    try:
        while True:
            try:
                if stopped is None:
                    msg = await loop.sock_recv(sock, 65536)
                else:
                    recv = asyncio.ensure_future(loop.sock_recv(sock, 65536))
                    await asyncio.wait({recv, stopped}, return_when=asyncio.FIRST_COMPLETED)
                    if stopped.done():
                        recv.cancel()
                        return
                    msg = recv.result()
            except OSError:
                return
            if not msg:
                return
            stream = PIPES.get(msg[0])
            if stream is not None and len(msg) > 1:
                yield stream, msg[1:]
    finally:
        if stopped is not None:
            stopped.cancel()


class DetachScanner:
    """Finds the detach key sequence in client input, across reads; holds back a partial match."""

    def __init__(self, keys: bytes) -> None:
        self.keys = keys
        self.matched = 0

    def feed(self, data: bytes) -> tuple[bytes, bool]:
        out = bytearray()
        for b in data:
            if self.keys and b == self.keys[self.matched]:
                self.matched += 1
                if self.matched == len(self.keys):
                    return bytes(out), True
                continue
            if self.matched:
                out += self.keys[: self.matched]
                self.matched = 0
            out.append(b)
        return bytes(out), False


async def pump_input(reader: asyncio.StreamReader, sock: socket.socket, scanner: DetachScanner) -> bool:
    """Copy client input to a conmon attach socket until EOF (then half-close: stdin EOF) or the
    detach keys (returns True)."""
    loop = asyncio.get_running_loop()
    while True:
        data = await reader.read(65536)
        if not data:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
            return False
        out, detached = scanner.feed(data)
        try:
            if out:
                await loop.sock_sendall(sock, out)
        except OSError:
            return False
        if detached:
            return True
