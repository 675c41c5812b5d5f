"""schemathesis hooks and checks (SCHEMATHESIS_HOOKS=tests.conformance.hooks).

* GET /events streams until ``until``: a fuzzed request without one (or with one far
  ahead) would hold the connection open, so each case ends a moment from now; values
  that are not timestamps are kept (they must still be answered 400).
* Streaming operations (events, stats, pull/push progress) answer one JSON document per
  line; ``json_lines_conformance`` validates every line against the 200 schema.
"""

from __future__ import annotations

import json
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import schemathesis
import yaml

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "swagger.yml"
JSON_LINES_OPERATIONS = {"SystemEvents", "ContainerStats", "ImageCreate", "ImagePush", "ImageLoad"}


@schemathesis.hook
def before_call(context: Any, case: Any, **kwargs: Any) -> None:
    if case.operation.path == "/events" and case.method.upper() == "GET":
        query = dict(case.query or {})
        soon = int(time.time()) + 1
        until = str(query.get("until", ""))
        # A valid `until` in the future streams until then: cap it so the case ends.
        if not until or (until.split(".")[0].isdigit() and float(until) > soon):
            query["until"] = str(soon)
        case.query = query


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    return dict(yaml.safe_load(SPEC.read_text()))


def _line_schema(operation_id: str) -> dict[str, Any] | None:
    spec = _spec()
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                schema = op.get("responses", {}).get("200", {}).get("schema")
                if schema is None:
                    return None
                return {**schema, "definitions": spec["definitions"]}
    return None


@schemathesis.check
def json_lines_conformance(ctx: Any, response: Any, case: Any) -> bool | None:
    op_id = case.operation.definition.raw.get("operationId")
    if op_id not in JSON_LINES_OPERATIONS or response.status_code != 200:
        return None
    schema = _line_schema(op_id)
    for n, line in enumerate(response.content.splitlines(), 1):
        if not line.strip():
            continue
        doc = json.loads(line)  # raises: not a JSON line
        if schema is not None:
            try:
                jsonschema.Draft4Validator(schema).validate(doc)
            except jsonschema.ValidationError as exc:
                raise AssertionError(f"line {n} does not match the {op_id} schema: {exc.message}") from None
    return True
