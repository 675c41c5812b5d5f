"""Reading conmon's k8s-file logs: ``<RFC3339Nano> stdout|stderr F|P <text>`` per line.

``P`` marks a partial line (no newline yet); a reader joins partials until the ``F`` line.
Output is batched into large chunks (framed with the 8-byte multiplex header when the
container has no TTY) because this is the hot path of ``logs`` on big outputs.
"""

from __future__ import annotations

import asyncio
import struct
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runtime.clock import parse_rfc3339
from runtime.containers.inotify import FileWatch
from runtime.errors import InvalidParameter

STDIN, STDOUT, STDERR = 0, 1, 2
STREAMS = {b"stdout": STDOUT, b"stderr": STDERR}
CHUNK = 256 * 1024  # bytes per response chunk
BLOCK = 4 * 1024 * 1024  # bytes read from the log file at a time


def frame(stream: int, data: bytes) -> bytes:
    """The 8-byte multiplexed frame header of the attach/logs stream plus the payload."""
    return struct.pack(">BxxxI", stream, len(data)) + data


@dataclass
class LogOptions:
    stdout: bool = True
    stderr: bool = True
    since: float = 0.0
    until: float = 0.0
    tail: int = -1  # -1 = all
    timestamps: bool = False
    follow: bool = False
    tty: bool = False


ALL_LINES = 1 << 62


def parse_tail(value: str | None) -> int:
    if value in (None, "", "all"):
        return -1
    try:
        n = int(value)  # type: ignore[arg-type]
    except ValueError:
        raise InvalidParameter(f"invalid tail value {value!r}: want an integer or 'all'") from None
    # More lines than any log holds is all of them (and a deque cannot be sized beyond an index).
    return n if 0 <= n < ALL_LINES else -1


@dataclass
class LogLine:
    ts: bytes
    stream: int
    data: bytes  # with its newline when the line was complete


def parse_lines(raw: bytes, pending: dict[int, bytearray]) -> Iterator[LogLine]:
    """Whole k8s-file lines -> LogLines, joining P(artial) records per stream."""
    for line in raw.split(b"\n"):
        if not line:
            continue
        parts = line.split(b" ", 3)
        if len(parts) < 3:
            continue
        ts, stream_name, tag = parts[0], parts[1], parts[2]
        text = parts[3] if len(parts) == 4 else b""
        stream = STREAMS.get(stream_name, STDOUT)
        if tag == b"P":
            pending.setdefault(stream, bytearray()).extend(text)
            continue
        buf = pending.pop(stream, None)
        if buf is not None:
            buf.extend(text)
            text = bytes(buf)
        yield LogLine(ts, stream, text + b"\n")


class LogFormatter:
    def __init__(self, opts: LogOptions) -> None:
        self.opts = opts
        self._since = opts.since
        self._until = opts.until

    def wanted(self, line: LogLine) -> bool:
        if line.stream == STDOUT and not self.opts.stdout:
            return False
        if line.stream == STDERR and not self.opts.stderr:
            return False
        if self._since or self._until:
            t = parse_rfc3339(line.ts.decode())
            if self._since and t < self._since:
                return False
            if self._until and t > self._until:
                return False
        return True

    def render(self, line: LogLine) -> bytes:
        data = line.data
        if self.opts.timestamps:
            data = _docker_ts(line.ts) + b" " + data
        return data if self.opts.tty else frame(line.stream, data)


def _docker_ts(ts: bytes) -> bytes:
    """conmon writes ``+00:00``; dockerd prints ``Z``."""
    return ts[:-6] + b"Z" if ts.endswith(b"+00:00") else ts


def existing_chunks(path: Path, fmt: LogFormatter, tail: int, state: dict[str, Any]) -> Iterator[bytes]:
    """Rendered chunks of what is already in the log, read block by block so memory stays
    bounded whatever the log size (blocking: step it from a thread). ``state`` receives the
    offset of the first byte not consumed and the partial lines still open, for a follower."""
    state.setdefault("offset", 0)
    pending: dict[int, bytearray] = state.setdefault("pending", {})
    last: deque[LogLine] | None = deque(maxlen=tail) if tail > 0 else None
    try:
        f = path.open("rb")
    except FileNotFoundError:
        return
    with f:
        carry = b""
        buf = bytearray()
        while True:
            block = f.read(BLOCK)
            if not block:
                break
            data = carry + block
            end = data.rfind(b"\n") + 1
            carry = data[end:]
            state["offset"] += end
            for ln in parse_lines(data[:end], pending):
                if tail == 0 or not fmt.wanted(ln):
                    continue
                if last is not None:
                    last.append(ln)
                    continue
                buf += fmt.render(ln)
                if len(buf) >= CHUNK:
                    yield bytes(buf)
                    buf.clear()
        for ln in last or ():
            buf += fmt.render(ln)
            if len(buf) >= CHUNK:
                yield bytes(buf)
                buf.clear()
        if buf:
            yield bytes(buf)


def read_existing(path: Path, fmt: LogFormatter, tail: int) -> tuple[list[bytes], int]:
    """All of :func:`existing_chunks` at once, with the offset reached (tests, small logs)."""
    state: dict[str, Any] = {}
    chunks = list(existing_chunks(path, fmt, tail, state))
    return chunks, int(state.get("offset", 0))


async def stream_logs(
    path: Path, opts: LogOptions, running: Callable[[], bool], exited: asyncio.Event | None = None
) -> AsyncIterator[bytes]:
    fmt = LogFormatter(opts)
    state: dict[str, Any] = {}
    chunks = existing_chunks(path, fmt, opts.tail, state)
    while True:
        chunk = await asyncio.to_thread(next, chunks, None)
        if chunk is None:
            break
        yield chunk
    if not opts.follow or not running():
        return
    offset: int = state.get("offset", 0)
    watch = FileWatch(path)
    pending: dict[int, bytearray] = state.get("pending", {})
    waker: asyncio.Task[None] | None = None
    if exited is not None:

        async def wake_on_exit() -> None:
            await exited.wait()
            watch.wake()

        waker = asyncio.ensure_future(wake_on_exit())
    try:
        while True:
            alive = running()
            with path.open("rb") as f:
                f.seek(offset)
                data = f.read()
            end = data.rfind(b"\n") + 1
            if end:
                offset += end
                out = b"".join(fmt.render(ln) for ln in parse_lines(data[:end], pending) if fmt.wanted(ln))
                if out:
                    yield out
            if not alive:
                return
            if opts.until and opts.until < time.time():
                return
            # Wake on writes; the timeout bounds how long an exit without a final write goes unseen.
            await watch.changed(within=1.0)
    finally:
        if waker is not None:
            waker.cancel()
        watch.close()
