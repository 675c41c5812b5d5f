"""runtime/images/registry.py: which registry addresses are parsed, which are a 400."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from runtime.errors import InvalidParameter
from runtime.images.registry import no_registry, server_host


@pytest.mark.parametrize("address,host", [("127.0.0.1:5000", "127.0.0.1:5000"), ("https://x.io/v1/", "x.io"),
                                          ("[::1]:5000", "[::1]:5000"), ("registry", "registry")])
def test_addresses_give_their_host(address: str, host: str) -> None:
    assert server_host(address) == host


@pytest.mark.parametrize("address", ["", "h:0", "h:65536", "[e0bD0adf2bC5f18EEC]:1", "a b", "h:x"])
def test_malformed_addresses_are_refused(address: str) -> None:
    with pytest.raises(InvalidParameter):
        server_host(address)


def test_no_registry_recognises_resolution_and_refusal() -> None:
    assert no_registry('dial tcp: lookup 0.0: no such host')
    assert no_registry("[Errno -2] Name or service not known")
    assert no_registry("connect: connection refused")
    assert not no_registry("i/o timeout")


@pytest.mark.parametrize("ref", ["a.b:99999/x", "localhost:0/x", "a.b\n/x", "a/x\n/b", "x@sha256:" + "a" * 64 + "\n"])
def test_references_with_bad_ports_or_newlines_are_refused(ref: str) -> None:
    from runtime.images.reference import parse

    with pytest.raises(InvalidParameter):
        parse(ref, "registry.hub.docker.com")


def test_a_nul_in_a_skopeo_argument_is_a_400_not_a_crash(tmp_path: Path) -> None:
    from runtime.images.registry import AuthConfig, Registries

    regs = Registries([], tmp_path, lambda: "", tmp_path)
    with pytest.raises(InvalidParameter):
        asyncio.run(regs.login("127.0.0.1:1", AuthConfig(username="a\x00b", password="p"), tmp_path))
    with pytest.raises(InvalidParameter):
        asyncio.run(regs.run(["inspect", "docker://x\x00"]))
