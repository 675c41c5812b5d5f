"""runtime.processes under uvloop (the server's loop): what callers see of a child, and that
no file descriptor is leaked or closed twice (a closed-twice fd number breaks whoever reused it)."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import uvloop

from runtime import processes


def run(fn: Callable[[], Awaitable[Any]]) -> Any:
    return uvloop.run(fn())


def open_fds() -> set[int]:
    return {int(n) for n in os.listdir("/proc/self/fd")}


def test_communicate_feeds_stdin_and_reads_both_streams() -> None:
    async def go() -> tuple[bytes, bytes, int | None]:
        child = await processes.spawn(
            "sh", "-c", "cat; echo oops >&2; exit 3", stdin=processes.PIPE, stdout=processes.PIPE,
            stderr=processes.PIPE,
        )  # fmt: skip
        out, err = await child.communicate(b"hello")
        return out, err, child.returncode

    assert run(go) == (b"hello", b"oops\n", 3)


def test_output_beyond_a_pipe_buffer_and_stderr_merged_into_stdout() -> None:
    async def go() -> bytes:
        child = await processes.spawn(
            "sh", "-c", "head -c 300000 /dev/zero; echo end >&2", stdout=processes.PIPE, stderr=processes.STDOUT
        )
        out, err = await child.communicate()
        assert err == b""
        return out

    out = run(go)
    assert len(out) == 300004 and out.endswith(b"end\n")


def test_streamed_lines_and_kill() -> None:
    async def go() -> tuple[list[bytes], int]:
        child = await processes.spawn("sh", "-c", "echo one; echo two; exec sleep 60", stdout=processes.PIPE)
        assert child.stdout is not None
        lines = [await child.stdout.readline(), await child.stdout.readline()]
        child.kill()
        return lines, await asyncio.wait_for(child.wait(), 10)

    lines, code = run(go)
    assert lines == [b"one\n", b"two\n"] and code == -signal.SIGKILL


def test_a_missing_binary_raises_as_popen_does() -> None:
    async def go() -> None:
        await processes.spawn("/nonexistent/binary", stdout=processes.PIPE)

    before = open_fds()
    with pytest.raises(FileNotFoundError):
        run(go)
    assert open_fds() <= before


def test_many_children_leave_no_fd_and_close_none_twice() -> None:
    async def go() -> None:
        for _ in range(50):
            pipe = processes.PIPE
            child = await processes.spawn("sh", "-c", "echo x; echo y >&2", stdout=pipe, stderr=pipe)
            await child.communicate()
            del child
            gc.collect()  # a file object closing an fd on collection would strike here
        # an fd opened now must stay usable: nothing closes it behind our back
        fd = os.open("/proc/self/mountinfo", os.O_RDONLY)
        try:
            gc.collect()
            await asyncio.sleep(0)
            assert os.read(fd, 10)
        finally:
            os.close(fd)

    before = open_fds()
    run(go)
    gc.collect()
    leaked = open_fds() - before
    assert not leaked, leaked
