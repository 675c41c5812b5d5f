"""Keeping the process's memory to what it uses (glibc malloc).

Blocking work runs in threads (asyncio.to_thread), and glibc gives every thread that allocates
an arena of its own (up to 8 per core), each holding on to freed memory; a large answer (a log
read, a pull) leaves the main heap high for the same reason. ``limit_arenas`` caps the arenas at
two, ``trim`` hands freed pages back to the kernel; the app's lifespan trims every TRIM_EVERY
seconds. Both are no-ops where libc is not glibc.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
import time

log = logging.getLogger("pouch.server")
M_ARENA_MAX = -8  # mallopt parameter (malloc.h)


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only
        return libc
    except (OSError, AttributeError):
        return None


_libc = _glibc()


def limit_arenas(arenas: int = 2) -> None:
    if _libc is not None:
        _libc.mallopt(M_ARENA_MAX, arenas)


def trim() -> None:
    if _libc is not None:
        _libc.malloc_trim(0)


class IdleTrimmer:
    """Trims after ``idle`` seconds without a request, once per burst of requests."""

    def __init__(self, idle: float = 1.0) -> None:
        self.idle = idle
        self._dirty = False
        self._last = 0.0

    def touch(self) -> None:
        self._dirty = True
        self._last = time.monotonic()

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.idle)
            if self._dirty and time.monotonic() - self._last >= self.idle:
                self._dirty = False
                trim()
