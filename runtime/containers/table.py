"""The container records: the in-memory authority and its write-through to the store.

Only runtime/containers/ reads or writes the store's ``container`` kind, through this table.
List and inspect never touch SQLite; every change is written through, and a write the store
cannot take (disk full) leaves the in-memory record authoritative until the next save. Other
subsystems reach the records through the small protocols of ``protocols.py``, all implemented
here, so what they read is always the record the lifecycle sees.
"""

from __future__ import annotations

import logging
import re

from runtime.containers.protocols import MountPoint
from runtime.containers.records import ContainerRecordSchema, Record, rootfs_key
from runtime.errors import Conflict, InvalidParameter, NotFound
from runtime.store import MetaStore

log = logging.getLogger("pouch.containers")

KIND = "container"


class ContainerTable:
    def __init__(self, store: MetaStore) -> None:
        self._store = store
        store.register(KIND, ContainerRecordSchema())
        self._records: dict[str, Record] = {}
        self._names: dict[str, str] = {}
        for rec in store.list(KIND):
            self._records[rec["Id"]] = rec
            self._names[rec["Name"]] = rec["Id"]

    # -- lookup (ContainerRecords) -------------------------------------------------------------
    def get(self, ref: str) -> Record:
        """By exact ID, exact name (with or without the slash), then unique ID prefix. A container
        still being created is not there yet (as in dockerd, only its name is taken): an operation
        on it meanwhile (a remove by name, for instance) would race the create for its rootfs."""
        rec = self._lookup(ref)
        if rec.get("Creating"):
            raise NotFound(f"No such container: {ref}")
        return rec

    def _lookup(self, ref: str) -> Record:
        rec = self._records.get(ref)
        if rec is not None:
            return rec
        name = ref[1:] if ref.startswith("/") else ref
        cid = self._names.get(name)
        if cid is not None:
            return self._records[cid]
        if ref and re.fullmatch(r"[0-9a-f]+", ref):
            found = [r for i, r in self._records.items() if i.startswith(ref)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise InvalidParameter(f"multiple containers found with provided prefix: {ref}")
        raise NotFound(f"No such container: {ref}")

    def find(self, container_id: str) -> Record | None:
        return self._records.get(container_id)

    def records(self) -> list[Record]:
        return list(self._records.values())

    def __contains__(self, container_id: object) -> bool:
        return container_id in self._records

    # -- names -----------------------------------------------------------------------------
    def name_taken(self, name: str) -> bool:
        return name in self._names

    def check_name_free(self, name: str) -> None:
        owner = self._names.get(name)
        if owner is not None:
            raise Conflict(
                f'Conflict. The name "/{name}" is already in use by container "{owner}". '
                "You have to remove (or rename) that container to be able to reuse that name."
            )

    def rename(self, rec: Record, new_name: str) -> None:
        self.check_name_free(new_name)
        old = rec["Name"]
        rec["Name"] = new_name
        try:
            self.save(rec)
        except Conflict:
            rec["Name"] = old
            raise
        self._names.pop(old, None)
        self._names[new_name] = rec["Id"]

    # -- writes ----------------------------------------------------------------------------
    def claim(self, rec: Record) -> None:
        """Add a new record in memory and in the store (Conflict if its ID or name is taken).

        The in-memory claim happens before any await of the caller, so of two creates with one
        name exactly one wins."""
        if rec["Id"] in self._records:
            raise Conflict(f"container ID {rec['Id']} is already in use")
        self.check_name_free(rec["Name"])
        self._records[rec["Id"]] = rec
        self._names[rec["Name"]] = rec["Id"]
        try:
            self._store.insert(KIND, rec["Id"], rec, name=rec["Name"])
        except Conflict:
            self._forget(rec)
            raise

    def save(self, record: Record) -> None:
        self._store.put(KIND, record["Id"], record, name=record["Name"])

    def try_save(self, record: Record) -> bool:
        """Write through, but keep going when the store cannot take it (disk full)."""
        try:
            self.save(record)
            return True
        except Exception as exc:
            log.warning("could not store container %s: %s", record["Id"], exc)
            return False

    def delete(self, rec: Record) -> None:
        self._store.delete(KIND, rec["Id"])
        self._forget(rec)

    def _forget(self, rec: Record) -> None:
        self._records.pop(rec["Id"], None)
        if self._names.get(rec["Name"]) == rec["Id"]:
            del self._names[rec["Name"]]

    # -- questions other subsystems ask (ImageUsers, ContainerMounts, ContainerCounts) --------
    def image_users(self, image_id: str) -> list[str]:
        return [cid for cid, rec in self._records.items() if rec.get("Image") == image_id]

    def rootfs_keys(self) -> set[str]:
        return {rootfs_key(rec) for rec in self._records.values()}

    def mounts_of(self, ref: str) -> tuple[str, list[MountPoint]]:
        rec = self.get(ref)
        return rec["Id"], list(rec.get("Mounts") or [])

    def all_mounts(self) -> dict[str, list[MountPoint]]:
        return {cid: list(rec.get("Mounts") or []) for cid, rec in self._records.items()}

    def statuses(self) -> list[str]:
        return [rec["State"]["Status"] for rec in self._records.values()]
