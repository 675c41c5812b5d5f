"""DiskQuotas: the engine's one entry point to quotas and the one owner of quota IDs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from runtime.errors import InvalidParameter
from runtime.quota.base import QuotaBackend, QuotaSupport, QuotaUsage
from runtime.quota.btrfs import BtrfsQgroups
from runtime.quota.detect import detect
from runtime.quota.ids import QuotaIds
from runtime.quota.prjquota import ProjectQuotas
from runtime.quota.rules import QuotaRequest, QuotaTarget
from runtime.quota.sizes import parse_size


def backend_for(support: QuotaSupport) -> QuotaBackend | None:
    if support.driver == "btrfs":
        return BtrfsQgroups(Path(support.mount_point))
    if support.driver == "prjquota":
        return ProjectQuotas(Path(support.mount_point), support.device)
    return None


class DiskQuotas:
    """Validates requests, allocates and persists IDs, and drives the backend.

    Owners are strings such as ``container:<id>`` or ``volume:<name>``; an ID named by
    several owners (QuotaID) is released when the last of them lets go.
    """

    def __init__(self, support: QuotaSupport, backend: QuotaBackend | None, state_file: Path) -> None:
        self.support = support
        self.backend = backend
        self.ids = QuotaIds(state_file)

    @classmethod
    def open(cls, home_dir: Path, state_file: Path | None = None) -> DiskQuotas:
        support = detect(home_dir)
        return cls(support, backend_for(support), state_file or Path(home_dir) / "quota" / "ids.json")

    def driver_status(self) -> list[list[str]]:
        return self.support.driver_status()

    def _require(self) -> QuotaBackend:
        if self.backend is None:
            raise InvalidParameter(f"disk quota is not supported on {self.support.mount_point}: {self.support.reason}")
        return self.backend

    def check(self, disk_quota: Mapping[str, str] | None, quota_id: str | int | None = None) -> QuotaRequest | None:
        """Parse a request and refuse it (400) where the filesystem cannot enforce it."""
        request = QuotaRequest.parse(disk_quota, quota_id)
        if request is not None:
            self._require()
        return request

    def parse_volume_size(self, size: str) -> int:
        """A local volume's ``size`` option, refused where no quota can enforce it."""
        limit = parse_size(size)
        self._require()
        return limit

    def set_dir_limit(self, owner: str, path: Path, size: str) -> None:
        """One directory, one limit of its own (a volume's ``size``)."""
        self.apply(owner, [QuotaTarget("size", (Path(path),), self.parse_volume_size(size))])

    def prepare_dir(self, path: Path) -> None:
        """Create a directory that may carry a quota (a subvolume on btrfs)."""
        if self.backend is None:
            Path(path).mkdir(parents=True, exist_ok=True)
        else:
            self.backend.prepare_dir(Path(path))

    def apply(self, owner: str, targets: list[QuotaTarget]) -> dict[str, int]:
        """Enforce each target; returns DiskQuota key -> quota ID."""
        backend = self._require()
        out: dict[str, int] = {}
        for target in targets:
            fresh = target.quota_id is None
            qid = self.ids.allocate() if target.quota_id is None else target.quota_id
            try:
                for d in target.dirs:
                    backend.assign(Path(d), qid)
                backend.set_limit(qid, target.limit_bytes)
            except Exception:
                if fresh:
                    self.ids.forget(qid)
                raise
            self.ids.hold(qid, owner, target.key, [str(d) for d in target.dirs], target.limit_bytes)
            out[target.key] = qid
        return out

    def update(self, owner: str, targets: list[QuotaTarget]) -> dict[str, int]:
        """A live change: keys the owner already holds get the new limit, new keys a new quota."""
        backend = self._require()
        held = self.ids.held_by(owner)
        fresh = []
        for target in targets:
            qid = target.quota_id if target.quota_id is not None else held.get(target.key)
            if qid is None or self.ids.get(qid) is None:
                fresh.append(target)
                continue
            for d in target.dirs:
                backend.assign(Path(d), qid)
            backend.set_limit(qid, target.limit_bytes)
            self.ids.hold(qid, owner, target.key, [str(d) for d in target.dirs], target.limit_bytes)
        return {**held, **self.apply(owner, fresh)}

    def holds(self, owner: str) -> bool:
        """``owner`` holds a quota ID (most containers hold none)."""
        return bool(self.ids.held_by(owner))

    def release(self, owner: str) -> list[int]:
        """At remove: IDs nobody else holds are released in the filesystem too."""
        freed = self.ids.drop(owner)
        if self.backend is not None:
            for qid in freed:
                self.backend.release(qid)
        return freed

    def usage(self, quota_id: int) -> QuotaUsage:
        return self._require().usage(quota_id)
