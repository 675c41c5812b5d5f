"""Layer extraction treats every tar as hostile; commit diffs convert overlay whiteouts back."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest

from runtime.errors import EngineError
from runtime.images.layers import OPAQUE_XATTR, UnsafeArchive, apply_layer, write_layer
from runtime.images.snapshots import chain_ids
from server.errors import status_of

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="whiteouts are char devices: mknod needs root")


def make_tar(entries: list[tarfile.TarInfo | tuple[tarfile.TarInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for e in entries:
            if isinstance(e, tuple):
                tar.addfile(e[0], io.BytesIO(e[1]))
            else:
                tar.addfile(e)
    return buf.getvalue()


def reg(name: str, data: bytes = b"x", mode: int = 0o644) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), mode
    return info, data


def special(name: str, type_: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = type_, linkname
    if type_ == tarfile.DIRTYPE:
        info.mode = 0o755
    return info


@pytest.fixture
def box(tmp_path: Path) -> tuple[Path, Path]:
    """(layer root, a sibling dir standing for "outside": nothing may appear there)."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    return root, outside


def test_diff_id_is_sha256_of_uncompressed_tar_even_when_gzipped(box: tuple[Path, Path]) -> None:
    raw = make_tar([special("etc", tarfile.DIRTYPE), reg("etc/hello", b"hi\n")])
    diff, size = apply_layer(io.BytesIO(gzip.compress(raw)), box[0])
    assert diff == "sha256:" + hashlib.sha256(raw).hexdigest()
    assert size == len(raw)
    assert (box[0] / "etc/hello").read_bytes() == b"hi\n"


def test_gzip_in_several_members_padded_with_zeros_unpacks_whole(box: tuple[Path, Path]) -> None:
    # pigz and some registries write several gzip members; tar tools pad the blob with zeros
    big = os.urandom(3 << 20)  # beyond one read chunk, so members and chunks do not line up
    raw = make_tar([special("d", tarfile.DIRTYPE), reg("d/big", big), reg("d/small", b"tail\n")])
    cut = len(raw) // 3
    blob = gzip.compress(raw[:cut], 1) + gzip.compress(raw[cut:], 6) + b"\0" * 1024
    diff, size = apply_layer(io.BytesIO(blob), box[0])
    assert (diff, size) == ("sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
    assert (box[0] / "d" / "big").read_bytes() == big
    assert (box[0] / "d" / "small").read_bytes() == b"tail\n"


def test_highly_compressible_files_come_out_whole(box: tuple[Path, Path]) -> None:
    # zeros inflate a thousandfold: one small feed of input comes out as hundreds of capped
    # pieces, the input zlib has not used yet carried from one to the next
    zeros = bytes(9 << 20)
    raw = make_tar([reg("zeros", zeros), reg("after", b"end\n")])
    diff, size = apply_layer(io.BytesIO(gzip.compress(raw, 9)), box[0])
    assert (diff, size) == ("sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
    assert (box[0] / "zeros").read_bytes() == zeros
    assert (box[0] / "after").read_bytes() == b"end\n"


class _Trickle(io.RawIOBase):
    """A pipe that hands over a few bytes per read and has no readinto of its own."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def read(self, n: int = -1) -> bytes:
        piece = self.data[self.at : self.at + min(n if n >= 0 else 3, 3)]
        self.at += len(piece)
        return piece

    readinto = None  # type: ignore[assignment]


@pytest.mark.parametrize("compress", [gzip.compress, lambda raw: raw], ids=["gzip", "plain"])
def test_a_source_handing_over_a_few_bytes_at_a_time_unpacks_the_same(box: tuple[Path, Path], compress: Any) -> None:
    raw = make_tar([reg("f", os.urandom(5000)), reg("g", b"g\n")])
    diff, size = apply_layer(_Trickle(compress(raw)), box[0])
    assert (diff, size) == ("sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
    assert (box[0] / "g").read_bytes() == b"g\n"


@pytest.mark.parametrize("fmt", ["gnu", "posix"])
def test_sparse_files_keep_their_data_at_its_offsets(box: tuple[Path, Path], tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    with open(src / "sparse", "wb") as f:
        f.write(b"head")
        f.seek(4 << 20)
        f.write(b"middle")
        f.truncate(9 << 20)  # ends in a hole
    blob = tmp_path / "layer.tar"
    subprocess.run(["tar", f"--format={fmt}", "--sparse", "-cf", blob, "-C", src, "sparse"], check=True)
    with open(blob, "rb") as f:
        apply_layer(f, box[0])
    got = (box[0] / "sparse").read_bytes()
    assert got == (src / "sparse").read_bytes()
    assert os.stat(box[0] / "sparse").st_blocks * 512 < 1 << 20  # the holes stayed holes


def test_a_tar_cut_inside_a_file_is_a_400(box: tuple[Path, Path]) -> None:
    raw = make_tar([reg("f", os.urandom(100_000))])
    with pytest.raises(EngineError, match="corrupt layer tar") as exc:
        apply_layer(io.BytesIO(raw[:50_000]), box[0])
    assert status_of(exc.value) == 400


@pytest.mark.parametrize(
    "damage",
    [lambda b: b[: len(b) // 2], lambda b: b + b"trailing garbage", lambda b: b[:-8] + b"\xff" * 8],
    ids=["truncated", "garbage-after-member", "bad-crc"],
)
def test_a_damaged_gzip_layer_is_a_400(box: tuple[Path, Path], damage: Any) -> None:
    raw = make_tar([reg("f", os.urandom(200_000))])
    with pytest.raises(EngineError) as exc:
        apply_layer(io.BytesIO(damage(gzip.compress(raw))), box[0])
    assert status_of(exc.value) == 400


@pytest.mark.parametrize(
    ("entries", "why"),
    [
        ([reg("../outside/evil")], "'..'"),
        ([reg("a/../../outside/evil")], "'..'"),
        ([reg("/outside/evil")], "absolute"),
        ([special("link", tarfile.SYMTYPE, "../outside"), reg("link/evil")], "symlink"),
        ([special("esc", tarfile.SYMTYPE, "../../outside/x")], "points outside"),
        ([special("hl", tarfile.LNKTYPE, "../outside/x")], "'..'"),
        ([special("hl", tarfile.LNKTYPE, "/etc/passwd")], "absolute"),
        ([special("hl", tarfile.LNKTYPE, "missing")], "not in layer"),
        ([special("dev/sda", tarfile.BLKTYPE)], "device"),
        ([special("dev/mem", tarfile.CHRTYPE)], "device"),
    ],
)
def test_hostile_entries_are_refused_and_write_nothing_outside(box: tuple[Path, Path], entries: list, why: str) -> None:
    root, outside = box
    (root.parent / "outside" / "x").write_text("keep")
    with pytest.raises(UnsafeArchive, match=why) as exc:
        apply_layer(io.BytesIO(make_tar(entries)), root)
    assert status_of(exc.value) == 400
    assert sorted(p.name for p in outside.iterdir()) == ["x"]
    assert (outside / "x").read_text() == "keep"


def test_absolute_symlinks_are_kept_as_links_never_followed(box: tuple[Path, Path]) -> None:
    root, _ = box
    apply_layer(
        io.BytesIO(make_tar([special("bin", tarfile.DIRTYPE), special("bin/sh", tarfile.SYMTYPE, "/bin/busybox")])),
        root,
    )
    assert os.readlink(root / "bin/sh") == "/bin/busybox"


def test_hardlink_inside_layer_works(box: tuple[Path, Path]) -> None:
    root, _ = box
    apply_layer(io.BytesIO(make_tar([reg("a", b"data"), special("b", tarfile.LNKTYPE, "a")])), root)
    assert os.stat(root / "a").st_ino == os.stat(root / "b").st_ino


def test_not_a_tar_is_a_400(box: tuple[Path, Path]) -> None:
    with pytest.raises(EngineError) as exc:
        apply_layer(io.BytesIO(b"\x1f\x8bnot really gzip"), box[0])
    assert status_of(exc.value) == 400


@needs_root
def test_whiteouts_and_opaque_dirs_become_overlay_form(box: tuple[Path, Path]) -> None:
    root, _ = box
    tar = make_tar([
        special("etc", tarfile.DIRTYPE),
        reg("etc/.wh.gone", b""),
        special("opt", tarfile.DIRTYPE),
        reg("opt/.wh..wh..opq", b""),
        reg("opt/kept", b"k"),
    ])  # fmt: skip
    apply_layer(io.BytesIO(tar), root)
    st = os.lstat(root / "etc/gone")
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == 0
    assert os.getxattr(root / "opt", OPAQUE_XATTR) == b"y"
    assert not (root / "opt/.wh..wh..opq").exists()


@needs_root
def test_write_layer_round_trips_whiteouts_opaque_dirs_and_links(box: tuple[Path, Path], tmp_path: Path) -> None:
    upper, _ = box
    (upper / "dir").mkdir()
    (upper / "dir/file").write_text("content")
    os.link(upper / "dir/file", upper / "dir/hard")
    os.symlink("/bin/busybox", upper / "sh")
    os.mknod(upper / "deleted", 0o600 | stat.S_IFCHR, os.makedev(0, 0))
    (upper / "opaque").mkdir()
    os.setxattr(upper / "opaque", OPAQUE_XATTR, b"y")
    buf = io.BytesIO()
    write_layer(upper, buf)
    names = tarfile.open(fileobj=io.BytesIO(buf.getvalue())).getnames()
    assert ".wh.deleted" in names and "opaque/.wh..wh..opq" in names and "dir/hard" in names
    again = tmp_path / "again"
    again.mkdir()
    apply_layer(io.BytesIO(buf.getvalue()), again)
    assert (again / "dir/file").read_text() == "content"
    assert os.stat(again / "dir/hard").st_ino == os.stat(again / "dir/file").st_ino
    assert os.readlink(again / "sh") == "/bin/busybox"
    assert stat.S_ISCHR(os.lstat(again / "deleted").st_mode)
    assert os.getxattr(again / "opaque", OPAQUE_XATTR) == b"y"


def test_chain_ids_follow_the_oci_rule() -> None:
    a, b = "sha256:" + "1" * 64, "sha256:" + "2" * 64
    assert chain_ids([a]) == [a]
    assert chain_ids([a, b])[1] == "sha256:" + hashlib.sha256(f"{a} {b}".encode()).hexdigest()
