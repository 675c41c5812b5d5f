#!/usr/bin/env python3
"""Build openapi/swagger.yml from the seed contract plus the deliberate errata.

    python tools/seed_to_swagger.py            # write openapi/swagger.yml
    python tools/seed_to_swagger.py --check    # exit 1 if openapi/swagger.yml is stale

The seed markdown (swagger2markup output) is the contract; this tool turns it back into
Swagger 2.0 so that every operation, parameter, response, definition, property,
description, default, example and bound comes from the seed verbatim. Everything the
seed does not say (operationIds, tags, per-operation produces, composition split) and
every deliberate deviation lives in `fixups()` below; each deviation is listed in
openapi/ERRATA.md and, machine-readably, in openapi/errata.yml (which the seed
conformance test checks against the result).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "spec"))

import seed_parser  # noqa: E402

SWAGGER = ROOT / "openapi" / "swagger.yml"

OPERATION_IDS = {
    ("get", "/_ping"): "SystemPing",
    ("post", "/auth"): "SystemAuth",
    ("post", "/commit"): "ImageCommit",
    ("post", "/containers/create"): "ContainerCreate",
    ("get", "/containers/json"): "ContainerList",
    ("delete", "/containers/{id}"): "ContainerRemove",
    ("post", "/containers/{id}/attach"): "ContainerAttach",
    ("post", "/containers/{id}/checkpoints"): "ContainerCheckpointCreate",
    ("get", "/containers/{id}/checkpoints"): "ContainerCheckpointList",
    ("delete", "/containers/{id}/checkpoints/{checkpointId}"): "ContainerCheckpointDelete",
    ("post", "/containers/{id}/exec"): "ContainerExec",
    ("get", "/containers/{id}/json"): "ContainerInspect",
    ("get", "/containers/{id}/logs"): "ContainerLogs",
    ("post", "/containers/{id}/pause"): "ContainerPause",
    ("post", "/containers/{id}/rename"): "ContainerRename",
    ("post", "/containers/{id}/resize"): "ContainerResize",
    ("post", "/containers/{id}/restart"): "ContainerRestart",
    ("post", "/containers/{id}/start"): "ContainerStart",
    ("get", "/containers/{id}/stats"): "ContainerStats",
    ("post", "/containers/{id}/stop"): "ContainerStop",
    ("get", "/containers/{id}/top"): "ContainerTop",
    ("post", "/containers/{id}/unpause"): "ContainerUnpause",
    ("post", "/containers/{id}/update"): "ContainerUpdate",
    ("post", "/containers/{id}/upgrade"): "ContainerUpgrade",
    ("post", "/containers/{id}/wait"): "ContainerWait",
    ("post", "/daemon/update"): "DaemonUpdate",
    ("get", "/events"): "SystemEvents",
    ("get", "/exec/{id}/json"): "ExecInspect",
    ("post", "/exec/{id}/resize"): "ExecResize",
    ("post", "/exec/{id}/start"): "ExecStart",
    ("post", "/images/create"): "ImageCreate",
    ("get", "/images/json"): "ImageList",
    ("post", "/images/load"): "ImageLoad",
    ("get", "/images/save"): "ImageSave",
    ("get", "/images/search"): "ImageSearch",
    ("delete", "/images/{imageid}"): "ImageDelete",
    ("get", "/images/{imageid}/history"): "ImageHistory",
    ("get", "/images/{imageid}/json"): "ImageInspect",
    ("post", "/images/{imageid}/push"): "ImagePush",
    ("post", "/images/{imageid}/tag"): "ImageTag",
    ("get", "/info"): "SystemInfo",
    ("get", "/networks"): "NetworkList",
    ("post", "/networks/create"): "NetworkCreate",
    ("get", "/networks/{id}"): "NetworkInspect",
    ("delete", "/networks/{id}"): "NetworkDelete",
    ("post", "/networks/{id}/connect"): "NetworkConnect",
    ("post", "/networks/{id}/disconnect"): "NetworkDisconnect",
    ("get", "/version"): "SystemVersion",
    ("get", "/volumes"): "VolumeList",
    ("post", "/volumes/create"): "VolumeCreate",
    ("get", "/volumes/{id}"): "VolumeInspect",
    ("delete", "/volumes/{id}"): "VolumeDelete",
}

# The seed flattens composed definitions; these are the parts they are made of
# (the anchors' "Polymorphism: Composition" tells which are composed). Order = allOf order.
COMPOSITION = {
    "ContainerCreateConfig": ["ContainerConfig", None],
    "HostConfig": [None, "Resources"],
    "UpdateConfig": ["Resources", None],
    "NetworkCreateConfig": [None, "NetworkCreate"],
}

# Response media types the seed leaves to the global list (see ERRATA: media-types).
PRODUCES = {
    "SystemPing": ["text/plain"],
    "ContainerLogs": ["application/vnd.raw-stream"],
}


def tag_for(path: str, op_id: str) -> str:
    if op_id.startswith("Exec") or op_id == "ContainerExec":
        return "Exec"
    for prefix, tag in (
        ("/containers", "Container"),
        ("/images", "Image"),
        ("/commit", "Image"),
        ("/networks", "Network"),
        ("/volumes", "Volume"),
    ):
        if path.startswith(prefix):
            return tag
    return "System"


# ---------------------------------------------------------------- seed -> swagger


def schema_of(canon: Any, seed: seed_parser.Seed) -> dict[str, Any]:
    kind, arg = canon
    if kind == "ref":
        return {"$ref": f"#/definitions/{arg}"}
    if kind == "inline":
        return object_of(seed.inline[arg], seed)
    if kind == "array":
        return {"type": "array", "items": schema_of(arg, seed)}
    if kind == "map":
        return {"type": "object", "additionalProperties": schema_of(arg, seed)}
    if kind == "enum":
        return {"type": "string", "enum": list(arg)}
    out: dict[str, Any] = {"type": kind}
    if arg:
        out["format"] = arg
    return out


def prop_schema(p: seed_parser.Prop, seed: seed_parser.Seed) -> dict[str, Any]:
    base = schema_of(p.schema, seed)
    out: dict[str, Any] = {}
    if p.description:
        out["description"] = p.description
    out.update(base)
    for key in ("default", "minimum", "maximum", "minLength", "maxLength", "pattern", "example"):
        if key in p.extras:
            out[key] = p.extras[key]
    return out


def object_of(props: list[seed_parser.Prop], seed: seed_parser.Seed, description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if description:
        out["description"] = description
    out["type"] = "object"
    required = [p.name for p in props if p.required]
    if required:
        out["required"] = required
    if props:
        out["properties"] = {p.name: prop_schema(p, seed) for p in props}
    return out


def definition_of(d: seed_parser.Definition, seed: seed_parser.Seed) -> dict[str, Any]:
    if d.type_line is not None:
        out: dict[str, Any] = {}
        if d.description:
            out["description"] = d.description
        out.update(schema_of(d.type_line, seed))
        return out
    if not d.composition:
        return object_of(d.props, seed, d.description)
    parts = []
    for base in COMPOSITION[d.name]:
        if base is not None:
            parts.append({"$ref": f"#/definitions/{base}"})
    for idx, base in enumerate(COMPOSITION[d.name]):
        if base is None:
            others = {p.name for b in COMPOSITION[d.name] if b for p in seed.definitions[b].props}
            own = [p for p in d.props if p.name not in others]
            parts.insert(idx, object_of(own, seed))
    out = {"description": d.description, "type": "object", "allOf": parts}
    return out


def param_of(p: seed_parser.Param, seed: seed_parser.Seed) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "in": p.location}
    if p.description:
        out["description"] = p.description
    out["required"] = p.required
    schema = schema_of(p.schema, seed)
    if p.location == "body":
        out["schema"] = schema
    else:
        out.update(schema)
        if p.has_default:
            default = p.default
            if schema.get("type") == "boolean" and isinstance(default, str):
                default = default == "true"  # swagger2markup quotes boolean defaults
            out["default"] = default
    return out


def build(seed: seed_parser.Seed) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "swagger": "2.0",
        "info": {
            "title": "Pouch Engine API",
            "version": seed.info_version,
            "description": "API is an HTTP API served by Pouch Engine.\n",
        },
        "basePath": seed.base_path,
        "schemes": ["http", "https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "tags": [{"name": t} for t in ("Container", "Exec", "Image", "Network", "Volume", "System")],
        "paths": {},
        "definitions": {},
    }
    for (method, path), op in seed.operations.items():
        op_id = OPERATION_IDS[(method, path)]
        o: dict[str, Any] = {}
        if op.summary:
            o["summary"] = op.summary
        if op.description:
            o["description"] = op.description
        o["operationId"] = op_id
        o["tags"] = [tag_for(path, op_id)]
        if op.consumes:
            o["consumes"] = list(op.consumes)
        o["produces"] = PRODUCES.get(op_id) or list(op.produces) or ["application/json"]
        if op.params:
            # path parameters first, then the seed's order
            ordered = sorted(op.params, key=lambda p: p.location != "path")
            o["parameters"] = [param_of(p, seed) for p in ordered]
        o["responses"] = {}
        for code, r in op.responses.items():
            resp: dict[str, Any] = {"description": r.description}
            if r.schema is not None:
                resp["schema"] = schema_of(r.schema, seed)
            example = op.examples.get(f"Response {code}")
            if example is not None:
                mime = "text/plain" if o["produces"] == ["text/plain"] and code.startswith("2") else "application/json"
                resp["examples"] = {mime: example}
            o["responses"][code] = resp
        if "Request body" in op.examples:
            body = next(p for p in o["parameters"] if p["in"] == "body")
            body["x-examples"] = {"application/json": op.examples["Request body"]}
        spec["paths"].setdefault(path, {})[method] = o
    for name, d in seed.definitions.items():
        spec["definitions"][name] = definition_of(d, seed)
    return spec


# ---------------------------------------------------------------- deliberate deviations

ERROR_REF = {"$ref": "#/definitions/Error"}


def _op(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def _add_response(op: dict[str, Any], code: str, description: str, schema: bool = True) -> None:
    resp: dict[str, Any] = {"description": description}
    if schema:
        resp["schema"] = dict(ERROR_REF)
    op["responses"][code] = resp
    op["responses"] = dict(sorted(op["responses"].items()))


def _props(spec: dict[str, Any], definition: str) -> dict[str, Any]:
    d = spec["definitions"][definition]
    if "allOf" in d:
        own = [part for part in d["allOf"] if "properties" in part]
        return own[0]["properties"]
    return d["properties"]


def fixups(spec: dict[str, Any]) -> None:  # noqa: C901 - a flat list of errata, one block each
    """Apply every deviation listed in openapi/ERRATA.md (ids match openapi/errata.yml)."""
    # restart-name: `name` copy-pasted from rename; no client sends it.
    op = _op(spec, "post", "/containers/{id}/restart")
    op["parameters"] = [p for p in op["parameters"] if p["name"] != "name"]

    # networks-list-array
    _op(spec, "get", "/networks")["responses"]["200"]["schema"] = {
        "type": "array",
        "items": {"$ref": "#/definitions/NetworkResource"},
    }

    # cpustats-system-cpu-usage
    cpu = spec["definitions"]["CPUStats"]["properties"]
    cpu_new = {}
    for k, v in cpu.items():
        cpu_new["system_cpu_usage" if k == "syetem_cpu_usage" else k] = v
    spec["definitions"]["CPUStats"]["properties"] = cpu_new

    # image-search-params
    op = _op(spec, "get", "/images/search")
    op["description"] = "Search for an image on a registry."
    op["parameters"] = [
        {"name": "term", "in": "query", "description": "Term to search", "required": True, "type": "string"},
        {
            "name": "registry",
            "in": "query",
            "description": "Search images from specified registry",
            "required": False,
            "type": "string",
        },
    ]

    # logs-since-until-string: Docker and Pouch CLIs send `<seconds>.<nanoseconds>`.
    for p in _op(spec, "get", "/containers/{id}/logs")["parameters"]:
        if p["name"] in ("since", "until"):
            p["type"] = "string"
            p.pop("default", None)
            p["description"] += " (integer seconds, or `<seconds>.<nanoseconds>` as the Docker and Pouch CLIs send it)"

    # imageid-path-format: image references contain `/` (registry/repo:tag).
    for methods in spec["paths"].values():
        for o in methods.values():
            for p in o.get("parameters", []):
                if p["in"] == "path" and p["name"] == "imageid":
                    p["format"] = "path"

    # commit-query: the container to commit and Docker's commit options are query parameters.
    op = _op(spec, "post", "/commit")
    body = op["parameters"][0]
    body["required"] = False
    op["parameters"] = [
        {
            "name": "container",
            "in": "query",
            "description": "ID or name of the container to commit",
            "required": True,
            "type": "string",
        },
        {
            "name": "repo",
            "in": "query",
            "description": "Repository name for the created image",
            "required": False,
            "type": "string",
        },
        {
            "name": "tag",
            "in": "query",
            "description": "Tag name for the created image",
            "required": False,
            "type": "string",
        },
        {"name": "comment", "in": "query", "description": "Commit message", "required": False, "type": "string"},
        {"name": "author", "in": "query", "description": "Author of the image", "required": False, "type": "string"},
        {
            "name": "pause",
            "in": "query",
            "description": "Whether to pause the container before committing",
            "required": False,
            "type": "boolean",
            "default": True,
        },
        body,
    ]

    # remove-volumes-param
    op = _op(spec, "delete", "/containers/{id}")
    op["parameters"].append(
        {
            "name": "v",
            "in": "query",
            "description": "Remove anonymous volumes associated with the container.",
            "required": False,
            "type": "boolean",
            "default": False,
        }
    )

    # container-name-pattern
    name_pattern = "^/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$"
    for method, path in (("post", "/containers/create"), ("post", "/containers/{id}/rename")):
        for p in _op(spec, method, path)["parameters"]:
            if p["name"] == "name":
                p["pattern"] = name_pattern

    # responses: stop-304, conflict-409, missing-500, checkpoint-list-array
    _add_response(_op(spec, "post", "/containers/{id}/stop"), "304", "container already stopped", schema=False)
    for method, path, why in (
        ("delete", "/containers/{id}", "container is running and force is not set"),
        ("post", "/containers/{id}/pause", "container is not running or already paused"),
        ("post", "/containers/{id}/unpause", "container is not paused"),
        ("delete", "/images/{imageid}", "image is in use by a container and force is not set"),
        ("delete", "/volumes/{id}", "volume is in use by a container"),
    ):
        _add_response(_op(spec, method, path), "409", why)
    for method, path in (
        ("post", "/containers/{id}/checkpoints"),
        ("get", "/containers/{id}/checkpoints"),
        ("post", "/exec/{id}/start"),
    ):
        _add_response(_op(spec, method, path), "500", "An unexpected server error occurred.")
    _op(spec, "get", "/containers/{id}/checkpoints")["responses"]["200"]["schema"] = {
        "type": "array",
        "items": {"$ref": "#/definitions/Checkpoint"},
    }

    # bad-request-400: the server answers any schema violation with 400 {"message"}.
    for methods in spec["paths"].values():
        for o in methods.values():
            if o.get("parameters") and "400" not in o["responses"]:
                _add_response(o, "400", "bad parameter")

    # media types
    op = _op(spec, "post", "/images/create")
    op["consumes"] = ["application/octet-stream", "text/plain", "application/x-tar"]
    body = next(p for p in op["parameters"] if p["in"] == "body")
    body["schema"] = {"type": "string", "format": "binary"}

    # hostname-any-string: Docker clients send "Hostname": "" on every create.
    for definition in ("ContainerConfig",):
        prop = _props(spec, definition)["Hostname"]
        prop.pop("format", None)
        prop.pop("minLength", None)

    # cpuperiod-zero: Docker clients send 0 (= unset) for CpuPeriod.
    _props(spec, "Resources")["CpuPeriod"].pop("minimum")

    # empty-enum-values: Docker clients send "" for unset Isolation and LogConfig.Type.
    _props(spec, "HostConfig")["Isolation"]["enum"].append("")
    spec["definitions"]["LogConfig"]["properties"]["Type"]["enum"].append("")

    # networking-config-endpoints
    spec["definitions"]["NetworkingConfig"]["properties"] = {
        "EndpointsConfig": {
            "description": "A mapping of network name to endpoint configuration for that network.",
            "type": "object",
            "additionalProperties": {"$ref": "#/definitions/EndpointSettings"},
        }
    }

    # nullable-request-collections: Go clients encode nil slices/maps/pointers as null.
    for definition, names in NULLABLE.items():
        props = _props(spec, definition)
        for name in names:
            props[name]["x-nullable"] = True
    spec["definitions"]["EndpointIPAMConfig"]["x-nullable"] = True

    # optional-json-body: connexion treats a missing optional JSON body as null and rejects it
    # unless the body parameter is x-nullable; this only spells out the seed's "optional".
    for methods in spec["paths"].values():
        for o in methods.values():
            for p in o.get("parameters", []):
                if p["in"] == "body" and not p["required"] and "$ref" in p["schema"]:
                    p["x-nullable"] = True

    # example-listen-addresses: the seed's example is a list of lists for a list of strings.
    info = spec["definitions"]["SystemInfo"]["properties"]["ListenAddresses"]
    info["example"] = [a for sub in info["example"] for a in sub]


def _nullable_defaults(seed: seed_parser.Seed) -> dict[str, list[str]]:
    """Array/map properties of request-body definitions, plus Go pointer scalars."""
    defs = [
        "ContainerConfig",
        "HostConfig",
        "Resources",
        "UpdateConfig",
        "NetworkingConfig",
        "EndpointSettings",
        "EndpointIPAMConfig",
        "NetworkCreate",
        "IPAM",
        "IPAMConfig",
        "ExecCreateConfig",
        "VolumeCreateConfig",
        "LogConfig",
        "ContainerUpgradeConfig",
        "DaemonUpdateConfig",
    ]
    out: dict[str, list[str]] = {}
    for name in defs:
        d = seed.definitions[name]
        props = d.props
        if d.composition:
            others = {p.name for b in COMPOSITION[name] if b for p in seed.definitions[b].props}
            props = [p for p in props if p.name not in others]
        names = [p.name for p in props if p.schema and p.schema[0] in ("array", "map")]
        if name == "Resources":
            names += ["MemorySwappiness", "OomKillDisable", "PidsLimit"]
        if name == "NetworkingConfig":
            names = ["EndpointsConfig"]
        if names:
            out[name] = names
    return out


NULLABLE: dict[str, list[str]] = {}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # never emit &anchors / *aliases
        return True


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_representer)

HEADER = """\
# Pouch Engine API v1.24 -- Swagger 2.0.
# GENERATED by tools/seed_to_swagger.py from the seed contract
# (shared/seed/pouch-engine-api-1.24.md); deliberate deviations: openapi/ERRATA.md.
# Do not edit by hand: change the tool (fixups) and openapi/errata.yml, then rerun it.
"""


def render() -> str:
    seed = seed_parser.parse()
    NULLABLE.clear()
    NULLABLE.update(_nullable_defaults(seed))
    spec = build(seed)
    fixups(spec)
    body = yaml.dump(spec, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return HEADER + body


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if not SWAGGER.exists() or SWAGGER.read_text(encoding="utf-8") != text:
            print("openapi/swagger.yml is stale: run tools/seed_to_swagger.py", file=sys.stderr)
            return 1
        return 0
    SWAGGER.parent.mkdir(parents=True, exist_ok=True)
    SWAGGER.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
