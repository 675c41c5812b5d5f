"""DiskQuota and QuotaID of a container, read as pouchd reads them.

Keys are paths in the container: ``/`` is the root filesystem, ``.*`` the root filesystem
and every volume, any other key a volume's mount point (a regular expression matched
against the whole destination; ``/a&/b`` names several that share one quota). QuotaID
``> 0`` names the quota ID every directory of the request shares, ``< 0`` asks the engine
for one shared ID, empty or ``0`` gives each directory an ID of its own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

from runtime.errors import InvalidParameter
from runtime.quota.sizes import parse_size

MAX_QUOTA_ID = 2**32 - 1  # project IDs are 32 bits


@dataclasses.dataclass(frozen=True)
class VolumeDir:
    """A volume mounted in the container, as quotas see it."""

    destination: str  # mount point in the container
    quota_dir: Path  # the host directory that carries the volume's quota
    own_size: bool = False  # the volume has its own ``size`` option: DiskQuota leaves it alone


@dataclasses.dataclass(frozen=True)
class QuotaTarget:
    """Directories that share one limit; ``quota_id`` None means: allocate one."""

    key: str
    dirs: tuple[Path, ...]
    limit_bytes: int
    quota_id: int | None = None


def parse_quota_id(text: str | int | None) -> int:
    if text is None or str(text).strip() == "":
        return 0
    try:
        value = int(str(text).strip())
    except ValueError:
        raise InvalidParameter(f"invalid QuotaID {text!r}: must be an integer") from None
    if value > MAX_QUOTA_ID:
        raise InvalidParameter(f"invalid QuotaID {text!r}: at most {MAX_QUOTA_ID}")
    return value


@dataclasses.dataclass(frozen=True)
class QuotaRequest:
    sizes: Mapping[str, int]
    quota_id: int  # > 0 named, < 0 allocate one shared ID, 0 one ID per directory

    @classmethod
    def parse(cls, disk_quota: Mapping[str, str] | None, quota_id: str | int | None = None) -> QuotaRequest | None:
        """None when nothing is asked; InvalidParameter with pouchd's reasons otherwise."""
        qid = parse_quota_id(quota_id)
        if not disk_quota:
            if qid > 0:
                raise InvalidParameter("invalid disk quota: set QuotaID without DiskQuota")
            return None
        if qid != 0 and len(disk_quota) > 1:
            raise InvalidParameter(
                "invalid disk quota: QuotaID only used to set one disk quota, "
                'such as: "/=10G" or "/path1=10G" or ".*=10G"'
            )
        sizes: dict[str, int] = {}
        for key, value in disk_quota.items():
            if key == "":
                raise InvalidParameter("invalid disk quota: quota can not be nil string")
            paths = key.split("&")
            if len(paths) > 1 and not all(p.startswith("/") for p in paths):
                raise InvalidParameter(f"invalid disk quota: ({key}) has a relative path")
            if len(paths) == 1 and key not in ("/", ".*"):
                try:
                    re.compile(key)
                except re.error as e:
                    raise InvalidParameter(f"invalid disk quota key {key!r}: {e}") from None
            sizes[key] = parse_size(value)
        request = cls(sizes, qid)
        if qid != 0 and request.rootfs_limit is None:
            raise InvalidParameter("invalid disk quota: set quota id but have no set default quota size")
        return request

    @property
    def rootfs_limit(self) -> int | None:
        """``/`` first, then ``.*`` (pouchd's GetDefaultQuota)."""
        for key in ("/", ".*"):
            if key in self.sizes:
                return self.sizes[key]
        return None

    def _volume_key(self, destination: str) -> str | None:
        specific = None
        for key in self.sizes:
            if key in ("/", ".*"):
                continue
            parts = key.split("&")
            if (len(parts) > 1 and destination in parts) or (len(parts) == 1 and re.fullmatch(key, destination)):
                specific = key
                break
        return specific or (".*" if ".*" in self.sizes else None)

    def targets(self, rootfs_dir: Path | None, volumes: list[VolumeDir]) -> list[QuotaTarget]:
        """What to enforce, given the container's writable root dir and its volumes."""
        chosen: dict[str, list[Path]] = {}
        rootfs_limit = self.rootfs_limit
        if rootfs_dir is not None and rootfs_limit is not None:
            chosen.setdefault("/" if "/" in self.sizes else ".*", []).append(Path(rootfs_dir))
        for vol in volumes:
            if vol.own_size:
                continue
            key = self._volume_key(vol.destination)
            if key is not None:
                chosen.setdefault(key, []).append(vol.quota_dir)
        if self.quota_id != 0:
            shared = tuple(d for dirs in chosen.values() for d in dirs)
            named = self.quota_id if self.quota_id > 0 else None
            assert rootfs_limit is not None  # parse() refuses a QuotaID without one
            return [QuotaTarget(next(iter(self.sizes)), shared, rootfs_limit, named)] if shared else []
        out = []
        for key, dirs in chosen.items():
            if "&" in key:
                out.append(QuotaTarget(key, tuple(dirs), self.sizes[key]))
            else:
                out.extend(QuotaTarget(key, (d,), self.sizes[key]) for d in dirs)
        return out
