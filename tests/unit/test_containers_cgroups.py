"""Which cgroup hierarchies the engine cleans: every mounted one, found from mountinfo."""

from __future__ import annotations

from pathlib import Path

from runtime.containers import cgroups

HYBRID = """\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
"""
PURE_V2 = "27 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"


def test_hybrid_host_includes_the_unified_hierarchy() -> None:
    assert cgroups.mounted_hierarchies(HYBRID) == [
        Path("/sys/fs/cgroup/memory"),
        Path("/sys/fs/cgroup/cpu,cpuacct"),
        Path("/sys/fs/cgroup/systemd"),
        Path("/sys/fs/cgroup/unified"),
    ]


def test_pure_v2_host_has_one_hierarchy() -> None:
    assert cgroups.mounted_hierarchies(PURE_V2) == [Path("/sys/fs/cgroup")]


def test_this_host_hierarchies_are_mounted() -> None:
    found = cgroups.hierarchies()
    assert found and all(p.is_dir() for p in found)
