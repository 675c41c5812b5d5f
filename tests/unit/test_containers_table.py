"""ContainerTable lookups: a container still being created is not there for other operations."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.containers.defaults import new_record
from runtime.containers.table import ContainerTable
from runtime.errors import Conflict, NotFound
from runtime.store import MetaStore

CID = "ab" * 32


def test_a_container_being_created_is_found_by_no_one_but_holds_its_name(tmp_path: Path) -> None:
    """Found by the stress test: a remove by name took a record mid-create and removed its
    rootfs while the create mounted it (500 on both sides)."""
    table = ContainerTable(MetaStore(tmp_path / "meta.db"))
    rec = new_record(CID, "s7", {"Image": "busybox", "Cmd": ["true"]}, {}, "sha256:" + "cd" * 32,
                     str(tmp_path / "log"), {})
    rec["Creating"] = True
    table.claim(rec)
    for ref in ("s7", "/s7", CID, CID[:12]):
        with pytest.raises(NotFound):
            table.get(ref)
    with pytest.raises(Conflict):
        table.check_name_free("s7")
    assert table.find(CID) is rec  # the create itself (and restore) still reach it
    rec.pop("Creating")
    assert table.get("s7") is rec and table.get(CID[:12]) is rec
