"""MemoryForceEmptyCtl's fallback on a stock cgroup v1 kernel: the page cache really goes."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from runtime.containers.pouchres import HostExtras, force_empty, plan, write_cgroup_files

pytestmark = pytest.mark.root

MEMORY = Path("/sys/fs/cgroup/memory")


def test_force_empty_reclaims_the_page_cache_of_a_cgroup(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: cgroups")
    if not (MEMORY / "memory.force_empty").exists():
        pytest.skip("no cgroup v1 memory controller with memory.force_empty")
    assert plan({"MemoryForceEmptyCtl": 1}, None, HostExtras.detect()).force_empty_on_remove
    cgroup = MEMORY / f"pouch-test-forceempty-{uuid.uuid4().hex[:8]}"
    cgroup.mkdir()
    data = tmp_path / "cache.bin"
    try:
        write_cgroup_files({"memory": cgroup}, {("memory", "memory.limit_in_bytes"): str(256 << 20)})
        assert int((cgroup / "memory.limit_in_bytes").read_text()) == 256 << 20
        # a process in the cgroup fills the page cache (charged to the cgroup) and exits
        script = f"echo $$ > {cgroup}/cgroup.procs && dd if=/dev/zero of={data} bs=1M count=32 status=none"
        subprocess.run(["sh", "-c", script], check=True)
        before = int((cgroup / "memory.usage_in_bytes").read_text())
        assert before > 24 << 20, before
        force_empty(cgroup)
        after = int((cgroup / "memory.usage_in_bytes").read_text())
        assert after < 4 << 20, after
    finally:
        cgroup.rmdir()
        data.unlink(missing_ok=True)
