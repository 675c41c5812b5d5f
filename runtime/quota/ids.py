"""Quota IDs in use, who holds them and on which directories, kept across restarts.

The one owner of this state is ``DiskQuotas``; the file is rewritten atomically on every
change. IDs the engine allocates start above 2**24 as pouchd's do, so they never collide
with the small IDs an administrator may have given by hand.
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path

QUOTA_MIN_ID = 1 << 24


@dataclasses.dataclass
class QuotaRecord:
    limit_bytes: int = 0
    # owner ("container:<id>", "volume:<name>") -> (DiskQuota key, directories)
    holders: dict[str, tuple[str, list[str]]] = dataclasses.field(default_factory=dict)


class QuotaIds:
    def __init__(self, state_file: Path) -> None:
        self.state_file = Path(state_file)
        self._lock = threading.Lock()
        self._records: dict[int, QuotaRecord] = {}
        self._last = QUOTA_MIN_ID
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.state_file.read_text())
        except FileNotFoundError:
            return
        self._last = int(data.get("last", QUOTA_MIN_ID))
        for qid, rec in data.get("ids", {}).items():
            holders = {owner: (str(h[0]), [str(d) for d in h[1]]) for owner, h in rec.get("holders", {}).items()}
            self._records[int(qid)] = QuotaRecord(int(rec.get("limit", 0)), holders)

    def _save(self) -> None:
        data = {
            "last": self._last,
            "ids": {
                str(qid): {"limit": rec.limit_bytes, "holders": {o: list(h) for o, h in rec.holders.items()}}
                for qid, rec in sorted(self._records.items())
            },
        }
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_suffix(".tmp")
        with open(tmp, "w") as f:
            json.dump(data, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state_file)

    def allocate(self) -> int:
        """A fresh ID, reserved (held by nobody yet) until ``hold`` or ``forget``."""
        with self._lock:
            qid = self._last + 1
            while qid in self._records:
                qid += 1
            self._last = qid
            self._records[qid] = QuotaRecord()
            self._save()
            return qid

    def hold(self, quota_id: int, owner: str, key: str, dirs: list[str], limit_bytes: int) -> None:
        with self._lock:
            rec = self._records.setdefault(quota_id, QuotaRecord())
            _, known = rec.holders.get(owner, (key, []))
            rec.holders[owner] = (key, sorted(set(known) | set(dirs)))
            rec.limit_bytes = limit_bytes
            self._save()

    def set_limit(self, quota_id: int, limit_bytes: int) -> None:
        with self._lock:
            self._records[quota_id].limit_bytes = limit_bytes
            self._save()

    def get(self, quota_id: int) -> QuotaRecord | None:
        with self._lock:
            rec = self._records.get(quota_id)
            return dataclasses.replace(rec, holders=dict(rec.holders)) if rec else None

    def held_by(self, owner: str) -> dict[str, int]:
        """DiskQuota key -> quota ID, for one owner."""
        with self._lock:
            return {rec.holders[owner][0]: qid for qid, rec in self._records.items() if owner in rec.holders}

    def drop(self, owner: str) -> list[int]:
        """Forget ``owner``; returns the IDs nobody holds any more (to release)."""
        with self._lock:
            freed = []
            held = False
            for qid, rec in list(self._records.items()):
                if owner in rec.holders:
                    held = True
                    del rec.holders[owner]
                    if not rec.holders:
                        freed.append(qid)
                        del self._records[qid]
            if held:  # most owners never had a quota: no write (and fsync) for them
                self._save()
            return freed

    def forget(self, quota_id: int) -> None:
        with self._lock:
            self._records.pop(quota_id, None)
            self._save()

    def in_use(self) -> list[int]:
        with self._lock:
            return sorted(self._records)
