"""The engine facade: one object that owns the store, the event bus and every subsystem.

Handlers in server/ receive an Engine and call its subsystems; nothing else in the
process holds engine state (the server runs one worker, like pouchd and dockerd). This is
the one place that knows every subsystem: each is given only the protocols it uses
(runtime/README.md), so none holds the Engine or another's concrete class.
"""

from __future__ import annotations

import logging
from typing import Protocol

from runtime.config import DaemonConfig
from runtime.containers.driver import Driver
from runtime.containers.execs import ExecService
from runtime.containers.features import PouchFeatures
from runtime.containers.files import ContainerFiles
from runtime.containers.live import Lives
from runtime.containers.pouchres import HostExtras
from runtime.containers.rich import RichSettings
from runtime.containers.service import ContainerService
from runtime.containers.streams import ContainerStreams
from runtime.containers.table import ContainerTable
from runtime.events import EventBus
from runtime.images.service import ImageService
from runtime.lxcfs import LxcfsConfig, LxcfsManager, default_lxcfs_binary
from runtime.networks.service import NetworkService
from runtime.quota import DiskQuotas
from runtime.settings import DaemonSettings
from runtime.store import MetaStore
from runtime.system import SystemService
from runtime.volumes.service import VolumeService

log = logging.getLogger("pouch.engine")


class Subsystem(Protocol):
    async def restore(self) -> None:
        """At start: re-adopt what survived a restart (live restore)."""
        ...

    async def close(self) -> None:
        """At stop: end background work; containers keep running under conmon."""
        ...


class Engine:
    def __init__(self, config: DaemonConfig) -> None:
        self.config = config
        config.ensure_dirs()
        self.store = MetaStore(config.home_dir / "meta.db")
        self.events = EventBus()
        self.settings = settings = DaemonSettings(config, self.store, self.events)
        # The container records come first: images, volumes, networks and system ask them.
        table = ContainerTable(self.store)
        driver = Driver(config.exec_root_dir, config.home_dir)
        # Disk quotas: detected once on the filesystem under --home-dir; root filesystems and
        # local volumes are made where a quota can cover them.
        quotas = DiskQuotas.open(config.home_dir)
        self.images = ImageService(
            config, self.store, self.events, table, lambda: settings.image_proxy, quotas.prepare_dir
        )
        self.volumes = VolumeService(config, self.store, self.events, table, quotas)
        lxcfs = LxcfsManager(
            LxcfsConfig(config.enable_lxcfs, config.lxcfs or default_lxcfs_binary(), config.lxcfs_home),
            config.exec_root_dir,
            on_restart=lambda: self.features.remount_lxcfs(table.records()),
        )
        self.features = PouchFeatures(
            quotas, lxcfs, RichSettings(), HostExtras.detect(), config.cgroup_parent, self.volumes.has_own_quota
        )
        self.networks = NetworkService(config, self.store, self.events, table)
        self.execs = ExecService(table, driver, self.events)
        lives = Lives()
        self.containers = ContainerService(
            config,
            table,
            self.events,
            lives,
            driver,
            self.images,
            self.volumes,
            self.networks,
            self.execs,
            self.features,
        )
        self.container_streams = ContainerStreams(table, lives, driver, self.events, config.cgroup_parent)
        self.container_files = ContainerFiles(table, lives, self.images, self.events, config.home_dir / "tmp" / "files")
        self.system = SystemService(config, settings, table, self.images, self.features)
        # Restored in this order (containers need the others ready), closed in reverse.
        self._subsystems: list[Subsystem] = [
            self.system,
            self.images,
            self.volumes,
            self.networks,
            self.execs,
            self.containers,
            self.container_streams,
            self.container_files,
        ]

    async def start(self) -> None:
        for sub in self._subsystems:
            await sub.restore()
        log.info("engine started, home %s", self.config.home_dir)

    async def close(self) -> None:
        for sub in reversed(self._subsystems):
            await sub.close()
        self.store.close()
