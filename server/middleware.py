"""ASGI middleware in front of connexion: what Docker-style clients send that the spec
cannot express.

* Version prefix: clients call /v1.24/..., older /v1.xx/..., or unversioned paths. The spec
  is served under basePath /v1.24; other prefixes are rewritten to it, and a version newer
  than ours gets a 400 as dockerd answers.
* Query booleans: Go clients send ``1``/``0`` (strconv.ParseBool accepts t/T/TRUE/True too);
  connexion accepts only true/false. Only parameters the spec types as boolean are touched,
  so ``t=0`` (an integer) stays 0.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from runtime.version import API_VERSION

_VERSION_RE = re.compile(r"^/v(\d+)\.(\d+)(?=/|$)")
_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}
_API = tuple(int(p) for p in API_VERSION.split("."))


class DockerCompatMiddleware:
    def __init__(self, app: ASGIApp, boolean_params: Iterable[str]) -> None:
        self.app = app
        self.base = f"/v{API_VERSION}"
        self.boolean_params = frozenset(boolean_params)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        m = _VERSION_RE.match(path)
        if m:
            if (int(m.group(1)), int(m.group(2))) > _API:
                version = f"{m.group(1)}.{m.group(2)}"
                await _reject(
                    send, f"client version {version} is too new. Maximum supported API version is {API_VERSION}"
                )
                return
            rest = path[m.end() :]
        else:
            rest = path
        scope = dict(scope)
        scope["path"] = self.base + rest
        scope["raw_path"] = scope["path"].encode()
        if scope.get("query_string"):
            scope["query_string"] = self._normalise_query(scope["query_string"])
        await self.app(scope, receive, send)

    def _normalise_query(self, raw: bytes) -> bytes:
        pairs = urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        changed = False
        out = []
        for key, value in pairs:
            if key in self.boolean_params:
                if value in _TRUE:
                    value, changed = "true", changed or value != "true"
                elif value in _FALSE:
                    value, changed = "false", changed or value != "false"
            out.append((key, value))
        return urllib.parse.urlencode(out).encode("latin-1") if changed else raw


async def _reject(send: Send, message: str) -> None:
    body = json.dumps({"message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def boolean_query_params(spec: dict) -> set[str]:
    """Names of query parameters typed boolean anywhere in a Swagger 2.0 spec."""
    names: set[str] = set()
    for item in spec.get("paths", {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for p in op.get("parameters", []):
                if p.get("in") == "query" and p.get("type") == "boolean":
                    names.add(p["name"])
    return names
