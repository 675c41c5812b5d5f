"""Parsing of the mount requests a container carries: Binds, Tmpfs, VolumesFrom, volume names.

Everything here is pure (no I/O beyond ``os.path`` checks) so a create request is fully
validated before the first volume is made: a bad entry leaves nothing half made.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
from collections.abc import Sequence

from runtime.errors import InvalidParameter

# dockerd's rule for volume names: no path separators, cannot start with "." (so no "..").
VOLUME_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+\Z")  # \Z: `$` would admit a final newline
PROPAGATIONS = ("private", "rprivate", "shared", "rshared", "slave", "rslave")
LABEL_MODES = ("z", "Z")


def check_volume_name(name: str) -> str:
    if not isinstance(name, str) or not VOLUME_NAME_RE.match(name) or len(name) > 255:
        raise InvalidParameter(
            f"invalid volume name {name!r}: want [a-zA-Z0-9][a-zA-Z0-9_.-]+ (no path separators or '..')"
        )
    return name


def check_destination(dest: str, what: str = "mount") -> str:
    """An absolute container path without '..' components; returned normalised."""
    if not isinstance(dest, str) or not dest.startswith("/"):
        raise InvalidParameter(f"invalid {what} destination {dest!r}: must be an absolute path")
    if ".." in dest.split("/") or "\x00" in dest:
        raise InvalidParameter(f"invalid {what} destination {dest!r}: '..' is not allowed")
    norm = posixpath.normpath(dest)
    if norm == "/":
        raise InvalidParameter(f"invalid {what} destination {dest!r}: cannot mount over /")
    return norm


@dataclasses.dataclass
class BindSpec:
    """One HostConfig.Binds entry: a host path (``volume`` False) or a named volume."""

    source: str
    destination: str
    volume: bool
    rw: bool
    propagation: str
    mode: str


def check_bind_source(source: str, allowed_roots: Sequence[str]) -> None:
    """With ``--allowed-bind-root`` set, a host path must resolve (symlinks followed) inside one of them."""
    if not allowed_roots:
        return
    real = os.path.realpath(source)
    for root in allowed_roots:
        base = os.path.realpath(root)
        if real == base or real.startswith(base.rstrip("/") + "/"):
            return
    raise InvalidParameter(f"bind source {source} is outside the allowed bind roots ({', '.join(allowed_roots)})")


def parse_bind(spec: str, allowed_roots: Sequence[str] = ()) -> BindSpec:
    if not isinstance(spec, str) or not spec:
        raise InvalidParameter(f"invalid bind {spec!r}: want host-src:container-dest[:ro|rw]")
    parts = spec.split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise InvalidParameter(f"invalid bind {spec!r}: want host-src:container-dest[:ro|rw]")
    source, dest = parts[0], parts[1]
    mode = parts[2] if len(parts) == 3 else ""
    rw, propagation = parse_mode(mode, spec)
    destination = check_destination(dest, "bind")
    if source.startswith("/"):
        if ".." in source.split("/") or "\x00" in source:
            raise InvalidParameter(f"invalid bind {spec!r}: host path may not contain '..'")
        source = posixpath.normpath(source)
        if not os.path.exists(source):
            raise InvalidParameter(f"invalid bind {spec!r}: host path {source} does not exist")
        check_bind_source(source, allowed_roots)
        return BindSpec(source, destination, False, rw, propagation or "rprivate", mode)
    if "/" in source or source in (".", ".."):
        raise InvalidParameter(f"invalid bind {spec!r}: host path must be absolute")
    check_volume_name(source)
    return BindSpec(source, destination, True, rw, propagation, mode)


def parse_mode(mode: str, spec: str) -> tuple[bool, str]:
    """``ro``/``rw`` plus an optional propagation and SELinux label flag, comma separated."""
    rw, propagation, seen_rw = True, "", False
    for opt in filter(None, mode.split(",")):
        if opt in ("ro", "rw"):
            if seen_rw:
                raise InvalidParameter(f"invalid mode {mode!r} in {spec!r}: ro/rw given twice")
            rw, seen_rw = opt == "rw", True
        elif opt in PROPAGATIONS:
            if propagation:
                raise InvalidParameter(f"invalid mode {mode!r} in {spec!r}: propagation given twice")
            propagation = opt
        elif opt in LABEL_MODES or opt == "nocopy":
            continue
        else:
            raise InvalidParameter(f"invalid mode {mode!r} in {spec!r}")
    return rw, propagation


def parse_volumes_from(spec: str) -> tuple[str, str | None]:
    """``container[:ro|rw]`` -> (container ref, forced mode or None)."""
    if not isinstance(spec, str) or not spec:
        raise InvalidParameter(f"invalid VolumesFrom entry {spec!r}")
    ref, _, mode = spec.partition(":")
    if not ref or mode not in ("", "ro", "rw"):
        raise InvalidParameter(f"invalid VolumesFrom entry {spec!r}: want container[:ro|rw]")
    return ref, mode or None


TMPFS_FLAGS = {
    "ro",
    "rw",
    "exec",
    "noexec",
    "suid",
    "nosuid",
    "dev",
    "nodev",
    "atime",
    "noatime",
    "diratime",
    "nodiratime",
    "relatime",
    "norelatime",
    "strictatime",
    "nostrictatime",
    "sync",
    "async",
    "dirsync",
    "mand",
    "nomand",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
}
TMPFS_KEYS = {"size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol"}
SIZE_RE = re.compile(r"^[0-9]+[kmgKMG%]?$")


def parse_tmpfs_options(opts: str, where: str) -> list[str]:
    """Validate tmpfs mount options (``rw,noexec,size=64m``); returns them as a list."""
    if not isinstance(opts, str):
        raise InvalidParameter(f"invalid tmpfs options for {where}: want a string")
    out = []
    for opt in filter(None, (o.strip() for o in opts.split(","))):
        key, eq, value = opt.partition("=")
        if not eq:
            if key not in TMPFS_FLAGS:
                raise InvalidParameter(f"invalid tmpfs option {opt!r} for {where}")
        elif key not in TMPFS_KEYS or not value:
            raise InvalidParameter(f"invalid tmpfs option {opt!r} for {where}")
        elif key in ("size", "nr_inodes", "nr_blocks") and not SIZE_RE.match(value):
            raise InvalidParameter(f"invalid tmpfs {key} {value!r} for {where}")
        elif key == "mode" and not re.match(r"^[0-7]{3,4}$", value):
            raise InvalidParameter(f"invalid tmpfs mode {value!r} for {where}")
        elif key in ("uid", "gid") and not value.isdigit():
            raise InvalidParameter(f"invalid tmpfs {key} {value!r} for {where}")
        out.append(opt)
    return out
