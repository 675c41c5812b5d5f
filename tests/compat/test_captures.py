"""Captured requests of Docker's clients (captures/*.txt, recorded by tests/compat/capture.py)
replayed byte for byte over a raw socket: each must get the answer dockerd gives. The
captures also serve the request-reading work (issue 10): every client habit is in them."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.compat.conftest import Stack
from tests.compat.replay import body_of, fill, send, split_requests, status_of

CAPTURES = Path(__file__).parent / "captures"


def _create(name: str) -> Callable[[Stack], None]:
    def setup(stack: Stack) -> None:
        with stack.api() as c:
            r = c.post("/containers/create", params={"name": name}, json={"Image": "busybox", "Cmd": ["sleep", "100"]})
            assert r.status_code == 201, r.text

    return setup


def _nothing(stack: Stack) -> None:
    return None


def _cleanup(stack: Stack) -> None:
    stack.remove("compat-created")
    with stack.api() as c:
        c.delete("/volumes/compat-vol")
        c.delete("/networks/compat-net")


# capture -> (setup, expected status of each request in it)
CASES: dict[str, tuple[Callable[[Stack], None], list[int]]] = {
    "cli-version": (_nothing, [200]),
    "cli-info": (_nothing, [200]),
    "cli-pull": (_nothing, [200, 200]),
    "cli-ps": (_nothing, [200]),
    "cli-ps-filter": (_nothing, [200]),
    "cli-events": (_nothing, [200]),
    "cli-volume-create": (_nothing, [201]),
    "cli-network-create": (_nothing, [201]),
    "py-version": (_nothing, [200]),
    "py-pull": (_nothing, [200]),
    "cli-login": (_nothing, [200, 200]),
    "py-login": (_nothing, [200]),
    "cli-images-filter": (_nothing, [200]),
    "py-images": (_nothing, [200]),
    "py-containers": (_nothing, [200]),
    "cli-start": (_create("compat-created"), [204]),
}
XFAIL: dict[str, str] = {}  # every listed capture is answered as dockerd answers it


def test_every_capture_is_a_well_framed_request_sequence() -> None:
    files = sorted(CAPTURES.glob("*.txt"))
    assert len(files) > 100
    for f in files:
        requests = list(split_requests(f.read_bytes()))
        assert requests, f.name
        for head, _pieces, _framing in requests:
            assert head.split(b" ", 2)[0] in (b"GET", b"POST", b"PUT", b"HEAD", b"DELETE"), f.name


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=XFAIL[n])) if n in XFAIL else n for n in CASES],
)
def test_replayed_capture_gets_dockerds_answer(stack: Stack, name: str) -> None:
    setup, expected = CASES[name]
    setup(stack)
    try:
        auth = {"username": "alice", "password": "s3cret", "serveraddress": stack.registry.host}
        values = {"REGISTRY": stack.registry.host, "REGISTRY_AUTH": base64.urlsafe_b64encode(json.dumps(auth).encode())}
        requests = fill((CAPTURES / f"{name}.txt").read_bytes(), values)
        answers = [send(stack.socket, r) for r in requests]
        statuses = [status_of(a) for a in answers]
        assert statuses == expected, [body_of(a)[:300] for a in answers]
        for a in answers:
            if b"application/json" in a.split(b"\r\n\r\n", 1)[0].lower() and status_of(a) != 204:
                body = body_of(a)
                if body.strip():
                    for line in body.splitlines():
                        json.loads(line)  # streams are JSON lines; other bodies one JSON document
    finally:
        _cleanup(stack)
