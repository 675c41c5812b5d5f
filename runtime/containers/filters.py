"""GET /containers/json: which records the list shows, by ``all`` and the filters."""

from __future__ import annotations

import re

from runtime.containers import records
from runtime.containers.records import Record
from runtime.errors import InvalidParameter

LIST_FILTERS = ("id", "name", "status", "label", "network", "volume", "ancestor", "exited", "before", "since")


def select(recs: list[Record], all_: bool, filters: dict[str, list[str]]) -> list[Record]:
    """The matching records, newest first; only running ones unless ``all_`` or a status filter."""
    matcher = ListFilter(filters)
    out = []
    for rec in sorted(recs, key=lambda r: r["Created"], reverse=True):
        if not all_ and not rec["State"]["Running"] and "status" not in filters:
            continue
        if matcher.match(rec):
            out.append(rec)
    return out


class ListFilter:
    """The list filters of the seed: id/name/status by regexp, label with = and !=, plus network/volume."""

    def __init__(self, filters: dict[str, list[str]]) -> None:
        for key in filters:
            if key not in LIST_FILTERS:
                raise InvalidParameter(f"invalid filter '{key}'")
        self.filters = filters
        try:
            self.patterns = {k: [re.compile(v) for v in filters.get(k, [])] for k in ("id", "name", "status")}
        except re.error as exc:
            raise InvalidParameter(f"invalid filter regexp: {exc}") from None
        for status in filters.get("status", []):
            if status not in records.STATUSES and not re.search(r"[\\^$.*+?()\[\]{}|]", status):
                raise InvalidParameter(f"invalid filter 'status={status}'")

    def match(self, rec: Record) -> bool:
        f = self.filters
        if f.get("id") and not any(p.search(rec["Id"]) for p in self.patterns["id"]):
            return False
        if f.get("name") and not any(
            p.search(rec["Name"]) or p.search("/" + rec["Name"]) for p in self.patterns["name"]
        ):
            return False
        if f.get("status") and not any(p.fullmatch(rec["State"]["Status"]) for p in self.patterns["status"]):
            return False
        labels = rec["Config"].get("Labels") or {}
        for want in f.get("label", []):
            if "!=" in want:
                k, v = want.split("!=", 1)
                if labels.get(k) == v:
                    return False
            elif "=" in want:
                k, v = want.split("=", 1)
                if labels.get(k) != v:
                    return False
            elif want not in labels:
                return False
        if f.get("network"):
            nets = (rec.get("NetworkSettings") or {}).get("Networks") or {}
            ids_ = {n.get("NetworkID", "") for n in nets.values()} | set(nets)
            if not any(w in ids_ or any(i.startswith(w) for i in ids_ if i) for w in f["network"]):
                return False
        if f.get("volume"):
            mounts = rec.get("Mounts") or []
            have = (
                {m.get("Name") for m in mounts}
                | {m.get("Source") for m in mounts}
                | {m.get("Destination") for m in mounts}
            )
            if not any(w in have for w in f["volume"]):
                return False
        if f.get("ancestor"):
            img = {rec["Image"], rec["Config"].get("Image")}
            if not any(w in img or rec["Image"].startswith("sha256:" + w) for w in f["ancestor"]):
                return False
        if f.get("exited"):
            if rec["State"]["Running"] or rec["State"]["Status"] == "created":
                return False
            if str(rec["State"]["ExitCode"]) not in f["exited"]:
                return False
        return True
