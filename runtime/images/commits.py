"""POST /commit: the new image's config, the base image's with the container's settings and
one more layer (its writable layer) and history entry."""

from __future__ import annotations

from typing import Any

from runtime.clock import now_rfc3339
from runtime.images.changes import apply_changes
from runtime.images.protocols import CommitSource

# Container settings a committed image keeps as its own defaults.
COMMITTED_KEYS = (
    "Env",
    "Cmd",
    "Entrypoint",
    "WorkingDir",
    "User",
    "ExposedPorts",
    "Volumes",
    "Labels",
    "StopSignal",
    "Hostname",
    "Domainname",
    "Tty",
    "OpenStdin",
    "StdinOnce",
)


def image_config(
    base: dict[str, Any], source: CommitSource, diff_id: str, author: str | None, comment: str | None
) -> dict[str, Any]:
    now = now_rfc3339()
    settings = dict(base.get("config") or {})
    for key in COMMITTED_KEYS:
        if source.config.get(key) is not None:
            settings[key] = source.config[key]
    # dockerd: the changes over the commit's config, the container's filling what they leave unset;
    # the same as applying them over the container's settings (an ENTRYPOINT drops the Cmd).
    settings = apply_changes(settings, list(source.changes))
    return {
        **base,
        "created": now,
        "author": author or "",
        "container": source.container_id,
        "config": settings,
        "rootfs": {"type": "layers", "diff_ids": [*base.get("rootfs", {}).get("diff_ids", []), diff_id]},
        "history": [
            *(base.get("history") or []),
            {"created": now, "author": author or "", "comment": comment or "", "created_by": "pouch commit"},
        ],
    }
