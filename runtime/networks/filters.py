"""GET /networks ``filters`` as dockerd 1.24 applies them (daemon/network/filter.go): ``driver``
exact, ``name`` and ``id`` as regular expressions (or equal), every ``label`` (``key`` or
``key=value``) present, then ``type``: ``builtin`` (the pre-defined networks) or ``custom``."""

from __future__ import annotations

import re
from typing import Any

from runtime.errors import InvalidParameter

NETWORK_FILTERS = ("driver", "id", "label", "name", "type")
TYPES = ("builtin", "custom")

Record = dict[str, Any]


def select(nets: list[Record], filters: dict[str, list[str]]) -> list[Record]:
    """The network records (``_predefined`` marks the built-in ones) the filters let through;
    400 for an unknown filter, a bad type or a bad regular expression."""
    for key in filters:
        if key not in NETWORK_FILTERS:
            raise InvalidParameter(f"Invalid filter '{key}'")
    for value in filters.get("type", []):
        if value not in TYPES:
            raise InvalidParameter(f"Invalid filter: 'type'='{value}'")
    try:
        patterns = {k: [re.compile(v) for v in filters.get(k, [])] for k in ("id", "name")}
    except re.error as exc:
        raise InvalidParameter(f"invalid filter regexp: {exc}") from None
    out = []
    for net in nets:
        if filters.get("driver") and net.get("Driver") not in filters["driver"]:
            continue
        if not _match(filters.get("name"), patterns["name"], net.get("Name") or ""):
            continue
        if not _match(filters.get("id"), patterns["id"], net.get("Id") or ""):
            continue
        if not _labels(filters.get("label") or [], net.get("Labels") or {}):
            continue
        if filters.get("type"):
            kind = "builtin" if net.get("_predefined") else "custom"
            if kind not in filters["type"]:
                continue
        out.append(net)
    return out


def _match(values: list[str] | None, patterns: list[re.Pattern[str]], source: str) -> bool:
    if not values:
        return True
    return source in values or any(p.search(source) for p in patterns)


def _labels(wanted: list[str], labels: dict[str, str]) -> bool:
    for want in wanted:
        key, eq, value = want.partition("=")
        if key not in labels or (eq and labels[key] != value):
            return False
    return True
