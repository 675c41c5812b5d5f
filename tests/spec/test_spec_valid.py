"""openapi/swagger.yml is a valid Swagger 2.0 document that connexion and the generator accept."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "swagger.yml"

from tests.spec.operation_ids import OPERATION_IDS, SEED_OPERATION_IDS  # noqa: E402

METHODS = ("get", "post", "put", "delete", "patch", "head", "options")
TAGS = {"Container", "Exec", "Image", "Network", "Volume", "System"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, o) for p, ms in spec["paths"].items() for m, o in ms.items() if m in METHODS]


def test_openapi_spec_validator(spec: dict[str, Any]) -> None:
    validate(spec)


def test_header(spec: dict[str, Any]) -> None:
    assert spec["swagger"] == "2.0"
    assert spec["info"]["version"] == "1.24"
    assert spec["basePath"] == "/v1.24"
    assert spec["schemes"] == ["http", "https"]
    assert spec["consumes"] == ["application/json"]
    assert spec["produces"] == ["application/json"]


def test_exactly_the_52_operation_ids_and_the_added_ones(spec: dict[str, Any]) -> None:
    ids = {(m, p): o.get("operationId") for m, p, o in operations(spec)}
    assert len(SEED_OPERATION_IDS) == 52
    assert ids == OPERATION_IDS
    assert len(set(ids.values())) == len(OPERATION_IDS)


def test_every_operation_has_explicit_produces_and_a_tag(spec: dict[str, Any]) -> None:
    for m, p, o in operations(spec):
        assert o.get("produces"), f"{m.upper()} {p} has no produces"
        assert len(o.get("tags", [])) == 1 and o["tags"][0] in TAGS, f"{m.upper()} {p} tags"


def test_media_types(spec: dict[str, Any]) -> None:
    ops = {(m, p): o for m, p, o in operations(spec)}
    text = [k for k, o in ops.items() if "text/plain" in o["produces"]]
    assert text == [("get", "/_ping")] and ops[("get", "/_ping")]["produces"] == ["text/plain"]
    raw = (("post", "/containers/{id}/attach"), ("post", "/exec/{id}/start"), ("get", "/containers/{id}/logs"))
    # Errors come before any stream starts, as {"message"} JSON (errata error-json-on-binary-operations).
    for key in raw:
        assert ops[key]["produces"] == ["application/vnd.raw-stream", "application/json"], key
    assert ops[("get", "/images/save")]["produces"] == ["application/x-tar", "application/json"]
    assert ops[("post", "/images/load")]["consumes"] == ["application/x-tar"]
    tar_import = ["application/octet-stream", "text/plain", "application/x-tar"]
    assert ops[("post", "/images/create")]["consumes"] == tar_import


def test_path_parameters_match_templates(spec: dict[str, Any]) -> None:
    for m, p, o in operations(spec):
        template = set(re.findall(r"{(\w+)}", p))
        declared = {x["name"] for x in o.get("parameters", []) if x["in"] == "path"}
        assert template == declared, f"{m.upper()} {p}: {template} != {declared}"
        for x in o.get("parameters", []):
            if x["in"] == "path":
                assert x["required"] is True


def test_query_booleans_are_boolean(spec: dict[str, Any]) -> None:
    for m, p, o in operations(spec):
        for x in o.get("parameters", []):
            if "default" in x and isinstance(x["default"], bool):
                assert x["type"] == "boolean", (m, p, x["name"])


def test_no_generator_hostile_constructs(spec: dict[str, Any]) -> None:
    """DESIGN.md section 3: no enum-of-{} additionalProperties, refs only to definitions."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            ap = node.get("additionalProperties")
            if isinstance(ap, dict):
                assert "enum" not in ap, where
            ref = node.get("$ref")
            if ref is not None:
                assert ref.startswith("#/definitions/"), f"{where}: {ref}"
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")

    walk(spec, "#")


def test_composition_kept(spec: dict[str, Any]) -> None:
    defs = spec["definitions"]

    def refs(name: str) -> list[str]:
        return [x["$ref"].rsplit("/", 1)[1] for x in defs[name]["allOf"] if "$ref" in x]

    assert refs("ContainerCreateConfig") == ["ContainerConfig"]
    own = next(x for x in defs["ContainerCreateConfig"]["allOf"] if "properties" in x)
    # Image is restated there with minLength 1 (errata create-image-non-empty)
    assert set(own["properties"]) == {"HostConfig", "NetworkingConfig", "Image"}
    assert refs("HostConfig") == ["Resources"]
    assert refs("UpdateConfig") == ["Resources"]
    assert refs("NetworkCreateConfig") == ["NetworkCreate"]


def test_connexion_loads_the_spec() -> None:
    code = (
        "import connexion\n"
        "app = connexion.AsyncApp(__name__)\n"
        f"app.add_api({str(SPEC_PATH)!r}, resolver_error=501)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
