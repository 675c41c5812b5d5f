"""lxcfs supervised by the manager, seen from a runc container with a 64 MiB memory limit."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from runtime.lxcfs import LxcfsConfig, LxcfsManager, lxcfs_mounted
from tests.helpers.bundle import RuncContainer, base_spec, busybox_rootfs, require_runc

pytestmark = pytest.mark.root

LIMIT = 64 << 20


def _require_lxcfs() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: FUSE mounts")
    if shutil.which("lxcfs") is None:
        pytest.skip("lxcfs is not installed")
    if not Path("/dev/fuse").exists():
        pytest.skip("no /dev/fuse")


@pytest.fixture
async def manager(tmp_path: Path) -> AsyncIterator[LxcfsManager]:
    _require_lxcfs()
    mgr = LxcfsManager(LxcfsConfig(enabled=True, home=tmp_path / "lxcfs"), tmp_path / "run")
    await mgr.start()
    try:
        yield mgr
    finally:
        await mgr.close()
        assert not lxcfs_mounted(mgr.home)


def _meminfo_total(ctr: RuncContainer) -> str:
    res = ctr.exec("head", "-n", "1", "/proc/meminfo")
    return res.stdout.strip() if res.returncode == 0 else res.stderr.strip()


async def _until(predicate: Callable[[], bool], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await asyncio.to_thread(predicate):
            return True
        await asyncio.sleep(0.1)
    return False


async def test_lxcfs_serves_proc_files(manager: LxcfsManager) -> None:
    assert manager.owned and manager.pid is not None
    assert manager.driver_status()["LxcfsEnabled"] is True
    assert (manager.home / "proc" / "meminfo").read_text().startswith("MemTotal:")


async def test_container_sees_its_limit_and_keeps_it_across_an_lxcfs_restart(
    manager: LxcfsManager, tmp_path: Path
) -> None:
    require_runc()
    rootfs = busybox_rootfs(tmp_path / "rootfs")
    spec = base_spec(rootfs, ["sleep", "120"])
    spec["linux"]["resources"]["memory"] = {"limit": LIMIT}
    spec["mounts"] += manager.oci_mounts()
    with RuncContainer(tmp_path, f"lxcfs-{time.monotonic_ns()}", spec) as ctr:
        assert _meminfo_total(ctr).split() == ["MemTotal:", str(LIMIT >> 10), "kB"]
        uptime = float(ctr.exec("cat", "/proc/uptime").stdout.split()[0])
        assert uptime < 60  # the container's uptime, not the host's

        pid = ctr.pid
        seen_before_restore: list[str] = []

        async def restore() -> None:
            seen_before_restore.append(await asyncio.to_thread(_meminfo_total, ctr))
            await manager.remount(pid)

        manager.on_restart = restore
        old = manager.pid
        assert old is not None
        os.kill(old, signal.SIGKILL)
        assert await _until(lambda: manager.restarts == 1 and manager.pid not in (None, old))
        assert await _until(lambda: _meminfo_total(ctr).split() == ["MemTotal:", str(LIMIT >> 10), "kB"]), (
            _meminfo_total(ctr)
        )
        assert "Transport endpoint is not connected" in seen_before_restore[0]  # what remount repairs
        cpus = ctr.exec("grep", "-c", "^processor", "/proc/cpuinfo")
        assert cpus.returncode == 0 and int(cpus.stdout) >= 1


async def test_remount_refuses_a_process_that_is_gone(manager: LxcfsManager) -> None:
    with pytest.raises(Exception, match="restoring lxcfs mounts in process 999999999"):
        await manager.remount(999999999)


async def test_an_lxcfs_already_mounted_is_adopted_and_left_running(tmp_path: Path) -> None:
    _require_lxcfs()
    home = tmp_path / "theirs"
    home.mkdir()
    theirs = await asyncio.create_subprocess_exec(
        "lxcfs",
        "--foreground",
        "--pidfile",
        str(tmp_path / "theirs.pid"),
        str(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert await _until(lambda: lxcfs_mounted(home))
        mgr = LxcfsManager(LxcfsConfig(enabled=True, home=home), tmp_path / "run")
        await mgr.start()
        assert not mgr.owned and mgr.pid is None
        await mgr.close()
        assert theirs.returncode is None and lxcfs_mounted(home)
    finally:
        theirs.terminate()
        await theirs.wait()
        await asyncio.to_thread(_unmount_if_left, home)


def _unmount_if_left(home: Path) -> None:
    if subprocess.run(["mountpoint", "-q", str(home)]).returncode == 0:
        subprocess.run(["umount", "-l", str(home)], check=False)


async def test_disabled_does_nothing(tmp_path: Path) -> None:
    mgr = LxcfsManager(LxcfsConfig(enabled=False, home=tmp_path / "off"), tmp_path / "run")
    await mgr.start()
    assert mgr.pid is None and not (tmp_path / "off").exists()
    assert mgr.driver_status() == {"LxcfsEnabled": False, "LxcfsHome": str(tmp_path / "off")}
    with pytest.raises(ValueError, match="invalid lxcfs home dir"):
        LxcfsConfig(home=Path("relative"))
