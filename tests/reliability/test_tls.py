"""Transport security: TCP only when asked, TLS with client certificates on TCP, the unix
socket plain and 0660 (as dockerd and pouchd do)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import ssl
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pouch
import pytest

from runtime.config import DEFAULT_LISTEN
from server.cli import parse_args
from tests.conftest import require_root_stack
from tests.helpers.images import busybox_tar
from tests.helpers.registry import free_port
from tests.helpers.server import RunningServer
from tests.reliability.certs import PKI, make_pki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory, pki: PKI) -> Iterator[RunningServer]:
    args = ["--tlsverify", "--tlscacert", str(pki.ca), "--tlscert", str(pki.server_cert), "--tlskey",
            str(pki.server_key)]
    srv = RunningServer(tmp_path_factory.mktemp("tls-pouchd"), extra_args=args, tcp_port=free_port()).start()
    yield srv
    srv.stop()


def https(srv: RunningServer, ctx: ssl.SSLContext) -> httpx.Client:
    return httpx.Client(base_url=f"https://127.0.0.1:{srv.tcp_port}/v1.24", verify=ctx, timeout=30)


def client_context(pki: PKI, cert: Path | None = None, key: Path | None = None) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(pki.ca))
    if cert and key:
        ctx.load_cert_chain(str(cert), str(key))
    return ctx


def cert_dir(base: Path, pki: PKI) -> Path:
    """A docker-style cert path: ca.pem, cert.pem, key.pem."""
    base.mkdir(exist_ok=True)
    shutil.copy(pki.ca, base / "ca.pem")
    shutil.copy(pki.client_cert, base / "cert.pem")
    shutil.copy(pki.client_key, base / "key.pem")
    return base


def server_pids(srv: RunningServer) -> set[int]:
    assert srv.proc is not None
    out = subprocess.run(["pgrep", "-g", str(srv.proc.pid)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def tcp_listeners(pids: set[int]) -> set[str]:
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    found = set()
    for line in out.splitlines():
        if any(int(p) in pids for p in re.findall(r"pid=(\d+)", line)):
            found.add(line.split()[3])
    return found


def test_default_is_the_unix_socket_alone() -> None:
    assert parse_args([]).listen == [DEFAULT_LISTEN]
    assert DEFAULT_LISTEN.startswith("unix://")


def test_a_server_without_tcp_flags_listens_on_no_tcp_port(fresh_server: RunningServer) -> None:
    fresh_server.start()
    assert tcp_listeners(server_pids(fresh_server)) == set()


@pytest.mark.parametrize(
    "argv",
    [
        ["--tlsverify", "--tlscert", "c", "--tlskey", "k"],  # verify without a CA
        ["--tlsverify", "--tlscacert", "ca"],  # no server certificate
        ["--tlscert", "c"],  # a certificate without its key
    ],
)
def test_incomplete_tls_flags_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(argv)


def test_unreadable_tls_files_stop_the_server(tmp_path: Path) -> None:
    srv = RunningServer(tmp_path / "srv", tcp_port=free_port(),
                        extra_args=["--tlscert", str(tmp_path / "missing.pem"), "--tlskey", str(tmp_path / "k")])
    with pytest.raises(RuntimeError, match="cannot load TLS files"):
        srv.start(timeout=15)


def test_tcp_listener_is_the_one_asked_for(tls_server: RunningServer) -> None:
    assert tcp_listeners(server_pids(tls_server)) == {f"127.0.0.1:{tls_server.tcp_port}"}


def test_client_certificate_signed_by_the_ca_is_served(tls_server: RunningServer, pki: PKI) -> None:
    with https(tls_server, client_context(pki, pki.client_cert, pki.client_key)) as c:
        r = c.get("/_ping")
        assert (r.status_code, r.text) == (200, "OK")
        assert c.get("/version").json()["ApiVersion"] == "1.24"


def test_sdk_connects_with_client_certificates_from_the_environment(tls_server: RunningServer, pki: PKI,
                                                                     tmp_path: Path) -> None:
    env = {"POUCH_HOST": f"tcp://127.0.0.1:{tls_server.tcp_port}", "POUCH_TLS_VERIFY": "1",
           "POUCH_CERT_PATH": str(cert_dir(tmp_path / "certs", pki))}
    with pouch.Client.from_env(env) as client:
        assert client.system.version().api_version == "1.24"


def _refused(tls_server: RunningServer, ctx: ssl.SSLContext) -> None:
    # TLS 1.3 may finish the client side of the handshake before the server's alert lands:
    # the refusal then shows on the first read. Either way no HTTP answer comes back.
    with pytest.raises((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError)), https(tls_server, ctx) as c:
        c.get("/_ping")


def test_no_client_certificate_is_refused(tls_server: RunningServer, pki: PKI, tmp_path: Path) -> None:
    _refused(tls_server, client_context(pki))
    env = {"POUCH_HOST": f"tcp://127.0.0.1:{tls_server.tcp_port}", "POUCH_TLS_VERIFY": "1",
           "POUCH_CERT_PATH": str(tmp_path)}
    shutil.copy(pki.ca, tmp_path / "ca.pem")  # the server is trusted, but we present no certificate
    with pouch.Client.from_env(env) as client, pytest.raises(pouch.ConnectionFailed):
        client.system.version()


def test_certificate_of_an_unknown_ca_is_refused(tls_server: RunningServer, pki: PKI) -> None:
    _refused(tls_server, client_context(pki, pki.rogue_client_cert, pki.rogue_client_key))
    # and a server certificate used as a client one (right CA, wrong purpose) is refused too
    _refused(tls_server, client_context(pki, pki.server_cert, pki.server_key))


def test_plain_http_on_the_tls_port_gets_no_answer(tls_server: RunningServer) -> None:
    with socket.create_connection(("127.0.0.1", tls_server.tcp_port), timeout=10) as s:
        s.sendall(b"GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            got = s.recv(4096)
        except ConnectionResetError:
            got = b""
    assert b"HTTP/1.1 200" not in got and b"OK" not in got
    with pytest.raises(httpx.TransportError), httpx.Client(timeout=10) as c:
        c.get(f"http://127.0.0.1:{tls_server.tcp_port}/_ping")


def test_unix_socket_stays_plain_and_0660(tls_server: RunningServer) -> None:
    mode = stat.S_IMODE(os.stat(tls_server.socket).st_mode)
    assert mode == 0o660, oct(mode)
    with tls_server.client() as c:
        r = c.get("/_ping")
        assert (r.status_code, r.text) == (200, "OK")


def test_refused_clients_leave_the_server_serving(tls_server: RunningServer, pki: PKI) -> None:
    for _ in range(5):
        _refused(tls_server, client_context(pki))
    with https(tls_server, client_context(pki, pki.client_cert, pki.client_key)) as c:
        assert c.get("/_ping").status_code == 200


def test_hijacked_exec_over_tls_and_over_the_unix_socket(tls_server: RunningServer, pki: PKI,
                                                         tmp_path: Path) -> None:
    require_root_stack()
    env = {"POUCH_HOST": f"tcp://127.0.0.1:{tls_server.tcp_port}", "POUCH_TLS_VERIFY": "1",
           "POUCH_CERT_PATH": str(cert_dir(tmp_path / "certs", pki))}
    with https(tls_server, client_context(pki, pki.client_cert, pki.client_key)) as c:
        r = c.post("/images/load", content=busybox_tar().read_bytes(), params={"name": "busybox:latest"},
                   headers={"Content-Type": "application/x-tar"}, timeout=120)
        assert r.status_code == 200, r.text
        r = c.post("/containers/create", json={"Image": "busybox:latest", "Cmd": ["sleep", "300"]})
        assert r.status_code == 201, r.text
        cid = r.json()["Id"]
        assert c.post(f"/containers/{cid}/start").status_code == 204
    try:
        with pouch.Client.from_env(env) as client:
            res = client.containers.exec_run(cid, ["sh", "-c", "echo over-tls; echo err >&2; exit 4"])
            assert (res.exit_code, res.stdout, res.stderr) == (4, b"over-tls\n", b"err\n")
        with pouch.Client(f"unix://{tls_server.socket}") as client:
            res = client.containers.exec_run(cid, ["echo", "over-unix"])
            assert (res.exit_code, res.stdout) == (0, b"over-unix\n")
    finally:
        with tls_server.client() as u:
            u.delete(f"/containers/{cid}", params={"force": 1})
