"""docker cp: GET, HEAD and PUT /containers/{id}/archive over a container's filesystem.

The container's view is its rootfs (the merged overlay dir, mounted) plus its mounts
(volumes and binds, by destination); a container path is resolved the way dockerd resolves
it, with symlinks followed *inside* that view (an absolute link target restarts at the
container's root, ``..`` never climbs above it), so no path can name a host file outside
the container's rootfs and mounts.

- ``stat_path``: the ``X-Docker-Container-Path-Stat`` value dockerd computes (``name``,
  ``size``, ``mode`` as Go ``os.FileMode`` bits, ``mtime`` RFC 3339 with nanoseconds,
  ``linkTarget`` = the fully resolved container path of a symlink); ``encode_stat`` makes
  the header (base64 of the JSON).
- ``write_archive``: the tar dockerd sends for a path, entries renamed to the name the
  client asked for (``/etc/`` -> ``etc/...``; ``/dir/.`` -> ``./...``).
- ``extract_archive``: a tar unpacked into a directory of the container, with
  noOverwriteDirNonDir and copyUIDGID. Entries are treated as hostile with the image code's
  rules (runtime/images/layers.py): no absolute names or ``..``, nothing written through a
  symlink, no device nodes, relative symlink targets that stay inside the container's
  root, hardlinks only to entries of the same tree.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import os
import posixpath
import stat
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from runtime.errors import Forbidden, InvalidParameter, NotFound
from runtime.images.layers import (
    CORRUPT,
    TarStream,
    UnsafeArchive,
    _check_symlink_target,
    _parent_dir,
    _remove,
    _set_meta,
    clean_name,
    entries,
    write_file,
)

STAT_HEADER = "X-Docker-Container-Path-Stat"
MAX_SYMLINKS = 255  # dockerd's FollowSymlinkInScope gives up after this many

# Go's os.FileMode type bits (io/fs): what Docker's clients decode from "mode".
GO_MODE_DIR = 1 << 31
GO_MODE_SYMLINK = 1 << 27
GO_MODE_DEVICE = 1 << 26
GO_MODE_NAMED_PIPE = 1 << 25
GO_MODE_SOCKET = 1 << 24
GO_MODE_SETUID = 1 << 23
GO_MODE_SETGID = 1 << 22
GO_MODE_CHAR_DEVICE = 1 << 21
GO_MODE_STICKY = 1 << 20


def go_file_mode(st_mode: int) -> int:
    """``os.FileMode`` of an lstat result, as Go's os.Lstat fills it on Linux."""
    mode = st_mode & 0o777
    fmt = stat.S_IFMT(st_mode)
    mode |= {
        stat.S_IFBLK: GO_MODE_DEVICE,
        stat.S_IFCHR: GO_MODE_DEVICE | GO_MODE_CHAR_DEVICE,
        stat.S_IFDIR: GO_MODE_DIR,
        stat.S_IFIFO: GO_MODE_NAMED_PIPE,
        stat.S_IFLNK: GO_MODE_SYMLINK,
        stat.S_IFSOCK: GO_MODE_SOCKET,
    }.get(fmt, 0)
    if st_mode & stat.S_ISUID:
        mode |= GO_MODE_SETUID
    if st_mode & stat.S_ISGID:
        mode |= GO_MODE_SETGID
    if st_mode & stat.S_ISVTX:
        mode |= GO_MODE_STICKY
    return mode


def go_time(ns: int) -> str:
    """A time as Go's encoding/json writes a time.Time (RFC 3339, nanoseconds trimmed, local zone)."""
    secs, frac = divmod(ns, 10**9)
    dt = datetime.datetime.fromtimestamp(secs).astimezone()
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        text += "." + f"{frac:09d}".rstrip("0")
    offset = dt.strftime("%z")
    return text + ("Z" if offset in ("+0000", "") else f"{offset[:3]}:{offset[3:]}")


def go_base(path: str) -> str:
    """Go's filepath.Base: the last element, trailing slashes ignored; "/" for the root."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path else "."
    return stripped.rsplit("/", 1)[-1]


def preserve_trailing(cleaned: str, original: str) -> str:
    """dockerd's PreserveTrailingDotOrSeparator: keep what says "the directory's contents"."""
    if original.endswith("/.") and not cleaned.endswith("/."):
        return cleaned.rstrip("/") + "/."
    if original.endswith("/") and not cleaned.endswith("/"):
        return cleaned + "/"
    return cleaned


@dataclasses.dataclass(frozen=True)
class Mount:
    destination: str  # absolute path inside the container
    source: str  # host directory or file
    rw: bool = True


class ContainerFS:
    """A container's filesystem as its processes see it: rootfs plus mounts."""

    def __init__(self, rootfs: Path | str, mounts: list[Mount] | None = None, readonly_rootfs: bool = False) -> None:
        self.rootfs = Path(rootfs)
        self.mounts = sorted(
            (Mount(posixpath.normpath(m.destination), m.source, m.rw) for m in mounts or [] if m.source),
            key=lambda m: -len(m.destination),
        )
        self.readonly_rootfs = readonly_rootfs

    def mount_of(self, cpath: str) -> Mount | None:
        for m in self.mounts:
            if cpath == m.destination or cpath.startswith(m.destination.rstrip("/") + "/"):
                return m
        return None

    def split(self, cpath: str) -> tuple[Path, str]:
        """(host root, path relative to it) holding a resolved container path."""
        m = self.mount_of(cpath)
        if m is None:
            return self.rootfs, cpath.lstrip("/")
        return Path(m.source), cpath[len(m.destination) :].lstrip("/")

    def host(self, cpath: str) -> Path:
        root, rel = self.split(cpath)
        return root / rel if rel else root

    def resolve(self, cpath: str) -> str:
        """The container path with every symlink followed in scope (FollowSymlinkInScope);
        the result has no symlink in it except possibly a missing tail."""
        todo = [p for p in cpath.split("/") if p]
        done: list[str] = []
        links = 0
        while todo:
            part = todo.pop(0)
            if part == ".":
                continue
            if part == "..":
                if done:
                    done.pop()
                continue
            candidate = "/" + "/".join([*done, part])
            try:
                st = os.lstat(self.host(candidate))
            except (FileNotFoundError, NotADirectoryError):
                done.append(part)
                continue
            if not stat.S_ISLNK(st.st_mode):
                done.append(part)
                continue
            links += 1
            if links > MAX_SYMLINKS:
                raise InvalidParameter(f"too many links in {cpath!r}")
            target = os.readlink(self.host(candidate))
            if target.startswith("/"):
                done = []
            todo = [p for p in target.split("/") if p] + todo
        return "/" + "/".join(done)


def _abs(path: str) -> str:
    if not path:
        raise InvalidParameter("path is required")
    return preserve_trailing(posixpath.normpath(posixpath.join("/", path)), path)


def _resolve_keep_last(fs: ContainerFS, path: str) -> tuple[str, str]:
    """(resolved container path with the last element NOT followed, absolute path asked for),
    as dockerd's ResolvePath: only the directory part is evaluated."""
    abs_path = _abs(path)
    head, _, base = abs_path.rpartition("/")
    resolved_dir = fs.resolve(head or "/")
    if base in ("", "."):
        return resolved_dir, abs_path
    return posixpath.join(resolved_dir, base), abs_path


def _not_found(path: str, container: str) -> NotFound:
    return NotFound(f"Could not find the file {path} in container {container}")


def stat_path(fs: ContainerFS, path: str, container: str = "") -> dict[str, Any]:
    """HEAD /containers/{id}/archive: the ContainerPathStat of ``path``."""
    resolved, abs_path = _resolve_keep_last(fs, path)
    try:
        st = os.lstat(fs.host(resolved))
    except (FileNotFoundError, NotADirectoryError):
        raise _not_found(path, container) from None
    link_target = ""
    if stat.S_ISLNK(st.st_mode):
        link_target = fs.resolve(abs_path)
    return {
        "name": go_base(abs_path),
        "size": st.st_size,
        "mode": go_file_mode(st.st_mode),
        "mtime": go_time(st.st_mtime_ns),
        "linkTarget": link_target,
    }


def encode_stat(path_stat: dict[str, Any]) -> str:
    """The X-Docker-Container-Path-Stat header value (std base64 of the JSON, as Go writes it)."""
    return base64.b64encode(json.dumps(path_stat, separators=(",", ":")).encode()).decode()


def write_archive(fs: ContainerFS, path: str, out: IO[bytes], container: str = "") -> dict[str, Any]:
    """GET /containers/{id}/archive: stat first (404 before any byte), then the tar of ``path``."""
    path_stat = stat_path(fs, path, container)
    resolved, abs_path = _resolve_keep_last(fs, path)
    rename = go_base(abs_path)
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        hardlinks: dict[tuple[int, int], str] = {}
        for cpath, name in _walk(fs, resolved, rename):
            _add_entry(tar, fs.host(cpath), name, hardlinks)
    return path_stat


def _walk(fs: ContainerFS, top: str, top_name: str) -> Iterator[tuple[str, str]]:
    """(container path, tar name) of ``top`` and, for a directory, everything below it;
    symlinks are entries, never followed; mounts inside the tree are crossed."""
    stack = [(top, top_name)]
    while stack:
        cpath, name = stack.pop()
        yield cpath, name
        host = fs.host(cpath)
        try:
            if not stat.S_ISDIR(os.lstat(host).st_mode):
                continue
            children = {e.name for e in os.scandir(host)}
        except (FileNotFoundError, NotADirectoryError):
            continue
        prefix = cpath.rstrip("/") + "/"
        children |= {m.destination[len(prefix) :] for m in fs.mounts if m.destination.startswith(prefix)}
        children = {c for c in children if c and "/" not in c}
        base = name.rstrip("/") if name not in ("/", ".") else name
        for child in sorted(children, reverse=True):
            child_name = f"{base}/{child}" if base not in ("/",) else f"/{child}"
            stack.append((prefix + child, child_name))


def _add_entry(tar: tarfile.TarFile, host: Path, name: str, hardlinks: dict[tuple[int, int], str]) -> None:
    try:
        info = tar.gettarinfo(str(host), arcname=name)
    except FileNotFoundError:
        return  # removed while walking
    if info is None:
        return  # sockets have no tar form (dockerd skips them too)
    info.uname = info.gname = ""  # dockerd writes numeric owners only
    st = os.lstat(host)
    if info.isreg() and st.st_nlink > 1:
        key = (st.st_dev, st.st_ino)
        if key in hardlinks:
            info.type, info.linkname, info.size = tarfile.LNKTYPE, hardlinks[key], 0
            tar.addfile(info)
            return
        hardlinks[key] = info.name
    if info.isreg():
        fd = os.open(host, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            tar.addfile(info, f)
    else:
        tar.addfile(info)


# -- PUT ----------------------------------------------------------------------------------


def lookup_user(fs: ContainerFS, user: str) -> tuple[int, int]:
    """uid and gid of Config.User (``name``, ``uid``, ``name:group``, ``uid:gid``) from the
    container's own /etc/passwd and /etc/group (dockerd 20.10 read the host's by mistake)."""
    name, _, group = user.partition(":")
    passwd = _read_container_file(fs, "/etc/passwd")
    uid = gid = None
    for line in passwd.splitlines():
        fields = line.split(":")
        if len(fields) >= 4 and (fields[0] == name or fields[2] == name):
            uid, gid = int(fields[2]), int(fields[3])
            break
    if uid is None:
        if not name.isdigit():
            raise InvalidParameter(f"unable to find user {name}: no matching entries in passwd file")
        uid, gid = int(name), 0
    if group:
        if group.isdigit():
            gid = int(group)
        else:
            for line in _read_container_file(fs, "/etc/group").splitlines():
                fields = line.split(":")
                if len(fields) >= 3 and fields[0] == group:
                    gid = int(fields[2])
                    break
            else:
                raise InvalidParameter(f"unable to find group {group}: no matching entries in group file")
    return uid, int(gid or 0)


def _read_container_file(fs: ContainerFS, cpath: str) -> str:
    host = fs.host(fs.resolve(cpath))
    try:
        fd = os.open(host, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return ""
    with os.fdopen(fd, "rb") as f:
        return f.read(1 << 20).decode(errors="replace")


def extract_archive(
    fs: ContainerFS,
    path: str,
    src: IO[bytes],
    no_overwrite_dir_non_dir: bool = False,
    copy_uid_gid: bool = False,
    user: str = "",
    container: str = "",
) -> None:
    """PUT /containers/{id}/archive: unpack ``src`` (tar, maybe gzip) into directory ``path``."""
    dest = fs.resolve(_abs(path))  # the last element is followed too: a link to a dir is fine
    try:
        st = os.lstat(fs.host(dest))
    except (FileNotFoundError, NotADirectoryError):
        raise _not_found(path, container) from None
    if not stat.S_ISDIR(st.st_mode):
        raise InvalidParameter("extraction point is not a directory")
    mount = fs.mount_of(dest)
    if mount is None and fs.readonly_rootfs:
        raise Forbidden("container rootfs is marked read-only")
    if mount is not None and not mount.rw:
        raise Forbidden("mounted volume is marked read-only")
    owner = lookup_user(fs, user) if copy_uid_gid and user else None
    dir_meta: list[tuple[Path, tarfile.TarInfo]] = []
    try:
        stream = TarStream(src)
        for info in entries(stream):
            _extract_entry(fs, stream, info, dest, no_overwrite_dir_non_dir, owner, dir_meta)
    except CORRUPT as e:
        raise InvalidParameter(f"corrupt tar archive: {e}") from None
    for target, info in reversed(dir_meta):
        _set_meta(target, info)


def _extract_entry(
    fs: ContainerFS,
    stream: TarStream,
    info: tarfile.TarInfo,
    dest: str,
    no_overwrite: bool,
    owner: tuple[int, int] | None,
    dir_meta: list[tuple[Path, tarfile.TarInfo]],
) -> None:
    rel = clean_name(info.name)
    if not rel:
        return  # the destination itself: dockerd keeps its metadata
    if info.ischr() or info.isblk():
        raise UnsafeArchive(f"unsafe tar entry {info.name!r}: device nodes are not allowed")
    if owner is not None:
        info.uid, info.gid = owner
    cpath = posixpath.join(dest, rel)
    root, rel_in_root = fs.split(cpath)
    if not rel_in_root:
        raise UnsafeArchive(f"unsafe tar entry {info.name!r}: would replace the mount point {cpath!r}")
    parent = _parent_dir(root, rel_in_root)
    target = parent / rel_in_root.rsplit("/", 1)[-1]
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None:
        is_dir = stat.S_ISDIR(existing.st_mode)
        if no_overwrite and is_dir and not info.isdir():
            raise InvalidParameter(f"cannot overwrite directory {cpath!r} with non-directory {info.name!r}")
        if no_overwrite and not is_dir and info.isdir():
            raise InvalidParameter(f"cannot overwrite non-directory {cpath!r} with directory {info.name!r}")
        if not (is_dir and info.isdir()):
            _remove(target)
    if info.isdir():
        if existing is None or not stat.S_ISDIR(existing.st_mode):
            os.mkdir(target, 0o755)
        dir_meta.append((target, info))
    elif info.isreg():
        write_file(stream, info, target)
        _set_meta(target, info)
    elif info.issym():
        _check_symlink_target(cpath.lstrip("/"), info.linkname)
        os.symlink(info.linkname, target)
        _set_meta(target, info, is_link=True)
    elif info.islnk():
        link_rel = clean_name(info.linkname)
        link_root, link_in_root = fs.split(posixpath.join(dest, link_rel))
        if not link_rel or link_root != root or not link_in_root:
            raise UnsafeArchive(f"unsafe tar entry {info.name!r}: hardlink target {info.linkname!r} outside the tree")
        source = _parent_dir(link_root, link_in_root) / link_in_root.rsplit("/", 1)[-1]
        try:
            if stat.S_ISDIR(os.lstat(source).st_mode):
                raise UnsafeArchive(f"unsafe tar entry {info.name!r}: hardlink to a directory")
        except FileNotFoundError:
            raise UnsafeArchive(
                f"unsafe tar entry {info.name!r}: hardlink target {info.linkname!r} not found"
            ) from None
        os.link(source, target, follow_symlinks=False)
    elif info.isfifo():
        os.mkfifo(target, 0o600)
        _set_meta(target, info)
    else:
        raise UnsafeArchive(f"unsupported tar entry {info.name!r} (type {info.type!r})")
