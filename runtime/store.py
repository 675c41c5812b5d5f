"""Metadata store: one SQLite database under --home-dir for every engine record.

Why SQLite: a record is written in one transaction, so a server killed mid-create
leaves either the whole record or nothing; the UNIQUE name index makes "two creates
with the same name, exactly one wins" a property of the store, not of locking in Python.
Each kind of record (container, exec, volume, network, image ...) may register a
marshmallow schema; records are validated on write and on read, so a corrupt or
outdated row is reported instead of leaking half-parsed data into responses.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import marshmallow

from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound

Record = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    name TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS objects_name ON objects (kind, name) WHERE name IS NOT NULL;
"""


class MetaStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process (the WAL is written before commit
        # returns); only a power loss may drop the last transactions.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._schemas: dict[str, marshmallow.Schema] = {}
        self._versions: dict[str, int] = {}  # kind -> writes so far: lets readers keep derived indexes

    def version(self, kind: str) -> int:
        """Changes whenever a record of ``kind`` is written or deleted (through this store)."""
        return self._versions.get(kind, 0)

    def _wrote(self, kind: str) -> None:
        self._versions[kind] = self._versions.get(kind, 0) + 1

    def register(self, kind: str, schema: marshmallow.Schema) -> None:
        self._schemas[kind] = schema

    def _check(self, kind: str, data: Record) -> Record:
        schema = self._schemas.get(kind)
        if schema is None:
            return data
        errors = schema.validate(data)
        if errors:
            raise EngineError(f"invalid {kind} record: {errors}")
        return data

    def insert(self, kind: str, id_: str, data: Record, name: str | None = None) -> None:
        """Add a new record; Conflict if the ID or the name is taken."""
        payload = json.dumps(self._check(kind, data), sort_keys=True)
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO objects (kind, id, name, data) VALUES (?, ?, ?, ?)", (kind, id_, name, payload)
                )
                self._wrote(kind)
            except sqlite3.IntegrityError:
                what = f"name {name!r}" if name and self._name_taken(kind, name) else f"ID {id_!r}"
                raise Conflict(f"{kind} {what} is already in use") from None

    def put(self, kind: str, id_: str, data: Record, name: str | None = None) -> None:
        """Insert or replace a record (its name may change: Conflict if taken by another)."""
        payload = json.dumps(self._check(kind, data), sort_keys=True)
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO objects (kind, id, name, data) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (kind, id) DO UPDATE SET name = excluded.name, data = excluded.data",
                    (kind, id_, name, payload),
                )
                self._wrote(kind)
            except sqlite3.IntegrityError:
                raise Conflict(f"{kind} name {name!r} is already in use") from None

    def _name_taken(self, kind: str, name: str) -> bool:
        row = self._db.execute("SELECT 1 FROM objects WHERE kind = ? AND name = ?", (kind, name)).fetchone()
        return row is not None

    def get(self, kind: str, id_: str) -> Record | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM objects WHERE kind = ? AND id = ?", (kind, id_)).fetchone()
        return self._load(kind, row[0]) if row else None

    def resolve(self, kind: str, ref: str, what: str | None = None) -> Record:
        """Find by exact ID, then exact name, then unique ID prefix (as dockerd does)."""
        what = what or kind
        if not ref:
            raise NotFound(f"No such {what}: {ref}")
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM objects WHERE kind = ? AND (id = ? OR name = ?) ORDER BY id = ? DESC LIMIT 1",
                (kind, ref, ref, ref),
            ).fetchone()
            rows = []
            if row is None:
                escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                rows = self._db.execute(
                    "SELECT data FROM objects WHERE kind = ? AND id LIKE ? ESCAPE '\\' LIMIT 2",
                    (kind, escaped + "%"),
                ).fetchall()
        if row is not None:
            return self._load(kind, row[0])
        if len(rows) == 1:
            return self._load(kind, rows[0][0])
        if len(rows) > 1:
            raise InvalidParameter(f"multiple {what}s found with provided prefix: {ref}")
        raise NotFound(f"No such {what}: {ref}")

    def list(self, kind: str) -> list[Record]:
        with self._lock:
            rows = self._db.execute("SELECT data FROM objects WHERE kind = ? ORDER BY rowid", (kind,)).fetchall()
        return [self._load(kind, r[0]) for r in rows]

    def delete(self, kind: str, id_: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM objects WHERE kind = ? AND id = ?", (kind, id_))
            self._wrote(kind)
        return cur.rowcount > 0

    def count(self, kind: str) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM objects WHERE kind = ?", (kind,)).fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _load(self, kind: str, payload: str) -> Record:
        return self._check(kind, json.loads(payload))
