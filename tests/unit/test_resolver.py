"""Every operation of the spec resolves to a handler, or is listed as not yet built."""

from __future__ import annotations

import inspect

from server.app_spec import load_spec
from server.resolver import PouchResolver, find_handler, handler_location, not_implemented_ids


def operation_ids() -> list[str]:
    spec = load_spec()
    return [op["operationId"] for item in spec["paths"].values() for op in item.values() if isinstance(op, dict)]


def test_every_operation_resolves() -> None:
    resolver = PouchResolver(load_spec())
    unresolved = []
    for op_id in operation_ids():
        try:
            fn = resolver.function_resolver(op_id)
        except Exception as exc:  # noqa: BLE001 - collect them all for one message
            unresolved.append(f"{op_id}: {exc}")
            continue
        assert inspect.iscoroutinefunction(fn), f"{op_id}: handlers must be async"
    assert not unresolved, "\n".join(unresolved)


def test_not_implemented_list_names_real_operations_without_handlers() -> None:
    ops = set(operation_ids())
    pending = not_implemented_ids()
    assert pending <= ops, f"unknown operationIds listed: {pending - ops}"
    assert not [o for o in pending if find_handler(o) is not None], "listed operations that have a handler"


def test_module_per_resource() -> None:
    assert handler_location("ContainerList") == ("server.handlers.containers", "container_list")
    assert handler_location("ContainerExec") == ("server.handlers.exec", "container_exec")
    assert handler_location("ExecStart") == ("server.handlers.exec", "exec_start")
    assert handler_location("SystemPing") == ("server.handlers.system", "system_ping")
    assert handler_location("DaemonUpdate") == ("server.handlers.system", "daemon_update")
    assert handler_location("ImageCommit") == ("server.handlers.images", "image_commit")
