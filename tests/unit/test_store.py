"""The metadata store: names unique per kind, resolution as dockerd does, schema checks."""

from __future__ import annotations

from pathlib import Path

import marshmallow
import pytest

from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound
from runtime.store import MetaStore


@pytest.fixture
def store(tmp_path: Path) -> MetaStore:
    return MetaStore(tmp_path / "meta.db")


def test_name_is_unique_per_kind(store: MetaStore) -> None:
    store.insert("container", "a" * 64, {"Id": "a"}, name="web")
    with pytest.raises(Conflict):
        store.insert("container", "b" * 64, {"Id": "b"}, name="web")
    store.insert("volume", "web", {"Name": "web"}, name="web")  # other kind: fine
    assert store.count("container") == 1


def test_resolve_by_id_name_and_prefix(store: MetaStore) -> None:
    store.insert("container", "abc1" + "0" * 60, {"Id": 1}, name="one")
    store.insert("container", "abd2" + "0" * 60, {"Id": 2}, name="two")
    assert store.resolve("container", "one")["Id"] == 1
    assert store.resolve("container", "abd")["Id"] == 2
    with pytest.raises(InvalidParameter):
        store.resolve("container", "ab")
    with pytest.raises(NotFound, match="No such container: zz"):
        store.resolve("container", "zz")
    with pytest.raises(NotFound):
        store.resolve("container", "%")  # LIKE wildcards are literal


def test_put_renames_and_survives_reopen(tmp_path: Path) -> None:
    s = MetaStore(tmp_path / "m.db")
    s.insert("container", "x", {"v": 1}, name="old")
    s.put("container", "x", {"v": 2}, name="new")
    s.close()
    s = MetaStore(tmp_path / "m.db")
    assert s.resolve("container", "new") == {"v": 2}
    with pytest.raises(NotFound):
        s.resolve("container", "old")
    assert s.delete("container", "x")
    assert not s.delete("container", "x")


class Rec(marshmallow.Schema):
    Id = marshmallow.fields.String(required=True)


def test_registered_schema_refuses_bad_records(store: MetaStore) -> None:
    store.register("exec", Rec())
    with pytest.raises(EngineError):
        store.insert("exec", "1", {"Nope": 1})
    store.insert("exec", "2", {"Id": "2"})
    assert store.get("exec", "2") == {"Id": "2"}
