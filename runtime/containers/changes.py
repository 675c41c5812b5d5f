"""GET /containers/{id}/changes: what a container changed in its filesystem, read from its
overlay upper directory the way dockerd's overlay driver reads it (``archive.OverlayChanges``).

Each entry is ``{"Path": "/abs/path", "Kind": k}`` with Kind 0 modified, 1 added, 2 deleted,
in the order of a lexical walk of the upper dir (parents before children), as dockerd lists them:

- a whiteout (char device 0/0) is a deletion of its path;
- an opaque directory (``trusted.overlay.opaque=y``) is reported deleted (what was below
  it is gone); its entries that follow are reported as added or modified;
- any other entry is modified when a lower layer has that path, else added; a directory
  that exists below with the same size, mode and mtime is not reported;
- the parent of an addition or deletion is reported modified once, unless it is ``/`` or
  already listed.

Two deliberate differences from dockerd 20.10: lower layers are looked up with lstat (dockerd
follows symlinks there, on the host), and a path whited out in a higher lower layer counts
as absent (dockerd 20.10 ignored lower whiteouts; later versions fixed it the same way).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runtime.images.layers import OPAQUE_XATTR

KIND_MODIFIED = 0
KIND_ADDED = 1
KIND_DELETED = 2


def _is_whiteout(st: os.stat_result) -> bool:
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == 0


def _is_opaque(path: str) -> bool:
    try:
        return os.getxattr(path, OPAQUE_XATTR, follow_symlinks=False) == b"y"
    except OSError:
        return False


def _same_time(a: int, b: int) -> bool:
    """dockerd's sameFsTime: equal, or equal seconds where one side has no sub-second part."""
    return a == b or (a // 10**9 == b // 10**9 and (a % 10**9 == 0 or b % 10**9 == 0))


def lower_stat(lowers: list[Path], rel: str) -> os.stat_result | None:
    """The path as the lower layers (highest first) show it, None where absent or whited out."""
    parts = rel.split("/")
    for layer in lowers:
        try:
            st = os.lstat(os.path.join(layer, rel))
        except (FileNotFoundError, NotADirectoryError):
            st = None
        if st is not None:
            return None if _is_whiteout(st) else st
        # an opaque parent or a whiteout of a parent in this layer hides the layers below
        for i in range(1, len(parts)):
            parent = os.path.join(layer, *parts[:i])
            try:
                pst = os.lstat(parent)
            except (FileNotFoundError, NotADirectoryError):
                break
            if _is_whiteout(pst) or not stat.S_ISDIR(pst.st_mode):
                return None
            if _is_opaque(parent):
                return None
    return None


def container_changes(
    upper: Path, lowers: list[Path], skip: Callable[[str], bool] | None = None
) -> list[dict[str, Any]]:
    """The container's changes (see the module doc). ``lowers`` are the image's snapshot
    directories, highest first; ``skip(path)`` drops paths the engine itself created
    (mount points of /etc/hosts and the like), and with a directory everything below it."""
    changes: list[dict[str, Any]] = []
    changed_dirs: set[str] = set()

    def visit(rel: str, st: os.stat_result) -> bool:
        """Record one entry; True when the walk descends into it."""
        path = "/" + rel
        if skip is not None and skip(path):
            return False
        host = os.path.join(upper, rel)
        deleted = _is_whiteout(st) or (stat.S_ISDIR(st.st_mode) and _is_opaque(host))
        if deleted:
            kind = KIND_DELETED
        else:
            below = lower_stat(lowers, rel)
            if below is None:
                kind = KIND_ADDED
            else:
                if (
                    stat.S_ISDIR(below.st_mode)
                    and stat.S_ISDIR(st.st_mode)
                    and below.st_size == st.st_size
                    and below.st_mode == st.st_mode
                    and _same_time(below.st_mtime_ns, st.st_mtime_ns)
                ):
                    return True  # an unchanged parent of changed entries
                kind = KIND_MODIFIED
        if stat.S_ISDIR(st.st_mode):
            changed_dirs.add(path)
        if kind in (KIND_ADDED, KIND_DELETED):
            parent = os.path.dirname(path)
            if parent != "/" and parent not in changed_dirs:
                changes.append({"Path": parent, "Kind": KIND_MODIFIED})
                changed_dirs.add(parent)
        changes.append({"Path": path, "Kind": kind})
        return stat.S_ISDIR(st.st_mode)

    def walk(rel_dir: str) -> None:
        try:
            entries = sorted(os.scandir(os.path.join(upper, rel_dir)), key=lambda e: e.name)
        except FileNotFoundError:
            return
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if visit(rel, entry.stat(follow_symlinks=False)):
                walk(rel)

    walk("")
    return changes
