"""Layer tars <-> overlayfs directories, treating every tar as hostile.

``apply_layer`` unpacks one OCI layer (plain or gzip tar) into an empty snapshot
directory and returns its diff ID (sha256 of the uncompressed tar). OCI whiteouts become
overlayfs whiteouts (``.wh.x`` -> char device 0/0 ``x``; ``.wh..wh..opq`` -> xattr
``trusted.overlay.opaque=y`` on the directory), so snapshots stack as overlay lowerdirs.
Refused with UnsafeArchive (400): absolute names, ``..`` components, entries that would
be written through a symlink, symlinks or hardlinks whose target escapes the layer root,
and device nodes. Nothing is ever opened by following a symlink (O_NOFOLLOW, lstat), so
a refused archive cannot have written outside the snapshot directory.

``write_layer`` is the reverse, for commit: a container's overlay upper dir becomes an
OCI layer tar.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import posixpath
import shutil
import stat
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from isal import isal_zlib

from runtime.errors import InvalidParameter

WHITEOUT_PREFIX = ".wh."
OPAQUE_MARKER = ".wh..wh..opq"
OPAQUE_XATTR = "trusted.overlay.opaque"
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# What a damaged archive raises while it is read (a 400, never a 500).
INFLATE_ERROR = cast("type[Exception]", isal_zlib.error)  # (its stub calls it an instance)
CORRUPT = (tarfile.TarError, EOFError, INFLATE_ERROR)
CHUNK = 1 << 20  # bytes read at a time (a layer: into one buffer, reused)
FEED = 256 << 10  # compressed bytes handed to the inflater at a time
OUT_CHUNK = 256 << 10  # inflated bytes per piece (one hash update, one write): 32 KiB cost ~15 ms a pull


class UnsafeArchive(InvalidParameter):
    """A tar entry that would escape its root or create something we never allow."""


class TarStream:
    """The uncompressed tar stream inside a blob (plain or gzip: a layer, an uploaded archive),
    for tarfile to read (read, tell, forward seek), hashing everything that passes (a diff ID).

    File data goes to its file through ``copy_to`` as views of the decompressor's output, and
    compressed input is read into one reused buffer: a pull used to build a fresh 1 MiB bytes
    object at every stage (read, inflate, tarfile's buffer, copyfileobj), and glibc handed each
    one back to the kernel when freed, so the server took 40-65k page faults per pull of the
    51 MB bench image (issue 13)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.sha = hashlib.sha256()
        self.pos = 0
        self._view = memoryview(b"")  # decoded bytes not yet consumed
        self._decoded = _decoded(raw, bytearray(CHUNK))

    def _take(self, n: int) -> memoryview:
        """Up to ``n`` bytes (fewer at a chunk's end; empty at the end of the stream)."""
        if not self._view:
            self._view = memoryview(next(self._decoded, b""))
        piece, self._view = self._view[:n], self._view[n:]
        self.sha.update(piece)
        self.pos += len(piece)
        return piece

    def read(self, n: int = -1) -> bytes:
        parts = []
        while n:
            piece = self._take(n if n > 0 else CHUNK)
            if not piece:
                break
            parts.append(bytes(piece))
            n = max(n - len(piece), 0) if n > 0 else n
        return b"".join(parts)

    def tell(self) -> int:
        return self.pos

    def seek(self, pos: int, whence: int = os.SEEK_SET) -> int:
        if whence != os.SEEK_SET or pos < self.pos:
            raise tarfile.StreamError("seeking backwards is not allowed")
        while self.pos < pos and self._take(pos - self.pos):
            pass  # past the end, as a file allows: the next read says so
        return self.pos

    def copy_to(self, fd: int, n: int) -> None:
        while n > 0:
            piece = self._take(n)
            if not piece:
                raise tarfile.ReadError("unexpected end of data")
            n -= len(piece)
            while piece:
                piece = piece[os.write(fd, piece) :]

    def drain(self) -> None:
        while self._take(CHUNK):
            pass


def _blocks(raw: IO[bytes], buf: bytearray) -> Iterator[memoryview]:
    """``raw`` read into ``buf`` over and over: each view is valid until the next is asked for."""
    view = memoryview(buf)
    readinto = getattr(raw, "readinto", None)
    while True:
        if readinto is not None:
            got = readinto(buf)
        else:
            data = raw.read(len(buf))
            got = len(data)
            view[:got] = data
        if not got:
            return
        yield view[:got]


def _decoded(raw: IO[bytes], buf: bytearray) -> Iterator[bytes | memoryview]:
    blocks = _blocks(raw, buf)
    first: bytes | memoryview = next(blocks, b"")
    while 0 < len(first) < len(ZSTD_MAGIC):  # a pipe may hand over fewer bytes than a magic number
        head = bytes(first)  # (the next block overwrites buf)
        more = next(blocks, None)
        if more is None:
            break
        first = head + bytes(more)
    if not first:
        return
    stream = itertools.chain([first], blocks)
    if first[:2] == GZIP_MAGIC:
        yield from _inflated(stream)
    elif first[:4] == ZSTD_MAGIC:
        raise InvalidParameter("zstd-compressed layers are not supported")
    else:
        yield from stream


def _inflated(blocks: Iterator[bytes | memoryview]) -> Iterator[bytes]:
    """A gzip stream (one or more members) inflated in OUT_CHUNK pieces, fed FEED bytes at a
    time so that the inflater's copy of the input it has not used yet stays small. ISA-L's
    inflate (zlib's interface) takes a third of zlib's time on the bench layers: an unpack is
    inflate + sha256 + writes, all of it CPU."""
    inflate = isal_zlib.decompressobj(wbits=31)
    for block in blocks:
        for at in range(0, len(block), FEED):
            data: bytes | memoryview = block[at : at + FEED]
            while data:  # (output still inside the inflater when a feed runs out comes with the next)
                if inflate.eof:  # a member ended: another may follow (concatenated gzip)
                    if not bytes(data).strip(b"\0"):
                        return  # zero padding after the last member, as gzip(1) tolerates
                    inflate = isal_zlib.decompressobj(wbits=31)
                out = inflate.decompress(data, OUT_CHUNK)
                if out:
                    yield out
                data = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
    if not inflate.eof:
        raise EOFError("compressed layer ended before the end-of-stream marker")


def clean_name(name: str) -> str:
    """The entry's path relative to the layer root; UnsafeArchive if it could escape."""
    if name.startswith("/"):
        raise UnsafeArchive(f"unsafe tar entry {name!r}: absolute path")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UnsafeArchive(f"unsafe tar entry {name!r}: '..' in path")
    return "/".join(parts)


def _check_symlink_target(name: str, target: str) -> None:
    if target.startswith("/"):
        return  # resolved against the container's root at run time, never followed here
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
    if resolved == ".." or resolved.startswith("../"):
        raise UnsafeArchive(f"unsafe tar entry {name!r}: symlink target {target!r} points outside the image")


def _parent_dir(root: Path, rel: str) -> Path:
    """Create (as real directories) and return the parent of ``rel``, refusing symlinks."""
    cur = root
    for comp in rel.split("/")[:-1]:
        cur = cur / comp
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            os.mkdir(cur, 0o755)
            continue
        if stat.S_ISLNK(st.st_mode):
            raise UnsafeArchive(f"unsafe tar entry {rel!r}: path goes through symlink {comp!r}")
        if not stat.S_ISDIR(st.st_mode):
            raise UnsafeArchive(f"unsafe tar entry {rel!r}: {comp!r} is not a directory")
    return cur


def _remove(path: Path) -> None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _set_meta(path: Path, info: tarfile.TarInfo, is_link: bool = False) -> None:
    os.lchown(path, info.uid, info.gid)
    if not is_link:
        os.chmod(path, info.mode & 0o7777)  # after chown, which clears setuid bits
    os.utime(path, (info.mtime, info.mtime), follow_symlinks=False)


def entries(stream: TarStream) -> Iterator[tarfile.TarInfo]:
    """The headers of the tar in ``stream``, in order (tarfile parses PAX, GNU long names and
    sparse maps); each entry's data is the caller's to read, with ``write_file``, before the next.
    Reads the first header at once: a stream that is no tar raises here, not at the first entry."""
    tar = tarfile.TarFile(fileobj=stream, mode="r")  # type: ignore[arg-type]
    return _headers(tar)


def _headers(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while (info := tar.next()) is not None:
        tar.members.clear()  # type: ignore[attr-defined]  # tarfile keeps every header it reads: 60k files were ~28 MB of them
        yield info


def write_file(stream: TarStream, info: tarfile.TarInfo, path: Path) -> None:
    """Create ``path`` (never through a symlink, never over a file) with the entry's data."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        _write_data(stream, info, fd)
    finally:
        os.close(fd)


def _write_data(stream: TarStream, info: tarfile.TarInfo, fd: int) -> None:
    """A regular file's data, from ``stream`` (just past its header) to ``fd``."""
    stream.seek(info.offset_data)  # (already there: a sparse map may have come first)
    sparse = cast("list[tuple[int, int]] | None", info.sparse)  # typeshed says int
    if sparse is None:
        stream.copy_to(fd, info.size)
        return
    for offset, size in sparse:  # the stored pieces, each at its place; holes stay holes
        os.lseek(fd, offset, os.SEEK_SET)
        stream.copy_to(fd, size)
    os.ftruncate(fd, info.size)


def apply_layer(src: IO[bytes], root: Path) -> tuple[str, int]:
    """Unpack a layer blob into ``root``; returns (diff ID, uncompressed size)."""
    stream = TarStream(src)
    dir_meta: list[tuple[Path, tarfile.TarInfo]] = []
    try:
        headers = entries(stream)
    except CORRUPT as e:
        raise InvalidParameter(f"layer is not a tar archive: {e}") from None
    try:
        for info in headers:
            _apply_entry(stream, info, root, dir_meta)
        stream.drain()
    except CORRUPT as e:
        raise InvalidParameter(f"corrupt layer tar: {e}") from None
    for path, info in reversed(dir_meta):
        _set_meta(path, info)
    return "sha256:" + stream.sha.hexdigest(), stream.pos


def _apply_entry(stream: TarStream, info: tarfile.TarInfo, root: Path, dir_meta: list) -> None:
    rel = clean_name(info.name)
    if not rel:
        return  # the layer root itself
    parent = _parent_dir(root, rel)
    base = rel.rsplit("/", 1)[-1]
    if base == OPAQUE_MARKER:
        os.setxattr(parent, OPAQUE_XATTR, b"y")
        return
    if base.startswith(WHITEOUT_PREFIX):
        victim = base[len(WHITEOUT_PREFIX) :]
        if victim.startswith(WHITEOUT_PREFIX) or not victim:
            return  # other AUFS metadata (.wh..wh.plnk ...): nothing to do on overlay
        target = parent / victim
        _remove(target)
        os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(0, 0))
        return
    path = parent / base
    if info.isdir():
        try:
            st = os.lstat(path)
            if not stat.S_ISDIR(st.st_mode):
                _remove(path)
                os.mkdir(path, 0o755)
        except FileNotFoundError:
            os.mkdir(path, 0o755)
        dir_meta.append((path, info))
        return
    if info.ischr() or info.isblk():
        raise UnsafeArchive(f"unsafe tar entry {info.name!r}: device nodes are not allowed")
    _remove(path)
    if info.isreg():
        write_file(stream, info, path)
        _set_meta(path, info)
    elif info.issym():
        _check_symlink_target(rel, info.linkname)
        os.symlink(info.linkname, path)
        _set_meta(path, info, is_link=True)
    elif info.islnk():
        target_rel = clean_name(info.linkname)
        if not target_rel:
            raise UnsafeArchive(f"unsafe tar entry {info.name!r}: hardlink to the layer root")
        target = _parent_dir(root, target_rel) / target_rel.rsplit("/", 1)[-1]
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            raise UnsafeArchive(
                f"unsafe tar entry {info.name!r}: hardlink target {info.linkname!r} not in layer"
            ) from None
        if stat.S_ISDIR(st.st_mode):
            raise UnsafeArchive(f"unsafe tar entry {info.name!r}: hardlink to a directory")
        os.link(target, path, follow_symlinks=False)
    elif info.isfifo():
        os.mkfifo(path, 0o600)
        _set_meta(path, info)
    else:
        raise UnsafeArchive(f"unsupported tar entry {info.name!r} (type {info.type!r})")


def _is_whiteout(st: os.stat_result) -> bool:
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == 0


def write_layer(upper: Path, out: IO[bytes]) -> None:
    """Write an overlay upper dir as an OCI layer tar (whiteouts and opaque dirs converted)."""
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        _write_dir(tar, upper, "")


def _write_dir(tar: tarfile.TarFile, top: Path, rel_dir: str) -> None:
    hardlinks: dict[tuple[int, int], str] = {}
    stack = [rel_dir]
    while stack:
        cur = stack.pop()
        entries = sorted(os.scandir(top / cur) if cur else os.scandir(top), key=lambda e: e.name)
        for entry in entries:
            rel = f"{cur}/{entry.name}" if cur else entry.name
            st = entry.stat(follow_symlinks=False)
            if _is_whiteout(st):
                info = tarfile.TarInfo(posixpath.join(cur, WHITEOUT_PREFIX + entry.name))
                info.mtime = int(st.st_mtime)
                tar.addfile(info)
                continue
            info = tar.gettarinfo(entry.path, arcname=rel)
            if info is None:
                continue  # sockets have no tar form
            if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
                key = (st.st_dev, st.st_ino)
                if key in hardlinks:
                    info.type, info.linkname, info.size = tarfile.LNKTYPE, hardlinks[key], 0
                    tar.addfile(info)
                    continue
                hardlinks[key] = rel
            if stat.S_ISREG(st.st_mode):
                with open(entry.path, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
            if stat.S_ISDIR(st.st_mode):
                try:
                    opaque = os.getxattr(entry.path, OPAQUE_XATTR, follow_symlinks=False) == b"y"
                except OSError:
                    opaque = False
                if opaque:
                    marker = tarfile.TarInfo(f"{rel}/{OPAQUE_MARKER}")
                    marker.mtime = int(st.st_mtime)
                    tar.addfile(marker)
                stack.append(rel)
