"""Image reference parsing and normalisation (runtime/images/reference.py)."""

from __future__ import annotations

import pytest

from runtime.images.reference import InvalidReference, looks_like_id, match_wildcard, parse
from server.errors import status_of

REG = "registry.hub.docker.com"
HEX = "a" * 64


@pytest.mark.parametrize(
    ("ref", "want"),
    [
        ("busybox", f"{REG}/library/busybox:latest"),
        ("busybox:1.36", f"{REG}/library/busybox:1.36"),
        ("library/busybox", f"{REG}/library/busybox:latest"),
        ("user/app:v1", f"{REG}/user/app:v1"),
        (f"{REG}/library/busybox", f"{REG}/library/busybox:latest"),
        ("127.0.0.1:5000/a/b:c", "127.0.0.1:5000/a/b:c"),
        ("localhost/x", "localhost/x:latest"),
        ("example.com/x", "example.com/x:latest"),
        (f"busybox@sha256:{HEX}", f"{REG}/library/busybox@sha256:{HEX}"),
        (f"busybox:1@sha256:{HEX}", f"{REG}/library/busybox:1@sha256:{HEX}"),
        ("ab__c-d/e_f.g", f"{REG}/ab__c-d/e_f.g:latest"),
    ],
)
def test_normalises_as_docker_does(ref: str, want: str) -> None:
    assert str(parse(ref, REG)) == want


def test_digest_only_reference_has_no_tag_but_tagged_form_defaults() -> None:
    r = parse(f"busybox@sha256:{HEX}", REG)
    assert r.tag is None and r.digest == f"sha256:{HEX}"
    assert r.tagged == f"{REG}/library/busybox:latest"


def test_default_tag_can_be_left_out() -> None:
    assert parse("busybox", REG, default_tag=False).tag is None


@pytest.mark.parametrize(
    "ref",
    [
        "",
        " busybox",
        "BusyBox",
        "user/App",
        "busybox:",
        "busybox:-bad",
        "busybox:" + "t" * 129,
        "busybox@sha256:abc",
        "busybox@md5:" + "a" * 32,
        "a//b",
        "a/-b",
        "/busybox",
        "busybox/",
        "a:b:c",
        "a" * 256,
        "../etc/passwd",
        "busy box",
    ],
)
def test_malformed_references_are_invalid_parameters(ref: str) -> None:
    with pytest.raises(InvalidReference) as exc:
        parse(ref, REG)
    assert status_of(exc.value) == 400
    assert "invalid" in exc.value.message


def test_uppercase_message_says_lowercase() -> None:
    with pytest.raises(InvalidReference, match="must be lowercase"):
        parse("Foo", REG)


def test_uppercase_registry_host_is_allowed() -> None:
    assert parse("Example.COM/x", REG).domain == "Example.COM"


def test_ids() -> None:
    assert looks_like_id(HEX) == HEX
    assert looks_like_id(f"sha256:{HEX}") == HEX
    assert looks_like_id(HEX[:12]) is None
    assert looks_like_id("busybox") is None


def test_wildcards_do_not_cross_slashes() -> None:
    assert match_wildcard("busy*", "busybox")
    assert match_wildcard("busybox:*", "busybox:latest")
    assert match_wildcard("b?sybox", "busybox")
    assert not match_wildcard("*", "library/busybox")
    assert match_wildcard("*/busybox", "library/busybox")
    assert not match_wildcard("busy", "busybox")
