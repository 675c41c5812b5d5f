"""Rich containers run by runc from plans made on a busybox-static root filesystem."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from runtime.containers import hostconfig
from runtime.containers.rich import DUMB_INIT_MOUNT, RichSettings, default_dumb_init, elf_interpreter, plan
from tests.helpers.bundle import RuncContainer, base_spec, busybox_rootfs, require_runc

pytestmark = pytest.mark.root


def _settings() -> RichSettings:
    binary = default_dumb_init()
    if binary is None:
        pytest.skip("dumb-init is not installed (pyproject builds it from the PyPI sdist)")
    assert elf_interpreter(binary) is None, f"{binary} must be static to run in images without libc"
    return RichSettings(binary)


def _container(tmp_path: Path, cid: str, config: dict[str, object], init: bool = False) -> RuncContainer:
    rootfs = busybox_rootfs(tmp_path / f"rootfs-{cid}", init=init)
    rich = plan(config, {}, {"Cmd": ["sh"]}, rootfs, _settings())
    assert rich is not None
    spec = base_spec(rootfs, ["sh"])
    rich.apply(spec, set())
    return RuncContainer(tmp_path, cid, spec)


def eventually(probe: Callable[[], bool], seconds: float = 15) -> bool:
    """Poll: these tests run beside other suites on two cores, so nothing is timed to the tenth."""
    deadline = time.monotonic() + seconds
    while not probe():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_dumb_init_is_pid1_and_reaps_an_orphan(tmp_path: Path) -> None:
    require_runc()
    config = {
        "Rich": True,
        "Cmd": ["sh", "-c", 'sh -c "sleep 2 & echo \\$! > /tmp/orphan"; exec sleep 60'],
    }
    with _container(tmp_path, f"rich-dumb-{time.monotonic_ns()}", config) as ctr:
        assert ctr.exec("cat", "/proc/1/cmdline").stdout.split("\0")[:3] == [DUMB_INIT_MOUNT, "--", "sh"]
        assert eventually(lambda: ctr.exec("cat", "/tmp/orphan").stdout.strip().isdigit())
        orphan = ctr.exec("cat", "/tmp/orphan").stdout.strip()
        status = ctr.exec("cat", f"/proc/{orphan}/status").stdout
        assert "\nPPid:\t1\n" in status  # its parent shell is gone: dumb-init adopted it
        # a zombie keeps /proc/<pid>: it must go once the orphan's sleep ends
        assert eventually(lambda: ctr.exec("cat", f"/proc/{orphan}/status").returncode != 0), "orphan not reaped"


def test_init_script_runs_before_the_command(tmp_path: Path) -> None:
    require_runc()
    config = {
        "Rich": True,
        "InitScript": "/bin/sh -c 'echo prepared > /tmp/init-ran; cat > /tmp/state'",
        "Cmd": ["sh", "-c", "cat /tmp/init-ran > /tmp/seen 2>&1; exec sleep 60"],
    }
    with _container(tmp_path, f"rich-script-{time.monotonic_ns()}", config) as ctr:
        assert eventually(lambda: ctr.exec("cat", "/tmp/seen").stdout == "prepared\n")
        assert '"status":"created"' in ctr.exec("cat", "/tmp/state").stdout  # runc's state on stdin


def test_sbin_init_boots_runs_the_command_under_init_and_halts_on_its_signal(tmp_path: Path) -> None:
    require_runc()
    config = {"Rich": True, "RichMode": "sbin-init", "Cmd": ["sleep", "1000"]}
    rootfs = busybox_rootfs(tmp_path / "rootfs-init", init=True)
    rich = plan(config, {}, {}, rootfs, _settings())
    assert rich is not None and rich.args == ["/sbin/init"] and rich.stop_signal == "SIGUSR2"
    spec = base_spec(rootfs, ["sh"])
    rich.apply(spec, set())
    with RuncContainer(tmp_path, f"rich-init-{time.monotonic_ns()}", spec) as ctr:
        assert ctr.exec("readlink", "/proc/1/exe").stdout.strip() == "/bin/busybox"  # /sbin/init's target
        assert ctr.exec("cat", "/proc/1/comm").stdout.strip() == "init"
        mounts = ctr.exec("sh", "-c", "grep -E ' /(run|tmp) ' /proc/mounts").stdout.splitlines()
        assert sorted(line.split()[1:3] for line in mounts) == [["/run", "tmpfs"], ["/tmp", "tmpfs"]]
        assert ctr.exec_detached(*rich.run_under_init) == 0
        script = "for p in /proc/[0-9]*; do grep -q sleep $p/comm 2>/dev/null && grep PPid $p/status; done"
        # the command lives under init
        assert eventually(lambda: ctr.exec("sh", "-c", script).stdout.split() == ["PPid:", "1"])
        # init ignores signals it has no handler for yet (PID 1): on a loaded machine it may still be
        # booting, so the halt signal is repeated until it takes, as a stop would wait and see.
        def halted() -> bool:
            ctr.runc("kill", ctr.cid, str(hostconfig.parse_signal(rich.stop_signal)), check=False)
            return ctr.wait_status("stopped", 10) == "stopped"

        assert eventually(halted, 40), ctr.log.read_text()[-2000:]
        assert "Requesting system poweroff" in ctr.log.read_text()  # a clean halt, not a kill


SUBREAPER_HALT = """
import sys, time
from pathlib import Path
from runtime.containers.driver import reap_container_orphans, set_child_subreaper
from tests.helpers.bundle import RuncContainer, base_spec, busybox_rootfs

set_child_subreaper()  # as the engine is, and pytest once an in-process engine ran
work = Path(sys.argv[1])
rootfs = busybox_rootfs(work / "rootfs")
with RuncContainer(work, "orphan-" + str(time.monotonic_ns()), base_spec(rootfs, ["sleep", "1000"])) as ctr:
    assert ctr.exec_detached("true") == 0  # runc exits: its command is ours now, then our zombie
    reaped = 0
    deadline = time.monotonic() + 10
    while not reaped and time.monotonic() < deadline:
        reaped = reap_container_orphans()
        time.sleep(0.1)
    ctr.runc("kill", ctr.cid, "KILL")
    print(reaped, ctr.wait_status("stopped", 10))
"""


def test_a_subreaper_reaps_what_a_detached_exec_leaves_so_the_container_can_stop(tmp_path: Path) -> None:
    require_runc()
    res = subprocess.run(
        [sys.executable, "-c", SUBREAPER_HALT, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.split() == ["1", "stopped"]
