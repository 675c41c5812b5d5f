"""JSON bodies decoded the way Go's encoding/json fills a struct, driven by the spec's schemas.

pouchd and dockerd decode every request body with ``json.NewDecoder(body).Decode(&config)``:
- an object key matches a struct field exactly or, failing that, case-insensitively (the last
  of several spellings wins, as each assignment overwrites the previous one);
- keys that match no field are ignored;
- ``null`` leaves a field at its zero value (a nil pointer, slice or map is "not set"); inside a
  slice or map it is the element type's zero value.
Maps (``additionalProperties`` without ``properties``) keep their keys as sent.

:func:`read` returns the document with canonical keys and without nulls, so that what the
spec's validator and the handlers see is what pouchd's handlers would see. In strict mode
(``--strict-requests``) keys must be spelt as the spec spells them and unknown keys are an
error; nulls are left for the validator to judge.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Go's strings.EqualFold uses Unicode simple folding: besides ASCII case, the Kelvin sign
# and the long s fold to k and s. The spec's field names are ASCII.
_GO_FOLD = str.maketrans({"\u212a": "k", "\u017f": "s"})


def fold(key: str) -> str:
    return key.translate(_GO_FOLD).lower()


class Shape:
    """What a schema decodes to in Go: a struct (named fields), a map, a slice or a scalar."""

    __slots__ = ("kind", "fields", "folded", "values", "items", "zero")

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "struct" | "map" | "array" | "scalar" | "any"
        self.fields: dict[str, Shape] = {}
        self.folded: dict[str, str] = {}  # folded key -> canonical field name (first declared)
        self.values: Shape | None = None  # map values
        self.items: Shape | None = None  # slice elements
        self.zero: Any = None  # what null stands for inside a slice or map


_ANY = Shape("any")
_ZEROS: dict[str, Any] = {"string": "", "integer": 0, "number": 0, "boolean": False}


def _parts(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield schema
    for part in schema.get("allOf") or ():
        if isinstance(part, dict):
            yield from _parts(part)


def compile_shape(schema: dict[str, Any] | None, _memo: dict[int, Shape] | None = None) -> Shape:
    """The Go shape of a (ref-resolved) schema; computed once per operation at start-up."""
    if not isinstance(schema, dict):
        return _ANY
    memo = {} if _memo is None else _memo
    if id(schema) in memo:
        return memo[id(schema)]
    parts = list(_parts(schema))
    props: dict[str, Any] = {}
    for part in parts:
        props.update(part.get("properties") or {})
    types = {str(part["type"]) for part in parts if part.get("type")}
    extra = next((p["additionalProperties"] for p in parts if isinstance(p.get("additionalProperties"), dict)), None)
    if props:
        shape = Shape("struct")
        shape.zero = {}
    elif extra is not None:
        shape = Shape("map")
        shape.zero = {}
    elif "array" in types:
        shape = Shape("array")
        shape.zero = []
    elif types & _ZEROS.keys():
        shape = Shape("scalar")
        shape.zero = _ZEROS[next(iter(types & _ZEROS.keys()))]
        return shape
    else:
        return _ANY
    memo[id(schema)] = shape  # before the children: schemas may refer to themselves
    for name, sub in props.items():
        shape.fields[name] = compile_shape(sub, memo)
        shape.folded.setdefault(fold(name), name)
    if extra is not None:
        shape.values = compile_shape(extra, memo)
    if shape.kind == "array":
        items = next((p["items"] for p in parts if isinstance(p.get("items"), dict)), None)
        shape.items = compile_shape(items, memo)
    return shape


class UnknownKeys(ValueError):
    """Strict mode: keys the spec does not declare (dotted paths)."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


def read(shape: Shape, value: Any, strict: bool = False) -> Any:
    """The document as Go would have filled it (see the module docstring)."""
    unknown: list[str] = []
    out = _read(shape, value, strict, "", unknown)
    if unknown:
        raise UnknownKeys(unknown)
    return out


def _read(shape: Shape, value: Any, strict: bool, path: str, unknown: list[str]) -> Any:
    if shape.kind == "struct" and isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = key if key in shape.fields else None if strict else shape.folded.get(fold(key))
            if name is None:
                if shape.values is not None:  # a struct that also takes extra keys keeps them
                    out[key] = _element(shape.values, item, strict, f"{path}{key}.", unknown)
                elif strict:
                    unknown.append(path + key)
                continue
            if item is None and not strict:
                continue  # null leaves the field as it was: unset, or an earlier spelling's value
            out[name] = _read(shape.fields[name], item, strict, f"{path}{name}.", unknown)
        return out
    if shape.kind == "map" and isinstance(value, dict) and shape.values is not None:
        values = shape.values
        return {k: _element(values, v, strict, f"{path}{k}.", unknown) for k, v in value.items()}
    if shape.kind == "array" and isinstance(value, list) and shape.items is not None:
        items = shape.items
        return [_element(items, v, strict, f"{path}{i}.", unknown) for i, v in enumerate(value)]
    return value  # scalars, and values of the wrong type: the validator reports those


def _element(shape: Shape, value: Any, strict: bool, path: str, unknown: list[str]) -> Any:
    if value is None and not strict:
        return shape.zero
    return _read(shape, value, strict, path, unknown)
