"""What other subsystems may ask of the image store.

Root filesystems are keyed by a rootfs key: a container's ID, or a fresh key once an upgrade
gave the container a new root filesystem (the container record keeps it as ``RootfsKey``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

Record = dict[str, Any]


@dataclass(frozen=True)
class CommitSource:
    """What POST /commit takes from a container: its writable layer on top of its image."""

    container_id: str
    container_name: str
    image_id: str
    rootfs_key: str
    config: dict[str, Any]
    changes: tuple[str, ...] = ()  # Dockerfile instructions applied to the new image's config


class ImageStore(Protocol):
    """For containers: image lookup, root filesystems, commit."""

    def resolve(self, ref: str) -> Record:
        """The image record (``Id``, ``Config``, ...) for an ID, name or digest; NotFound."""
        ...

    async def create_rootfs(self, key: str, image_id: str) -> str:
        """Make and mount a root filesystem on the image's layers; returns the merged dir."""
        ...

    async def mount_rootfs(self, key: str) -> str: ...

    def writable_dir(self, key: str) -> Path:
        """The dir holding the root filesystem's writable layer (what a rootfs quota covers)."""
        ...

    async def unmount_rootfs(self, key: str) -> None: ...

    async def remove_rootfs(self, key: str) -> None: ...

    async def rootfs_size(self, key: str, image_id: str) -> tuple[int, int]:
        """(SizeRw, SizeRootFs): the writable layer alone, and with the image under it."""
        ...

    def graph_driver(self, key: str) -> dict[str, Any]: ...

    def commit(
        self, source: CommitSource, repo: str | None, tag: str | None, author: str | None, comment: str | None
    ) -> Record:
        """A new image from a container's writable layer (blocking: run it in a thread)."""
        ...


class ImageCount(Protocol):
    """For system info."""

    def count(self) -> int: ...
