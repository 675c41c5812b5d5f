"""lxcfs for containers that ask for it (HostConfig.EnableLxcfs): their /proc shows their limits.

``LxcfsManager`` runs lxcfs (the Debian package's) as a supervised child mounted at
--lxcfs-home, or adopts one already mounted there. When its own child dies it unmounts
the dead FUSE mount, starts a new lxcfs and calls ``on_restart`` so the engine can
``remount`` the /proc files inside every running container that uses them: a bind of a
dead FUSE mount answers "Transport endpoint is not connected" until it is replaced.

The replacement runs in a short-lived helper process (``python -m runtime.lxcfs``): it
clones each lxcfs file as a detached mount (open_tree) in the engine's mount namespace,
enters the container's mount namespace (setns) and puts the clone over the stale mount
(move_mount). pouchd instead binds lxcfs's parent directory into every container with
shared propagation and re-binds from there; that exposes a host directory to each
container, which this way avoids.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import dataclasses
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from runtime import processes
from runtime.errors import EngineError

log = logging.getLogger("pouch.lxcfs")

PROC_FILES = ("cpuinfo", "meminfo", "stat", "uptime", "swaps", "diskstats")
FSTYPE = "fuse.lxcfs"
MOUNT_TIMEOUT = 10.0
RESTART_DELAYS = (0.1, 0.5, 1.0, 2.0, 5.0)  # back-off between restarts that keep failing


def default_lxcfs_binary() -> str:
    return shutil.which("lxcfs") or "/usr/bin/lxcfs"


@dataclasses.dataclass(frozen=True)
class LxcfsConfig:
    """pouchd's flags: --enable-lxcfs, --lxcfs (binary), --lxcfs-home (mount point).

    pouchd's default binary is /usr/local/bin/lxcfs; Debian's package installs /usr/bin/lxcfs,
    found on PATH here.
    """

    enabled: bool = False
    binary: str = dataclasses.field(default_factory=default_lxcfs_binary)
    home: Path = Path("/var/lib/lxcfs")

    def __post_init__(self) -> None:
        if not Path(self.home).is_absolute():
            raise ValueError(f"invalid lxcfs home dir: {self.home}")


def lxcfs_mounted(home: Path, mountinfo: Path = Path("/proc/self/mountinfo")) -> bool:
    """A live lxcfs FUSE mount at ``home`` (a stale one fails the stat)."""
    target = str(home)
    for line in mountinfo.read_text().splitlines():
        pre, _, post = line.partition(" - ")
        fields = pre.split()
        if len(fields) > 4 and fields[4] == target and post.split()[:1] == [FSTYPE]:
            try:
                os.stat(home / "proc" / "meminfo")
            except OSError:
                return False
            return True
    return False


def _mount_listed(home: Path) -> bool:
    target = str(home)
    return any(
        line.partition(" - ")[0].split()[4:5] == [target]
        for line in Path("/proc/self/mountinfo").read_text().splitlines()
    )


def oci_mounts(home: Path) -> list[dict[str, Any]]:
    """The binds a container with EnableLxcfs gets (runc allows exactly these /proc files)."""
    return [
        {
            "destination": f"/proc/{name}",
            "type": "bind",
            "source": str(home / "proc" / name),
            "options": ["bind", "ro", "nosuid", "nodev", "noexec"],
        }
        for name in PROC_FILES
    ]


class LxcfsManager:
    """The one owner of the lxcfs process and its mount."""

    def __init__(
        self,
        config: LxcfsConfig,
        run_dir: Path,
        on_restart: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.config = config
        self.home = Path(config.home)
        self.pidfile = Path(run_dir) / "lxcfs.pid"
        # its messages go to a file, not a pipe of ours: an lxcfs kept for running containers
        # outlives the engine, and a closed pipe would kill it at its next message
        self.logfile = Path(run_dir) / "lxcfs.log"
        self.on_restart = on_restart
        self.owned = False
        self.restarts = 0
        self._proc: processes.Child | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._closing = False
        # an lxcfs our previous run kept for its running containers (not our child now): ours
        # to stop once no container needs it; one somebody else started is left alone
        self.kept_pid: int | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.returncode is None else None

    def driver_status(self) -> dict[str, Any]:
        """/info: LxcfsEnabled, and where it is mounted."""
        return {"LxcfsEnabled": self.config.enabled and lxcfs_mounted(self.home), "LxcfsHome": str(self.home)}

    def oci_mounts(self) -> list[dict[str, Any]]:
        return oci_mounts(self.home)

    async def start(self) -> None:
        if not self.config.enabled:
            return
        if lxcfs_mounted(self.home):
            self.kept_pid = self._kept_by_us()
            log.info("using lxcfs already mounted at %s%s", self.home, " (kept by our last run)" * bool(self.kept_pid))
            if self.kept_pid:  # ours: supervised as our own child would be
                self._supervisor = asyncio.create_task(self._supervise())
            return
        await self._spawn()
        self.owned = True
        self._supervisor = asyncio.create_task(self._supervise())

    def _prepare(self) -> int:
        """Ready to spawn; returns where this run's messages start in the log."""
        if not Path(self.config.binary).is_file():
            raise EngineError(f"lxcfs binary not found: {self.config.binary} (install lxcfs or pass --lxcfs)")
        # a dead lxcfs leaves its FUSE mount behind, and a new one cannot mount over it
        if _mount_listed(self.home) and not lxcfs_mounted(self.home):
            subprocess.run(["umount", "-l", str(self.home)], capture_output=True)
        self.home.mkdir(parents=True, exist_ok=True)
        self.pidfile.parent.mkdir(parents=True, exist_ok=True)
        return self.logfile.stat().st_size if self.logfile.exists() else 0

    def _log_since(self, offset: int) -> bytes:
        with open(self.logfile, "rb") as logf:
            logf.seek(offset)
            return logf.read()[-2000:]

    async def _spawn(self) -> None:
        start = await asyncio.to_thread(self._prepare)
        logf = await asyncio.to_thread(open, self.logfile, "ab")
        with logf:
            self._proc = await processes.spawn(
                self.config.binary,
                "--foreground",
                "--pidfile",
                str(self.pidfile),
                str(self.home),
                stdin=subprocess.DEVNULL,
                stdout=logf,
                stderr=logf,
                start_new_session=True,  # a signal to the engine's process group is not one to lxcfs
            )
        deadline = time.monotonic() + MOUNT_TIMEOUT
        while not lxcfs_mounted(self.home):
            if self._proc.returncode is not None or time.monotonic() > deadline:
                await self._stop_proc()
                err = await asyncio.to_thread(self._log_since, start)
                raise EngineError(f"lxcfs did not mount {self.home}: {err.decode(errors='replace').strip()}")
            await asyncio.sleep(0.05)
        log.info("lxcfs %d mounted at %s", self._proc.pid, self.home)

    async def _supervise(self) -> None:
        attempt = 0
        while not self._closing:
            code = await self._exited()
            if self._closing:
                return
            log.warning("lxcfs exited (%s); restarting", code)
            await asyncio.sleep(RESTART_DELAYS[min(attempt, len(RESTART_DELAYS) - 1)])
            try:
                await self._spawn()
            except EngineError as e:
                attempt += 1
                log.error("%s", e)
                continue
            attempt = 0
            self.owned, self.kept_pid = True, None
            self.restarts += 1
            if self.on_restart is not None:
                try:
                    await self.on_restart()
                except Exception:
                    log.exception("restoring lxcfs mounts after a restart failed")

    async def _exited(self) -> int | None:
        """Until the lxcfs we run (our child, or one kept by our last run) exits."""
        if self._proc is not None:
            return await self._proc.wait()
        assert self.kept_pid is not None
        try:
            fd = os.pidfd_open(self.kept_pid)
        except ProcessLookupError:
            return None
        loop = asyncio.get_running_loop()
        gone: asyncio.Future[None] = loop.create_future()

        def fire() -> None:
            if not gone.done():
                gone.set_result(None)

        loop.add_reader(fd, fire)
        try:
            await gone
        finally:
            loop.remove_reader(fd)
            os.close(fd)
        return None

    async def _stop_proc(self) -> None:
        proc = self._proc
        if proc is None or proc.returncode is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 5)
        except TimeoutError:
            proc.kill()
            await proc.wait()

    async def close(self, keep_running: bool = False) -> None:
        """Stop our lxcfs (an adopted one keeps running) and take its mount down; with
        ``keep_running`` it stays (containers use it) and the next start adopts it."""
        self._closing = True
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        if self.owned and not keep_running:
            await self._stop_proc()
            await asyncio.to_thread(self._unmount)
            self.pidfile.unlink(missing_ok=True)
        elif self.kept_pid and not keep_running:
            await asyncio.to_thread(self._stop_kept, self.kept_pid)

    def _kept_by_us(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return None
        return (
            pid if Path(argv[0].decode(errors="replace")).name == "lxcfs" and str(self.home).encode() in argv else None
        )

    def _stop_kept(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        self._unmount()
        self.pidfile.unlink(missing_ok=True)

    def _unmount(self) -> None:
        if _mount_listed(self.home):
            if subprocess.run(["umount", str(self.home)], capture_output=True).returncode != 0:
                subprocess.run(["umount", "-l", str(self.home)], capture_output=True)

    async def remount(self, pid: int) -> None:
        """Put fresh lxcfs binds over /proc/<file> inside the container whose process is ``pid``."""
        proc = await processes.spawn(
            sys.executable,
            "-m",
            "runtime.lxcfs",
            str(pid),
            str(self.home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, err = await proc.communicate()
        if proc.returncode != 0:
            raise EngineError(f"restoring lxcfs mounts in process {pid}: {err.decode(errors='replace').strip()}")


# The helper: one process per container, single-threaded so that setns(CLONE_NEWNS) is allowed.
SYS_OPEN_TREE = 428
SYS_MOVE_MOUNT = 429
OPEN_TREE_CLONE = 1
MOVE_MOUNT_F_EMPTY_PATH = 0x4
AT_FDCWD = -100
CLONE_NEWNS = 0x00020000
MNT_DETACH = 2


def _rebind_in_namespace(pid: int, home: Path) -> None:
    libc = ctypes.CDLL(None, use_errno=True)

    def check(rc: int, what: str) -> int:
        if rc < 0:
            raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")
        return rc

    clones = {}
    for name in PROC_FILES:
        source = str(home / "proc" / name).encode()
        flags = OPEN_TREE_CLONE | os.O_CLOEXEC
        clones[name] = check(libc.syscall(SYS_OPEN_TREE, AT_FDCWD, source, flags), f"open_tree {home}/proc/{name}")
    ns = os.open(f"/proc/{pid}/ns/mnt", os.O_RDONLY | os.O_CLOEXEC)
    check(libc.setns(ns, CLONE_NEWNS), f"setns into the mount namespace of {pid}")
    for name, fd in clones.items():
        target = f"/proc/{name}".encode()
        libc.umount2(target, MNT_DETACH)  # the stale bind; EINVAL when there was none
        check(
            libc.syscall(SYS_MOVE_MOUNT, fd, b"", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH),
            f"move_mount onto /proc/{name}",
        )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m runtime.lxcfs <pid> <lxcfs-home>", file=sys.stderr)
        return 2
    try:
        _rebind_in_namespace(int(argv[0]), Path(argv[1]))
    except OSError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
