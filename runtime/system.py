"""Host and daemon facts for GET /version and GET /info, and the daemon settings that
POST /daemon/update may change at run time (labels, image proxy)."""

from __future__ import annotations

import os
import platform
import shutil
import socket
import subprocess
import sys
import urllib.parse
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from runtime.errors import InvalidParameter
from runtime.version import API_VERSION, VERSION, build_info

if TYPE_CHECKING:
    from runtime.engine import Engine

KNOWN_RUNTIMES = ("runc", "crun")
PROXY_SCHEMES = ("http", "https", "socks5")
_SETTINGS = ("daemon", "settings")

GOARCH = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "i686": "386", "ppc64le": "ppc64le", "s390x": "s390x"}


def goarch() -> str:
    machine = platform.machine()
    return GOARCH.get(machine, machine)


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


def mem_total_bytes() -> int:
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    return 0


def runtimes() -> dict[str, dict[str, Any]]:
    """The OCI runtimes installed on this host, by name."""
    found = {}
    for name in KNOWN_RUNTIMES:
        path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin")
        if path:
            found[name] = {"path": path}
    return found


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


def validate_labels(labels: list[str]) -> list[str]:
    for label in labels:
        key, eq, _value = label.partition("=")
        if not eq or not key:
            raise InvalidParameter(f"invalid label {label!r}: want key=value")
    return labels


def validate_proxy(proxy: str) -> str:
    if proxy == "":
        return proxy
    url = urllib.parse.urlsplit(proxy)
    try:
        port = url.port
    except ValueError:
        port = None
        url = url._replace(netloc="")
    if url.scheme not in PROXY_SCHEMES or not url.hostname or (url.netloc.endswith(":") and port is None):
        raise InvalidParameter(
            f"invalid image proxy {proxy!r}: want scheme://host[:port] with scheme in {PROXY_SCHEMES}"
        )
    return proxy


class SystemService:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        cfg = engine.config
        saved = engine.store.get(*_SETTINGS) or {}
        # Flags give the initial values; a later POST /daemon/update wins and is kept.
        self.labels: list[str] = saved.get("Labels", list(cfg.labels))
        self.image_proxy: str = saved.get("ImageProxy", cfg.image_proxy)

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
        cfg = self.engine.config
        containers = self.engine.store.list("container")
        states = [c.get("State", {}).get("Status") for c in containers]
        rts = runtimes()
        return {
            "ID": self._daemon_id(),
            "Name": socket.gethostname(),
            "Containers": len(containers),
            "ContainersRunning": states.count("running"),
            "ContainersPaused": states.count("paused"),
            "ContainersStopped": len(states) - states.count("running") - states.count("paused"),
            "Images": self.engine.store.count("image"),
            "Driver": "overlayfs",
            "DriverStatus": [["Backing Filesystem", _backing_fs(cfg.home_dir)]],
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
            "Labels": list(self.labels),
            "HttpProxy": os.environ.get("HTTP_PROXY", os.environ.get("http_proxy", "")),
            "HttpsProxy": os.environ.get("HTTPS_PROXY", os.environ.get("https_proxy", "")),
            "ExperimentalBuild": False,
            "LiveRestoreEnabled": True,
            "LoggingDriver": "json-file",
            "LxcfsEnabled": False,
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
        """POST /daemon/update: validate everything first, then change and persist."""
        new_labels = validate_labels(list(labels)) if labels is not None else self.labels
        new_proxy = validate_proxy(image_proxy) if image_proxy is not None else self.image_proxy
        self.engine.store.put(*_SETTINGS, {"Labels": new_labels, "ImageProxy": new_proxy})
        self.labels, self.image_proxy = new_labels, new_proxy
        self.engine.events.publish("daemon", "reload", self._daemon_id(), {"name": socket.gethostname()})

    def _daemon_id(self) -> str:
        path = self.engine.config.home_dir / "daemon-id"
        try:
            return path.read_text().strip()
        except FileNotFoundError:
            ident = os.urandom(16).hex()
            tmp = path.with_suffix(".tmp")
            tmp.write_text(ident)
            os.replace(tmp, path)
            return ident


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
