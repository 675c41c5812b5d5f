"""Which operation a URL names: the spec's paths compiled once into one ordered list.

Most literal characters first, so /images/{imageid}/json wins over /images/{imageid}; a
``format: path`` parameter (image names contain ``/``) matches across slashes, as docker's
``{name:.*}`` does. A path that matches a template but not the method is a 405 whose Allow
lists the methods of the first template the URL names; a GET route also answers HEAD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from server.app_spec import load_spec

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
T = TypeVar("T")


@dataclass
class _Template(Generic[T]):
    literal: int
    pattern: re.Pattern[str]
    groups: dict[str, str]  # regex group -> parameter name
    targets: dict[str, T] = field(default_factory=dict)  # METHOD -> target


class MethodNotAllowed(Exception):
    def __init__(self, allow: list[str]) -> None:
        super().__init__(", ".join(allow))
        self.allow = allow


class Router(Generic[T]):
    def __init__(self, base: str, spec_paths: dict[str, Any], targets: Iterable[tuple[str, str, T]]) -> None:
        """``targets``: (path template, method, target) for each operation."""
        templates: dict[str, _Template[T]] = {}
        for template, item in spec_paths.items():
            templates[template] = _compile(base, template, _path_params(item))
        for template, method, target in targets:
            templates[template].targets[method.upper()] = target
        self.base = base
        # By the first segment after the base (no template starts with a parameter): a request
        # is matched against the few templates of its resource, in the same order.
        self.by_segment: dict[str, list[_Template[T]]] = {}
        for template, t in sorted(templates.items(), key=lambda kv: -kv[1].literal):
            self.by_segment.setdefault(template.split("/")[1], []).append(t)

    def match(self, method: str, path: str) -> tuple[T, dict[str, str]] | None:
        """The target and its path values; None when no template names the path."""
        first: _Template[T] | None = None
        segment = path[len(self.base) :].split("/", 2)[1] if path.startswith(self.base + "/") else ""
        for t in self.by_segment.get(segment, ()):
            m = t.pattern.match(path)
            if m is None:
                continue
            target = t.targets.get(method)
            if target is None and method == "HEAD":
                target = t.targets.get("GET")
            if target is not None:
                return target, {t.groups[g]: v for g, v in m.groupdict().items()}
            first = first or t
        if first is not None:
            raise MethodNotAllowed(sorted(first.targets))
        return None


def _path_params(item: dict[str, Any]) -> dict[str, bool]:
    """Path parameter name -> whether it spans slashes (``format: path``)."""
    params: dict[str, bool] = {}
    for op in item.values():
        if isinstance(op, dict):
            for p in op.get("parameters", []):
                if p.get("in") == "path":
                    params[p["name"]] = p.get("format") == "path"
    return params


def _compile(base: str, template: str, params: dict[str, bool]) -> _Template[Any]:
    regex, groups = "", dict[str, str]()
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{"):
            name = part[1:-1]
            group = f"p{len(groups)}"
            groups[group] = name
            regex += f"(?P<{group}>.+)" if params.get(name) else f"(?P<{group}>[^/]+)"
        else:
            regex += re.escape(part)
    literal = len(re.sub(r"\{[^}]+\}", "", template))
    return _Template(literal, re.compile(f"^{re.escape(base)}{regex}" + r"\Z"), groups)


@lru_cache(maxsize=1)
def _spec_router() -> Router[str]:
    spec = load_spec()
    paths = spec["paths"]
    targets = [(t, m, m.upper()) for t, item in paths.items() for m in item if m in METHODS]
    return Router(spec.get("basePath", ""), paths, targets)


def allowed_methods(path: str) -> list[str]:
    """The methods of the spec path a URL names (empty: it names none)."""
    try:
        _spec_router().match("\0", path)
    except MethodNotAllowed as exc:
        return exc.allow
    return []
