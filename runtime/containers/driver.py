"""The OCI runtime driver: one conmon per container (and per exec) over runc.

conmon runs ``runc create``, holds the container's stdio (k8s-file log, SEQPACKET attach
socket, ctl fifo for resizes), writes the exit code into ``exits/<id>`` and outlives the
daemon, so a restarted engine re-adopts containers from conmon's pidfile and runc's state.
Exits are observed through a pidfd on the conmon process (no polling): when conmon is gone,
its exit file is complete.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import os
import shutil
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runtime import processes
from runtime.errors import Conflict, EngineError

log = logging.getLogger("pouch.containers")

PR_SET_CHILD_SUBREAPER = 36


def set_child_subreaper() -> None:
    """conmon double-forks: as subreaper we stay its parent and can reap it (podman does the same)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        log.warning("prctl(PR_SET_CHILD_SUBREAPER) failed: errno %d", ctypes.get_errno())


def reap_container_orphans() -> int:
    """Reap the zombies we adopted from containers; returns how many.

    As subreaper we adopt what a container's exec leaves behind once its runc parent is gone
    (the command of a `runc exec --detach`); unreaped, such a zombie keeps the container's PID
    namespace alive: its init hangs in exit until every member is reaped, so the container never
    stops; the lifecycle also calls this before each signal it sends. Only zombies in a nested
    PID namespace are taken: our own subprocesses live in ours, and their waiters must still
    see their exit status."""
    reaped = 0
    for pid in _children():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if not fields.get("State", "").strip().startswith("Z") or len(fields.get("NSpid", "").split()) < 2:
            continue
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
            reaped += 1
    return reaped


def _children() -> set[int]:
    pids: set[int] = set()
    for children in Path("/proc/self/task").glob("*/children"):
        with contextlib.suppress(OSError, ValueError):
            pids.update(int(p) for p in children.read_text().split())
    return pids


def find_binary(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin:/usr/libexec/podman")
    if path is None:
        raise EngineError(f"{name} is not installed")
    return path


class RuntimeFailure(EngineError):
    """runc or conmon refused: the message carries runc's own words."""


def command_failure(text: str) -> int | None:
    """dockerd's mapping of a start or exec that failed on its command, the caller's error:
    127 when it is missing, 126 when it is not executable; None for any other failure."""
    if "no such file or directory" in text or "executable file not found" in text:
        return 127
    if "permission denied" in text:
        return 126
    return None


@dataclass
class ContainerPaths:
    """Where one container's files live: persistent ones under home, runtime ones under exec root."""

    home: Path  # bundle: config.json, log, conmon's persist dir
    run: Path  # conmon pidfile, runc pidfile

    @property
    def bundle(self) -> Path:
        return self.home

    @property
    def config_json(self) -> Path:
        return self.home / "config.json"

    @property
    def log(self) -> Path:
        return self.home / "container.log"

    @property
    def persist(self) -> Path:
        return self.home / "userdata"

    @property
    def conmon_pidfile(self) -> Path:
        return self.run / "conmon.pid"

    @property
    def pidfile(self) -> Path:
        return self.run / "pidfile"

    @property
    def attach_socket(self) -> Path:
        return self.home / "attach"

    @property
    def ctl(self) -> Path:
        return self.home / "ctl"

    @property
    def checkpoints(self) -> Path:
        return self.home / "checkpoints"


class Driver:
    def __init__(self, exec_root: Path, home: Path, runtime: str = "runc") -> None:
        self._runtime = runtime
        self._runc: str | None = None
        self._conmon: str | None = None
        self.runc_root = exec_root / "runc"
        self.exits = exec_root / "exits"
        self.socks = exec_root / "socks"
        self.run_root = exec_root / "containers"
        self.home_root = home / "containers"
        self.exec_root = exec_root / "execs"
        for d in (self.runc_root, self.exits, self.socks, self.run_root, self.home_root, self.exec_root):
            d.mkdir(parents=True, exist_ok=True)

    @property
    def runc(self) -> str:
        """Looked up on first use: a host without runc still serves everything but containers."""
        if self._runc is None:
            self._runc = find_binary(self._runtime)
        return self._runc

    @property
    def conmon(self) -> str:
        if self._conmon is None:
            self._conmon = find_binary("conmon")
        return self._conmon

    def paths(self, cid: str) -> ContainerPaths:
        return ContainerPaths(self.home_root / cid, self.run_root / cid)

    # -- runc ----------------------------------------------------------------------------
    async def runc_cmd(self, *args: str, check: bool = True, stdin: bytes | None = None) -> tuple[int, bytes]:
        proc = await processes.spawn(
            self.runc,
            "--root",
            str(self.runc_root),
            *args,
            stdin=processes.PIPE if stdin is not None else processes.DEVNULL,
            stdout=processes.PIPE,
            stderr=processes.STDOUT,
        )
        out, _ = await proc.communicate(stdin)
        rc = proc.returncode or 0
        if check and rc != 0:
            raise RuntimeFailure(f"runc {args[0]} failed: {_runc_message(out)}")
        return rc, out

    async def exec_detached(self, cid: str, args: list[str]) -> None:
        """Start a process in the container and leave it (rich mode's command under init).
        Its stdio is /dev/null: it inherits runc's, and a pipe of ours would be held open by it."""
        proc = await processes.spawn(
            self.runc,
            "--root",
            str(self.runc_root),
            "exec",
            "--detach",
            cid,
            *args,
            stdin=processes.DEVNULL,
            stdout=processes.DEVNULL,
            stderr=processes.DEVNULL,
        )
        if await proc.wait() != 0:
            raise RuntimeFailure(f"runc exec of {args[:1]} in {cid[:12]} failed (exit {proc.returncode})")
        # runc is gone, so its child is ours (we are a subreaper); the event loop owns SIGCHLD
        # (uvloop tracks its subprocesses with it), so its zombie is reaped here as it comes
        for _ in range(50):
            if reap_container_orphans():
                return
            await asyncio.sleep(0.1)

    async def state(self, cid: str) -> dict[str, Any] | None:
        rc, out = await self.runc_cmd("state", cid, check=False)
        if rc != 0:
            return None
        try:
            state: dict[str, Any] = json.loads(out)
            return state
        except ValueError:
            return None

    async def stopped(self, cid: str) -> bool:
        """Whether runc no longer runs ``cid`` (no state, or stopped): what a refusal of runc means
        when it races the container's exit, which the store learns of a moment later."""
        state = await self.state(cid)
        return state is None or state.get("status") == "stopped"

    def state_exists(self, cid: str) -> bool:
        return (self.runc_root / cid / "state.json").exists()

    async def start(self, cid: str) -> None:
        """What ``runc start`` does for a created container, without spawning runc (~5 ms):
        runc init waits on ``exec.fifo``; reading it lets init exec the process. Falls back
        to ``runc start`` if the fifo is not there or nobody writes."""
        fifo = self.runc_root / cid / "exec.fifo"
        try:
            fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            await self.runc_cmd("start", cid)
            return
        try:
            data = b""
            try:
                data = os.read(fd, 1)
            except BlockingIOError:
                loop = asyncio.get_running_loop()
                fut: asyncio.Future[None] = loop.create_future()
                loop.add_reader(fd, _set_done, fut)
                try:
                    await asyncio.wait_for(fut, 10)
                    data = os.read(fd, 1)
                except (TimeoutError, OSError):
                    data = b""
                finally:
                    loop.remove_reader(fd)
        finally:
            os.close(fd)
        if not data:
            await self.runc_cmd("start", cid)
            return
        with contextlib.suppress(FileNotFoundError):
            fifo.unlink()

    async def kill(self, cid: str, sig: int, all_procs: bool = False) -> None:
        args = ["kill"] + (["--all"] if all_procs else []) + [cid, str(sig)]
        rc, out = await self.runc_cmd(*args, check=False)
        # "no such file or directory": the container exited and its cgroups went (our cleanup
        # removes them in-process) while this kill was on its way: nothing left to signal.
        benign = (b"not running", b"does not exist", b"process already finished", b"no such file or directory")
        if rc != 0 and not any(b in out for b in benign):
            raise RuntimeFailure(f"runc kill failed: {_runc_message(out)}")

    async def pause(self, cid: str) -> None:
        await self.runc_cmd("pause", cid)

    async def resume(self, cid: str) -> None:
        await self.runc_cmd("resume", cid)

    async def delete(self, cid: str, force: bool = False) -> None:
        if not self.state_exists(cid):
            return
        await self.runc_cmd("delete", *(["--force"] if force else []), cid, check=False)

    async def update(self, cid: str, resources: dict[str, Any]) -> None:
        await self.runc_cmd("update", "--resources", "-", cid, stdin=json.dumps(resources).encode())

    async def ps(self, cid: str) -> list[int]:
        _, out = await self.runc_cmd("ps", "--format", "json", cid)
        pids: list[int] = json.loads(out or b"[]") or []
        return pids

    # -- conmon --------------------------------------------------------------------------
    def conmon_args(
        self,
        cid: str,
        uuid: str,
        name: str,
        bundle: Path,
        pidfile: Path,
        conmon_pidfile: Path,
        exit_dir: Path,
        log_path: Path,
        persist: Path,
        tty: bool,
        stdin: bool,
        leave_stdin_open: bool,
        keep_log: bool = True,
    ) -> list[str]:
        args = [
            self.conmon,
            "--api-version",
            "1",
            "-c",
            cid,
            "-u",
            uuid,
            "-n",
            name,
            "-r",
            self.runc,
            "-b",
            str(bundle),
            "-p",
            str(pidfile),
            "-P",
            str(conmon_pidfile),
            "--exit-dir",
            str(exit_dir),
            "--socket-dir-path",
            str(self.socks),
            "-l",
            # The "none" log driver: conmon still serves attach, but writes nothing down.
            f"k8s-file:{log_path}" if keep_log else f"none:{log_path}",
            "-0",
            str(persist),
            "--runtime-arg",
            "--root",
            "--runtime-arg",
            str(self.runc_root),
            "--log-level",
            "error",
            "--syslog",
            # no fsync of the log at the container's exit (an exit waits on it): dockerd and
            # pouchd do not sync container logs either
            "--no-sync-log",
        ]
        if tty:
            args.append("-t")
        if stdin:
            args.append("-i")
            if leave_stdin_open:
                args.append("--leave-stdin-open")
        return args

    async def spawn_conmon(
        self,
        args: list[str],
        extra_env: dict[str, str] | None = None,
        on_attach_ready: Callable[[], Any] | None = None,
        cwd: Path | None = None,
    ) -> int:
        """Run conmon; returns the container (or exec) process pid that conmon reports.

        ``cwd``: conmon also drops an ``oom`` marker in its working directory: keep it in the bundle.
        With ``on_attach_ready`` (exec attach), conmon waits on a start pipe until the caller
        has connected to the attach socket, so no output is lost."""
        sync_r, sync_w = os.pipe()
        pass_fds = [sync_w]
        env = {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), "_OCI_SYNCPIPE": str(sync_w)}
        start_w = attach_r = -1
        close_after: list[int] = [sync_w]
        if on_attach_ready is not None:
            start_r, start_w = os.pipe()
            attach_r, attach_w = os.pipe()
            env["_OCI_STARTPIPE"] = str(start_r)
            env["_OCI_ATTACHPIPE"] = str(attach_w)
            pass_fds += [start_r, attach_w]
            close_after += [start_r, attach_w]
        env.update(extra_env or {})
        try:
            proc = await processes.spawn(
                *args,
                env=env,
                pass_fds=pass_fds,
                stdin=processes.DEVNULL,
                cwd=cwd,
                stdout=processes.DEVNULL,
                stderr=processes.DEVNULL,
            )
        finally:
            for fd in close_after:
                os.close(fd)
        try:
            if on_attach_ready is not None:
                os.write(start_w, b"\0")  # conmon: go ahead and set up the attach socket
                await read_pipe_message(attach_r)
                await on_attach_ready()
                os.write(start_w, b"\0")  # attached: let the process run
            msg = await read_pipe_message(sync_r)
        except BaseException:
            self._reap_conmon(args)
            raise
        finally:
            os.close(sync_r)
            for fd in (start_w, attach_r):
                if fd >= 0:
                    os.close(fd)
            await proc.wait()
        pid = int(msg.get("data", -1))
        if pid < 0:
            self._reap_conmon(args)
            raise RuntimeFailure(_runc_message((msg.get("message") or "conmon failed").encode()))
        return pid

    def _reap_conmon(self, args: list[str]) -> None:
        """A conmon that failed exits on its own; as its subreaper we must still reap it."""
        try:
            pidfile = Path(args[args.index("-P") + 1])
        except (ValueError, IndexError):
            return
        pid = self.conmon_pid(pidfile)
        if pid:
            processes.ProcessWatch(pid, lambda: None)

    def conmon_pid(self, pidfile: Path) -> int | None:
        try:
            return int(pidfile.read_text().strip())
        except (OSError, ValueError):
            return None

    def read_exit_code(self, exit_file: Path) -> int | None:
        try:
            return int(exit_file.read_text().strip())
        except (OSError, ValueError):
            return None


async def read_pipe_message(fd: int) -> dict[str, Any]:
    """One JSON message from conmon on a pipe, read without blocking the loop."""
    loop = asyncio.get_running_loop()
    os.set_blocking(fd, False)
    buf = b""
    fut: asyncio.Future[None] | None = None
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            fut = loop.create_future()
            loop.add_reader(fd, _set_done, fut)
            try:
                await fut
            finally:
                loop.remove_reader(fd)
            continue
        if not chunk:
            break
        buf += chunk
        if b"\n" in buf or _complete_json(buf):
            break
    line = buf.split(b"\n", 1)[0].strip()
    if not line:
        return {"data": -1, "message": "conmon exited without reporting a pid"}
    try:
        msg: dict[str, Any] = json.loads(line)
        return msg
    except ValueError:
        return {"data": -1, "message": line.decode(errors="replace")}


def _set_done(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


def _complete_json(buf: bytes) -> bool:
    try:
        json.loads(buf)
        return True
    except ValueError:
        return False


def _runc_message(out: bytes) -> str:
    """runc logs as logrus lines (``level=error msg="..."``): keep the message."""
    text = out.decode(errors="replace").strip()
    msgs = []
    for line in text.splitlines():
        if 'msg="' in line:
            msgs.append(line.split('msg="', 1)[1].rsplit('"', 1)[0].replace('\\"', '"'))
        elif line.strip():
            msgs.append(line.strip())
    return "; ".join(msgs) or "unknown error"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def connect_attach(path: Path) -> socket.socket:
    """Connect to conmon's SEQPACKET attach socket; the path may exceed sun_path, so go through a dir fd."""
    dfd = os.open(path.parent, os.O_PATH)
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            sock.connect(f"/proc/self/fd/{dfd}/{path.name}")
        except OSError:
            sock.close()
            raise
    finally:
        os.close(dfd)
    sock.setblocking(False)
    return sock


def write_ctl(ctl: Path, kind: int, height: int, width: int) -> None:
    """conmon's ctl fifo: ``1 h w`` resizes the terminal."""
    try:
        fd = os.open(ctl, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise Conflict(f"cannot resize: container terminal is not available ({exc.strerror})") from None
    try:
        os.write(fd, f"{kind} {height} {width}\n".encode())
    finally:
        os.close(fd)


def kill_pid(pid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
