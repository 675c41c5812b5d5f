"""ASGI middleware in front of connexion: the version prefix, which the spec cannot express.

Clients call /v1.24/..., older /v1.xx/..., or unversioned paths. The spec is served under
basePath /v1.24; other prefixes are rewritten to it, and a version newer than ours gets a 400
as dockerd answers. (How the rest of a request is read: server/reading.py.)
"""

from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Receive, Scope, Send

from runtime.version import API_VERSION

_VERSION_RE = re.compile(r"^/v(\d+)\.(\d+)(?=/|$)")
_API = tuple(int(p) for p in API_VERSION.split("."))


class DockerCompatMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.base = f"/v{API_VERSION}"

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
        await self.app(scope, receive, send)


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
