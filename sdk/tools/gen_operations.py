"""Write sdk/pouch/_operations.py: the plain call style over every generated operation.

For each module of ``pouch_client.api.<tag>`` this reads ``sync_detailed``'s signature with
``ast`` (so argument names, types and defaults stay exactly the generated ones) and emits a
method on ``<Tag>Operations`` / ``Async<Tag>Operations`` that calls it on the bound client and
returns the parsed body or raises :mod:`pouch.errors`. Operations whose bodies are streams are
left to the hand-written resources (they subclass these classes).

    python sdk/tools/gen_operations.py          rewrite the file
    python sdk/tools/gen_operations.py --check  exit 1 if it is stale (CI, tests/sdk)

``--api-dir DIR`` reads the operation modules from DIR instead of the installed package's
``pouch_client/api`` (codegen.sh --check passes the client it just generated). codegen.sh
runs this after every generation, so ./codegen.sh regenerates everything.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pouch_client

API_DIR = Path(pouch_client.__file__).resolve().parent / "api"
OUTPUT = Path(__file__).resolve().parents[1] / "pouch" / "_operations.py"

# tag package -> (class name stem, method-name prefix stripped from operation modules)
TAGS = {
    "container": ("Container", "container_"),
    "exec_": ("Exec", "exec_"),
    "image": ("Image", "image_"),
    "network": ("Network", "network_"),
    "system": ("System", "system_"),
    "volume": ("Volume", "volume_"),
}
# Hand-written in pouch/resources.py and pouch/async_resources.py: their bodies are streams,
# hijacked connections, or (wait) must not inherit the client's read timeout. The tar
# operations added for Docker's clients (archive, image get) have no plain call either: their
# bodies are tar streams, and HEAD archive answers in a header.
HAND_WRITTEN = {
    "container_attach", "container_logs", "container_stats", "container_wait",
    "exec_start", "image_create", "image_load", "image_push", "image_save", "system_events",
    "container_archive", "container_archive_info", "container_archive_put", "image_get", "image_get_all",
}
RENAMED = {"container_exec": "create"}  # POST /containers/{id}/exec creates an exec instance


@dataclass
class Operation:
    module: str
    method: str
    params: str  # the signature without the generated `client` argument
    call_args: str
    returns: str
    summary: str
    imports: set[str]


def _returns(node: ast.expr) -> str:
    """`Response[X | Error]` -> `X`; an untyped body (`Any`) becomes `None`."""
    assert isinstance(node, ast.Subscript)
    parts: list[ast.expr] = []

    def flatten(n: ast.expr) -> None:
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):
            flatten(n.left)
            flatten(n.right)
        else:
            parts.append(n)

    flatten(node.slice)
    kept = [ast.unparse(p) for p in parts if ast.unparse(p) != "Error"]
    return "None" if kept == ["Any"] else " | ".join(kept)


def _builtin_list(annotation: str) -> str:
    """Inside a class with a ``list`` method, ``list[...]`` would name the method: spell the builtin."""
    return re.sub(r"(?<![\w.])list\[", "builtins.list[", annotation)


def _operation(path: Path, prefix: str) -> Operation:
    tree = ast.parse(path.read_text())
    imports = {ast.unparse(n) for n in tree.body if isinstance(n, ast.ImportFrom) and n.module and "models" in n.module}
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "sync_detailed")
    args = fn.args
    kept = [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if a.arg != "client"]
    args.kwonlyargs = [a for a, _ in kept]
    args.kw_defaults = [d for _, d in kept]
    positional = [a.arg for a in args.args]
    keywords = [f"{a.arg}={a.arg}" for a in args.kwonlyargs]
    name = path.stem
    method = RENAMED.get(name, name[len(prefix):] if name.startswith(prefix) else name)
    doc = ast.get_docstring(fn) or ""
    return Operation(
        module=name,
        method=method,
        params=_builtin_list(ast.unparse(args)),
        call_args=", ".join([*positional, "client=self._client", *keywords]),
        returns=_builtin_list(_returns(fn.returns) if fn.returns else "None"),
        summary=doc.splitlines()[0].strip() if doc else name,
        imports={i.replace("from ...models", "from pouch_client.models") for i in imports},
    )


def render(api_dir: Path = API_DIR) -> str:
    ops: dict[str, list[Operation]] = {}
    imports: set[str] = set()
    for tag, (_, prefix) in TAGS.items():
        for path in sorted((api_dir / tag).glob("*.py")):
            if path.stem == "__init__" or path.stem in HAND_WRITTEN:
                continue
            op = _operation(path, prefix)
            ops.setdefault(tag, []).append(op)
            imports |= op.imports
            imports.add(f"from pouch_client.api.{tag} import {op.module}")
    lines = [
        '"""GENERATED by sdk/tools/gen_operations.py from pouch_client: do not edit."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, cast",
        "",
        "import builtins",
        "",
        "import pouch_client",
        *sorted(imports),
        "from pouch_client.types import UNSET, Unset",
        "",
        "from .errors import raise_for_response",
        "",
        "__all__ = [",
        *[f'    "{p}{TAGS[t][0]}Operations",' for t in ops for p in ("", "Async")],
        "]",
        "",
    ]
    for tag, tag_ops in ops.items():
        for is_async in (False, True):
            cls = ("Async" if is_async else "") + TAGS[tag][0] + "Operations"
            lines += [
                "",
                f"class {cls}:",
                f'    """{TAGS[tag][0]} operations: the parsed body, or a pouch.errors.APIError."""',
                "",
                "    def __init__(self, client: pouch_client.Client) -> None:",
                "        self._client = client",
            ]
            for op in tag_ops:
                call = f"{op.module}.{'asyncio_detailed' if is_async else 'sync_detailed'}({op.call_args})"
                define = f"{'async ' if is_async else ''}def {op.method}"
                lines += [
                    "",
                    f"    {define}({', '.join(['self', op.params])}) -> {op.returns}:",
                    f'        """{op.summary}"""',
                    f"        response = {'await ' if is_async else ''}{call}",
                    "        raise_for_response(response.status_code, response.content)",
                ]
                if op.returns != "None":
                    lines.append(f"        return cast({op.returns}, response.parsed)")
    text = "\n".join(lines).replace("(self, )", "(self)") + "\n"
    if not re.search(r"\bAny\b", text.split("import pouch_client", 1)[1]):
        text = text.replace("from typing import Any, cast", "from typing import cast")
    # ruff (pinned in the venv) sorts the imports, drops unused ones and gives the final layout.
    ruff = [sys.executable, "-m", "ruff"]
    for step in (["check", "--fix-only", "--select", "I,F401"], ["format"]):
        text = subprocess.run(
            [*ruff, *step, "--line-length", "120", "--stdin-filename", str(OUTPUT), "-"],
            input=text, capture_output=True, text=True, check=True,
        ).stdout
    return text


def main() -> int:
    api_dir = Path(sys.argv[sys.argv.index("--api-dir") + 1]) if "--api-dir" in sys.argv else API_DIR
    text = render(api_dir)
    if "--check" in sys.argv:
        if OUTPUT.read_text() != text:
            print(f"{OUTPUT} is stale: run python sdk/tools/gen_operations.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
