"""A minimal inotify watch for the event loop (ctypes), so log followers wake on writes
instead of polling."""

from __future__ import annotations

import asyncio
import ctypes
import os
from pathlib import Path

IN_MODIFY = 0x2
IN_CLOSE_WRITE = 0x8
IN_ATTRIB = 0x4
IN_DELETE_SELF = 0x400
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000

_libc = ctypes.CDLL(None, use_errno=True)


class FileWatch:
    """``await changed()`` returns after the file was written (or after ``timeout``)."""

    def __init__(self, path: Path, mask: int = IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE_SELF) -> None:
        self._fd = _libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        if _libc.inotify_add_watch(self._fd, str(path).encode(), mask) < 0:
            err = ctypes.get_errno()
            os.close(self._fd)
            raise OSError(err, f"inotify_add_watch {path} failed")
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()
        self._loop.add_reader(self._fd, self._readable)

    def _readable(self) -> None:
        try:
            while os.read(self._fd, 4096):
                pass
        except BlockingIOError:
            pass
        self._event.set()

    async def changed(self, within: float | None = None) -> None:
        try:
            await asyncio.wait_for(self._event.wait(), within)
        except TimeoutError:
            pass
        self._event.clear()

    def wake(self) -> None:
        self._event.set()

    def close(self) -> None:
        if self._fd >= 0:
            self._loop.remove_reader(self._fd)
            os.close(self._fd)
            self._fd = -1
