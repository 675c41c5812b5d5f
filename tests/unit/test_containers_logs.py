"""The k8s-file log reader: partial lines, stream selection, tail, framing."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from runtime.containers.attach import parse_detach_keys
from runtime.containers.logs import LogFormatter, LogOptions, frame, parse_lines, parse_tail, read_existing
from runtime.errors import InvalidParameter
from server.app_spec import load_spec

LOG = (
    b"2024-01-01T00:00:01.000000000+00:00 stdout F one\n"
    b"2024-01-01T00:00:02.000000000+00:00 stderr P par\n"
    b"2024-01-01T00:00:03.000000000+00:00 stderr F tial\n"
    b"2024-01-01T00:00:04.000000000+00:00 stdout F two\n"
    b"2024-01-01T00:00:05.000000000+00:00 stdout F thr"  # incomplete: not yet readable
)


def test_partial_lines_are_joined() -> None:
    lines = list(parse_lines(LOG[: LOG.rfind(b"\n") + 1], {}))
    assert [(ln.stream, ln.data) for ln in lines] == [(1, b"one\n"), (2, b"partial\n"), (1, b"two\n")]


def test_read_existing_frames_and_tail(tmp_path: Path) -> None:
    p = tmp_path / "log"
    p.write_bytes(LOG)
    chunks, offset = read_existing(p, LogFormatter(LogOptions()), -1)
    data = b"".join(chunks)
    assert data == frame(1, b"one\n") + frame(2, b"partial\n") + frame(1, b"two\n")
    assert offset == LOG.rfind(b"\n") + 1
    chunks, _ = read_existing(p, LogFormatter(LogOptions(stderr=False, tty=True)), 1)
    assert b"".join(chunks) == b"two\n"
    chunks, _ = read_existing(p, LogFormatter(LogOptions(timestamps=True, tty=True, since=1704067203.5)), -1)
    assert b"".join(chunks) == b"2024-01-01T00:00:04.000000000Z two\n"


def test_a_tail_beyond_any_log_is_all_of_it(tmp_path: Path) -> None:
    """A tail too large for a deque was an OverflowError in the middle of a chunked response."""
    huge = parse_tail("01793027930875545880053295")
    p = tmp_path / "log"
    p.write_bytes(LOG)
    chunks, _ = read_existing(p, LogFormatter(LogOptions(tty=True)), huge)
    assert b"".join(chunks) == b"one\npartial\ntwo\n"
    assert parse_tail("3") == 3 and parse_tail("all") == -1 and parse_tail("0") == 0


def test_frame_header() -> None:
    assert frame(2, b"abc")[:8] == struct.pack(">BxxxI", 2, 3)


def test_detach_keys() -> None:
    assert parse_detach_keys(None) == b"\x10\x11"
    assert parse_detach_keys("ctrl-a,x") == b"\x01x"


@pytest.mark.parametrize("bad", ["€", "ab", "ctrl-1", " a", "a,", "ctrl-"])
def test_detach_keys_outside_the_grammar_are_400(bad: str) -> None:
    with pytest.raises(InvalidParameter):
        parse_detach_keys(bad)


def test_detach_key_grammar_and_spec_pattern_agree() -> None:
    spec = load_spec()
    pattern = next(
        p["pattern"]
        for p in spec["paths"]["/containers/{id}/attach"]["post"]["parameters"]
        if p["name"] == "detachKeys"
    )
    for value in ["", "ctrl-p,ctrl-q", "a", "ctrl-@,~", "ctrl-_"]:
        assert re.match(pattern, value), value
        parse_detach_keys(value)
    for value in ["€", "ab", "ctrl-1", " a", "a,"]:
        assert not re.match(pattern, value), value


def test_blocks_join_lines_cut_at_a_block_edge(tmp_path: Path, monkeypatch: object) -> None:
    import runtime.containers.logs as logs

    p = tmp_path / "log"
    lines = [f"2024-01-01T00:00:0{i % 10}.000000000+00:00 stdout F line-{i}\n".encode() for i in range(50)]
    p.write_bytes(b"".join(lines))
    monkeypatch.setattr(logs, "BLOCK", 37)  # type: ignore[attr-defined]
    chunks, offset = read_existing(p, LogFormatter(LogOptions(tty=True)), -1)
    assert b"".join(chunks) == b"".join(f"line-{i}\n".encode() for i in range(50))
    assert offset == p.stat().st_size
    chunks, _ = read_existing(p, LogFormatter(LogOptions(tty=True)), 3)
    assert b"".join(chunks) == b"line-47\nline-48\nline-49\n"
