"""Leaving the host as a benchmark found it: processes found by a path only we use, mounts under
a private directory, cgroups with a private name in every hierarchy (v1 and unified)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def cgroup_hierarchies() -> list[Path]:
    """Every mounted cgroup hierarchy (each v1 controller, named ones such as systemd, the unified one)."""
    roots = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            fstype = fields[fields.index("-") + 1]
            if fstype in ("cgroup", "cgroup2"):
                roots.append(Path(fields[4]))
    return sorted(set(roots))


def cgroup_exists(name: str) -> bool:
    return any((h / name).exists() for h in cgroup_hierarchies())


def remove_cgroups(name: str, timeout: float = 10) -> list[str]:
    """Remove ``name`` (a top-level cgroup) and everything below it in every hierarchy; processes
    still inside are our containers' and get SIGKILL. Returns what could not be removed."""
    left: list[str] = []
    for root in cgroup_hierarchies():
        top = root / name
        if not top.is_dir():
            continue
        dirs = sorted((Path(d) for d, _, _ in os.walk(top)), key=lambda p: len(p.parts), reverse=True)
        for d in dirs:
            deadline = time.monotonic() + timeout
            while d.exists():
                try:
                    d.rmdir()
                except OSError:
                    for pid in _cgroup_pids(d):
                        with contextlib.suppress(OSError):
                            os.kill(pid, signal.SIGKILL)
                    if time.monotonic() > deadline:
                        left.append(str(d))
                        break
                    time.sleep(0.05)
    return left


def _cgroup_pids(d: Path) -> list[int]:
    try:
        return [int(x) for x in (d / "cgroup.procs").read_text().split()]
    except (OSError, ValueError):
        return []


def mounts_under(base: Path) -> list[str]:
    prefix = str(base).rstrip("/") + "/"
    out = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            point = line.split()[4].encode().decode("unicode_escape")
            if point == str(base) or point.startswith(prefix):
                out.append(point)
    return out


def unmount_under(base: Path) -> list[str]:
    """Unmount every mount point at or below ``base``, deepest first (lazily when busy).
    Returns what is still mounted."""
    for _ in range(3):
        points = sorted(set(mounts_under(base)), key=len, reverse=True)
        if not points:
            return []
        for p in points:
            if subprocess.run(["umount", p], capture_output=True).returncode != 0:
                subprocess.run(["umount", "-l", p], capture_output=True)
    return mounts_under(base)


def pids_mentioning(text: str) -> list[int]:
    """Processes whose command line contains ``text`` (a private path: only what we started has it)."""
    me = os.getpid()
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == me:
            continue
        try:
            if text in (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                out.append(int(d.name))
        except OSError:
            pass
    return out


def kill_pids(pids: list[int], grace: float = 5) -> None:
    """SIGTERM each, SIGKILL what is still there after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, sig)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
            _reap()
            time.sleep(0.05)
        pids = [p for p in pids if Path(f"/proc/{p}").exists()]
        if not pids:
            return


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class CreatedPaths:
    """Host paths outside our private dirs that a daemon or tool creates when missing (shim
    sockets under /run/containerd, podman's short-name lock, the blob-info cache): those absent
    before are removed after, deepest first as listed; a directory only once it is empty, so
    what someone else put there meanwhile stays."""

    def __init__(self, paths: list[str]) -> None:
        self.absent = [Path(p) for p in paths if not os.path.lexists(p)]

    def remove(self) -> None:
        for p in self.absent:
            with contextlib.suppress(OSError):
                if p.is_dir() and not p.is_symlink():
                    p.rmdir()
                else:
                    p.unlink()
