"""Which spec path a URL names, for answers starlette's first-match routing gets wrong."""

from __future__ import annotations

import re
from functools import lru_cache

from server.app_spec import load_spec

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[int, re.Pattern[str], list[str]]]:
    spec = load_spec()
    base = spec.get("basePath", "")
    out = []
    for template, item in spec["paths"].items():
        params = {}
        for op in item.values():
            if isinstance(op, dict):
                for p in op.get("parameters", []):
                    if p.get("in") == "path":
                        params[p["name"]] = p.get("format") == "path"
        regex = ""
        for part in re.split(r"(\{[^}]+\})", template):
            if part.startswith("{"):
                regex += "(.+)" if params.get(part[1:-1]) else "([^/]+)"
            else:
                regex += re.escape(part)
        literal = len(re.sub(r"\{[^}]+\}", "", template))
        methods = sorted(m.upper() for m in item if m in _METHODS)
        out.append((literal, re.compile(f"^{re.escape(base)}{regex}$"), methods))
    # Most literal characters first: /images/{imageid}/json beats /images/{imageid}.
    out.sort(key=lambda t: -t[0])
    return out


def allowed_methods(path: str) -> list[str]:
    for _literal, pattern, methods in _patterns():
        if pattern.match(path):
            return methods
    return []
