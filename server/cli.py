"""The server command (``pouchd``): pouchd-style flags, served by uvicorn in one process
speaking the hijack-capable protocol.

One process, because the engine is the single owner of the host state (like pouchd and
dockerd); concurrency comes from asyncio inside it. The default listener is the unix
socket alone (mode 0660); TCP listens only where ``--listen tcp://`` asks, and the TLS
flags apply to TCP listeners only (see :mod:`server.tls`).
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import ssl
import stat
import warnings

import uvicorn

from runtime.config import (
    DEFAULT_EXEC_ROOT_DIR,
    DEFAULT_HOME_DIR,
    DEFAULT_LISTEN,
    DEFAULT_LXCFS_HOME,
    DEFAULT_REGISTRY,
    DaemonConfig,
)
from server import memory
from server.hijack import HijackHttpToolsProtocol
from server.tls import SplitTLSServer, TLSConfigError, check_tls_flags, server_context

SOCKET_MODE = 0o660
log = logging.getLogger("pouch.server")


def parse_args(argv: list[str] | None = None) -> DaemonConfig:
    p = argparse.ArgumentParser(prog="pouchd", description="Pouch Engine API v1.24 server")
    p.add_argument(
        "-l",
        "--listen",
        action="append",
        metavar="ADDR",
        help=f"unix:///path or tcp://host:port, repeatable (default {DEFAULT_LISTEN})",
    )
    p.add_argument("--home-dir", default=DEFAULT_HOME_DIR, help="root of persistent state (default %(default)s)")
    p.add_argument(
        "--exec-root-dir",
        default=DEFAULT_EXEC_ROOT_DIR,
        help="root of runtime state cleared by a reboot (default %(default)s)",
    )
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error", "critical"])
    p.add_argument("-D", "--debug", action="store_true", help="debug logging")
    p.add_argument("--default-registry", default=DEFAULT_REGISTRY, help="registry for bare image names")
    p.add_argument(
        "--insecure-registries",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="registries reached over plain HTTP, repeatable",
    )
    p.add_argument(
        "--label", action="append", default=[], dest="labels", metavar="KEY=VALUE", help="daemon label, repeatable"
    )
    p.add_argument("--image-proxy", default="", help="proxy for image pulls")
    p.add_argument("--cgroup-parent", default="pouch", help="cgroup (and resource name) prefix")
    p.add_argument(
        "--allowed-bind-root",
        action="append",
        default=[],
        dest="allowed_bind_roots",
        metavar="DIR",
        help="host directory bind mounts may come from, repeatable (default: anywhere, as dockerd)",
    )
    p.add_argument("--enable-lxcfs", action="store_true", help="run lxcfs for containers with EnableLxcfs")
    p.add_argument("--lxcfs", default=None, help="the lxcfs binary (default: lxcfs on PATH, /usr/bin/lxcfs)")
    p.add_argument("--lxcfs-home", default=DEFAULT_LXCFS_HOME, help="where lxcfs is mounted (default %(default)s)")
    p.add_argument(
        "--strict-requests",
        action="store_true",
        help="refuse requests that deviate from the spec in form (unknown parameters or keys, undeclared "
        "content types) instead of reading them as pouchd does; for contract-testing clients",
    )
    p.add_argument(
        "--api-dialect",
        choices=["auto", "pouch", "docker"],
        default="auto",
        help="answer as pouchd or as dockerd where their clients differ; auto: per request, "
        "from what it shows (User-Agent, Host) (default %(default)s)",
    )
    p.add_argument("--tlsverify", action="store_true", help="require client certificates on TCP listeners")
    p.add_argument("--tlscacert", help="CA certificate for client verification")
    p.add_argument("--tlscert", help="server certificate")
    p.add_argument("--tlskey", help="server key")
    a = p.parse_args(argv)
    listen = a.listen or [DEFAULT_LISTEN]
    for addr in listen:
        if not (addr.startswith("unix:///") or addr.startswith("tcp://")):
            p.error(f"invalid --listen {addr!r}: want unix:///path or tcp://host:port")
    config = DaemonConfig(
        listen=listen,
        home_dir=a.home_dir,
        exec_root_dir=a.exec_root_dir,
        log_level="debug" if a.debug else a.log_level,
        debug=a.debug,
        default_registry=a.default_registry,
        insecure_registries=a.insecure_registries,
        labels=a.labels,
        image_proxy=a.image_proxy,
        cgroup_parent=a.cgroup_parent,
        tls_verify=a.tlsverify,
        tls_cacert=a.tlscacert,
        tls_cert=a.tlscert,
        tls_key=a.tlskey,
        allowed_bind_roots=[os.path.abspath(r) for r in a.allowed_bind_roots],
        strict_requests=a.strict_requests,
        api_dialect=a.api_dialect,
        enable_lxcfs=a.enable_lxcfs,
        lxcfs=a.lxcfs or "",
        lxcfs_home=a.lxcfs_home,
    )
    try:
        check_tls_flags(config)
    except TLSConfigError as exc:
        p.error(str(exc))
    return config


def listen_sockets(config: DaemonConfig) -> list[socket.socket]:
    """The listeners, bound before the engine starts: unix sockets mode 0660 (stale ones from a
    previous run replaced), TCP as asked."""
    socks = []
    for addr in config.listen:
        if addr.startswith("unix://"):
            path = addr[len("unix://") :]
            os.makedirs(os.path.dirname(path) or "/", exist_ok=True)
            _remove_stale_socket(path)
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.bind(path)
            os.chmod(path, SOCKET_MODE)
        else:
            host, _, port = addr[len("tcp://") :].rpartition(":")
            host = host.strip("[]") or "0.0.0.0"
            sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, int(port)))
        sock.listen(2048)
        socks.append(sock)
    return socks


def serve(config: DaemonConfig, tcp_ssl: ssl.SSLContext | None) -> None:
    """One process: uvicorn (hijack-capable protocol, uvloop) around the engine, which owns the
    host state alone, as pouchd does. No prefork master: it would only double the memory."""
    from server.app import create_app

    memory.tune_malloc()
    uv = uvicorn.Config(
        create_app(config),
        http=HijackHttpToolsProtocol,
        loop="uvloop",
        lifespan="on",
        # dockerd logs requests at debug level only; a log record per request costs more than a ping.
        access_log=config.debug,
        log_config=None,
        log_level=config.log_level,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,  # long-lived requests (logs -f, events) must not hold a stop
    )
    server = SplitTLSServer(config=uv, tcp_ssl=tcp_ssl)
    server.run(sockets=listen_sockets(config))
    if not server.started:
        raise SystemExit("pouchd: the server did not start (see the log above)")


def _remove_stale_socket(path: str) -> None:
    try:
        if stat.S_ISSOCK(os.lstat(path).st_mode):
            os.unlink(path)
    except FileNotFoundError:
        pass


def main(argv: list[str] | None = None) -> None:
    # connexion imports starlette.testclient, which warns about httpx at import time.
    warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
    config = parse_args(argv)
    logging.basicConfig(level=config.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        tcp_ssl = server_context(config)  # load the files now: a bad path fails here, not in the worker
    except TLSConfigError as exc:
        raise SystemExit(f"pouchd: {exc}") from exc
    for addr in config.listen:
        if addr.startswith("tcp://") and tcp_ssl is None:
            log.warning("listening on %s without TLS: anyone who reaches it controls the host as root", addr)
        elif addr.startswith("tcp://") and not config.tls_verify:
            log.warning("listening on %s with TLS but without --tlsverify: clients are not authenticated", addr)
    serve(config, tcp_ssl)


if __name__ == "__main__":
    main()
