"""Child processes and exit watches for the engine's event loop.

Why not ``asyncio.create_subprocess_exec``: under uvloop it forks the whole server (libuv's
uv_spawn), and a fork copies the page tables of a 70-80 MB process: about 10 ms per spawn on our
machines, against 0.7 ms for ``subprocess.Popen``, which uses vfork. Every container start
(conmon), exec, CNI plugin call and skopeo run paid it. ``spawn`` starts the child with Popen and
gives it the part of asyncio's Process interface the engine uses (streams, wait, communicate,
signals); the exit is seen through a pidfd in the loop, so no thread waits and no SIGCHLD
handler is needed (uvloop owns SIGCHLD, and only reaps the children it spawned itself).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from runtime.errors import InvalidParameter

PIPE = subprocess.PIPE
DEVNULL = subprocess.DEVNULL
STDOUT = subprocess.STDOUT

Redirect = int | IO[Any] | None  # PIPE, DEVNULL, STDOUT, an open file, or None (inherit)


class ProcessWatch:
    """Calls back once when a (non-child or child) process exits, via a pidfd in the event loop."""

    def __init__(self, pid: int, callback: Callable[[], Any]) -> None:
        self.pid = pid
        self._callback: Callable[[], Any] | None = callback
        self._loop = asyncio.get_running_loop()
        self._fd = -1
        try:
            self._fd = os.pidfd_open(pid)
        except ProcessLookupError:
            self._loop.call_soon(self._fire)
            return
        self._loop.add_reader(self._fd, self._fire)

    def _fire(self) -> None:
        if self._fd >= 0:
            self._loop.remove_reader(self._fd)
            try:  # reap it if it is our child (we are the subreaper of conmon)
                os.waitid(os.P_PIDFD, self._fd, os.WEXITED | os.WNOHANG)
            except (ChildProcessError, OSError):
                pass
            os.close(self._fd)
            self._fd = -1
        cb, self._callback = self._callback, None
        if cb is not None:
            cb()

    def cancel(self) -> None:
        """Forget the callback but keep watching, so the process is still reaped when it exits
        (as its subreaper we would otherwise leave a zombie)."""
        self._callback = None

    def close(self) -> None:
        """Stop watching altogether (engine shutdown: the processes outlive us)."""
        if self._fd >= 0:
            self._loop.remove_reader(self._fd)
            os.close(self._fd)
            self._fd = -1
        self._callback = None


class Child:
    """A spawned child: ``stdout``/``stderr`` are StreamReaders when asked for with PIPE."""

    def __init__(self, popen: subprocess.Popen[bytes], outputs: dict[str, int]) -> None:
        self._popen = popen
        self._loop = asyncio.get_running_loop()
        self.pid = popen.pid
        self.stdout = self._reader(outputs["stdout"]) if "stdout" in outputs else None
        self.stderr = self._reader(outputs["stderr"]) if "stderr" in outputs else None
        self._exited: asyncio.Future[int] = self._loop.create_future()
        self._pidfd = os.pidfd_open(popen.pid)  # a child not yet reaped: it exists
        self._loop.add_reader(self._pidfd, self._reap)

    def _reader(self, fd: int) -> asyncio.StreamReader:
        """The read end of an output pipe as a StreamReader. The fd is ours alone (no file
        object holds it: uvloop's connect_read_pipe closes the fd under a file object, whose
        own close later hits whatever reused the number)."""
        reader = asyncio.StreamReader(limit=2**20)
        os.set_blocking(fd, False)

        def readable() -> None:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if data:
                reader.feed_data(data)
                return
            self._loop.remove_reader(fd)
            os.close(fd)
            reader.feed_eof()

        self._loop.add_reader(fd, readable)
        return reader

    def _reap(self) -> None:
        self._loop.remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = -1
        code = self._popen.wait()  # it has exited: this returns at once
        if not self._exited.done():
            self._exited.set_result(code)

    @property
    def returncode(self) -> int | None:
        return self._exited.result() if self._exited.done() else None

    async def wait(self) -> int:
        return await asyncio.shield(self._exited)

    async def communicate(self, data: bytes | None = None) -> tuple[bytes, bytes]:
        """Feed ``data`` to stdin (if it is a pipe), read stdout and stderr to their ends, wait."""
        feed = asyncio.ensure_future(self._feed(data))
        out, err = await asyncio.gather(_read_all(self.stdout), _read_all(self.stderr))
        await feed
        await self.wait()
        return out, err

    async def _feed(self, data: bytes | None) -> None:
        stdin = self._popen.stdin
        if stdin is not None:
            # a thread: a blocking write of any size cannot hold the loop, and the child's output
            # is read meanwhile (no pipe-buffer deadlock)
            await asyncio.to_thread(_write_and_close, stdin, data or b"")

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _write_and_close(pipe: IO[bytes], data: bytes) -> None:
    try:
        if data:
            pipe.write(data)
    except BrokenPipeError:
        pass  # the child did not want it all; its exit status says why
    finally:
        try:
            pipe.close()
        except BrokenPipeError:
            pass


async def _read_all(reader: asyncio.StreamReader | None) -> bytes:
    return await reader.read() if reader is not None else b""


async def spawn(
    *args: str | Path,
    stdin: Redirect = DEVNULL,
    stdout: Redirect = DEVNULL,
    stderr: Redirect = DEVNULL,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    pass_fds: Sequence[int] = (),
    start_new_session: bool = False,
) -> Child:
    """Start ``args`` (OSError as Popen raises it: a missing binary is FileNotFoundError)."""
    if any("\0" in str(a) for a in args):
        # argv cannot carry NUL (Popen's ValueError would be a 500): a client's value held one
        raise InvalidParameter("invalid value: it contains a NUL byte")
    outputs: dict[str, int] = {}  # stream name -> the read end of its pipe
    ends: list[int] = []  # the write ends, closed here once the child has them

    def out(name: str, how: Redirect) -> Redirect:
        if how != PIPE:
            return how
        r, w = os.pipe2(os.O_CLOEXEC)
        outputs[name] = r
        ends.append(w)
        return w

    try:
        popen = subprocess.Popen(  # noqa: ASYNC220 - vfork+exec, under a millisecond (see the module docstring)
            [str(a) for a in args],
            stdin=stdin,
            stdout=out("stdout", stdout),
            stderr=out("stderr", stderr),
            env=dict(env) if env is not None else None,
            cwd=cwd,
            pass_fds=tuple(pass_fds),
            start_new_session=start_new_session,
        )
    except BaseException:
        for fd in outputs.values():
            os.close(fd)
        raise
    finally:
        for fd in ends:
            os.close(fd)
    return Child(popen, outputs)
