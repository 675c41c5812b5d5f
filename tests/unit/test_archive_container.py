"""docker cp's engine side: path stat as dockerd encodes it, the tar of a path, extraction
into a container directory with dockerd's options, and hostile archives refused."""

from __future__ import annotations

import base64
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest

from runtime.containers.archive import (
    GO_MODE_DIR,
    GO_MODE_SYMLINK,
    ContainerFS,
    Mount,
    encode_stat,
    extract_archive,
    go_file_mode,
    go_time,
    stat_path,
    write_archive,
)
from runtime.errors import Forbidden, InvalidParameter, NotFound

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to other owners needs root")
MTIME = 1_700_000_000


@pytest.fixture
def box(tmp_path: Path) -> tuple[ContainerFS, Path, Path, Path]:
    """rootfs with /etc/passwd, /etc/group, /usr/lib/f, /lib -> usr/lib, /abs -> /usr, /escape -> ../../..;
    a volume mounted at /data; an outside dir that nothing may reach."""
    root, vol, outside = tmp_path / "rootfs", tmp_path / "vol", tmp_path / "outside"
    for d in (root / "etc", root / "usr/lib", root / "tmp", root / "data", vol, outside):
        d.mkdir(parents=True)
    (root / "etc/passwd").write_text("root:x:0:0::/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n")
    (root / "etc/group").write_text("root:x:0:\nstaff:x:50:\n")
    (root / "usr/lib/f").write_text("in lib\n")
    os.utime(root / "usr/lib/f", (MTIME, MTIME))
    os.symlink("usr/lib", root / "lib")
    os.symlink("/usr", root / "abs")
    os.symlink("../../..", root / "escape")
    (vol / "v.txt").write_text("volume\n")
    (outside / "secret").write_text("host secret\n")
    fs = ContainerFS(root, [Mount("/data", str(vol), True)])
    return fs, root, vol, outside


def _tar(*entries: tuple[str, str, bytes | str]) -> io.BytesIO:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, kind, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.mode = MTIME, 7, 8, 0o640
            if kind == "dir":
                info.type, info.mode = tarfile.DIRTYPE, 0o750
                tar.addfile(info)
            elif kind == "sym":
                info.type, info.linkname = tarfile.SYMTYPE, str(data)
                tar.addfile(info)
            elif kind == "link":
                info.type, info.linkname = tarfile.LNKTYPE, str(data)
                tar.addfile(info)
            elif kind == "chr":
                info.type = tarfile.CHRTYPE
                tar.addfile(info)
            else:
                raw = data if isinstance(data, bytes) else data.encode()
                info.size = len(raw)
                tar.addfile(info, io.BytesIO(raw))
    buf.seek(0)
    return buf


def test_go_file_mode_bits_match_go() -> None:
    assert go_file_mode(stat.S_IFDIR | 0o755) == GO_MODE_DIR | 0o755 == 2147484141
    assert go_file_mode(stat.S_IFLNK | 0o777) == GO_MODE_SYMLINK | 0o777 == 134218239
    assert go_file_mode(stat.S_IFREG | 0o4755) == (1 << 23) | 0o755
    assert go_file_mode(stat.S_IFDIR | 0o1777) == GO_MODE_DIR | (1 << 20) | 0o777
    assert go_file_mode(stat.S_IFCHR | 0o666) == (1 << 26) | (1 << 21) | 0o666


def test_go_time_is_rfc3339_with_trimmed_nanoseconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        assert go_time(MTIME * 10**9) == "2023-11-14T22:13:20Z"
        assert go_time(MTIME * 10**9 + 120_000_000) == "2023-11-14T22:13:20.12Z"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_stat_of_file_dir_symlink_and_volume(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, _vol, _ = box
    s = stat_path(fs, "/usr/lib/f")
    assert s["name"] == "f" and s["size"] == 7 and s["mode"] == 0o644 and s["linkTarget"] == ""
    assert stat_path(fs, "/usr/lib/")["mode"] & GO_MODE_DIR
    assert stat_path(fs, "/usr/lib/")["name"] == "lib"
    link = stat_path(fs, "/lib")
    assert link["mode"] & GO_MODE_SYMLINK and link["linkTarget"] == "/usr/lib"
    assert stat_path(fs, "/escape")["linkTarget"] == "/", "a link climbing out stops at the container's root"
    assert stat_path(fs, "/lib/f")["size"] == 7, "the directory part is followed in scope"
    assert stat_path(fs, "/data/v.txt")["size"] == 7, "volumes are part of the view"
    assert stat_path(fs, "/")["name"] == "/"
    header = json.loads(base64.b64decode(encode_stat(s)))
    assert header == s and set(header) == {"name", "size", "mode", "mtime", "linkTarget"}
    with pytest.raises(NotFound, match="Could not find the file /nope in container c1"):
        stat_path(fs, "/nope", "c1")


def _names(data: bytes) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: m for m in tar.getmembers()}


def test_archive_of_a_directory_is_rebased_on_the_name_asked_for(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, *_ = box
    out = io.BytesIO()
    write_archive(fs, "/lib/", out)  # /lib -> usr/lib, asked with a trailing slash: its contents as "lib"
    members = _names(out.getvalue())
    assert set(members) == {"lib", "lib/f"}
    assert members["lib/f"].uname == "" and members["lib/f"].mtime == MTIME
    out = io.BytesIO()
    write_archive(fs, "/lib", out)  # without the slash: the symlink itself
    assert [(m.name, m.issym(), m.linkname) for m in _names(out.getvalue()).values()] == [("lib", True, "usr/lib")]
    out = io.BytesIO()
    write_archive(fs, "/usr/lib/.", out)
    assert set(_names(out.getvalue())) == {".", "./f"}


def test_archive_crosses_into_mounts_and_never_follows_links_out(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, *_ = box
    out = io.BytesIO()
    write_archive(fs, "/", out)
    members = _names(out.getvalue())
    # names start with "/" (the name asked for, as dockerd rebases them); tarfile strips it on read
    assert "data/v.txt" in members, "the volume's file is in the root's tar"
    assert members["escape"].issym() and not any("secret" in n for n in members)


def test_extract_a_file_keeps_tar_owner_and_mode(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, *_ = box
    extract_archive(fs, "/tmp", _tar(("hostfile.txt", "file", "copied in\n")))
    st = os.lstat(root / "tmp/hostfile.txt")
    assert (root / "tmp/hostfile.txt").read_text() == "copied in\n"
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode), int(st.st_mtime)) == (7, 8, 0o640, MTIME)


@needs_root
def test_copy_uid_gid_uses_the_containers_user(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, *_ = box
    extract_archive(fs, "/tmp", _tar(("d", "dir", b""), ("d/f", "file", "x")), copy_uid_gid=True, user="app:staff")
    for p in ("tmp/d", "tmp/d/f"):
        st = os.lstat(root / p)
        assert (st.st_uid, st.st_gid) == (1001, 50)


def test_extract_into_a_symlinked_dir_and_a_volume(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, vol, _ = box
    extract_archive(fs, "/lib", _tar(("new", "file", "via link")))
    assert (root / "usr/lib/new").read_text() == "via link"
    extract_archive(fs, "/", _tar(("data/in-vol", "file", "vol")))
    assert (vol / "in-vol").read_text() == "vol" and not (root / "data/in-vol").exists()


def test_no_overwrite_dir_non_dir(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, *_ = box
    with pytest.raises(InvalidParameter, match="cannot overwrite directory"):
        extract_archive(fs, "/usr", _tar(("lib", "file", "x")), no_overwrite_dir_non_dir=True)
    with pytest.raises(InvalidParameter, match="cannot overwrite non-directory"):
        extract_archive(fs, "/usr/lib", _tar(("f", "dir", b"")), no_overwrite_dir_non_dir=True)
    extract_archive(fs, "/usr/lib", _tar(("f", "dir", b"")))  # without the option: replaced
    assert (root / "usr/lib/f").is_dir()


def test_extraction_point_errors(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, vol, _ = box
    with pytest.raises(InvalidParameter, match="extraction point is not a directory"):
        extract_archive(fs, "/etc/passwd", _tar(("x", "file", "x")))
    with pytest.raises(NotFound):
        extract_archive(fs, "/missing", _tar(("x", "file", "x")))
    ro = ContainerFS(root, [Mount("/data", str(vol), False)], readonly_rootfs=True)
    with pytest.raises(Forbidden, match="rootfs is marked read-only"):
        extract_archive(ro, "/tmp", _tar(("x", "file", "x")))
    with pytest.raises(Forbidden, match="volume is marked read-only"):
        extract_archive(ro, "/data", _tar(("x", "file", "x")))


@pytest.mark.parametrize(
    "entries",
    [
        [("../outside/evil", "file", "x")],
        [("/etc/evil", "file", "x")],
        [("escape", "sym", "../../.."), ("escape/outside/evil", "file", "x")],
        [("lnk", "sym", "../../../outside")],
        [("hard", "link", "../outside/secret")],
        [("dev", "chr", b"")],
    ],
    ids=["dotdot", "absolute", "through-symlink", "relative-link-escape", "hardlink-escape", "device"],
)
def test_hostile_archives_are_refused_and_write_nothing_outside(
    box: tuple[ContainerFS, Path, Path, Path], entries: list
) -> None:
    fs, root, _, outside = box
    with pytest.raises(InvalidParameter):
        extract_archive(fs, "/tmp", _tar(*entries))
    assert sorted(p.name for p in outside.iterdir()) == ["secret"]
    assert (outside / "secret").read_text() == "host secret\n"
    assert not (root / "etc/evil").exists()


def test_a_link_existing_in_the_container_is_not_followed_on_extract(box: tuple[ContainerFS, Path, Path, Path]) -> None:
    fs, root, _, outside = box
    with pytest.raises(InvalidParameter):
        extract_archive(fs, "/", _tar(("escape/outside/evil", "file", "x")))
    assert not (outside / "evil").exists()
