"""Request limits in front of everything: JSON bodies are small documents here (configs, not
data), so a body beyond ``MAX_JSON_BODY`` gets 413 and JSON nested deeper than ``MAX_JSON_DEPTH``
gets 400 before any parser recurses into it (Python's json raises RecursionError, a 500, near
depth 1000 and takes the CPU on the way). Streams (tar uploads, raw stdin) are not JSON and
pass untouched.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_JSON_BODY = 8 << 20  # dockerd reads whole configs too; 8 MiB is far above any real ContainerConfig
MAX_JSON_DEPTH = 256


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Bracket depth outside strings, scanned without recursion."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


class RequestLimits:
    def __init__(self, app: ASGIApp, max_body: int = MAX_JSON_BODY, max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app = app
        self.max_body = max_body
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _reject(send, 413, f"request body larger than {self.max_body} bytes")
                return
        if json_depth_exceeds(bytes(body), self.max_depth):
            await _reject(send, 400, f"JSON body nested deeper than {self.max_depth} levels")
            return
        await self.app(
            scope, _replay([{"type": "http.request", "body": bytes(body), "more_body": False}], receive), send
        )


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()  # after the body: http.disconnect when the client goes away
        return {"type": "http.disconnect"}

    return receive


async def _reject(send: Send, status: int, message: str) -> None:
    body = json.dumps({"message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
