"""The sync resources: every generated operation (from ``_operations``) plus the streams,
hijacked sessions and long waits a generator cannot express."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, NamedTuple

import httpx
import pouch_client
from pouch_client.models.container_stats import ContainerStats
from pouch_client.models.container_wait_response_200 import ContainerWaitResponse200
from pouch_client.models.events_message import EventsMessage
from pouch_client.models.exec_create_config import ExecCreateConfig
from pouch_client.models.exec_create_resp import ExecCreateResp
from pouch_client.types import Unset

from . import _http
from ._operations import (
    ContainerOperations,
    ExecOperations,
    ImageOperations,
    NetworkOperations,
    SystemOperations,
    VolumeOperations,
)
from .errors import ProtocolError
from .frames import Frame
from .sessions import AttachSession, upgrade
from .streams import ProgressMessage, Stream, chunks, json_lines, progress, stdio_frames

Body = bytes | Iterable[bytes] | IO[bytes]
CHUNK = 65536


class ExecResult(NamedTuple):
    exit_code: int
    stdout: bytes
    stderr: bytes


def _body(data: Body) -> bytes | Iterable[bytes]:
    if isinstance(data, bytes):
        return data
    if isinstance(data, Iterable) and not hasattr(data, "read"):
        return data
    reader = data
    return iter(lambda: reader.read(CHUNK), b"")


def _exec_id(created: ExecCreateResp) -> str:
    if isinstance(created.id, Unset):
        raise ProtocolError("exec create answered without an Id")
    return created.id


class _Resource:
    """Mixed in before a generated ``*Operations`` class: adds the raw httpx client beside the generated one."""

    def __init__(self, client: pouch_client.Client, http: httpx.Client) -> None:
        self._client = client
        self._http = http

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Request:
        return self._http.build_request(method, url, timeout=_http.STREAM_TIMEOUT, **kwargs)


class Containers(_Resource, ContainerOperations):
    def tty(self, id: str) -> bool:
        """Whether the container's process has a Tty (its output is then raw, not framed)."""
        request = self._http.build_request("GET", _http.path("/containers/{}/json", id))
        return _http.tty_of(_http.read_all(self._http, request), "Config", "Tty")

    def wait(self, id: str, *, read_timeout: float | None = None) -> ContainerWaitResponse200:
        """Block until the container stops; its exit code (no read timeout unless given)."""
        request = self._http.build_request(
            "POST", _http.path("/containers/{}/wait", id), timeout=httpx.Timeout(60.0, read=read_timeout)
        )
        return ContainerWaitResponse200.from_dict(json.loads(_http.read_all(self._http, request)))

    def logs(self, id: str, *, stdout: bool = True, stderr: bool = True, follow: bool = False,
             since: float | str | None = None, until: float | str | None = None, tail: int | str | None = None,
             timestamps: bool = False, tty: bool | None = None) -> Stream[Frame]:
        """The container's output as frames (stdout/stderr demultiplexed; raw stdout for a Tty)."""
        raw = self.tty(id) if tty is None else tty
        query = _http.params(stdout=stdout, stderr=stderr, follow=follow, timestamps=timestamps,
                             since=None if since is None else str(since), until=None if until is None else str(until),
                             tail=None if tail is None else str(tail))
        response = _http.open_response(self._http, self._request("GET", _http.path("/containers/{}/logs", id),
                                                                  params=query))
        return Stream(response, stdio_frames(raw))

    def stats(self, id: str, *, stream: bool = True) -> Stream[ContainerStats]:
        """Resource usage samples, one per second while ``stream`` (else a single one)."""
        request = self._request("GET", _http.path("/containers/{}/stats", id), params={"stream": stream})
        return Stream(_http.open_response(self._http, request), json_lines(ContainerStats.from_dict))

    def attach(self, id: str, *, stdin: bool = False, stdout: bool = True, stderr: bool = True, logs: bool = False,
               stream: bool = True, detach_keys: str | None = None, tty: bool | None = None) -> AttachSession:
        """Attach to the container's stdio over the hijacked connection."""
        raw = self.tty(id) if tty is None else tty
        query = _http.params(stdin=stdin, stdout=stdout, stderr=stderr, logs=logs, stream=stream,
                             detachKeys=detach_keys)
        response = upgrade(self._http, self._request("POST", _http.path("/containers/{}/attach", id), params=query))
        return AttachSession(response, raw, lambda h, w: self.resize(id, h=str(h), w=str(w)))

    def archive(self, id: str, *, path: str) -> tuple[Stream[bytes], dict[str, Any]]:
        """``path`` in the container as a tar byte stream (docker cp out), and the path's stat."""
        request = self._request("GET", _http.path("/containers/{}/archive", id), params={"path": path})
        response = _http.open_response(self._http, request)
        try:
            stat = _http.path_stat(response)
        except BaseException:
            response.close()
            raise
        return Stream(response, chunks), stat

    def archive_info(self, id: str, *, path: str) -> dict[str, Any]:
        """The stat of ``path`` in the container (name, size, mode as Go FileMode bits, mtime, linkTarget)."""
        request = self._request("HEAD", _http.path("/containers/{}/archive", id), params={"path": path})
        response = _http.open_response(self._http, request)
        response.close()
        return _http.path_stat(response)

    def archive_put(self, id: str, data: Body, *, path: str, no_overwrite_dir_non_dir: bool = False,
                    copy_uidgid: bool = False) -> None:
        """Unpack a tar (plain or compressed) into the directory ``path`` of the container (docker cp in)."""
        request = self._request("PUT", _http.path("/containers/{}/archive", id), content=_body(data),
                                params=_http.archive_params(path, no_overwrite_dir_non_dir, copy_uidgid),
                                headers={"Content-Type": "application/x-tar"})
        _http.read_all(self._http, request)

    def exec_run(self, id: str, cmd: Sequence[str], *, stdin: bytes | None = None, tty: bool = False,
                 env: Sequence[str] | None = None, user: str | None = None, privileged: bool = False,
                 execs: Execs | None = None) -> ExecResult:
        """Run ``cmd`` in the container, feed it ``stdin``, wait for it: (exit code, stdout, stderr)."""
        runner = execs or Execs(self._client, self._http)
        config = ExecCreateConfig(cmd=list(cmd), attach_stdin=stdin is not None, attach_stdout=True,
                                  attach_stderr=True, tty=tty, privileged=privileged)
        if env is not None:
            config.env = list(env)
        if user is not None:
            config.user = user
        exec_id = _exec_id(runner.create(id, body=config))
        with runner.start(exec_id, tty=tty) as session:
            if stdin is not None:
                session.write(stdin)
                session.close_write()
            out, err = session.output()
        return ExecResult(runner.exit_code(exec_id), out, err)


class Execs(_Resource, ExecOperations):
    def tty(self, id: str) -> bool:
        request = self._http.build_request("GET", _http.path("/exec/{}/json", id))
        return _http.tty_of(_http.read_all(self._http, request), "ProcessConfig", "tty")

    def start(self, id: str, *, tty: bool | None = None) -> AttachSession:
        """Start the exec attached: a session over the hijacked connection."""
        raw = self.tty(id) if tty is None else tty
        request = self._request("POST", _http.path("/exec/{}/start", id), json={"Detach": False, "Tty": raw})
        return AttachSession(upgrade(self._http, request), raw, lambda h, w: self.resize(id, h=str(h), w=str(w)))

    def start_detached(self, id: str) -> None:
        """Start the exec in the background; see :meth:`inspect` for its state."""
        _http.read_all(self._http, self._request("POST", _http.path("/exec/{}/start", id), json={"Detach": True}))

    def exit_code(self, id: str, within: float = 10.0) -> int:
        """The exit code once the exec has finished (output EOF can come just before the exit is recorded)."""
        deadline = time.monotonic() + within
        while True:
            info = self.inspect(id)
            if not info.running or time.monotonic() > deadline:
                return info.exit_code
            time.sleep(0.02)


class Images(_Resource, ImageOperations):
    def pull(self, image: str, *, tag: str | None = None,
             auth: Mapping[str, Any] | None = None) -> Stream[ProgressMessage]:
        """Pull from a registry: progress messages; a failure mid-way raises StreamError."""
        request = self._request("POST", "/images/create", params=_http.params(fromImage=image, tag=tag),
                                headers=_http.registry_auth(auth))
        return Stream(_http.open_response(self._http, request), json_lines(progress))

    def import_image(self, data: Body, *, repo: str | None = None,
                     tag: str | None = None) -> Stream[ProgressMessage]:
        """Import a root filesystem tarball (``fromSrc=-``) as an image."""
        request = self._request("POST", "/images/create", params=_http.params(fromSrc="-", repo=repo, tag=tag),
                                content=_body(data), headers={"Content-Type": "application/x-tar"})
        return Stream(_http.open_response(self._http, request), json_lines(progress))

    def push(self, image: str, *, tag: str | None = None,
             auth: Mapping[str, Any] | None = None) -> Stream[ProgressMessage]:
        request = self._request("POST", _http.path("/images/{}/push", image), params=_http.params(tag=tag),
                                headers=_http.registry_auth(auth))
        return Stream(_http.open_response(self._http, request), json_lines(progress))

    def save(self, name: str) -> Stream[bytes]:
        """The image as an OCI tar stream, in chunks as they arrive."""
        request = self._request("GET", "/images/save", params={"name": name})
        return Stream(_http.open_response(self._http, request), chunks)

    def get(self, imageid: str) -> Stream[bytes]:
        """The image as `docker save` writes it (docker-archive and OCI layout), a tar byte stream."""
        request = self._request("GET", _http.path("/images/{}/get", imageid))
        return Stream(_http.open_response(self._http, request), chunks)

    def get_all(self, names: Sequence[str]) -> Stream[bytes]:
        """Several images in one such tar (``docker save IMAGE...``)."""
        request = self._request("GET", "/images/get", params=[("names", n) for n in names])
        return Stream(_http.open_response(self._http, request), chunks)

    def load(self, data: Body, *, name: str | None = None) -> bytes:
        """Load images from an OCI tar stream; the server's answer body."""
        request = self._request("POST", "/images/load", params=_http.params(name=name), content=_body(data),
                                headers={"Content-Type": "application/x-tar"})
        return _http.read_all(self._http, request)


class System(_Resource, SystemOperations):
    def events(self, *, since: float | str | None = None, until: float | str | None = None,
               filters: Mapping[str, list[str]] | None = None) -> Stream[EventsMessage]:
        """Events as they happen (and past ones from ``since``); ``close()`` to stop listening."""
        query = _http.params(since=None if since is None else str(since), until=None if until is None else str(until),
                             filters=_http.filters_param(filters))
        response = _http.open_response(self._http, self._request("GET", "/events", params=query))
        return Stream(response, json_lines(EventsMessage.from_dict))


class Networks(_Resource, NetworkOperations):
    pass


class Volumes(_Resource, VolumeOperations):
    pass


__all__ = ["Containers", "ExecResult", "Execs", "Images", "Networks", "System", "Volumes"]
