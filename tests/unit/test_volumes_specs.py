"""Parsing of Binds / Tmpfs / VolumesFrom / volume names: bad input is a 400, never half made."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.errors import InvalidParameter
from runtime.volumes import drivers
from runtime.volumes.service import _labels_match
from runtime.volumes.specs import (
    check_volume_name,
    parse_bind,
    parse_tmpfs_options,
    parse_volumes_from,
)


@pytest.mark.parametrize("name", ["data", "my-vol_1.x", "a1"])
def test_volume_names_accepted(name: str) -> None:
    assert check_volume_name(name) == name


@pytest.mark.parametrize("name", ["a/b", "..", "../etc", ".hidden", "x", "", "a\x00b", "a b"])
def test_volume_names_refused(name: str) -> None:
    with pytest.raises(InvalidParameter):
        check_volume_name(name)


def test_bind_host_path(tmp_path: Path) -> None:
    b = parse_bind(f"{tmp_path}:/data:ro")
    assert (b.source, b.destination, b.volume, b.rw) == (str(tmp_path), "/data", False, False)
    assert b.propagation == "rprivate"


def test_bind_named_volume() -> None:
    b = parse_bind("myvol:/data")
    assert (b.source, b.volume, b.rw) == ("myvol", True, True)


@pytest.mark.parametrize("spec", [
    "/does/not/exist/at/all:/data",       # missing source
    "/tmp/../etc:/data",                   # escape through ..
    "../etc:/data",                        # relative path
    "sub/dir:/data",                       # relative path
    "/tmp:data",                           # relative destination
    "/tmp:/",                              # over the root
    "/tmp:/a/../b",                        # .. in destination
    "/tmp:/data:rx",                       # bad mode
    "/tmp:/data:ro,rw",                    # ro and rw
    "/tmp",                                # no destination
    "a:b:c:d",
])
def test_bad_binds(spec: str) -> None:
    with pytest.raises(InvalidParameter):
        parse_bind(spec)


def test_volumes_from() -> None:
    assert parse_volumes_from("web") == ("web", None)
    assert parse_volumes_from("web:ro") == ("web", "ro")
    with pytest.raises(InvalidParameter):
        parse_volumes_from("web:xx")


def test_tmpfs_options() -> None:
    assert parse_tmpfs_options("rw,noexec,size=64m,mode=1777", "/run") == ["rw", "noexec", "size=64m", "mode=1777"]
    for bad in ("size=big", "mode=999", "bogus", "uid=-1", "foo=bar"):
        with pytest.raises(InvalidParameter):
            parse_tmpfs_options(bad, "/run")


def test_driver_options() -> None:
    assert drivers.tmpfs_mount_options("local", {}) is None
    assert drivers.tmpfs_mount_options("tmpfs", {"size": "10m"}) == ["size=10m"]
    assert drivers.tmpfs_mount_options("local", {"type": "tmpfs", "device": "tmpfs", "o": "size=5m"}) == ["size=5m"]
    for driver, opts in (("nfs", {}), ("local", {"type": "nfs"}), ("tmpfs", {"color": "red"}),
                         ("tmpfs", {"size": "lots"})):
        with pytest.raises(InvalidParameter):
            drivers.tmpfs_mount_options(driver, opts)


def test_label_filter() -> None:
    labels = {"a": "1", "b": "2"}
    assert _labels_match(labels, ["a"])
    assert _labels_match(labels, ["a=1", "b:2"])
    assert not _labels_match(labels, ["a=2"])
    assert not _labels_match(labels, ["c"])
