"""How the server reads a request: as pouchd reads it, or (``--strict-requests``) to the letter.

The one place that decides what a request means (server/dispatch.py calls it for every
operation, between routing and the handler). Each operation's reader is
compiled once, at start-up, from the spec: which parameters exist, their types and validators,
what the body is. The spec still checks the *content* of every request in both modes (a wrong
type or a value outside a pattern is a 400); the modes differ only in the *form* they accept.

Default, as pouchd and dockerd read requests (Go's net/http and encoding/json):
- Content-Type is not consulted: a JSON body is JSON whatever the header says (the pouch CLI
  sends none), a tar is a tar (``application/tar``, ``text/plain``...), and a body-less POST
  may carry any type (docker's client puts ``text/plain`` on every one).
- A body may come with Content-Length or chunked; only its bytes count.
- Query parameters the operation does not know are ignored; of a repeated one the first value
  counts (``FormValue``), except for an array parameter (``collectionFormat: multi``: docker's
  repeated ``changes``, ``names``), which takes every value in order; an empty value is an absent one; booleans read as
  ``httputils.BoolValue`` reads them (``1``/``0``, ``true``/``false`` in any case, ``yes``/``no``,
  ``none``); a form-encoded body of a body-less operation counts as parameters and wins over
  the query, as ``FormValue`` makes it.
- JSON bodies are decoded as :mod:`server.gojson` describes (keys matched case-insensitively,
  unknown keys ignored, ``null`` as the zero value); data after the first JSON value is ignored,
  as ``json.Decoder.Decode`` stops there.

Strict, for teams that contract-test a client against the spec: an undeclared query parameter,
a body whose Content-Type the operation does not consume, a body on an operation that takes
none, a key the schema does not spell so, and data after the JSON document are each refused with
a 400 that names the deviation.

What the handler then receives is the canonical request as its arguments: known parameters only,
typed (spec defaults for absent ones), and the JSON body with the spec's key spelling. Limits
hold in both modes: a JSON body over :data:`server.limits.MAX_JSON_BODY` is a 413, one nested
deeper than ``MAX_JSON_DEPTH`` a 400.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connexion.datastructures import MediaTypeDict
from connexion.decorators.parameter import pythonic
from connexion.exceptions import BadRequestProblem
from connexion.json_schema import Draft4RequestValidator, format_error_with_path
from connexion.operations import AbstractOperation
from jsonschema import Draft4Validator, ValidationError
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope

from server import gojson
from server.limits import MAX_JSON_BODY, MAX_JSON_DEPTH, json_depth_exceeds

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# httputils.BoolValue: these are false, anything else true. We take the words that say "true"
# and refuse the rest: a value that means nothing is a client's mistake, not a yes.
_GO_FALSE = frozenset({"", "0", "no", "false", "none", "f"})
_GO_TRUE = frozenset({"1", "true", "yes", "t"})
# What the strict reading accepts: strconv.ParseBool's spellings (what the spec's clients send).
_STRICT_BOOLS = {
    **dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
    **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False),
}
_INTEGER = re.compile(r"[+-]?[0-9]+")  # strconv.Atoi: Go's int is 64 bits here
_INT64 = (-(1 << 63), (1 << 63) - 1)
_PARAM_KEYWORDS = (
    "type",
    "format",
    "pattern",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "multipleOf",
    "x-nullable",
    "items",
    "minItems",
    "maxItems",
)


def _bad(message: str) -> BadRequestProblem:
    return BadRequestProblem(detail=message)


@dataclass(frozen=True)
class _Param:
    name: str
    location: str  # "query" | "path" | "header"
    type: str
    required: bool
    check: Callable[[Any], None]


def _compile_param(p: dict[str, Any]) -> _Param:
    schema = {k: v for k, v in p.items() if k in _PARAM_KEYWORDS}
    validator = Draft4RequestValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    where, name = p["in"], p["name"]

    def check(value: Any) -> None:
        error = next(iter(validator.iter_errors(value)), None)
        if error is not None:
            raise _bad(f"invalid {where} parameter {name}: {error.message}")

    return _Param(name, where, p.get("type", "string"), bool(p.get("required")), check)


def _coerce(param: _Param, raw: str, strict: bool) -> Any:
    """A query or header string as the handler will receive it."""
    if param.type == "boolean":
        if strict:
            if raw not in _STRICT_BOOLS:
                raise _bad(f"invalid query parameter {param.name}: {raw!r} is not a boolean")
            return _STRICT_BOOLS[raw]
        word = raw.strip().lower()
        if word in _GO_FALSE:
            return False
        if word in _GO_TRUE:
            return True
        raise _bad(f"invalid query parameter {param.name}: {raw!r} is not a boolean (1/0, true/false, yes/no)")
    if param.type == "integer":
        if not _INTEGER.fullmatch(raw) or not _INT64[0] <= int(raw) <= _INT64[1]:
            raise _bad(f"invalid query parameter {param.name}: {raw!r} is not a 64-bit integer")
        return int(raw)
    if param.type == "number":
        try:
            return float(raw)
        except ValueError:
            raise _bad(f"invalid query parameter {param.name}: {raw!r} is not a number") from None
    return raw


class OperationReader:
    """Reads one operation's requests into its handler's arguments; built once per operation
    from the spec (connexion's parsed operation: parameters and body with $refs resolved)."""

    def __init__(self, operation: AbstractOperation, strict: bool) -> None:
        self.strict = strict
        self.operation_id = operation.operation_id
        params = [p for p in operation.parameters if p["in"] in ("query", "path", "header")]
        self.query = {p["name"]: _compile_param(p) for p in params if p["in"] == "query"}
        self.path = [_compile_param(p) for p in params if p["in"] == "path"]
        self.headers = [_compile_param(p) for p in params if p["in"] == "header"]
        # Handler arguments are the parameters' pythonic names (``all`` -> ``all_``), as connexion names them.
        self.names = {p["name"]: pythonic(p["name"]) for p in params}
        self.defaults = {self.names[p["name"]]: p["default"] for p in params if p["in"] == "query" and "default" in p}
        body = operation.body_definition() if operation.is_request_body_defined else {}
        schema = body.get("schema") or {}
        self.has_body = bool(body)
        self.body_name = pythonic(body["name"]) if body else None
        self.binary_body = self.has_body and schema.get("type") == "string"
        self.body_required = bool(body.get("required"))
        self.consumes = list(operation.consumes or [JSON])
        self.consumed = MediaTypeDict([(c.lower(), None) for c in self.consumes])
        self.body_shape = gojson.compile_shape(schema) if self.has_body and not self.binary_body else None
        self.body_validator = (
            Draft4RequestValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
            if self.body_shape is not None
            else None
        )

    async def read(self, scope: Scope, path_values: dict[str, str], receive: Receive) -> tuple[dict[str, Any], Receive]:
        """The handler's arguments, and the receive channel it may still read (a binary body)."""
        headers = scope.get("headers") or []
        mime = _media_type(headers)
        form: list[tuple[str, str]] = []
        if not self.has_body and mime == FORM and not self.strict:
            raw, receive = await _read_body(receive, MAX_JSON_BODY)
            form = urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        kwargs = dict(self.defaults)
        self._read_query(scope.get("query_string") or b"", form, kwargs)
        for param in self.path:
            value = path_values.get(param.name)
            if value is None:
                raise _bad(f"missing path parameter {param.name}")
            param.check(value)
            kwargs[self.names[param.name]] = value
        self._check_headers(headers)
        if self.body_shape is not None:
            assert self.body_name is not None
            kwargs[self.body_name], receive = await self._read_json_body(mime, receive)
        elif self.binary_body:
            # The handler streams the raw bytes from ``receive``, whatever the client called them.
            self._check_media_type(mime, has_body=_announces_body(headers))
        elif self.strict and _announces_body(headers):
            raw, receive = await _read_body(receive, MAX_JSON_BODY)
            if raw:
                raise _bad(f"{self.operation_id} takes no request body")
        return kwargs, receive

    # -- parameters ----------------------------------------------------------------------
    def _read_query(self, raw: bytes, form: list[tuple[str, str]], kwargs: dict[str, Any]) -> None:
        pairs = form + urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True) if raw or form else []
        first: dict[str, str] = {}
        every: dict[str, list[str]] = {}
        for key, value in pairs:
            first.setdefault(key, value)
            every.setdefault(key, []).append(value)
        if self.strict:
            unknown = [k for k in first if k not in self.query]
            if unknown:
                raise _bad(
                    f"unknown query parameter(s) {', '.join(sorted(unknown))}: not in the spec of "
                    f"{self.operation_id} (--strict-requests)"
                )
        for name, param in self.query.items():
            if param.type == "array":  # collectionFormat multi: every value, in order
                values = [v for v in every.get(name, []) if v != "" or self.strict]
                if not values:
                    if param.required:
                        raise _bad(f"missing query parameter {name}")
                    continue
                param.check(values)
                kwargs[self.names[name]] = values
                continue
            raw_value = first.get(name)
            if raw_value is None or (raw_value == "" and not self.strict):
                if param.required:
                    raise _bad(f"missing query parameter {name}")
                continue
            value = _coerce(param, raw_value, self.strict)
            param.check(value)
            kwargs[self.names[name]] = value

    def _check_headers(self, headers: list[tuple[bytes, bytes]]) -> None:
        for param in self.headers:
            wanted = param.name.lower().encode("latin-1")
            value = next((v.decode("latin-1") for k, v in headers if k == wanted), None)
            if value is None:
                if param.required:
                    raise _bad(f"missing header {param.name}")
                continue
            param.check(_coerce(param, value, self.strict))

    # -- bodies --------------------------------------------------------------------------
    def _check_media_type(self, mime: str | None, has_body: bool) -> None:
        if self.strict and has_body and (mime is None or mime not in self.consumed):
            raise _bad(
                f"Content-Type {mime or '(none)'} is not one {self.operation_id} consumes: "
                f"{', '.join(self.consumes)} (--strict-requests)"
            )

    async def _read_json_body(self, mime: str | None, receive: Receive) -> tuple[Any, Receive]:
        assert self.body_shape is not None and self.body_validator is not None
        raw, receive = await _read_body(receive, MAX_JSON_BODY)
        self._check_media_type(mime, has_body=bool(raw))
        try:
            document = raw.decode("utf-8").lstrip(" \t\r\n")
        except UnicodeDecodeError as exc:
            raise _bad(f"request body is not valid UTF-8: {exc}") from None
        if not document:
            if self.body_required:
                raise _bad(f"{self.operation_id} needs a request body (JSON)")
            return None, receive
        if json_depth_exceeds(raw, MAX_JSON_DEPTH):
            raise _bad(f"JSON body nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            value, end = _DECODER.raw_decode(document)
        except ValueError as exc:
            raise _bad(f"request body is not valid JSON: {exc}") from None
        if self.strict and document[end:].strip(" \t\r\n"):
            raise _bad("unexpected data after the JSON body (--strict-requests)")
        if value is None:
            if self.strict:
                raise _bad("request body must be a JSON object, not null")
            value = {}  # Decode of null into a struct leaves it as it was: empty
        try:
            value = gojson.read(self.body_shape, value, strict=self.strict)
        except gojson.UnknownKeys as exc:
            raise _bad(f"unknown key(s) in the request body: {exc} (--strict-requests)") from None
        try:
            self.body_validator.validate(value)
        except ValidationError as exc:
            raise _bad(f"{exc.message}{format_error_with_path(exc)}") from None
        return value, receive


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # Go's decoder knows no NaN or Infinity


_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def _media_type(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"content-type":
            mime = value.decode("latin-1").split(";", 1)[0].strip().lower()
            return mime or None
    return None


def _announces_body(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"content-length":
            return value.strip() not in (b"", b"0")
        if name == b"transfer-encoding":
            return True
    return False


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, Receive]:
    """The whole body (Content-Length or chunked alike), at most ``limit`` bytes."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return bytes(body), _replay_messages([message], receive)
        body += message.get("body", b"")
        if len(body) > limit:
            raise HTTPException(413, f"request body larger than {limit} bytes", headers={"Connection": "close"})
        if not message.get("more_body", False):
            return bytes(body), _replay(bytes(body), receive)


def _replay(body: bytes, then: Receive) -> Receive:
    return _replay_messages([{"type": "http.request", "body": body, "more_body": False}], then)


def _replay_messages(messages: list[Message], then: Receive) -> Receive:
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        return await then()  # after the body: http.disconnect when the client goes away

    return receive
