"""What the container lifecycle asks of the volumes subsystem.

A MountPoint is the spec's MountPoint dict (Type, Name, Source, Destination, Driver, Mode, RW,
Propagation); containers turn them into OCI mounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

Record = dict[str, Any]
MountPoint = dict[str, Any]


class VolumeMounts(Protocol):
    async def prepare_mounts(self, record: Record) -> list[MountPoint]:
        """At create: Binds, Config.Volumes, VolumesFrom and Tmpfs as MountPoints (named and
        anonymous volumes are created); nothing is left behind when it fails."""
        ...

    def container_stored(self, container_id: str) -> None:
        """The record with its Mounts is now stored: its volumes need no separate claim."""
        ...

    async def mount(self, record: Record) -> None:
        """Before each start: tmpfs-backed volumes are mounted again after a reboot."""
        ...

    def unmounted(self, record: Record) -> None:
        """After an exit."""
        ...

    async def release_mounts(self, record: Record, remove_anonymous: bool) -> None:
        """At remove: unmount what nobody else uses; drop anonymous volumes if asked."""
        ...


class VolumeQuotas(Protocol):
    """The disk quotas (runtime/quota), for the local driver's ``size`` option."""

    def prepare_dir(self, path: Path) -> None:
        """Make a directory that may carry a quota (a subvolume on btrfs)."""
        ...

    def set_dir_limit(self, owner: str, path: Path, size: str) -> None:
        """Enforce ``size`` (as ``10g``) on the directory; 400 where the filesystem cannot."""
        ...

    def release(self, owner: str) -> list[int]: ...
