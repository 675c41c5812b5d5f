"""runtime/images/unpacking.py: layers unpacked early (while their image downloads) are taken
once the config confirms them, and refused (and removed) when it does not."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from runtime.errors import InvalidParameter
from runtime.images.content import ContentStore
from runtime.images.snapshots import Snapshots, chain_ids
from runtime.images.unpacking import Unpacker


def layer(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def setup(tmp_path: Path) -> tuple[Unpacker, ContentStore, str, str]:
    content = ContentStore(tmp_path / "images")
    unpacker = Unpacker(content, Snapshots(tmp_path / "images", content.tmp))
    raw = layer("hello.txt", b"early\n")
    return unpacker, content, content.put_bytes(raw), "sha256:" + hashlib.sha256(raw).hexdigest()


def test_an_early_layer_is_taken_without_reading_its_blob_again(tmp_path: Path) -> None:
    unpacker, content, blob, diff_id = setup(tmp_path)
    unpacker.unpack_early(blob)
    content.path(blob).unlink()  # what it was unpacked from is no longer needed
    (chain,) = chain_ids([diff_id])
    unpacker.snapshot_layer(blob, diff_id, chain, None)
    assert (unpacker.snapshots.path(chain) / "hello.txt").read_bytes() == b"early\n"
    assert not list(content.tmp.iterdir())


def test_an_early_layer_the_config_does_not_confirm_is_refused(tmp_path: Path) -> None:
    unpacker, content, blob, _diff_id = setup(tmp_path)
    unpacker.unpack_early(blob)
    claimed = "sha256:" + "0" * 64
    (chain,) = chain_ids([claimed])
    with pytest.raises(InvalidParameter, match="unpacks to"):
        unpacker.snapshot_layer(blob, claimed, chain, None)
    assert not unpacker.snapshots.has(chain)
    assert not list(content.tmp.iterdir())


def test_discarded_early_layers_leave_nothing(tmp_path: Path) -> None:
    unpacker, content, blob, _ = setup(tmp_path)
    unpacker.unpack_early(blob)
    unpacker.discard_early([blob])
    assert not list(content.tmp.iterdir())
