"""The async resources: the twins of :mod:`pouch.resources` for :class:`pouch.AsyncClient`."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterable, Mapping, Sequence
from typing import Any

import httpx
import pouch_client
from pouch_client.models.container_stats import ContainerStats
from pouch_client.models.container_wait_response_200 import ContainerWaitResponse200
from pouch_client.models.events_message import EventsMessage
from pouch_client.models.exec_create_config import ExecCreateConfig

from . import _http
from ._operations import (
    AsyncContainerOperations,
    AsyncExecOperations,
    AsyncImageOperations,
    AsyncNetworkOperations,
    AsyncSystemOperations,
    AsyncVolumeOperations,
)
from .frames import Frame
from .resources import ExecResult, _exec_id
from .sessions import AsyncAttachSession, async_upgrade
from .streams import (
    AsyncStream,
    ProgressMessage,
    async_chunks,
    async_json_lines,
    async_stdio_frames,
    progress,
)

AsyncBody = bytes | AsyncIterable[bytes]


class _AsyncResource:
    """Mixed in before a generated ``Async*Operations`` class: adds the raw httpx client."""

    def __init__(self, client: pouch_client.Client, http: httpx.AsyncClient) -> None:
        self._client = client
        self._http = http

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Request:
        return self._http.build_request(method, url, timeout=_http.STREAM_TIMEOUT, **kwargs)


def _str(value: float | str | None) -> str | None:
    return None if value is None else str(value)


class AsyncContainers(_AsyncResource, AsyncContainerOperations):
    async def tty(self, id: str) -> bool:
        request = self._http.build_request("GET", _http.path("/containers/{}/json", id))
        return _http.tty_of(await _http.async_read_all(self._http, request), "Config", "Tty")

    async def wait(self, id: str, *, read_timeout: float | None = None) -> ContainerWaitResponse200:
        request = self._http.build_request(
            "POST", _http.path("/containers/{}/wait", id), timeout=httpx.Timeout(60.0, read=read_timeout)
        )
        return ContainerWaitResponse200.from_dict(json.loads(await _http.async_read_all(self._http, request)))

    async def logs(self, id: str, *, stdout: bool = True, stderr: bool = True, follow: bool = False,
                   since: float | str | None = None, until: float | str | None = None,
                   tail: int | str | None = None, timestamps: bool = False,
                   tty: bool | None = None) -> AsyncStream[Frame]:
        raw = await self.tty(id) if tty is None else tty
        query = _http.params(stdout=stdout, stderr=stderr, follow=follow, timestamps=timestamps, since=_str(since),
                             until=_str(until), tail=None if tail is None else str(tail))
        request = self._request("GET", _http.path("/containers/{}/logs", id), params=query)
        return AsyncStream(await _http.async_open_response(self._http, request), async_stdio_frames(raw))

    async def stats(self, id: str, *, stream: bool = True) -> AsyncStream[ContainerStats]:
        request = self._request("GET", _http.path("/containers/{}/stats", id), params={"stream": stream})
        return AsyncStream(await _http.async_open_response(self._http, request),
                           async_json_lines(ContainerStats.from_dict))

    async def attach(self, id: str, *, stdin: bool = False, stdout: bool = True, stderr: bool = True,
                     logs: bool = False, stream: bool = True, detach_keys: str | None = None,
                     tty: bool | None = None) -> AsyncAttachSession:
        raw = await self.tty(id) if tty is None else tty
        query = _http.params(stdin=stdin, stdout=stdout, stderr=stderr, logs=logs, stream=stream,
                             detachKeys=detach_keys)
        request = self._request("POST", _http.path("/containers/{}/attach", id), params=query)

        async def resize(h: int, w: int) -> None:
            await self.resize(id, h=str(h), w=str(w))

        return AsyncAttachSession(await async_upgrade(self._http, request), raw, resize)

    async def archive(self, id: str, *, path: str) -> tuple[AsyncStream[bytes], dict[str, Any]]:
        request = self._request("GET", _http.path("/containers/{}/archive", id), params={"path": path})
        response = await _http.async_open_response(self._http, request)
        try:
            stat = _http.path_stat(response)
        except BaseException:
            await response.aclose()
            raise
        return AsyncStream(response, async_chunks), stat

    async def archive_info(self, id: str, *, path: str) -> dict[str, Any]:
        request = self._request("HEAD", _http.path("/containers/{}/archive", id), params={"path": path})
        response = await _http.async_open_response(self._http, request)
        await response.aclose()
        return _http.path_stat(response)

    async def archive_put(self, id: str, data: AsyncBody, *, path: str, no_overwrite_dir_non_dir: bool = False,
                          copy_uidgid: bool = False) -> None:
        request = self._request("PUT", _http.path("/containers/{}/archive", id), content=data,
                                params=_http.archive_params(path, no_overwrite_dir_non_dir, copy_uidgid),
                                headers={"Content-Type": "application/x-tar"})
        await _http.async_read_all(self._http, request)

    async def exec_run(self, id: str, cmd: Sequence[str], *, stdin: bytes | None = None, tty: bool = False,
                       env: Sequence[str] | None = None, user: str | None = None,
                       privileged: bool = False) -> ExecResult:
        runner = AsyncExecs(self._client, self._http)
        config = ExecCreateConfig(cmd=list(cmd), attach_stdin=stdin is not None, attach_stdout=True,
                                  attach_stderr=True, tty=tty, privileged=privileged)
        if env is not None:
            config.env = list(env)
        if user is not None:
            config.user = user
        exec_id = _exec_id(await runner.create(id, body=config))
        async with await runner.start(exec_id, tty=tty) as session:
            if stdin is not None:
                await session.write(stdin)
                session.close_write()
            out, err = await session.output()
        return ExecResult(await runner.exit_code(exec_id), out, err)


class AsyncExecs(_AsyncResource, AsyncExecOperations):
    async def tty(self, id: str) -> bool:
        request = self._http.build_request("GET", _http.path("/exec/{}/json", id))
        return _http.tty_of(await _http.async_read_all(self._http, request), "ProcessConfig", "tty")

    async def start(self, id: str, *, tty: bool | None = None) -> AsyncAttachSession:
        raw = await self.tty(id) if tty is None else tty
        request = self._request("POST", _http.path("/exec/{}/start", id), json={"Detach": False, "Tty": raw})

        async def resize(h: int, w: int) -> None:
            await self.resize(id, h=str(h), w=str(w))

        return AsyncAttachSession(await async_upgrade(self._http, request), raw, resize)

    async def start_detached(self, id: str) -> None:
        request = self._request("POST", _http.path("/exec/{}/start", id), json={"Detach": True})
        await _http.async_read_all(self._http, request)

    async def exit_code(self, id: str, within: float = 10.0) -> int:
        deadline = time.monotonic() + within
        while True:
            info = await self.inspect(id)
            if not info.running or time.monotonic() > deadline:
                return info.exit_code
            await asyncio.sleep(0.02)


class AsyncImages(_AsyncResource, AsyncImageOperations):
    async def pull(self, image: str, *, tag: str | None = None,
                   auth: Mapping[str, Any] | None = None) -> AsyncStream[ProgressMessage]:
        request = self._request("POST", "/images/create", params=_http.params(fromImage=image, tag=tag),
                                headers=_http.registry_auth(auth))
        return AsyncStream(await _http.async_open_response(self._http, request), async_json_lines(progress))

    async def import_image(self, data: AsyncBody, *, repo: str | None = None,
                           tag: str | None = None) -> AsyncStream[ProgressMessage]:
        request = self._request("POST", "/images/create", params=_http.params(fromSrc="-", repo=repo, tag=tag),
                                content=data, headers={"Content-Type": "application/x-tar"})
        return AsyncStream(await _http.async_open_response(self._http, request), async_json_lines(progress))

    async def push(self, image: str, *, tag: str | None = None,
                   auth: Mapping[str, Any] | None = None) -> AsyncStream[ProgressMessage]:
        request = self._request("POST", _http.path("/images/{}/push", image), params=_http.params(tag=tag),
                                headers=_http.registry_auth(auth))
        return AsyncStream(await _http.async_open_response(self._http, request), async_json_lines(progress))

    async def save(self, name: str) -> AsyncStream[bytes]:
        request = self._request("GET", "/images/save", params={"name": name})
        return AsyncStream(await _http.async_open_response(self._http, request), async_chunks)

    async def get(self, imageid: str) -> AsyncStream[bytes]:
        request = self._request("GET", _http.path("/images/{}/get", imageid))
        return AsyncStream(await _http.async_open_response(self._http, request), async_chunks)

    async def get_all(self, names: Sequence[str]) -> AsyncStream[bytes]:
        request = self._request("GET", "/images/get", params=[("names", n) for n in names])
        return AsyncStream(await _http.async_open_response(self._http, request), async_chunks)

    async def load(self, data: AsyncBody, *, name: str | None = None) -> bytes:
        request = self._request("POST", "/images/load", params=_http.params(name=name), content=data,
                                headers={"Content-Type": "application/x-tar"})
        return await _http.async_read_all(self._http, request)


class AsyncSystem(_AsyncResource, AsyncSystemOperations):
    async def events(self, *, since: float | str | None = None, until: float | str | None = None,
                     filters: Mapping[str, list[str]] | None = None) -> AsyncStream[EventsMessage]:
        query = _http.params(since=_str(since), until=_str(until), filters=_http.filters_param(filters))
        response = await _http.async_open_response(self._http, self._request("GET", "/events", params=query))
        return AsyncStream(response, async_json_lines(EventsMessage.from_dict))


class AsyncNetworks(_AsyncResource, AsyncNetworkOperations):
    pass


class AsyncVolumes(_AsyncResource, AsyncVolumeOperations):
    pass
