"""The patterns openapi/swagger.yml states must admit only what the engine accepts.

connexion refuses whatever a pattern rejects, so a pattern wider than the engine's parser
turns into "schema-valid request rejected"; these tests draw values from each pattern and
feed them to the parser the server uses for that field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.images.reference import parse
from server.params import parse_filters

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi" / "swagger.yml").read_text())


def param(operation_id: str, name: str) -> dict[str, Any]:
    for item in SPEC["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return next(p for p in op["parameters"] if p["name"] == name)
    raise KeyError(operation_id)


def drawn(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(pattern)


REPO_TAG = param("ImageTag", "repo")["pattern"]


@settings(max_examples=200, deadline=None)
@given(drawn(REPO_TAG).filter(lambda s: len(s) <= 200))
def test_reference_pattern_admits_only_parsable_references(ref: str) -> None:
    parsed = parse(ref, "registry.hub.docker.com", "library", default_tag=False)
    assert parsed.digest is None


@pytest.mark.parametrize("ref", ["Busybox", "a_b.c/d", "busybox\n", "x:t\u00e9", "-x", "a//b", "x:" + "t" * 129])
def test_reference_pattern_refuses_what_the_parser_refuses(ref: str) -> None:
    assert not re.search(REPO_TAG, ref)


@pytest.mark.parametrize("operation_id", ["ImageList", "VolumeList", "SystemEvents", "ContainerList", "NetworkList"])
def test_filters_pattern_admits_json_objects_of_lists(operation_id: str) -> None:
    pattern = param(operation_id, "filters")["pattern"]

    @settings(max_examples=25, deadline=None)
    @given(drawn(pattern))
    def check(raw: str) -> None:
        filters = parse_filters(raw)
        assert all(isinstance(v, list) for v in filters.values())

    check()


def test_filters_pattern_refuses_non_json_and_unknown_keys() -> None:
    pattern = param("ImageList", "filters")["pattern"]
    for raw in ["x", "{", '{"nope": []}', '{"dangling": ["maybe"]}', "[]", '{"label": "a"}']:
        assert not re.search(pattern, raw), raw
    for raw in ["", "{}", '{"label": ["a=b"]}', '{"dangling": {"true": true}}', '{"reference":["x*"]}\n']:
        assert re.search(pattern, raw), raw


@pytest.mark.parametrize("value,ok", [("0", True), ("65535", True), ("65536", False), ("-1", False), ("", False),
                                      ("80\n", False), ("1e3", False)])
def test_resize_dimension_pattern(value: str, ok: bool) -> None:
    assert bool(re.search(param("ContainerResize", "h")["pattern"], value)) is ok
