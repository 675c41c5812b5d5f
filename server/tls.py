"""Transport security for TCP listeners, as pouchd and dockerd do it.

dockerd keeps its unix socket plain (file permissions guard it) and speaks TLS on TCP only,
where uvicorn's own TLS settings would wrap every listener. :class:`SplitTLSServer` serves
unix sockets plain and wraps only the TCP ones in the :class:`ssl.SSLContext` built here from
``--tlscert/--tlskey`` (plus ``--tlscacert`` and ``CERT_REQUIRED`` under ``--tlsverify``). Both kinds of listener use
the hijack-capable protocol of :mod:`server.hijack`.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
from typing import Any

from uvicorn.server import Server

from runtime.config import DaemonConfig

log = logging.getLogger("pouch.server.tls")


class TLSConfigError(ValueError):
    """The TLS flags do not make a usable configuration (named in the message)."""


def check_tls_flags(config: DaemonConfig) -> None:
    """Reject incomplete TLS flag sets before anything listens."""
    if config.tls_verify and not config.tls_cacert:
        raise TLSConfigError("--tlsverify needs --tlscacert (the CA that signs client certificates)")
    if (config.tls_verify or config.tls_cacert) and not (config.tls_cert and config.tls_key):
        raise TLSConfigError("TLS needs both --tlscert and --tlskey")
    if bool(config.tls_cert) != bool(config.tls_key):
        raise TLSConfigError("--tlscert and --tlskey go together")


def server_context(config: DaemonConfig) -> ssl.SSLContext | None:
    """The context TCP listeners speak, or None when no TLS flag was given.

    With ``--tlsverify`` a client must present a certificate signed by ``--tlscacert``;
    without it (``--tlscert/--tlskey`` alone) the server is authenticated but clients are
    not, as with dockerd's ``--tls``. TLS 1.2 is the floor, as in dockerd.
    """
    check_tls_flags(config)
    if not config.tls_cert:
        return None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        ctx.load_cert_chain(config.tls_cert, config.tls_key)
        if config.tls_verify:
            assert config.tls_cacert is not None  # check_tls_flags
            ctx.load_verify_locations(cafile=config.tls_cacert)
            ctx.verify_mode = ssl.CERT_REQUIRED
    except (OSError, ssl.SSLError) as exc:
        raise TLSConfigError(f"cannot load TLS files: {exc}") from exc
    return ctx


def is_tcp(sock: Any) -> bool:
    return bool(sock.family in (socket.AF_INET, socket.AF_INET6))


class SplitTLSServer(Server):
    """uvicorn's server with per-listener TLS: unix sockets plain, TCP ones in ``tcp_ssl``."""

    def __init__(self, *args: Any, tcp_ssl: ssl.SSLContext | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tcp_ssl = tcp_ssl

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        sockets = list(sockets or [])
        tls_socks = [s for s in sockets if is_tcp(s)] if self.tcp_ssl else []
        # uvicorn serves the plain ones (and runs the lifespan), then the TLS ones join.
        await super().startup(sockets=[s for s in sockets if s not in tls_socks])
        if not tls_socks:
            return
        config = self.config
        loop = asyncio.get_running_loop()

        def create_protocol(_loop: asyncio.AbstractEventLoop | None = None) -> asyncio.Protocol:
            return config.http_protocol_class(  # type: ignore[call-arg]
                config=config, server_state=self.server_state, app_state=self.lifespan.state, _loop=_loop
            )

        for sock in tls_socks:
            srv = await loop.create_server(create_protocol, sock=sock, ssl=self.tcp_ssl, backlog=config.backlog)
            self.servers.append(srv)
