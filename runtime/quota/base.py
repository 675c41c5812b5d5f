"""The quota interface every implementation provides, and what detection reports."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class QuotaSupport:
    """What the filesystem under --home-dir can enforce, found once at start-up.

    ``driver`` is ``"btrfs"``, ``"prjquota"`` or ``"none"``; ``reason`` says why (for
    ``none``: what is missing, so a refused DiskQuota can name it).
    """

    driver: str
    filesystem: str
    mount_point: str
    device: str
    reason: str

    @property
    def enforced(self) -> bool:
        return self.driver != "none"

    def driver_status(self) -> list[list[str]]:
        """Pairs for /info's DriverStatus."""
        return [
            ["Disk Quota Driver", self.driver],
            ["Disk Quota Backing Filesystem", self.filesystem],
            ["Disk Quota Mount Point", self.mount_point],
            ["Disk Quota Status", self.reason],
        ]


@dataclasses.dataclass(frozen=True)
class QuotaUsage:
    used_bytes: int
    limit_bytes: int  # 0: no limit


class QuotaBackend(Protocol):
    """One filesystem's way of enforcing a byte limit on a set of directories.

    ``quota_id`` names the limit; several directories may be assigned to one ID and then
    share it. Calls block (they run tools or ioctls): the engine calls them in a thread.
    """

    name: str

    def prepare_dir(self, path: Path) -> None:
        """Create ``path`` so that it can carry a quota (btrfs: a subvolume). Idempotent."""
        ...

    def assign(self, path: Path, quota_id: int) -> None:
        """Count everything below ``path`` (now and later) against ``quota_id``."""
        ...

    def set_limit(self, quota_id: int, limit_bytes: int) -> None:
        """Set or change the hard limit of ``quota_id``; takes effect at once."""
        ...

    def usage(self, quota_id: int) -> QuotaUsage: ...

    def release(self, quota_id: int) -> None:
        """Drop the limit and whatever the filesystem keeps for ``quota_id``."""
        ...
