"""The engine's layering rules (runtime/README.md), read from the source: subsystems meet only
through the protocols Engine wires, only runtime/containers/ touches container records, and no
import circle hides anywhere in runtime/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "runtime"
SUBSYSTEMS = ("containers", "images", "networks", "volumes")
MAX_LINES = 650  # "about 600"; a longer module says at its top why it is long


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def runtime_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(RUNTIME.rglob("*.py"))}


def imports_of(path: Path) -> list[tuple[str, ast.stmt]]:
    """Every runtime module an import statement names (TYPE_CHECKING blocks included)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [(a.name, node) for a in node.names if a.name.startswith("runtime")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("runtime"):
            out.append((node.module, node))
            out += [(f"{node.module}.{a.name}", node) for a in node.names]
    return out


def graph() -> dict[str, set[str]]:
    """module -> runtime modules it imports. Importing a.b.c also runs the __init__ of a.b and
    a, unless the importer is inside them (its own package's __init__ has run already)."""
    mods = runtime_modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        own = {mod.rsplit(".", n)[0] for n in range(1, mod.count(".") + 1)}
        if path.name == "__init__.py":
            own.add(mod)
        for target, _ in imports_of(path):
            while target and target not in mods:
                target = target.rpartition(".")[0]
            if target in own:  # `from pkg import sibling` of a module in pkg: the sibling counts
                continue
            edges[mod].add(target)
            parent = target.rpartition(".")[0]
            while parent and parent not in own:
                edges[mod].add(parent)
                parent = parent.rpartition(".")[0]
            edges[mod].discard(mod)
    return edges


def test_no_import_cycles_in_runtime() -> None:
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(mod: str) -> None:
        state[mod] = 1
        stack.append(mod)
        for nxt in sorted(edges[mod]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[mod] = 2

    for mod in sorted(edges):
        if mod not in state:
            visit(mod)
    assert cycles == []


def test_no_function_level_imports_in_runtime() -> None:
    found = []
    for mod, path in runtime_modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found += [
                    f"{mod}:{n.lineno}" for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))
                ]
    assert found == []


# Pure libraries (no state, no service) that other subsystems may use: the layer tar format.
SHARED_LIBRARIES = ("runtime.images.layers",)


def test_only_the_engine_knows_every_subsystem() -> None:
    """No module imports the Engine, and no subsystem imports another's services or internals:
    across subsystems only ``protocols`` modules and SHARED_LIBRARIES are shared."""
    wrong = []
    for mod, path in runtime_modules().items():
        if mod == "runtime.engine":
            continue
        own = mod.split(".")[1] if mod.count(".") >= 1 else ""
        for target, node in imports_of(path):
            if target.startswith("runtime.engine"):
                wrong.append(f"{mod}:{node.lineno} imports {target}")
            parts = target.split(".")
            if ".".join(parts[:3]) in SHARED_LIBRARIES:
                continue
            if len(parts) >= 3 and parts[1] in SUBSYSTEMS and parts[1] != own and parts[2] != "protocols":
                wrong.append(f"{mod}:{node.lineno} imports {target}")
    assert wrong == []


def test_only_containers_touch_container_records() -> None:
    """The store's container table is read and written by runtime/containers/ alone."""
    pattern = re.compile(r"""\.(?:list|get|put|insert|delete|resolve|count)\(\s*["']container["']""")
    wrong = [
        str(path.relative_to(ROOT))
        for mod, path in runtime_modules().items()
        if not mod.startswith("runtime.containers") and pattern.search(path.read_text())
    ]
    assert wrong == []


def test_no_engine_error_carries_a_status_code() -> None:
    """server/errors.py is the one place that maps errors onto HTTP status codes."""
    wrong = []
    for mod, path in runtime_modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    targets = stmt.targets if isinstance(stmt, ast.Assign) else []
                    if any(isinstance(t, ast.Name) and t.id == "status" for t in targets):
                        wrong.append(f"{mod}.{node.name}")
    assert wrong == []


def test_runtime_modules_stay_small() -> None:
    long = {
        mod: n
        for mod, path in runtime_modules().items()
        if (n := len(path.read_text().splitlines())) > MAX_LINES and "long because" not in path.read_text()[:2000]
    }
    assert long == {}
