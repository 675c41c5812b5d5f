"""The sans-IO decoders on byte-level fixtures, cut at every possible chunk boundary."""

from __future__ import annotations

import pytest
from pouch.errors import ProtocolError
from pouch.frames import Frame, FrameDecoder, JSONLineDecoder, RawDecoder, StreamType, demux, encode_frame

FRAMES = [
    Frame(StreamType.STDOUT, b"hello\n"),
    Frame(StreamType.STDERR, b"oops\n"),
    Frame(StreamType.STDOUT, b""),
    Frame(StreamType.STDOUT, bytes(range(256)) * 300),  # larger than one read, binary
    Frame(StreamType.STDIN, b"echoed"),
]
WIRE = b"".join(encode_frame(f.stream, f.data) for f in FRAMES)


def test_header_is_docker_layout() -> None:
    assert encode_frame(StreamType.STDERR, b"abc") == b"\x02\x00\x00\x00\x00\x00\x00\x03abc"


@pytest.mark.parametrize("size", [1, 3, 7, 8, 9, 1000, len(WIRE)])
def test_frames_survive_any_chunking(size: int) -> None:
    decoder = FrameDecoder()
    got: list[Frame] = []
    for i in range(0, len(WIRE), size):
        got += decoder.feed(WIRE[i:i + size])
    decoder.close()
    assert got == FRAMES


def test_demux_splits_stdout_and_stderr() -> None:
    out, err = demux(FRAMES)
    assert out == b"hello\n" + bytes(range(256)) * 300 + b"echoed"
    assert err == b"oops\n"


def test_truncated_stream_is_an_error() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(WIRE[:12]) == []
    with pytest.raises(ProtocolError, match="inside a frame"):
        decoder.close()


def test_unknown_stream_type_is_an_error() -> None:
    with pytest.raises(ProtocolError, match="stream type 7"):
        FrameDecoder().feed(b"\x07\x00\x00\x00\x00\x00\x00\x01x")


def test_tty_output_is_raw_stdout() -> None:
    decoder = RawDecoder()
    assert decoder.feed(b"\x01\x00raw") == [Frame(StreamType.STDOUT, b"\x01\x00raw")]
    assert decoder.feed(b"") == []


def test_json_lines_across_chunks_and_without_final_newline() -> None:
    wire = b'{"a": 1}\n\n{"b": [1, 2]}\r\n{"c": "\xc3\xa9"}'
    decoder = JSONLineDecoder()
    docs = []
    for byte in range(len(wire)):
        docs += decoder.feed(wire[byte:byte + 1])
    docs += decoder.close()
    assert docs == [{"a": 1}, {"b": [1, 2]}, {"c": "é"}]


def test_json_garbage_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="not a JSON line"):
        JSONLineDecoder().feed(b"<html>\n")
