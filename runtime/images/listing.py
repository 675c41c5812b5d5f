"""GET /images/json: which images the list shows, and by which of their names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from runtime.errors import InvalidParameter
from runtime.images import records
from runtime.images.reference import match_wildcard

Record = dict[str, Any]
LIST_FILTERS = ("before", "since", "reference", "dangling", "label")


@dataclass(frozen=True)
class Names:
    """The familiar forms of image names under this daemon's default registry."""

    registry: str
    namespace: str

    def forms(self, tagged: str) -> list[str]:
        """The names a user may write for a tag (``name:tag``) or a digest (``name@digest``):
        full, without default registry, without library/; each alone and with its tag or digest."""
        name, sep, suffix = tagged.partition("@") if "@" in tagged else tagged.rpartition(":")
        forms = [name]
        prefix = self.registry + "/"
        if name.startswith(prefix):
            short = name[len(prefix) :]
            forms.append(short)
            ns = self.namespace + "/"
            if short.startswith(ns):
                forms.append(short[len(ns) :])
        return forms + [f"{f}{sep}{suffix}" for f in forms]

    def match(self, patterns: list[str], name: str) -> bool:
        forms = self.forms(name)
        return any(match_wildcard(p, form) for p in patterns for form in forms)


def order(r: Record) -> tuple[int, int]:
    return records.created_unix(r), r["Seq"]


def select(
    recs: list[Record], filters: dict[str, list[str]], resolve: Callable[[str], Record], names: Names
) -> list[Record]:
    """The matching records, newest first (``reference`` narrows RepoTags/RepoDigests)."""
    for key in filters:
        if key not in LIST_FILTERS:
            raise InvalidParameter(f"invalid filter {key!r}, allowed: {', '.join(LIST_FILTERS)}")
    for ref in filters.get("before", []):
        pivot = order(resolve(ref))
        recs = [r for r in recs if order(r) < pivot]
    for ref in filters.get("since", []):
        pivot = order(resolve(ref))
        recs = [r for r in recs if order(r) > pivot]
    patterns = filters.get("reference") or []
    if patterns:
        # As dockerd and pouchd: an image is listed by the names that match, and only by them.
        narrowed = []
        for r in recs:
            tags = [t for t in r["RepoTags"] if names.match(patterns, t)]
            repo_digests = [d for d in r.get("RepoDigests") or [] if names.match(patterns, d)]
            if tags or repo_digests:
                narrowed.append({**r, "RepoTags": tags, "RepoDigests": repo_digests})
        recs = narrowed
    for value in filters.get("dangling", []):
        if value not in ("true", "false", "1", "0"):
            raise InvalidParameter(f"invalid dangling filter {value!r}: want true or false")
        dangling = value in ("true", "1")
        recs = [r for r in recs if (not r["RepoTags"]) == dangling]
    for label in filters.get("label", []):
        key, eq, val = label.partition("=")
        recs = [
            r
            for r in recs
            if key in (r["Config"].get("Labels") or {}) and (not eq or r["Config"]["Labels"][key] == val)
        ]
    recs.sort(key=order, reverse=True)
    return recs
