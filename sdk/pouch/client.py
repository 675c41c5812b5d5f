"""The entry points: :class:`Client` and :class:`AsyncClient`.

Both build the generated ``pouch_client.Client`` on an httpx client of their own (a unix-socket
transport, or TLS with client certificates) whose base URL carries ``/v1.24``, and group every
operation by resource: ``client.containers``, ``client.execs``, ``client.images``,
``client.networks``, ``client.volumes``, ``client.system``. ``client.generated`` is the generated
client itself, for its ``*_detailed`` call style.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any

import httpx
import pouch_client

from .async_resources import AsyncContainers, AsyncExecs, AsyncImages, AsyncNetworks, AsyncSystem, AsyncVolumes
from .config import DEFAULT_HOST, Endpoint, TLSConfig, resolve_host, settings_from_env
from .errors import ConnectionFailed
from .resources import Containers, Execs, Images, Networks, System, Volumes
from .version import API_VERSION

DEFAULT_TIMEOUT = 60.0


def _transport_error(exc: httpx.TransportError) -> ConnectionFailed:
    what = "cannot reach the pouch server" if isinstance(exc, httpx.ConnectError) else "connection to the pouch server"
    return ConnectionFailed(f"{what}: {type(exc).__name__}: {exc}")


class _Transport(httpx.HTTPTransport):
    """Transport failures (refused, TLS rejected, timeouts) surface as :class:`pouch.ConnectionFailed`."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return super().handle_request(request)
        except httpx.TransportError as exc:
            raise _transport_error(exc) from exc


class _AsyncTransport(httpx.AsyncHTTPTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except httpx.TransportError as exc:
            raise _transport_error(exc) from exc


def _transport_args(endpoint: Endpoint) -> dict[str, Any]:
    # Without TLS (unix socket, plain tcp) no certificate is ever checked: verify=False only
    # spares httpx loading the CA bundle for each client (about 20 ms).
    return {"uds": endpoint.uds, "verify": endpoint.ssl_context if endpoint.ssl_context is not None else False}


class _Base:
    endpoint: Endpoint

    def __init__(self, base_url: str, tls: TLSConfig | None, version: str) -> None:
        self.endpoint = resolve_host(base_url, tls, version)
        self.generated = pouch_client.Client(base_url=self.endpoint.base_url)

    @classmethod
    def _env(cls, environ: Mapping[str, str] | None) -> tuple[str, TLSConfig | None]:
        return settings_from_env(environ)


class Client(_Base):
    """A synchronous client: ``with pouch.Client.from_env() as client: client.system.version()``."""

    def __init__(self, base_url: str = DEFAULT_HOST, *, tls: TLSConfig | None = None,
                 timeout: float | httpx.Timeout = DEFAULT_TIMEOUT, version: str = API_VERSION) -> None:
        super().__init__(base_url, tls, version)
        self.http = httpx.Client(base_url=self.endpoint.base_url, timeout=timeout,
                                 transport=_Transport(**_transport_args(self.endpoint)))
        self.generated.set_httpx_client(self.http)
        self.containers = Containers(self.generated, self.http)
        self.execs = Execs(self.generated, self.http)
        self.images = Images(self.generated, self.http)
        self.networks = Networks(self.generated, self.http)
        self.volumes = Volumes(self.generated, self.http)
        self.system = System(self.generated, self.http)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Client:
        """POUCH_HOST, POUCH_TLS_VERIFY, POUCH_CERT_PATH (see :mod:`pouch.config`)."""
        host, tls = cls._env(environ)
        return cls(host, tls=tls, **kwargs)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(_Base):
    """The asyncio client: ``async with pouch.AsyncClient.from_env() as client: await client.system.version()``."""

    def __init__(self, base_url: str = DEFAULT_HOST, *, tls: TLSConfig | None = None,
                 timeout: float | httpx.Timeout = DEFAULT_TIMEOUT, version: str = API_VERSION) -> None:
        super().__init__(base_url, tls, version)
        self.http = httpx.AsyncClient(base_url=self.endpoint.base_url, timeout=timeout,
                                      transport=_AsyncTransport(**_transport_args(self.endpoint)))
        self.generated.set_async_httpx_client(self.http)
        self.containers = AsyncContainers(self.generated, self.http)
        self.execs = AsyncExecs(self.generated, self.http)
        self.images = AsyncImages(self.generated, self.http)
        self.networks = AsyncNetworks(self.generated, self.http)
        self.volumes = AsyncVolumes(self.generated, self.http)
        self.system = AsyncSystem(self.generated, self.http)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> AsyncClient:
        host, tls = cls._env(environ)
        return cls(host, tls=tls, **kwargs)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()
