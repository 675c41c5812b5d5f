"""The engine facade: one object that owns the store, the event bus and every subsystem.

Handlers in server/ receive an Engine and call its subsystems; nothing else in the
process holds engine state (the server runs one worker, like pouchd and dockerd).
"""

from __future__ import annotations

import logging
from typing import Any

from runtime.config import DaemonConfig
from runtime.containers import ContainerService
from runtime.events import EventBus
from runtime.images import ImageService
from runtime.networks import NetworkService
from runtime.store import MetaStore
from runtime.system import SystemService
from runtime.volumes import VolumeService

log = logging.getLogger("pouch.engine")


class Engine:
    def __init__(self, config: DaemonConfig) -> None:
        self.config = config
        config.ensure_dirs()
        self.store = MetaStore(config.home_dir / "meta.db")
        self.events = EventBus()
        self.system = SystemService(self)
        # Subsystems in dependency order: containers need images, volumes and networks.
        self._subsystems: list[Any] = [self.system]
        self.images = self._add(ImageService(self))
        self.volumes = self._add(VolumeService(self))
        self.networks = self._add(NetworkService(self))
        self.containers = self._add(ContainerService(self))

    def _add(self, subsystem: Any) -> Any:
        self._subsystems.append(subsystem)
        return subsystem

    async def start(self) -> None:
        """Re-adopt what survived a restart (live restore), subsystem by subsystem."""
        for sub in self._subsystems:
            restore = getattr(sub, "restore", None)
            if restore is not None:
                await restore()
        log.info("engine started, home %s", self.config.home_dir)

    async def close(self) -> None:
        """Stop background work; containers keep running under conmon."""
        for sub in reversed(self._subsystems):
            close = getattr(sub, "close", None)
            if close is not None:
                await close()
        self.store.close()
