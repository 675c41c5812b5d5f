"""operationId -> handler: one module per resource in server.handlers.

``ContainerList`` resolves to ``server.handlers.containers.container_list``. Operations
listed in openapi/not_implemented.txt answer 501 until their issue lands; any other
operation without a handler fails at start-up, so a gap can never ship silently.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from connexion.exceptions import ResolverError
from connexion.resolver import Resolver

from runtime.errors import EngineError

NOT_IMPLEMENTED_FILE = Path(__file__).resolve().parent.parent / "openapi" / "not_implemented.txt"

# operationId prefix -> handler module; the longest matching prefix wins.
MODULES = {
    "System": "system",
    "Daemon": "system",
    "Container": "containers",
    "ContainerExec": "exec",
    "Exec": "exec",
    "Image": "images",
    "Network": "networks",
    "Volume": "volumes",
}


class NotImplementedOperation(EngineError):
    status = 501


def not_implemented_ids() -> set[str]:
    try:
        lines = NOT_IMPLEMENTED_FILE.read_text().splitlines()
    except FileNotFoundError:
        return set()
    return {ln.split("#", 1)[0].strip() for ln in lines} - {""}


def handler_location(operation_id: str) -> tuple[str, str]:
    prefix = max((p for p in MODULES if operation_id.startswith(p)), key=len, default=None)
    if prefix is None:
        raise LookupError(f"no handler module for operationId {operation_id}")
    func = re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()
    return f"server.handlers.{MODULES[prefix]}", func


def find_handler(operation_id: str) -> Callable[..., Any] | None:
    module_name, func = handler_location(operation_id)
    module = importlib.import_module(module_name)
    return getattr(module, func, None)


def _not_implemented(operation_id: str) -> Callable[..., Any]:
    async def handler(*_args: Any, **_kwargs: Any) -> Any:
        raise NotImplementedOperation(f"not implemented: {operation_id}")

    handler.__name__ = f"not_implemented_{operation_id}"
    return handler


class PouchResolver(Resolver):
    def __init__(self) -> None:
        self.pending = not_implemented_ids()
        super().__init__(function_resolver=self._resolve)

    def _resolve(self, operation_id: str) -> Callable[..., Any]:
        handler = find_handler(operation_id)
        if operation_id in self.pending:
            if handler is not None:
                raise ResolverError(f"{operation_id} has a handler but is listed in {NOT_IMPLEMENTED_FILE.name}")
            return _not_implemented(operation_id)
        if handler is None:
            module, func = handler_location(operation_id)
            raise ResolverError(f"{operation_id}: no handler {module}.{func}")
        return handler
