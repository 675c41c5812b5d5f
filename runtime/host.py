"""Facts about this host that several subsystems report: the platform as Go names it, the
installed OCI runtimes, the memory size."""

from __future__ import annotations

import platform
import shutil
from typing import Any

KNOWN_RUNTIMES = ("runc", "crun")
# uname machine -> GOARCH, the names image indexes and /version use.
GOARCH = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "i686": "386", "ppc64le": "ppc64le", "s390x": "s390x"}


def goarch() -> str:
    machine = platform.machine()
    return GOARCH.get(machine, machine)


def host_platform() -> tuple[str, str]:
    """(os, architecture) of the images this host runs."""
    return "linux", goarch()


def runtimes() -> dict[str, dict[str, Any]]:
    """The OCI runtimes installed on this host, by name."""
    found = {}
    for name in KNOWN_RUNTIMES:
        path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin")
        if path:
            found[name] = {"path": path}
    return found


def mem_total_bytes() -> int:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
