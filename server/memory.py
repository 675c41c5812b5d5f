"""Keeping the process's memory to what it uses (glibc malloc).

Blocking work runs in threads (asyncio.to_thread), and glibc gives every thread that allocates
an arena of its own (up to 8 per core), each holding on to freed memory; a large answer (a log
read, a pull) leaves the main heap high for the same reason. ``limit_arenas`` caps the arenas at
two, ``trim`` hands freed pages back to the kernel; the app's lifespan trims every TRIM_EVERY
seconds. Both are no-ops where libc is not glibc.

Measured and not taken (2026-12-07, issue 13): glibc's own trimming hands the top of a heap back
as soon as a 1 MiB read buffer is freed, so a pull of the 51 MB bench image costs the server
40-65k page faults (~120 ms of system time; each 24 MiB layer unpacks in 110-130 ms instead of
~45). Fixing the thresholds (mallopt M_MMAP_THRESHOLD 2-8 MiB with M_TRIM_THRESHOLD 16-64 MiB)
removes the faults (pull 1.75x -> 1.6x of skopeo) but settles RSS 8 MB higher (75 -> 84 MB)
even after the idle trim, past the 80 MB target. Reusing read buffers in the unpack path got the
first without the second (2026-12-08, runtime/images/layers.py TarStream): ~1.5k faults a pull,
settled RSS 67-70 MB.
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
