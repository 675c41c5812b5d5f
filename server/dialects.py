"""Answers per client: Pouch's clients get the seed's (pouchd's) answers, Docker's get dockerd's.

Pouch's API is Docker's v1.24 in shape, but a few answers differ in ways each side's clients
cannot decode from the other (container names with or without a leading ``/``, a ``stopped``
state docker does not know, an image delete's body, the wait error's type, image list
``Created`` as Unix seconds, capitalised event keys). The engine answers the seed's way; this
module is the one place that turns an answer into dockerd's, for requests that show a Docker
client:

- ``User-Agent`` with the product token ``Docker-Client/`` (docker CLI 23+), ``docker-sdk-python/``
  or ``docker-py/`` (docker-py), ``docker-compose/`` or ``compose/``; or
- ``Host: docker`` or ``Host: api.moby.localhost``: the placeholder host Docker's Go client puts on
  unix-socket requests (the Debian 20.10 CLI sends no product token, only Go's default agent).

Everything else (the pouch CLI and Go client, the generated SDK, curl) is a Pouch client.
``--api-dialect pouch|docker`` fixes the choice for every request instead.
"""

from __future__ import annotations

import enum
import json
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from starlette.responses import Response

from runtime.images.records import created_unix
from server.params import JSONLinesResponse


class Dialect(enum.Enum):
    POUCH = "pouch"
    DOCKER = "docker"


DOCKER_AGENTS = ("docker-client/", "docker-sdk-python/", "docker-py/", "docker-compose/", "compose/")
DOCKER_HOSTS = ("docker", "api.moby.localhost")


def of_headers(headers: Iterable[tuple[bytes, bytes]]) -> Dialect:
    for name, value in headers:
        if name == b"user-agent" and value.decode("latin-1").strip().lower().startswith(DOCKER_AGENTS):
            return Dialect.DOCKER
        if name == b"host" and value.decode("latin-1").strip().lower() in DOCKER_HOSTS:
            return Dialect.DOCKER
    return Dialect.POUCH


# -- dockerd's shapes ------------------------------------------------------------------------
def _docker_state(status: Any) -> Any:
    return "exited" if status == "stopped" else status  # dockerd has no "stopped"


def _slashed(name: Any) -> Any:
    return name if not isinstance(name, str) or name.startswith("/") else "/" + name


def _container(view: dict[str, Any]) -> dict[str, Any]:
    out = dict(view)
    out["Name"] = _slashed(view.get("Name"))
    if isinstance(view.get("State"), dict):
        out["State"] = {**view["State"], "Status": _docker_state(view["State"].get("Status"))}
    return out


def _container_entry(entry: dict[str, Any]) -> dict[str, Any]:
    out = dict(entry)
    out["Names"] = [_slashed(n) for n in entry.get("Names") or []]
    out["State"] = _docker_state(entry.get("State"))
    return out


def _image_entry(entry: dict[str, Any]) -> dict[str, Any]:
    # ImageSummary.Created is int64 Unix seconds (the image config's RFC 3339 ``created``)
    return {**entry, "Created": created_unix(entry)}


def _loaded_line(names: DockerNames) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def line(item: dict[str, Any]) -> dict[str, Any]:
        text = item.get("stream")
        if isinstance(text, str) and text.startswith("Loaded image: "):
            loaded = text[14:].rstrip()
            if loaded.startswith("sha256:"):  # an image the archive names by ID only: dockerd's wording
                return {**item, "stream": f"Loaded image ID: {loaded}\n"}
            return {**item, "stream": f"Loaded image: {names.familiar(loaded)}\n"}
        return item

    return line


def _event(ev: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in ev.items() if k not in ("type", "action", "actor")}
    out.update(Type=ev.get("type"), Action=ev.get("action"), Actor=ev.get("actor"), scope="local")
    return out


def _stats(stats: dict[str, Any]) -> dict[str, Any]:
    return {**stats, "name": _slashed(stats.get("name"))}


def _wait(body: dict[str, Any], dialect: Dialect) -> dict[str, Any]:
    """An empty Error is left out (the 20.10 CLI cannot decode ``""``); a real one is a string
    for Pouch's clients and ``{"Message"}`` for Docker's."""
    out = {k: v for k, v in body.items() if k != "Error"}
    if body.get("Error"):
        out["Error"] = {"Message": body["Error"]} if dialect is Dialect.DOCKER else body["Error"]
    return out


class DockerNames:
    """Image names as dockerd shows them: familiar (``busybox:latest``, ``cli/app:1``), where
    pouchd shows them qualified with the default registry (which plays Docker Hub's part here)."""

    def __init__(self, default_registry: str, namespace: str = "library") -> None:
        self.prefix = default_registry + "/"
        self.namespace = namespace + "/"

    def familiar(self, name: Any) -> Any:
        if not isinstance(name, str) or not name.startswith(self.prefix):
            return name
        short = name[len(self.prefix) :]
        return short[len(self.namespace) :] if short.startswith(self.namespace) else short

    def image(self, view: dict[str, Any]) -> dict[str, Any]:
        out = dict(view)
        for key in ("RepoTags", "RepoDigests"):
            if isinstance(view.get(key), list):
                out[key] = [self.familiar(n) for n in view[key]]
        return out


# -- per operation ------------------------------------------------------------------------------
Shaper = Callable[[Any, Dialect], Any]


def _each(fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Shaper:
    def shape(result: Any, dialect: Dialect) -> Any:
        if dialect is not Dialect.DOCKER or not isinstance(result, list):
            return result
        return [fn(item) if isinstance(item, dict) else item for item in result]

    return shape


def _one(fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Shaper:
    def shape(result: Any, dialect: Dialect) -> Any:
        return fn(result) if dialect is Dialect.DOCKER and isinstance(result, dict) else result

    return shape


def _stream(fn: Callable[[dict[str, Any]], dict[str, Any]], single: Shaper) -> Shaper:
    """Streams (events, stats) are shaped item by item as they go out."""

    def shape(result: Any, dialect: Dialect) -> Any:
        if dialect is not Dialect.DOCKER:
            return result
        if isinstance(result, JSONLinesResponse):
            result.items = _mapped(result.items, fn)
            return result
        return single(result, dialect)

    return shape


async def _mapped(items: AsyncIterator[dict[str, Any]], fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    async for item in items:
        yield fn(item)


def _image_delete(names: DockerNames) -> Shaper:
    """The engine's list of what was untagged/deleted: dockerd's 200 body; pouchd answers 204."""

    def shape(result: Any, dialect: Dialect) -> Any:
        if dialect is not Dialect.DOCKER:
            return Response(status_code=204, media_type="application/json")
        return [{k: names.familiar(v) for k, v in item.items()} for item in result or []]

    return shape


def shapers(names: DockerNames) -> dict[str, Shaper]:
    """operationId -> how its answer is given to a Docker client (the others get it as it is)."""
    return {
        "ContainerInspect": _one(_container),
        "ContainerList": _each(_container_entry),
        "ContainerWait": lambda body, d: _wait(body, d) if isinstance(body, dict) else body,
        "ContainerStats": _stream(_stats, _one(_stats)),
        "ImageList": _each(lambda e: names.image(_image_entry(e))),
        "ImageInspect": _one(names.image),
        "ImageDelete": _image_delete(names),
        "ImageLoad": _stream(_loaded_line(names), _one(_loaded_line(names))),
        "SystemEvents": _stream(_event, _one(_event)),
    }


def docker_arguments(operation_id: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Docker's ``status=exited`` filter also means what Pouch calls ``stopped``."""
    raw = kwargs.get("filters")
    if operation_id != "ContainerList" or not isinstance(raw, str):
        return kwargs
    try:
        filters = json.loads(raw)
    except ValueError:
        return kwargs  # the reader's pattern or the engine judges it
    status = filters.get("status") if isinstance(filters, dict) else None
    if isinstance(status, list) and "exited" in status:
        filters["status"] = [*status, "stopped"]
    elif isinstance(status, dict) and status.get("exited"):
        filters["status"] = {**status, "stopped": True}
    else:
        return kwargs
    return {**kwargs, "filters": json.dumps(filters)}


def shape(fn: Shaper | None, result: Any, dialect: Dialect) -> Any:
    if fn is None:
        return result
    if isinstance(result, tuple) and len(result) == 2 and not isinstance(result[0], Response):
        body, status = result
        shaped = fn(body, dialect)
        return shaped if isinstance(shaped, Response) else (shaped, status)
    return fn(result, dialect)
