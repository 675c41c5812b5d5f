"""What other subsystems may ask of the containers subsystem.

runtime/containers/ owns the container records; each other subsystem gets the one small
protocol below that says what it needs (Engine wires them), never the store's container
table or a ContainerService. ``table.ContainerTable`` implements all four record protocols;
``execs.ExecService`` implements ExecIndex.
"""

from __future__ import annotations

from typing import Any, Protocol

Record = dict[str, Any]
MountPoint = dict[str, Any]


class ContainerRecords(Protocol):
    """For networks: the live records they attach. A record is changed in place, then saved."""

    def get(self, ref: str) -> Record:
        """By ID, name or unique ID prefix; NotFound otherwise."""
        ...

    def find(self, container_id: str) -> Record | None: ...

    def records(self) -> list[Record]: ...

    def save(self, record: Record) -> None: ...


class ImageUsers(Protocol):
    """For images: which containers hold an image or a root filesystem."""

    def image_users(self, image_id: str) -> list[str]:
        """IDs of the containers made from the image."""
        ...

    def rootfs_keys(self) -> set[str]:
        """Keys of every root filesystem a container owns."""
        ...


class ContainerMounts(Protocol):
    """For volumes: the MountPoints containers hold (who uses a volume, VolumesFrom)."""

    def mounts_of(self, ref: str) -> tuple[str, list[MountPoint]]:
        """(container ID, its Mounts); NotFound if no container has that ID or name."""
        ...

    def all_mounts(self) -> dict[str, list[MountPoint]]:
        """Container ID -> Mounts, for every container (being created ones included)."""
        ...


class ContainerCounts(Protocol):
    """For system info."""

    def statuses(self) -> list[str]:
        """State.Status of every container."""
        ...


class ExecIndex(Protocol):
    """For the container lifecycle: the exec instances of a container."""

    def ids_for(self, container_id: str) -> list[str]: ...

    async def remove_for(self, container_id: str) -> None: ...


class FeatureInfo(Protocol):
    """For /info: what Pouch's own features can do on this host (containers/features.py)."""

    @property
    def lxcfs_enabled(self) -> bool: ...

    def driver_status(self) -> list[list[str]]:
        """Pairs for DriverStatus: the disk quota driver and the Pouch-only resource fields."""
        ...
