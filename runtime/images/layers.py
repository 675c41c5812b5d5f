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

import gzip
import hashlib
import os
import posixpath
import shutil
import stat
import tarfile
import zlib
from pathlib import Path
from typing import IO

from runtime.errors import InvalidParameter

WHITEOUT_PREFIX = ".wh."
OPAQUE_MARKER = ".wh..wh..opq"
OPAQUE_XATTR = "trusted.overlay.opaque"
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
CHUNK = 1 << 20


class UnsafeArchive(InvalidParameter):
    """A tar entry that would escape its root or create something we never allow."""


class _HashingReader:
    """Read-through wrapper that hashes what tarfile consumes (the diff ID)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.sha.update(data)
        self.size += len(data)
        return data

    def drain(self) -> None:
        while self.read(CHUNK):
            pass


def decompressed(src: IO[bytes]) -> IO[bytes]:
    """The tar stream inside a possibly gzip-compressed blob (sniffs without seeking)."""
    peekable = _Peekable(src)
    head = peekable.peek(4)
    if head.startswith(GZIP_MAGIC):
        return _Gunzip(peekable)  # type: ignore[return-value]
    if head.startswith(ZSTD_MAGIC):
        raise InvalidParameter("zstd-compressed layers are not supported")
    return peekable  # type: ignore[return-value]


class _Gunzip:
    """A gzip stream (one or more members) read through zlib in large chunks: GzipFile's
    small reads cost a third of a layer's unpack time."""

    def __init__(self, raw: _Peekable) -> None:
        self.raw = raw
        self.inflate = zlib.decompressobj(wbits=31)
        self.pending = b""  # compressed input not yet fed
        self.out = b""
        self.members = 0

    def read(self, n: int = -1) -> bytes:
        want = n if n >= 0 else 1 << 62
        parts, have = [], 0
        if self.out:
            parts.append(self.out[:want])
            have = len(parts[0])
            self.out = self.out[have:]
        while have < want:
            chunk = self._inflate(want - have)
            if not chunk:
                break
            parts.append(chunk)
            have += len(chunk)
        return b"".join(parts)

    def _inflate(self, limit: int) -> bytes:
        while True:
            if self.inflate.eof:  # a member ended: another may follow (concatenated gzip)
                rest = self.inflate.unused_data + self.pending
                self.pending = b""
                if not rest:
                    rest = self.raw.read(CHUNK)
                if not rest:
                    return b""
                if not rest.startswith(GZIP_MAGIC[:1]) and not rest.strip(b"\0"):
                    return b""  # zero padding after the last member, as gzip(1) tolerates
                self.inflate = zlib.decompressobj(wbits=31)
                self.pending = rest
            data = self.pending or self.inflate.unconsumed_tail or self.raw.read(CHUNK)
            self.pending = b""
            if not data:
                if not self.inflate.eof:
                    raise EOFError("compressed layer ended before the end-of-stream marker")
                return b""
            out = self.inflate.decompress(data, min(limit, CHUNK))
            if out:
                return out


class _Peekable:
    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.buf = b""

    def peek(self, n: int) -> bytes:
        while len(self.buf) < n:
            more = self.raw.read(n - len(self.buf))
            if not more:
                break
            self.buf += more
        return self.buf

    def read(self, n: int = -1) -> bytes:
        if n < 0:
            data, self.buf = self.buf + self.raw.read(), b""
            return data
        if self.buf:
            data, self.buf = self.buf[:n], self.buf[n:]
            return data
        return self.raw.read(n)


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


def apply_layer(src: IO[bytes], root: Path) -> tuple[str, int]:
    """Unpack a layer blob into ``root``; returns (diff ID, uncompressed size)."""
    reader = _HashingReader(decompressed(src))
    dir_meta: list[tuple[Path, tarfile.TarInfo]] = []
    try:
        # a large stream buffer: tarfile's default (10 KiB) means thousands of small reads per layer
        tar = tarfile.open(fileobj=reader, mode="r|", bufsize=CHUNK)  # type: ignore[call-overload]
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise InvalidParameter(f"layer is not a tar archive: {e}") from None
    try:
        for info in tar:
            _apply_entry(tar, info, root, dir_meta)
        reader.drain()
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise InvalidParameter(f"corrupt layer tar: {e}") from None
    for path, info in reversed(dir_meta):
        _set_meta(path, info)
    return "sha256:" + reader.sha.hexdigest(), reader.size


def _apply_entry(tar: tarfile.TarFile, info: tarfile.TarInfo, root: Path, dir_meta: list) -> None:
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
        fileobj = tar.extractfile(info)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            assert fileobj is not None
            shutil.copyfileobj(fileobj, out, CHUNK)
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
