"""Discovery aid for the capture tool (never used by the tests): rewrite a request the way
a Go server would read it, so the failures behind the request-reading ones show up.

It undoes what issue 10 is about, in the proxy: de-chunks bodies, drops Content-Type on
body-less requests and sets application/json on JSON bodies, drops query parameters the
spec does not declare for the operation, and renames JSON keys to their canonical case
for /auth and exec start. The recorded bytes stay the client's; only the upstream copy
changes.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from functools import lru_cache

from server.app_spec import load_spec
from tests.compat.replay import dechunk

_METHODS = ("get", "put", "post", "delete", "head")
_CANONICAL_KEYS = {
    "/auth": ("Username", "Password", "Auth", "Email", "ServerAddress", "IdentityToken", "RegistryToken"),
    "/exec/{id}/start": ("Detach", "Tty", "DetachKeys"),
}


@lru_cache(maxsize=1)
def _operations() -> list[tuple[int, re.Pattern[str], str, str, set[str], bool]]:
    spec = load_spec()
    out = []
    for template, item in spec["paths"].items():
        common = item.get("parameters", [])
        for method, op in item.items():
            if method not in _METHODS:
                continue
            params = common + op.get("parameters", [])
            names = {p["name"] for p in params if p.get("in") == "query"}
            greedy = {p["name"] for p in params if p.get("in") == "path" and p.get("format") == "path"}
            regex = ""
            for part in re.split(r"(\{[^}]+\})", template):
                if part.startswith("{"):
                    regex += "(.+)" if part[1:-1] in greedy else "([^/]+)"
                else:
                    regex += re.escape(part)
            literal = len(re.sub(r"\{[^}]+\}", "", template))
            takes_body = any(p.get("in") == "body" for p in params)
            out.append((literal, re.compile(f"^{regex}$"), method.upper(), template, names, takes_body))
    out.sort(key=lambda t: -t[0])
    return out


def rewrite(request: bytes) -> bytes:
    head, _, body = request.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    method, target, version = lines[0].split(b" ", 2)
    headers = [line for line in lines[1:] if line]
    names = {line.split(b":", 1)[0].strip().lower(): i for i, line in enumerate(headers)}
    if b"transfer-encoding" in names and b"chunked" in headers[names[b"transfer-encoding"]].lower():
        body = dechunk(body)
    headers = [
        h for h in headers if h.split(b":", 1)[0].strip().lower() not in (b"transfer-encoding", b"content-length")
    ]
    path, _, query = target.decode("latin-1").partition("?")
    bare = re.sub(r"^/v[0-9.]+", "", path)
    template = ""
    for _lit, pattern, m, tmpl, allowed, takes_body in _operations():
        if m == method.decode() and pattern.match(urllib.parse.unquote(bare)):
            template = tmpl
            if not takes_body and body.strip() in (b"{}", b"null"):
                body = b""  # a Go server never reads a body the operation does not take
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
            query = urllib.parse.urlencode([(k, v) for k, v in pairs if k in allowed])
            break
    ctype_i = [i for i, h in enumerate(headers) if h.lower().startswith(b"content-type:")]
    ctype = headers[ctype_i[0]].split(b":", 1)[1].strip().lower() if ctype_i else b""
    if ctype in (b"application/tar",):
        headers = [h for i, h in enumerate(headers) if i not in ctype_i] + [b"Content-Type: application/x-tar"]
    stripped = body.strip()
    if not body:
        headers = [h for i, h in enumerate(headers) if i not in ctype_i]
    elif stripped[:1] in (b"{", b"[") or stripped == b"null":
        if ctype != b"application/json":
            headers = [h for i, h in enumerate(headers) if i not in ctype_i] + [b"Content-Type: application/json"]
        if stripped == b"null":
            body = b"{}"
        keys = _CANONICAL_KEYS.get(template)
        if keys:
            try:
                obj = json.loads(body)
                canon = {k.lower(): k for k in keys}
                body = json.dumps({canon.get(k.lower(), k): v for k, v in obj.items()}).encode()
            except (ValueError, AttributeError):
                pass
    target = (path + ("?" + query if query else "")).encode("latin-1")
    if body:
        headers.append(b"Content-Length: %d" % len(body))
    return b" ".join((method, target, version)) + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + body
