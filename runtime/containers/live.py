"""What only exists of a container while the engine runs (its lock, exit watch, waiters,
restart timer), and the restart policy."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from runtime.containers.records import Record
from runtime.processes import ProcessWatch

RESTART_BACKOFF_START = 0.1
RESTART_BACKOFF_MAX = 60.0
RESTART_RESET_AFTER = 10.0  # a run this long resets the back-off (dockerd's rule)
CLEANUP_WAIT = 30.0  # seconds an exit's cleanup may hold waiters; one that hangs is retried by the next start or remove
# seconds after an exit during which inspect and list wait for its cleanup: it takes milliseconds,
# and one that hangs must not hold every later observer
OBSERVER_WAIT = 5.0


def should_restart(rec: Record, stopping: bool) -> bool:
    """Whether the restart policy brings an exited container back."""
    if rec.get("ManualStop") or stopping:
        return False
    policy = rec["HostConfig"].get("RestartPolicy") or {}
    name = policy.get("Name") or "no"
    if name in ("always", "unless-stopped"):
        return True
    if name == "on-failure":
        limit = policy.get("MaximumRetryCount") or 0
        return rec["State"]["ExitCode"] != 0 and (limit == 0 or rec["RestartCount"] < limit)
    return False


class Live:
    """Runtime-only state of one container."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.exited = asyncio.Event()  # set while the container is not running
        self.exited.set()
        self.watch: ProcessWatch | None = None
        self.cleanup: asyncio.Future[None] | None = None
        self.cleanup_deadline = 0.0  # until then, inspect and list wait for the cleanup
        self.restart_timer: asyncio.TimerHandle | None = None
        self.restart_task: asyncio.Task[None] | None = None
        self.backoff = 0.0
        self.attach_hooks: list[Callable[[], Awaitable[None]]] = []
        self.started_mono = 0.0
        self.stopping = False
        # set while a stop waits out its grace period: a SIGKILL asked meanwhile (kill, remove -f)
        # sets it, and the stop sends the SIGKILL at once, under its own lock
        self.hurry: asyncio.Event | None = None
        self.keep = False  # an API restart is under way: AutoRemove must not take the container
        self._next_exit: asyncio.Future[tuple[int, str]] | None = None

    @property
    def next_exit(self) -> asyncio.Future[tuple[int, str]]:
        """Resolves with (exit code, error) at the next exit of the container."""
        if self._next_exit is None:
            self._next_exit = asyncio.get_running_loop().create_future()
        return self._next_exit

    def next_backoff(self) -> float:
        """Seconds before the next policy restart: doubling, reset by a run long enough."""
        ran = time.monotonic() - self.started_mono
        if ran >= RESTART_RESET_AFTER or self.backoff == 0:
            self.backoff = RESTART_BACKOFF_START
        else:
            self.backoff = min(self.backoff * 2, RESTART_BACKOFF_MAX)
        return self.backoff

    def cancel_restart(self) -> None:
        if self.restart_timer is not None:
            self.restart_timer.cancel()
            self.restart_timer = None

    def start_cleanup(self, cleanup: Awaitable[None]) -> None:
        self.cleanup = asyncio.ensure_future(cleanup)
        self.cleanup_deadline = time.monotonic() + OBSERVER_WAIT

    async def settled(self, observer: bool = False) -> None:
        """Once the last exit's cleanup (network, mounts, cgroups) is done: what an observer of
        an exited container sees is then what the host has (dockerd: its container lock).
        ``observer`` (inspect, list): only within OBSERVER_WAIT of the exit."""
        if self.cleanup is None or self.cleanup.done():
            return
        wait = CLEANUP_WAIT if not observer else self.cleanup_deadline - time.monotonic()
        if wait > 0:
            await asyncio.wait({self.cleanup}, timeout=wait)

    def announce_exit(self, code: int, error: str) -> None:
        fut, self._next_exit = self._next_exit, None
        if fut is not None and not fut.done():
            fut.set_result((code, error))


class Lives:
    """The Live of every container the engine has touched since it started."""

    def __init__(self) -> None:
        self._live: dict[str, Live] = {}

    def get(self, cid: str) -> Live:
        lv = self._live.get(cid)
        if lv is None:
            lv = self._live[cid] = Live()
        return lv

    def forget(self, cid: str) -> None:
        self._live.pop(cid, None)

    def all(self) -> list[Live]:
        return list(self._live.values())

    async def settled(self) -> None:
        """Every recent exit's cleanup is done (usually none is pending): for list."""
        pending = [lv for lv in self._live.values() if lv.cleanup is not None and not lv.cleanup.done()]
        if pending:
            await asyncio.gather(*(lv.settled(observer=True) for lv in pending))
