"""Keeping the process's memory to what it uses (glibc malloc).

Blocking work runs in threads (asyncio.to_thread), and glibc gives every thread that allocates
an arena of its own (up to 8 per core), each holding on to freed memory; a large answer (a log
read, a pull) leaves the main heap high for the same reason. ``tune_malloc`` caps the arenas at
two and fixes the thresholds (below), ``trim`` hands freed pages back to the kernel; the app's
lifespan trims after each burst of requests. Both are no-ops where libc is not glibc.

Fixed thresholds (2026-12-08, issue 13). glibc raises its mmap threshold to the size of any
large block freed (up to 32 MiB) and the trim threshold to twice that, so after one big answer
(a log read) a thread arena may keep many MB of free top, and malloc_trim trims only the main
heap's top (a thread arena's top is left alone). Fixing both at 1 MiB (mallopt, which ends the
adjusting) hands blocks of 1 MiB and more back at free, and any heap's top past 1 MiB. Measured
on the bench (all workloads, ours alone): settled RSS 80.5 -> 74.3 MB; a pull keeps ~2k page
faults (layers.py reuses its buffers); no workload slower.
Tried before and not taken (2026-12-07): thresholds of 2-8 MiB (mmap) with 16-64 MiB (trim)
left RSS 8 MB higher (75 -> 84 MB): the unpack's 1 MiB buffers of that code then stayed in heaps.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
import time

log = logging.getLogger("pouch.server")
# mallopt parameters (malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
THRESHOLD = 1 << 20


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only
        return libc
    except (OSError, AttributeError):
        return None


_libc = _glibc()


def tune_malloc(arenas: int = 2) -> None:
    if _libc is not None:
        _libc.mallopt(M_ARENA_MAX, arenas)
        _libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD)
        _libc.mallopt(M_TRIM_THRESHOLD, THRESHOLD)


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
