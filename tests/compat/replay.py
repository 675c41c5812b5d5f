"""Captured client requests as test fixtures, and their replay over a raw socket.

A capture (``captures/<client>-<step>.txt``) is the bytes a client sent, one request after
another, with the values that vary between runs replaced by ``{{NAME}}`` placeholders:

- ``{{CONTAINER_ID}}``, ``{{EXEC_ID}}``, ``{{IMAGE_ID}}`` (``sha256:`` + 64 hex), ``{{ID}}``
  (any other 64-hex ID), ``{{REGISTRY}}`` (host:port of the test registry), ``{{TMP}}``
  (the capture's temporary directory), ``{{NAME_QUOTED}}`` (the same, percent-encoded in a
  query), ``{{REGISTRY_AUTH}}`` (an X-Registry-Auth value),
  ``{{BODY}}`` (a body too large to keep: the test supplies it).

``fill`` puts values back and re-frames each body as it was sent: a Content-Length body
gets its new length, a chunked body keeps its chunk boundaries with new chunk sizes.
"""

from __future__ import annotations

import re
import socket
import urllib.parse
from collections.abc import Callable, Iterator

ID64 = re.compile(rb"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")
PLACEHOLDER = re.compile(rb"\{\{([A-Z_]+)\}\}")


def templatize(raw: bytes, values: dict[str, str]) -> bytes:
    """Replace run-specific values in captured request bytes by placeholders (bodies are
    re-framed so the capture stays a valid request sequence)."""

    def sub(data: bytes) -> bytes:
        for name, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
            if value:
                data = data.replace(value.encode(), b"{{" + name.encode() + b"}}")
                quoted = urllib.parse.quote(value, safe="").encode()
                data = data.replace(quoted, b"{{" + name.encode() + b"_QUOTED}}")
        data = re.sub(rb"(X-Registry-Auth: )[A-Za-z0-9_=+/-]+", rb"\1{{REGISTRY_AUTH}}", data)
        data = re.sub(rb"sha256:[0-9a-f]{64}", b"{{IMAGE_ID}}", data)
        data = re.sub(rb"(/containers/)[0-9a-f]{64}", rb"\1{{CONTAINER_ID}}", data)
        data = re.sub(rb"(/exec/)[0-9a-f]{64}", rb"\1{{EXEC_ID}}", data)
        return ID64.sub(b"{{ID}}", data)

    return b"".join(_reframe(raw, sub))


def truncated(head: bytes, framing: str) -> bytes:
    """A request whose body was too large to keep: the body becomes ``{{BODY}}``."""
    if framing == "chunked":
        return head + b"8\r\n{{BODY}}\r\n0\r\n\r\n"
    return re.sub(rb"(?i)(\r\ncontent-length: *)[0-9]+", rb"\g<1>8", head) + b"{{BODY}}"


def split_requests(raw: bytes) -> Iterator[tuple[bytes, list[bytes], str]]:
    """(head, body pieces, framing) per request; chunked pieces are the chunks' data."""
    pos = 0
    while pos < len(raw):
        end = raw.find(b"\r\n\r\n", pos)
        if end < 0:
            raise ValueError(f"capture has a truncated request head at byte {pos}")
        head = raw[pos : end + 4]
        pos = end + 4
        lower = head.lower()
        if b"transfer-encoding: chunked" in lower:
            chunks = []
            while True:
                line_end = raw.index(b"\r\n", pos)
                size = int(raw[pos:line_end].split(b";")[0], 16)
                pos = line_end + 2
                if size == 0:
                    pos = raw.index(b"\r\n", pos) + 2  # (empty) trailer
                    break
                chunks.append(raw[pos : pos + size])
                pos += size + 2
            yield head, chunks, "chunked"
            continue
        m = re.search(rb"\r\ncontent-length: *([0-9]+)", lower)
        if m:
            length = int(m.group(1))
            yield head, [raw[pos : pos + length]], "content-length"
            pos += length
            continue
        yield head, [], "none"


def _reframe(raw: bytes, sub: Callable[[bytes], bytes]) -> list[bytes]:
    out = []
    for head, pieces, framing in split_requests(raw):
        head = sub(head)
        pieces = [sub(p) for p in pieces]
        if framing == "chunked":
            body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces if p) + b"0\r\n\r\n"
        elif framing == "content-length":
            body = pieces[0]
            head = re.sub(rb"(?i)(\r\ncontent-length: *)[0-9]+", rb"\g<1>%d" % len(body), head)
        else:
            body = b""
        out.append(head + body)
    return out


def fill(raw: bytes, values: dict[str, bytes | str]) -> list[bytes]:
    """Each request of a capture, placeholders filled, framed as the client framed it."""
    vals = {k: v.encode() if isinstance(v, str) else v for k, v in values.items()}
    for k, v in list(vals.items()):
        vals.setdefault(f"{k}_QUOTED", urllib.parse.quote(v.decode("latin-1"), safe="").encode())

    def sub(data: bytes) -> bytes:
        def repl(m: re.Match[bytes]) -> bytes:
            name = m.group(1).decode()
            if name not in vals:
                raise KeyError(f"capture needs a value for {{{{{name}}}}}")
            return vals[name]

        return PLACEHOLDER.sub(repl, data)

    return _reframe(raw, sub)


def send(sock_path: str, request: bytes, timeout: float = 30) -> bytes:
    """Send one request as-is on a new connection; the raw answer (until the server closes
    or a complete Content-Length/chunked body has arrived)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        s.sendall(request)
        buf = b""
        while True:
            try:
                data = s.recv(65536)
            except TimeoutError:
                break
            if not data:
                break
            buf += data
            if _complete(buf):
                break
        return buf


def _complete(buf: bytes) -> bool:
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return False
    head, body = buf[:end].lower(), buf[end + 4 :]
    status = head.split(b" ", 2)[1] if b" " in head else b""
    if status in (b"204", b"304") or status.startswith(b"1"):
        return True
    m = re.search(rb"\r\ncontent-length: *([0-9]+)", head)
    if m:
        return len(body) >= int(m.group(1))
    if b"transfer-encoding: chunked" in head:
        return body.endswith(b"0\r\n\r\n")
    return False


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def body_of(answer: bytes) -> bytes:
    head, _, body = answer.partition(b"\r\n\r\n")
    if b"transfer-encoding: chunked" not in head.lower():
        return body
    return dechunk(body)


def dechunk(body: bytes) -> bytes:
    """The data of a chunked body (trailers dropped)."""
    out, pos = b"", 0
    while True:
        line_end = body.index(b"\r\n", pos)
        size = int(body[pos:line_end].split(b";")[0], 16)
        if size == 0:
            return out
        out += body[line_end + 2 : line_end + 2 + size]
        pos = line_end + 2 + size + 2
