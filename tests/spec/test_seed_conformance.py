"""openapi/swagger.yml must say what the seed contract says, except where errata.yml says otherwise.

The seed markdown is parsed on its own (tests/spec/seed_parser.py); the spec is read as
YAML. Both are reduced to comparable facts -- operations, parameters (in, name, type,
format, items, enum, required, default), response codes and schemas, media types,
definitions, properties (type, format, items, enum, required, default, bounds, pattern,
example, nullability) -- and every difference must be covered by an entry of
openapi/errata.yml. An errata entry that covers no difference is stale and fails too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import seed_parser  # noqa: E402

SPEC_PATH = ROOT / "openapi" / "swagger.yml"
ERRATA_PATH = ROOT / "openapi" / "errata.yml"
KINDS = {"added", "removed", "retyped", "renamed"}
MISSING = object()


# ---------------------------------------------------------------- canonical forms


def seed_canon(c: Any, seed: seed_parser.Seed) -> Any:
    if c is None:
        return None
    kind, arg = c
    if kind == "inline":
        return ("object", tuple(sorted((p.name, seed_canon(p.schema, seed), p.required) for p in seed.inline[arg])))
    if kind in ("array", "map"):
        return (kind, seed_canon(arg, seed))
    return (kind, arg)


def spec_canon(s: dict[str, Any] | None) -> Any:
    if s is None:
        return None
    if "$ref" in s:
        return ("ref", s["$ref"].rsplit("/", 1)[1])
    t = s.get("type")
    if t == "array":
        return ("array", spec_canon(s["items"]))
    if "enum" in s:
        return ("enum", tuple(s["enum"]))
    if t == "object" and isinstance(s.get("additionalProperties"), dict):
        return ("map", spec_canon(s["additionalProperties"]))
    if t == "object" and "properties" in s:
        req = set(s.get("required", []))
        return ("object", tuple(sorted((n, spec_canon(p), n in req) for n, p in s["properties"].items())))
    return (t, s.get("format"))


def coerce_default(value: Any, canon: Any) -> Any:
    """swagger2markup prints boolean parameter defaults quoted (`"false"`)."""
    if canon and canon[0] == "boolean" and isinstance(value, str):
        return value == "true"
    return value


# ---------------------------------------------------------------- differences


def load() -> tuple[seed_parser.Seed, dict[str, Any]]:
    return seed_parser.parse(), yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def op_key(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def differences(seed: seed_parser.Seed, spec: dict[str, Any]) -> set[tuple[str, ...]]:
    diffs: set[tuple[str, ...]] = set()

    # global media types
    for field, seed_val in (("consumes", seed.consumes), ("produces", seed.produces)):
        if list(spec.get(field, [])) != seed_val:
            diffs.add(("media", "global", field, "changed"))

    spec_ops = {
        (m, p): o
        for p, ms in spec["paths"].items()
        for m, o in ms.items()
        if m in ("get", "post", "put", "delete", "patch", "head", "options")
    }
    for key in seed.operations.keys() - spec_ops.keys():
        diffs.add(("operation", op_key(*key), "missing"))
    for key in spec_ops.keys() - seed.operations.keys():
        diffs.add(("operation", op_key(*key), "added"))

    for key in seed.operations.keys() & spec_ops.keys():
        sop, op = seed.operations[key], spec_ops[key]
        ok = op_key(*key)
        # parameters
        seed_params = {(p.location, p.name): p for p in sop.params}
        spec_params = {(p["in"], p["name"]): p for p in op.get("parameters", [])}
        for loc, name in seed_params.keys() - spec_params.keys():
            diffs.add(("param", ok, loc, name, "missing"))
        for loc, name in spec_params.keys() - seed_params.keys():
            diffs.add(("param", ok, loc, name, "added"))
        for pk in seed_params.keys() & spec_params.keys():
            sp, p = seed_params[pk], spec_params[pk]
            want = seed_canon(sp.schema, seed)
            got = spec_canon(p["schema"] if p["in"] == "body" else p)
            if want != got:
                diffs.add(("param", ok, *pk, "type"))
            if sp.required != bool(p.get("required", False)):
                diffs.add(("param", ok, *pk, "required"))
            want_default = coerce_default(sp.default, want) if sp.has_default else MISSING
            if want_default != p.get("default", MISSING):
                diffs.add(("param", ok, *pk, "default"))
            for extra in ("pattern", "minimum", "maximum", "enum", "minLength", "maxLength"):
                if extra in p and extra != "enum":
                    diffs.add(("param", ok, *pk, extra))
        # responses
        spec_resp = {str(c): r for c, r in op["responses"].items()}
        for code in sop.responses.keys() - spec_resp.keys():
            diffs.add(("response", ok, code, "missing"))
        for code in spec_resp.keys() - sop.responses.keys():
            diffs.add(("response", ok, code, "added"))
        for code in sop.responses.keys() & spec_resp.keys():
            if seed_canon(sop.responses[code].schema, seed) != spec_canon(spec_resp[code].get("schema")):
                diffs.add(("response", ok, code, "schema"))
        # media types the seed states per operation
        for field, seed_val in (("consumes", sop.consumes), ("produces", sop.produces)):
            if seed_val and list(op.get(field, [])) != seed_val:
                diffs.add(("media", ok, field, "changed"))

    # definitions
    sdefs = spec["definitions"]
    for name in seed.definitions.keys() - sdefs.keys():
        diffs.add(("definition", name, "missing"))
    for name in sdefs.keys() - seed.definitions.keys():
        diffs.add(("definition", name, "added"))
    for name in seed.definitions.keys() & sdefs.keys():
        diffs |= definition_differences(seed, seed.definitions[name], sdefs[name], sdefs)
    return diffs


def definition_differences(
    seed: seed_parser.Seed, d: seed_parser.Definition, sd: dict[str, Any], sdefs: dict[str, Any]
) -> set[tuple[str, ...]]:
    diffs: set[tuple[str, ...]] = set()
    if sd.get("x-nullable"):
        diffs.add(("definition", d.name, "nullable"))
    seed_props = {p.name: p for p in d.props}
    if d.composition:
        if "allOf" not in sd:
            diffs.add(("definition", d.name, "composition"))
            return diffs
        bases = [part["$ref"].rsplit("/", 1)[1] for part in sd["allOf"] if "$ref" in part]
        own_parts = [part for part in sd["allOf"] if "$ref" not in part]
        for base in bases:
            base_names = {p.name for p in seed.definitions[base].props}
            if not base_names <= seed_props.keys():
                diffs.add(("definition", d.name, "composition"))
            for n in base_names:  # inherited: checked on the base definition itself
                seed_props.pop(n, None)
        spec_props: dict[str, Any] = {}
        required: set[str] = set()
        for part in own_parts:
            spec_props.update(part.get("properties", {}))
            required |= set(part.get("required", []))
    elif d.type_line is not None:
        want = seed_canon(d.type_line, seed)
        got = spec_canon({k: v for k, v in sd.items() if k != "properties"})
        if want != got:
            diffs.add(("definition", d.name, "type"))
        spec_props = sd.get("properties", {})
        required = set(sd.get("required", []))
    else:
        if sd.get("type") != "object" or "allOf" in sd:
            diffs.add(("definition", d.name, "type"))
        spec_props = sd.get("properties", {})
        required = set(sd.get("required", []))

    for n in seed_props.keys() - spec_props.keys():
        diffs.add(("property", d.name, n, "missing"))
    for n in spec_props.keys() - seed_props.keys():
        diffs.add(("property", d.name, n, "added"))
    for n in seed_props.keys() & spec_props.keys():
        sp, p = seed_props[n], spec_props[n]
        if seed_canon(sp.schema, seed) != spec_canon(p):
            diffs.add(("property", d.name, n, "type"))
        if sp.required != (n in required):
            diffs.add(("property", d.name, n, "required"))
        for extra in ("default", "minimum", "maximum", "minLength", "maxLength", "pattern", "example"):
            if sp.extras.get(extra, MISSING) != p.get(extra, MISSING):
                diffs.add(("property", d.name, n, extra))
        if p.get("x-nullable"):
            diffs.add(("property", d.name, n, "nullable"))
    return diffs


# ---------------------------------------------------------------- errata


def errata_entries() -> list[dict[str, Any]]:
    return yaml.safe_load(ERRATA_PATH.read_text(encoding="utf-8"))["errata"]


def targets(entry: dict[str, Any]) -> list[tuple[str, ...]]:
    """The difference keys (without the trailing aspect) an errata entry covers."""
    out: list[tuple[str, ...]] = []
    if "parameter" in entry:
        t = entry["parameter"]
        for op in t["operations"]:
            for name in t.get("names", [t.get("name")]):
                out.append(("param", op, t["in"], name))
    if "response" in entry:
        t = entry["response"]
        for op in t["operations"]:
            out.append(("response", op, str(t["code"])))
    if "property" in entry:
        t = entry["property"]
        for definition in t.get("definitions", [t.get("definition")]):
            for name in t.get("names", [t.get("name")]):
                out.append(("property", definition, name))
            if "to" in t:
                out.append(("property", definition, t["to"]))
    if "definition" in entry:
        out.append(("definition", entry["definition"]))
    if "operation" in entry:
        for op in entry["operation"]["operations"]:
            out.append(("operation", op))
    if "media" in entry:
        t = entry["media"]
        for op in t["operations"]:
            out.append(("media", op, t["field"]))
    return out


def _aspects_for(kind: str) -> set[str] | None:
    return {"added": {"added"}, "removed": {"missing"}, "renamed": {"missing", "added"}}.get(kind)


def covered(diff: tuple[str, ...], entries: list[dict[str, Any]]) -> list[str]:
    key, aspect = diff[:-1], diff[-1]
    hits = []
    for e in entries:
        allowed = _aspects_for(e["kind"])
        if key in targets(e) and (
            allowed is None and aspect not in ("added", "missing") or allowed is not None and aspect in allowed
        ):
            hits.append(e["id"])
    return hits


# ---------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def loaded() -> tuple[seed_parser.Seed, dict[str, Any]]:
    return load()


def test_seed_parses_completely(loaded: Any) -> None:
    seed, _ = loaded
    text = seed_parser.seed_path().read_text(encoding="utf-8")
    assert len(seed.operations) == seed.raw_operation_count == 52
    assert len(seed.definitions) == seed.raw_definition_count
    # every property row of every definition table was read
    defs_part = text.split('<a name="definitions"></a>')[1]
    rows = len(re.findall(r"^\|\*\*", defs_part, re.M))
    inline_def_rows = len(seed.inline["imageinfo-rootfs"])
    assert rows == sum(len(d.props) for d in seed.definitions.values()) + inline_def_rows
    assert {"containerwait-response-200", "imageinfo-rootfs"} <= seed.inline.keys()
    assert len(seed.definitions["ContainerConfig"].props) == 34
    assert len(seed.definitions["HostConfig"].props) == 76


def test_errata_entries_are_well_formed() -> None:
    ids = set()
    for e in errata_entries():
        assert e["id"] not in ids, f"duplicate errata id {e['id']}"
        ids.add(e["id"])
        assert e["kind"] in KINDS, e
        assert e.get("reason", "").strip(), f"errata {e['id']} has no reason"
        assert targets(e), f"errata {e['id']} names no target"
        if e["kind"] == "renamed":
            assert "to" in e.get("property", {}), e


def test_spec_matches_seed_except_errata(loaded: Any) -> None:
    seed, spec = loaded
    entries = errata_entries()
    uncovered = sorted(d for d in differences(seed, spec) if not covered(d, entries))
    assert not uncovered, "spec differs from the seed without an errata entry:\n" + "\n".join(map(str, uncovered))


def test_no_stale_errata(loaded: Any) -> None:
    seed, spec = loaded
    diffs = differences(seed, spec)
    stale = []
    for e in errata_entries():
        allowed = _aspects_for(e["kind"])
        for t in targets(e):
            matching = [
                d
                for d in diffs
                if d[:-1] == t and (d[-1] in allowed if allowed is not None else d[-1] not in ("added", "missing"))
            ]
            if not matching:
                stale.append(f"{e['id']}: {t} ({e['kind']}) matches no difference")
    assert not stale, "stale errata entries:\n" + "\n".join(stale)
