"""GET /containers/{id}/changes from an overlay upper dir, as dockerd's overlay driver lists them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runtime.containers.changes import KIND_ADDED, KIND_DELETED, KIND_MODIFIED, container_changes
from runtime.images.layers import OPAQUE_XATTR

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="whiteouts are char devices and trusted.* xattrs: root")
MTIME = 1_700_000_000


def _dir(p: Path, mtime: int = MTIME) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    os.utime(p, (mtime, mtime))
    return p


def _whiteout(p: Path) -> None:
    os.mknod(p, 0o600 | 0o020000, os.makedev(0, 0))


@pytest.fixture
def layers(tmp_path: Path) -> tuple[Path, list[Path]]:
    """lower: /etc/passwd, /etc/gone, /opt/old/{a,b}, /usr/bin/tool, /keep; upper starts empty."""
    lower = tmp_path / "lower"
    for d in ("etc", "opt/old", "usr/bin"):
        (lower / d).mkdir(parents=True)
    for f in ("etc/passwd", "etc/gone", "opt/old/a", "opt/old/b", "usr/bin/tool", "keep"):
        (lower / f).write_text(f)
    for d in ("usr/bin", "usr", "opt/old", "opt", "etc"):
        os.utime(lower / d, (MTIME, MTIME))
    upper = tmp_path / "upper"
    upper.mkdir()
    return upper, [lower]


@needs_root
def test_add_modify_delete_and_parents(layers: tuple[Path, list[Path]]) -> None:
    upper, lowers = layers
    # the container changed /etc/passwd, removed /etc/gone, added /etc/new and /srv/app/x
    etc = _dir(upper / "etc", MTIME + 5)
    (etc / "passwd").write_text("changed")
    _whiteout(etc / "gone")
    (etc / "new").write_text("new")
    (upper / "srv" / "app").mkdir(parents=True)
    (upper / "srv" / "app" / "x").write_text("x")
    assert container_changes(upper, lowers) == [
        {"Path": "/etc", "Kind": KIND_MODIFIED},
        {"Path": "/etc/gone", "Kind": KIND_DELETED},
        {"Path": "/etc/new", "Kind": KIND_ADDED},
        {"Path": "/etc/passwd", "Kind": KIND_MODIFIED},
        {"Path": "/srv", "Kind": KIND_ADDED},
        {"Path": "/srv/app", "Kind": KIND_ADDED},
        {"Path": "/srv/app/x", "Kind": KIND_ADDED},
    ]


@needs_root
def test_an_unchanged_directory_is_listed_once_as_the_parent_of_a_change(layers: tuple[Path, list[Path]]) -> None:
    upper, lowers = layers
    # overlay copies /usr and /usr/bin up with the lower's metadata when a file below changes
    lower_usr = os.stat(lowers[0] / "usr")
    _dir(upper / "usr/bin")
    os.chmod(upper / "usr", lower_usr.st_mode & 0o7777)
    for d in ("usr/bin", "usr"):
        st = os.stat(lowers[0] / d)
        os.utime(upper / d, ns=(st.st_atime_ns, st.st_mtime_ns))
    (upper / "usr/bin/added").write_text("a")
    (upper / "usr/bin/tool").write_text("patched")
    changes = container_changes(upper, lowers)
    assert changes == [
        {"Path": "/usr/bin", "Kind": KIND_MODIFIED},
        {"Path": "/usr/bin/added", "Kind": KIND_ADDED},
        {"Path": "/usr/bin/tool", "Kind": KIND_MODIFIED},
    ], "/usr is identical below and above: not reported; /usr/bin is reported once as a parent"


@needs_root
def test_opaque_directory_is_a_deletion_and_its_new_entries_follow(layers: tuple[Path, list[Path]]) -> None:
    upper, lowers = layers
    # rm -rf /opt/old && mkdir /opt/old && echo > /opt/old/c
    _dir(upper / "opt", MTIME)
    os.utime(upper / "opt", ns=(0, os.stat(lowers[0] / "opt").st_mtime_ns))
    os.chmod(upper / "opt", os.stat(lowers[0] / "opt").st_mode & 0o7777)
    (upper / "opt/old").mkdir()
    os.setxattr(upper / "opt/old", OPAQUE_XATTR, b"y")
    (upper / "opt/old/c").write_text("c")
    assert container_changes(upper, lowers) == [
        {"Path": "/opt", "Kind": KIND_MODIFIED},
        {"Path": "/opt/old", "Kind": KIND_DELETED},
        {"Path": "/opt/old/c", "Kind": KIND_ADDED},
    ]


@needs_root
def test_lower_whiteouts_hide_paths_and_skip_drops_engine_paths(tmp_path: Path) -> None:
    top, bottom, upper = tmp_path / "top", tmp_path / "bottom", tmp_path / "upper"
    (bottom / "etc").mkdir(parents=True)
    (bottom / "etc/was").write_text("x")
    (top / "etc").mkdir(parents=True)
    _whiteout(top / "etc/was")
    (upper / "etc").mkdir(parents=True)
    (upper / "etc/was").write_text("again")
    (upper / "etc/hosts").write_text("engine's mount point")
    changes = container_changes(upper, [top, bottom], skip=lambda p: p == "/etc/hosts")
    assert {"Path": "/etc/was", "Kind": KIND_ADDED} in changes, "a whited-out lower file re-created is an addition"
    assert all(c["Path"] != "/etc/hosts" for c in changes)


def test_an_empty_upper_dir_has_no_changes(tmp_path: Path) -> None:
    (tmp_path / "upper").mkdir()
    assert container_changes(tmp_path / "upper", [tmp_path]) == []
