"""Parse the seed contract (swagger2markup markdown) into plain data.

The seed (`/work/shared/seed/pouch-engine-api-1.24.md`, or `$POUCH_SEED`) is the
contract. This module turns it into dictionaries so that tests (and the bootstrap
bootstrap converter) can compare it with `openapi/swagger.yml`.

Schema cells are parsed into *canonical tuples* that are cheap to compare:

    ("ref", "HostConfig")                  [HostConfig](#hostconfig)
    ("inline", "containerwait-response-200")  [Response 200](#...) inline object
    ("array", <canon>)                     < X > array
    ("map", <canon>)                       < string, X > map
    ("enum", ("a", "b"))                   enum (a, b)
    ("string", "binary") / ("integer", None)  type (format)
    None                                   No Content
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED_CANDIDATES = [
    os.environ.get("POUCH_SEED", ""),
    "/work/shared/seed/pouch-engine-api-1.24.md",
    str(Path(__file__).resolve().parents[3] / "shared" / "seed" / "pouch-engine-api-1.24.md"),
]

HTTP_METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
ANNOTATIONS = {
    "Default": "default",
    "Example": "example",
    "Minimum value": "minimum",
    "Maximum value": "maximum",
    "Minimum length": "minLength",
    "Maximum length": "maxLength",
    "Pattern": "pattern",
}


def seed_path() -> Path:
    for cand in SEED_CANDIDATES:
        if cand and Path(cand).is_file():
            return Path(cand)
    raise FileNotFoundError("seed markdown not found; set POUCH_SEED")


# ---------------------------------------------------------------- schema cells


def parse_schema(cell: str) -> Any:
    """Parse a swagger2markup schema cell into a canonical tuple (see module doc)."""
    s = cell.strip()
    if s in ("", "No Content"):
        return None
    if s.startswith("< ") and s.endswith(" > array"):
        return ("array", parse_schema(s[2 : -len(" > array")]))
    if s.startswith("< ") and s.endswith(" > map"):
        inner = s[2 : -len(" > map")]
        key, _, value = inner.partition(", ")
        assert key == "string", cell
        return ("map", parse_schema(value))
    m = re.fullmatch(r"\[([^\]]+)\]\(#([^)]+)\)", s)
    if m:
        title, anchor = m.groups()
        if "-" in anchor and title != anchor:  # inline object, e.g. containerwait-response-200
            return ("inline", anchor)
        return ("ref", title)
    m = re.fullmatch(r"enum \((.*)\)", s)
    if m:
        return ("enum", tuple(v.strip() for v in m.group(1).split(",")))
    m = re.fullmatch(r"(\w+) \(([\w-]+)\)", s)
    if m:
        return (m.group(1), m.group(2))
    assert re.fullmatch(r"\w+", s), f"unparsed schema cell: {cell!r}"
    return (s, None)


def _json_value(raw: str) -> Any:
    raw = raw.replace("<br>", "\n")
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def split_description(cell: str) -> tuple[str, dict[str, Any]]:
    """Split a description cell into text and the trailing **Annotation** : `value` parts."""
    extras: dict[str, Any] = {}
    pattern = re.compile(r"(?:\s*<br>)?\*\*({})\*\* : `(.*?)`(?=\s*<br>\*\*|\s*$)".format("|".join(ANNOTATIONS)), re.S)
    first = None
    for m in pattern.finditer(cell):
        if first is None:
            first = m.start()
        extras[ANNOTATIONS[m.group(1)]] = _json_value(m.group(2))
    text = cell if first is None else cell[:first]
    text = text.replace("<br>", "\n").strip()
    return text, extras


def _cells(line: str) -> list[str]:
    """Split a markdown table row on unescaped pipes and unescape `\\|`."""
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [p.replace("\\|", "|") for p in parts]


def _name_cell(cell: str) -> tuple[str, bool]:
    m = re.fullmatch(r"\*\*(.+?)\*\*(?:\s*<br>\*(required|optional)\*)?", cell.strip())
    assert m, cell
    return m.group(1), m.group(2) == "required"


# ---------------------------------------------------------------- data model


@dataclass
class Prop:
    name: str
    required: bool
    description: str
    extras: dict[str, Any]
    schema: Any


@dataclass
class Param:
    location: str  # query, path, body, header
    name: str
    required: bool
    description: str
    schema: Any
    default: Any = None
    has_default: bool = False


@dataclass
class Response:
    code: str
    description: str
    schema: Any


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str = ""
    params: list[Param] = field(default_factory=list)
    responses: dict[str, Response] = field(default_factory=dict)
    consumes: list[str] = field(default_factory=list)
    produces: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    examples: dict[str, Any] = field(default_factory=dict)  # "Response 200" / "Request body" -> value


@dataclass
class Definition:
    name: str
    description: str
    composition: bool = False
    type_line: Any = None  # for definitions without a table (*Type* : ...)
    props: list[Prop] = field(default_factory=list)
    table_rows: int = 0


@dataclass
class Seed:
    info_version: str
    base_path: str
    consumes: list[str]
    produces: list[str]
    operations: dict[tuple[str, str], Operation]
    definitions: dict[str, Definition]
    inline: dict[str, list[Prop]]  # anchor -> props
    raw_operation_count: int
    raw_definition_count: int


# ---------------------------------------------------------------- parser


def _parse_table(lines: list[str], i: int) -> tuple[list[str], list[list[str]], int]:
    header = _cells(lines[i])
    i += 2  # skip header and |---|
    rows = []
    while i < len(lines) and lines[i].startswith("|"):
        rows.append(_cells(lines[i]))
        i += 1
    return header, rows, i


def _props_from_rows(header: list[str], rows: list[list[str]]) -> list[Prop]:
    props = []
    for row in rows:
        cols = dict(zip(header, row, strict=False))
        name, required = _name_cell(cols["Name"])
        desc, extras = split_description(cols.get("Description", ""))
        props.append(Prop(name, required, desc, extras, parse_schema(cols["Schema"])))
    return props


def _bullets(lines: list[str], i: int) -> tuple[list[str], int]:
    out = []
    while i < len(lines) and (lines[i].startswith("* ") or not lines[i].strip()):
        if lines[i].startswith("* "):
            out.append(lines[i][2:].strip().strip("`"))
        i += 1
        if i < len(lines) and lines[i].startswith("#"):
            break
    return out, i


def parse(text: str | None = None) -> Seed:
    if text is None:
        text = seed_path().read_text(encoding="utf-8")
    lines = text.split("\n")
    paths_at = lines.index('<a name="paths"></a>')
    defs_at = lines.index('<a name="definitions"></a>')

    overview = "\n".join(lines[:paths_at])
    version = re.search(r"\*Version\* : (\S+)", overview).group(1)  # type: ignore[union-attr]
    base_path = re.search(r"\*BasePath\* : (\S+)", overview).group(1)  # type: ignore[union-attr]
    g_consumes = re.findall(r"\* `([^`]+)`", overview.split("### Consumes")[1].split("###")[0])
    g_produces = re.findall(r"\* `([^`]+)`", overview.split("### Produces")[1].split("###")[0])

    inline: dict[str, list[Prop]] = {}
    operations: dict[tuple[str, str], Operation] = {}
    raw_ops = sum(
        1
        for n, ln in enumerate(lines[paths_at:defs_at], paths_at)
        if ln.startswith('<a name="') and lines[n + 1].startswith("### ")
    )

    # ---- operations
    i = paths_at + 1
    op: Operation | None = None
    section = ""
    example_key = ""
    while i < defs_at:
        ln = lines[i]
        if ln.startswith('<a name="') and i + 1 < defs_at and lines[i + 1].startswith("### "):
            title = lines[i + 1][4:].strip()
            m = re.fullmatch(r"({}) (/\S*)".format("|".join(HTTP_METHODS)), title)
            if m:
                method, path, summary = m.group(1), m.group(2), ""
                i += 2
            else:
                assert lines[i + 2] == "```", title
                method, path = lines[i + 3].split()
                summary = title
                i += 5
            op = Operation(method.lower(), path, summary)
            operations[(op.method, op.path)] = op
            section = ""
            continue
        if ln.startswith('<a name="') and i + 1 < defs_at and lines[i + 1].startswith("**"):
            anchor = re.match(r'<a name="([^"]+)"', ln).group(1)  # type: ignore[union-attr]
            j = i + 2
            while not lines[j].startswith("|"):
                j += 1
            header, rows, i = _parse_table(lines, j)
            inline[anchor] = _props_from_rows(header, rows)
            continue
        assert op is not None or not ln.strip() or ln.startswith("#"), ln
        if ln.startswith("#### "):
            section = ln[5:].strip()
            i += 1
            if section == "Description":
                j = i
                while not lines[j].startswith("#### "):
                    j += 1
                op.description = "\n".join(lines[i:j]).strip()  # type: ignore[union-attr]
                i = j
            continue
        if ln.startswith("##### "):
            example_key = ln[6:].strip()
            # ``` json :\n<value>\n```
            j = i + 1
            while lines[j] != "```":
                j += 1
            k = j + 1
            assert lines[k].strip() == "json :", lines[k]
            end = k + 1
            while lines[end] != "```":
                end += 1
            op.examples[example_key] = json.loads("\n".join(lines[k + 1 : end]))  # type: ignore[union-attr]
            i = end + 1
            continue
        if ln.startswith("|") and op is not None:
            header, rows, i = _parse_table(lines, i)
            if section == "Parameters":
                for row in rows:
                    cols = dict(zip(header, row, strict=False))
                    name, required = _name_cell(cols["Name"])
                    loc = cols["Type"].strip("*").lower()
                    desc, _ = split_description(cols["Description"])
                    default_raw = cols.get("Default", "").strip()
                    p = Param(loc, name, required, desc, parse_schema(cols["Schema"]))
                    if default_raw:
                        p.has_default = True
                        p.default = json.loads(default_raw.strip("`"))
                    op.params.append(p)
            elif section == "Responses":
                for row in rows:
                    cols = dict(zip(header, row, strict=False))
                    code = cols["HTTP Code"].strip("*")
                    op.responses[code] = Response(code, cols["Description"], parse_schema(cols["Schema"]))
            continue
        if ln.startswith("* ") and op is not None:
            value = ln[2:].strip().strip("`")
            {"Consumes": op.consumes, "Produces": op.produces, "Tags": op.tags}[section].append(value)
        i += 1

    # ---- definitions
    definitions: dict[str, Definition] = {}
    raw_defs = 0
    i = defs_at + 1
    cur: Definition | None = None
    while i < len(lines):
        ln = lines[i]
        if ln.startswith('<a name="') and i + 1 < len(lines) and lines[i + 1].startswith("### "):
            raw_defs += 1
            name = lines[i + 1][4:].strip()
            j = i + 2
            desc_lines = []
            while j < len(lines) and not (
                lines[j].startswith("|")
                or lines[j].startswith("*Polymorphism*")
                or lines[j].startswith("*Type*")
                or lines[j].startswith('<a name="')
            ):
                desc_lines.append(lines[j])
                j += 1
            cur = Definition(name, "\n".join(desc_lines).strip())
            definitions[name] = cur
            i = j
            continue
        if ln.startswith('<a name="') and i + 1 < len(lines) and lines[i + 1].startswith("**"):
            anchor = re.match(r'<a name="([^"]+)"', ln).group(1)  # type: ignore[union-attr]
            j = i + 2
            while not lines[j].startswith("|"):
                j += 1
            header, rows, i = _parse_table(lines, j)
            inline[anchor] = _props_from_rows(header, rows)
            continue
        if cur is not None and ln.startswith("*Polymorphism* : Composition"):
            cur.composition = True
        elif cur is not None and ln.startswith("*Type* : "):
            cur.type_line = parse_schema(ln[len("*Type* : ") :])
        elif cur is not None and ln.startswith("|"):
            header, rows, i = _parse_table(lines, i)
            cur.props = _props_from_rows(header, rows)
            cur.table_rows = len(rows)
            continue
        i += 1

    return Seed(version, base_path, g_consumes, g_produces, operations, definitions, inline, raw_ops, raw_defs)


if __name__ == "__main__":  # pragma: no cover - debugging aid
    seed = parse()
    print(len(seed.operations), "operations;", len(seed.definitions), "definitions;", list(seed.inline))
