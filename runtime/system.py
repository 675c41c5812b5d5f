"""Host and daemon facts for GET /version and GET /info."""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import sys
from functools import lru_cache
from typing import Any

from runtime.config import DaemonConfig
from runtime.containers.protocols import ContainerCounts, FeatureInfo
from runtime.host import goarch, mem_total_bytes, runtimes
from runtime.images.protocols import ImageCount
from runtime.settings import DaemonSettings
from runtime.version import API_VERSION, VERSION, build_info


@lru_cache(maxsize=1)
def operating_system() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.system()


@lru_cache(maxsize=1)
def runc_commit() -> dict[str, str]:
    path = runtimes().get("runc", {}).get("path")
    if not path:
        return {"ID": "", "Expected": ""}
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {"ID": "", "Expected": ""}
    commit = next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("commit:")), "")
    return {"ID": commit, "Expected": commit}


class SystemService:
    def __init__(
        self,
        config: DaemonConfig,
        settings: DaemonSettings,
        containers: ContainerCounts,
        images: ImageCount,
        features: FeatureInfo,
    ) -> None:
        self.config = config
        self.features = features
        self.settings = settings
        self.containers = containers
        self.images = images

    async def restore(self) -> None:
        pass

    async def close(self) -> None:
        pass

    def version(self) -> dict[str, Any]:
        info = build_info()
        return {
            "Version": VERSION,
            "ApiVersion": API_VERSION,
            "GitCommit": info["GitCommit"],
            "GoVersion": f"python{platform.python_version()}",
            "Os": sys.platform if sys.platform != "linux" else "linux",
            "Arch": goarch(),
            "KernelVersion": platform.release(),
            "BuildTime": info["BuildTime"],
        }

    def info(self) -> dict[str, Any]:
        cfg = self.config
        states = self.containers.statuses()
        rts = runtimes()
        return {
            "ID": self.settings.daemon_id(),
            "Name": socket.gethostname(),
            "Containers": len(states),
            "ContainersRunning": states.count("running"),
            "ContainersPaused": states.count("paused"),
            "ContainersStopped": len(states) - states.count("running") - states.count("paused"),
            "Images": self.images.count(),
            "Driver": "overlayfs",
            "DriverStatus": [["Backing Filesystem", _backing_fs(cfg.home_dir)], *self.features.driver_status()],
            "CgroupDriver": "cgroupfs",
            "Debug": cfg.debug,
            "KernelVersion": platform.release(),
            "OperatingSystem": operating_system(),
            "OSType": "linux",
            "Architecture": platform.machine(),
            "NCPU": os.cpu_count() or 1,
            "MemTotal": mem_total_bytes(),
            "PouchRootDir": str(cfg.home_dir),
            "ServerVersion": VERSION,
            "Runtimes": rts,
            "DefaultRuntime": cfg.default_runtime,
            "RuncCommit": runc_commit(),
            "ContainerdCommit": {"ID": "", "Expected": ""},
            "Labels": list(self.settings.labels),
            "HttpProxy": os.environ.get("HTTP_PROXY", os.environ.get("http_proxy", "")),
            "HttpsProxy": os.environ.get("HTTPS_PROXY", os.environ.get("https_proxy", "")),
            "ExperimentalBuild": False,
            "LiveRestoreEnabled": True,
            "LoggingDriver": "json-file",
            "LxcfsEnabled": self.features.lxcfs_enabled,
            "CriEnabled": False,
            "DefaultRegistry": cfg.default_registry,
            "IndexServerAddress": f"https://{cfg.default_registry}/v1/",
            "ListenAddresses": list(cfg.listen),
            "RegistryConfig": {
                "InsecureRegistryCIDRs": [r for r in cfg.insecure_registries if "/" in r],
                "IndexConfigs": {
                    r: {"Name": r, "Mirrors": [], "Secure": False, "Official": False}
                    for r in cfg.insecure_registries
                    if "/" not in r
                },
                "Mirrors": [],
            },
            "SecurityOptions": [],
            "VolumeDrivers": ["local", "tmpfs"],
        }

    def update(self, labels: list[str] | None, image_proxy: str | None) -> None:
        """POST /daemon/update."""
        self.settings.update(labels, image_proxy)


def _backing_fs(path: os.PathLike[str]) -> str:
    best, fstype = "", "unknown"
    target = os.path.realpath(path)
    try:
        with open("/proc/self/mounts", encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                mnt = parts[1]
                if (target == mnt or target.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                    best, fstype = mnt, parts[2]
    except OSError:
        pass
    return fstype
