"""operationId -> handler: one module per resource in server.handlers.

``ContainerList`` resolves to ``server.handlers.containers.container_list``. Operations
listed in openapi/not_implemented.txt answer 501 (server/errors.py); any other
operation without a handler fails at start-up, so a gap can never ship silently.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from connexion.context import _scope as current_request_scope
from connexion.exceptions import ResolverError
from connexion.resolver import Resolver

from runtime.config import DEFAULT_REGISTRY
from server import dialects
from server.errors import NotImplementedOperation

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


def body_parameter_names(spec: dict[str, Any]) -> dict[str, str]:
    """operationId -> the pythonic name connexion gives its body argument (Swagger 2.0
    names it after the body parameter: ``ContainerCreateConfig`` -> ``container_create_config``)."""
    names = {}
    for item in spec.get("paths", {}).values():
        for op in item.values():
            if isinstance(op, dict):
                for p in op.get("parameters", []):
                    if p.get("in") == "body":
                        names[op["operationId"]] = re.sub(r"(?<!^)(?=[A-Z])", "_", p["name"]).lower()
    return names


def _adapt(
    fn: Callable[..., Any],
    operation_id: str,
    body_name: str | None,
    fixed: dialects.Dialect | None,
    shaper: dialects.Shaper | None,
) -> Callable[..., Any]:
    """Hand the body to every handler as ``body`` and drop arguments it does not take, so
    a handler's signature states exactly what it uses; answer in the client's dialect."""
    params = inspect.signature(fn).parameters
    takes_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())

    async def handler(**kwargs: Any) -> Any:
        dialect = fixed or dialects.of_headers(current_scope().get("headers") or [])
        if body_name and body_name in kwargs:
            # server/reading.py has read it: an object, or None when an optional body is absent.
            kwargs["body"] = kwargs.pop(body_name)
        if dialect is dialects.Dialect.DOCKER:
            kwargs = dialects.docker_arguments(operation_id, kwargs)
        if not takes_all:
            kwargs = {k: v for k, v in kwargs.items() if k in params}
        return dialects.shape(shaper, await fn(**kwargs), dialect)

    handler.__name__ = fn.__name__
    handler.__doc__ = fn.__doc__
    return handler


def current_scope() -> dict[str, Any]:
    """The request's ASGI scope (bound by server/dispatch.py), without connexion's proxies."""
    return current_request_scope.get()


class PouchResolver(Resolver):
    def __init__(
        self,
        spec: dict[str, Any] | None = None,
        dialect: dialects.Dialect | None = None,
        names: dialects.DockerNames | None = None,
    ) -> None:
        self.dialect = dialect  # None: chosen per request from what it shows (server/dialects.py)
        self.shapers = dialects.shapers(names or dialects.DockerNames(DEFAULT_REGISTRY))
        self.pending = not_implemented_ids()
        self.body_names = body_parameter_names(spec or {})
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
        if not inspect.iscoroutinefunction(handler):
            raise ResolverError(f"{operation_id}: handler must be async")
        return _adapt(
            handler, operation_id, self.body_names.get(operation_id), self.dialect, self.shapers.get(operation_id)
        )
