"""The SDK against the real server: system operations, the typed event stream, errors, and
TCP with TLS client certificates configured through POUCH_* environment settings."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pouch
import pytest
from pouch_client.models.daemon_update_config import DaemonUpdateConfig
from pouch_client.models.event_type import EventType

from tests.helpers.server import RunningServer


@pytest.fixture
def sdk(server: RunningServer) -> pouch.Client:
    with pouch.Client(f"unix://{server.socket}") as client:
        yield client  # type: ignore[misc]


def test_version_info_ping(sdk: pouch.Client, client: httpx.Client) -> None:
    version = sdk.system.version()
    assert isinstance(version, pouch.models.SystemVersion)
    assert version.api_version == "1.24"
    assert version.to_dict() == client.get("/version").json()
    info = sdk.system.info()
    assert isinstance(info, pouch.models.SystemInfo) and info.id
    assert sdk.system.ping() == "OK"


def test_from_env_reaches_the_server(server: RunningServer) -> None:
    with pouch.Client.from_env({"POUCH_HOST": f"unix://{server.socket}"}) as client:
        assert client.system.version().api_version == "1.24"


def test_daemon_update_publishes_a_typed_event(sdk: pouch.Client) -> None:
    since = time.time() - 1
    with sdk.system.events(filters={"type": ["daemon"]}) as stream:
        sdk.system.daemon_update(body=DaemonUpdateConfig(labels=["sdk-test=1"]))
        event = next(stream)
    assert isinstance(event, pouch.models.EventsMessage)
    assert event.type_ == EventType.DAEMON and event.action == "reload"
    assert "sdk-test=1" in (sdk.system.info().labels or [])
    # the same event replayed from the past with since/until, and the stream ends at until
    past = list(sdk.system.events(since=since, until=time.time() + 0.5, filters={"type": ["daemon"]}))
    assert [e.action for e in past][-1:] == ["reload"]


def test_bad_input_is_a_typed_bad_request(sdk: pouch.Client) -> None:
    with pytest.raises(pouch.BadRequest) as info:
        sdk.system.daemon_update(body=DaemonUpdateConfig(labels=["no-equals-sign"]))
    assert info.value.status == 400 and info.value.message
    with pytest.raises(pouch.BadRequest):
        list(sdk.system.events(filters={"nonsense": ["x"]}))


def test_unreachable_server_is_connection_failed(tmp_path: Path) -> None:
    with pouch.Client(f"unix://{tmp_path}/nothing.sock") as client, pytest.raises(pouch.ConnectionFailed):
        client.system.version()


def test_async_client(server: RunningServer) -> None:
    async def main() -> tuple[str, str]:
        async with pouch.AsyncClient(f"unix://{server.socket}") as client:
            stream = await client.system.events(filters={"type": ["daemon"]})
            async with stream:
                version, _ = await asyncio.gather(client.system.version(),
                                                  client.system.daemon_update(body=DaemonUpdateConfig()))
                event = await anext(stream)
            return str(version.api_version), str(event.action)

    assert asyncio.run(main()) == ("1.24", "reload")


# -- TLS with client certificates over TCP ----------------------------------------------------

def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("certs")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
             "-keyout", "ca-key.pem", "-out", "ca.pem", cwd=d)
    (d / "san.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    for name, cn in (("server", "127.0.0.1"), ("", "client")):
        prefix = f"{name}-" if name else ""
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={cn}", "-keyout", f"{prefix}key.pem",
                 "-out", f"{prefix}req.csr", cwd=d)
        extra = ["-extfile", "san.cnf"] if name else []
        _openssl("x509", "-req", "-in", f"{prefix}req.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                 "-CAcreateserial", "-days", "2", "-out", f"{prefix}cert.pem", *extra, cwd=d)
    return d


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_tls_client_certificates_from_env(certs: Path, tmp_path: Path) -> None:
    port = _free_port()
    # TLS applies to the TCP listener only; the unix socket the fixture probes stays plain.
    srv = RunningServer(tmp_path / "tls", tcp_port=port, extra_args=[
        "--tlsverify", "--tlscacert", str(certs / "ca.pem"),
        "--tlscert", str(certs / "server-cert.pem"), "--tlskey", str(certs / "server-key.pem")]).start()
    try:
        env = {"POUCH_HOST": f"tcp://127.0.0.1:{port}", "POUCH_TLS_VERIFY": "1", "POUCH_CERT_PATH": str(certs)}
        with pouch.Client.from_env(env) as client:
            assert client.endpoint.base_url == f"https://127.0.0.1:{port}/v1.24"
            assert client.system.version().api_version == "1.24"
        # the server requires a client certificate: without one the handshake fails
        no_cert = pouch.TLSConfig(ca_cert=str(certs / "ca.pem"))
        with pouch.Client(f"tcp://127.0.0.1:{port}", tls=no_cert) as client, pytest.raises(pouch.ConnectionFailed):
            client.system.version()
    finally:
        srv.stop()
