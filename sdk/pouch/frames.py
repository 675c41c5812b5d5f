"""Sans-IO decoders for the byte streams the server sends; sync and async readers feed them chunks.

* Multiplexed stdio (logs and attach/exec without a Tty): 8-byte headers
  ``[stream, 0, 0, 0, size(uint32 big endian)]`` followed by ``size`` bytes of payload.
* JSON lines (events, stats, pull/push/load progress): one JSON document per line.
"""

from __future__ import annotations

import enum
import json
import struct
from collections.abc import Iterable
from typing import Any, NamedTuple

from .errors import ProtocolError

HEADER = struct.Struct(">BxxxL")


class StreamType(enum.IntEnum):
    STDIN = 0  # the server writes it on stdout; kept distinct so nothing is lost
    STDOUT = 1
    STDERR = 2


class Frame(NamedTuple):
    stream: StreamType
    data: bytes


def encode_frame(stream: StreamType, data: bytes) -> bytes:
    """The wire form of one frame (what the server sends; tests build fixtures with it)."""
    return HEADER.pack(stream, len(data)) + data


class FrameDecoder:
    """Cut a multiplexed byte stream into frames, whatever the chunk boundaries are."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[Frame]:
        self._buffer += chunk
        buf = self._buffer
        frames: list[Frame] = []
        pos = 0
        while len(buf) - pos >= HEADER.size:
            kind, size = HEADER.unpack_from(buf, pos)
            end = pos + HEADER.size + size
            if end > len(buf):
                break
            try:
                stream = StreamType(kind)
            except ValueError:
                raise ProtocolError(f"bad stream type {kind} in a multiplexed stream header") from None
            frames.append(Frame(stream, bytes(buf[pos + HEADER.size:end])))
            pos = end
        del buf[:pos]
        return frames

    def close(self) -> None:
        """At end of stream: leftover bytes mean the stream was cut inside a frame."""
        if self._buffer:
            left = len(self._buffer)
            self._buffer.clear()
            raise ProtocolError(f"stream ended inside a frame ({left} bytes left over)")


class RawDecoder:
    """A Tty stream is not multiplexed: every chunk is stdout as it comes."""

    def feed(self, chunk: bytes) -> list[Frame]:
        return [Frame(StreamType.STDOUT, chunk)] if chunk else []

    def close(self) -> None:
        return None


def stdio_decoder(tty: bool) -> FrameDecoder | RawDecoder:
    return RawDecoder() if tty else FrameDecoder()


class JSONLineDecoder:
    """Split a stream of JSON documents separated by newlines (blank lines ignored)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[Any]:
        self._buffer += chunk
        docs: list[Any] = []
        while (nl := self._buffer.find(b"\n")) >= 0:
            line = bytes(self._buffer[:nl]).strip()
            del self._buffer[: nl + 1]
            if line:
                docs.append(self._decode(line))
        return docs

    def close(self) -> list[Any]:
        """The last document may come without a newline."""
        line = bytes(self._buffer).strip()
        self._buffer.clear()
        return [self._decode(line)] if line else []

    @staticmethod
    def _decode(line: bytes) -> Any:
        try:
            return json.loads(line)
        except ValueError as exc:
            raise ProtocolError(f"not a JSON line: {line[:200]!r}") from exc


def demux(frames: Iterable[Frame]) -> tuple[bytes, bytes]:
    """Collect frames into (stdout, stderr)."""
    out, err = bytearray(), bytearray()
    for frame in frames:
        (err if frame.stream == StreamType.STDERR else out).extend(frame.data)
    return bytes(out), bytes(err)
