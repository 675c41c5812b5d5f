"""Daemon configuration: what the server command's flags set, shared by every subsystem."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

DEFAULT_LISTEN = "unix:///var/run/pouchd.sock"
DEFAULT_HOME_DIR = "/var/lib/pouch"
DEFAULT_EXEC_ROOT_DIR = "/var/run/pouch"
DEFAULT_REGISTRY = "registry.hub.docker.com"
DEFAULT_LXCFS_HOME = "/var/lib/lxcfs"


@dataclasses.dataclass
class DaemonConfig:
    """Flags of the server command, in pouchd's names.

    ``home_dir`` holds everything that survives a restart (store, images, volumes,
    container bundles and logs); ``exec_root_dir`` holds runtime state that a reboot
    clears (runc state, conmon sockets and pidfiles).
    """

    listen: list[str] = dataclasses.field(default_factory=lambda: [DEFAULT_LISTEN])
    home_dir: Path = Path(DEFAULT_HOME_DIR)
    exec_root_dir: Path = Path(DEFAULT_EXEC_ROOT_DIR)
    log_level: str = "info"
    debug: bool = False
    default_registry: str = DEFAULT_REGISTRY
    default_registry_namespace: str = "library"
    insecure_registries: list[str] = dataclasses.field(default_factory=list)
    default_runtime: str = "runc"
    # Prefix of every cgroup and bridge we create, so that parallel test servers
    # (and a real pouchd) never step on each other.
    cgroup_parent: str = "pouch"
    tls_verify: bool = False
    tls_cacert: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    labels: list[str] = dataclasses.field(default_factory=list)
    # Host directories Binds may come from (empty: anywhere, as dockerd); a guard for fuzzing and shared hosts.
    allowed_bind_roots: list[str] = dataclasses.field(default_factory=list)
    image_proxy: str = ""
    # Read requests to the letter of the spec instead of as pouchd does (server/reading.py).
    strict_requests: bool = False
    # Whose answers to give: "auto" (per request, server/dialects.py), "pouch" or "docker".
    api_dialect: str = "auto"
    # pouchd's lxcfs flags: run lxcfs (the binary; "" finds it on PATH) mounted at lxcfs_home.
    enable_lxcfs: bool = False
    lxcfs: str = ""
    lxcfs_home: Path = Path(DEFAULT_LXCFS_HOME)

    def __post_init__(self) -> None:
        self.home_dir = Path(self.home_dir)
        self.exec_root_dir = Path(self.exec_root_dir)
        self.lxcfs_home = Path(self.lxcfs_home)

    def ensure_dirs(self) -> None:
        for d in (self.home_dir, self.exec_root_dir):
            d.mkdir(parents=True, exist_ok=True)
            os.chmod(d, 0o711)

    @property
    def unix_sockets(self) -> list[str]:
        return [a[len("unix://") :] for a in self.listen if a.startswith("unix://")]
