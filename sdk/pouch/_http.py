"""Requests the generated layer cannot make: streamed bodies, raw bodies, per-request timeouts."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from .errors import ConnectionFailed, ProtocolError, api_error

# Streams (follow, wait, pull) may stay silent for as long as they like; connecting may not.
STREAM_TIMEOUT = httpx.Timeout(60.0, read=None)

Params = Mapping[str, str | int | float | bool | None]


def path(template: str, *ids: str) -> str:
    """Fill ``{}`` placeholders with URL-quoted ids (names may hold ``/``, never a path separator)."""
    return template.format(*(quote(i, safe="") for i in ids))


def params(**values: Any) -> dict[str, Any]:
    """Query parameters without the ones left at None."""
    return {k: v for k, v in values.items() if v is not None}


def registry_auth(auth: Mapping[str, Any] | None) -> dict[str, str]:
    """The X-Registry-Auth header: base64url of the AuthConfig JSON, as docker clients send it."""
    if not auth:
        return {}
    return {"X-Registry-Auth": base64.urlsafe_b64encode(json.dumps(dict(auth)).encode()).decode()}


def filters_param(filters: Mapping[str, list[str]] | None) -> str | None:
    return json.dumps({k: list(v) for k, v in filters.items()}) if filters else None


def open_response(http: httpx.Client, request: httpx.Request) -> httpx.Response:
    """Send and return the open (unread) response; a non-2xx status raises its typed error."""
    try:
        response = http.send(request, stream=True)
    except httpx.TransportError as exc:
        raise ConnectionFailed(str(exc)) from exc
    if not 200 <= response.status_code < 300:
        try:
            body = response.read()
        finally:
            response.close()
        raise api_error(response.status_code, body)
    return response


async def async_open_response(http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    try:
        response = await http.send(request, stream=True)
    except httpx.TransportError as exc:
        raise ConnectionFailed(str(exc)) from exc
    if not 200 <= response.status_code < 300:
        try:
            body = await response.aread()
        finally:
            await response.aclose()
        raise api_error(response.status_code, body)
    return response


PATH_STAT_HEADER = "X-Docker-Container-Path-Stat"


def path_stat(response: httpx.Response) -> dict[str, Any]:
    """The ContainerPathStat an archive answer carries (base64 of JSON): name, size, mode, mtime, linkTarget."""
    value = response.headers.get(PATH_STAT_HEADER)
    if not value:
        raise ProtocolError(f"the answer has no {PATH_STAT_HEADER} header")
    try:
        stat = json.loads(base64.b64decode(value))
    except ValueError as exc:
        raise ProtocolError(f"{PATH_STAT_HEADER} is not base64 JSON: {exc}") from None
    if not isinstance(stat, dict):
        raise ProtocolError(f"{PATH_STAT_HEADER} is not a JSON object")
    return stat


def archive_params(path: str, no_overwrite_dir_non_dir: bool, copy_uidgid: bool) -> dict[str, Any]:
    return params(path=path, noOverwriteDirNonDir=no_overwrite_dir_non_dir or None, copyUIDGID=copy_uidgid or None)


def tty_of(body: bytes, section: str, key: str) -> bool:
    """``Tty`` from an inspect body, read without building the whole typed model (cheaper, and
    independent of fields the tty question does not need)."""
    doc = json.loads(body)
    part = doc.get(section) if isinstance(doc, dict) else None
    return isinstance(part, dict) and part.get(key) is True


def read_all(http: httpx.Client, request: httpx.Request) -> bytes:
    response = open_response(http, request)
    try:
        return response.read()
    finally:
        response.close()


async def async_read_all(http: httpx.AsyncClient, request: httpx.Request) -> bytes:
    response = await async_open_response(http, request)
    try:
        return await response.aread()
    finally:
        await response.aclose()
