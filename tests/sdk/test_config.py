"""Host URLs, docker-style environment settings, the error mapping and the packaging contract."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path

import pouch
import pytest
import yaml
from pouch.config import resolve_host, settings_from_env
from pouch.errors import api_error

ROOT = Path(__file__).resolve().parents[2]


def test_unix_socket_is_the_default() -> None:
    endpoint = resolve_host()
    assert endpoint.uds == "/var/run/pouchd.sock"
    assert endpoint.base_url == "http://pouch/v1.24"
    assert pouch.Client().endpoint == endpoint


def test_tcp_and_https_hosts() -> None:
    assert resolve_host("tcp://10.0.0.1:2375").base_url == "http://10.0.0.1:2375/v1.24"
    https = resolve_host("https://h.example:2376")
    assert https.base_url == "https://h.example:2376/v1.24" and isinstance(https.ssl_context, ssl.SSLContext)
    tls = resolve_host("tcp://h:2376", tls=pouch.TLSConfig(verify=False))
    assert tls.base_url.startswith("https://h:2376") and tls.ssl_context is not None
    assert tls.ssl_context.verify_mode == ssl.CERT_NONE


@pytest.mark.parametrize("bad", ["ftp://x", "unix://", "tcp://:80", "/var/run/pouchd.sock"])
def test_bad_hosts_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        resolve_host(bad)


def test_env_like_docker(tmp_path: Path) -> None:
    assert settings_from_env({}) == ("unix:///var/run/pouchd.sock", None)
    assert settings_from_env({"POUCH_HOST": "tcp://h:1"}) == ("tcp://h:1", None)
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (tmp_path / name).write_text("x")
    env = {"POUCH_HOST": "tcp://h:1", "POUCH_TLS_VERIFY": "1", "POUCH_CERT_PATH": str(tmp_path)}
    host, tls = settings_from_env(env)
    assert host == "tcp://h:1"
    assert tls == pouch.TLSConfig(client_cert=(str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")),
                                  ca_cert=str(tmp_path / "ca.pem"), verify=True)
    # a cert path alone turns TLS on without verifying the server, as the docker client does
    _, tls = settings_from_env({"POUCH_HOST": "tcp://h:1", "POUCH_CERT_PATH": str(tmp_path)})
    assert tls is not None and tls.verify is False


@pytest.mark.parametrize(("status", "cls"), [
    (304, pouch.NotModified), (400, pouch.BadRequest), (401, pouch.Unauthorized), (403, pouch.Forbidden),
    (404, pouch.NotFound), (409, pouch.Conflict), (500, pouch.ServerError), (501, pouch.NotImplementedByServer),
    (503, pouch.ServerError), (418, pouch.APIError),
])
def test_status_maps_to_one_hierarchy(status: int, cls: type[pouch.APIError]) -> None:
    err = api_error(status, b'{"message": "boom"}')
    assert type(err) is cls and isinstance(err, pouch.PouchError)
    assert (err.status, err.message) == (status, "boom")
    assert api_error(status, b"plain text\n").message == "plain text"


def test_version_is_tied_to_the_spec() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "swagger.yml").read_text())
    assert pouch.API_VERSION == spec["info"]["version"]
    assert pouch.__version__.startswith(spec["info"]["version"] + ".")
    project = (ROOT / "sdk" / "pyproject.toml").read_text()
    assert f'version = "{pouch.__version__}"' in project


def test_operations_facade_matches_the_generated_client() -> None:
    """sdk/pouch/_operations.py is derived from generated/client: regenerate when the spec changes."""
    check = subprocess.run([sys.executable, str(ROOT / "sdk" / "tools" / "gen_operations.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_every_generated_operation_is_exposed() -> None:
    import pkgutil

    import pouch_client.api as api

    exposed = 0
    client = pouch.Client()
    resources = {"container": client.containers, "exec_": client.execs, "image": client.images,
                 "network": client.networks, "system": client.system, "volume": client.volumes}
    special = {"container_exec": "create", "image_create": "pull", "image_load": "load", "image_push": "push",
               "image_save": "save", "container_attach": "attach", "exec_start": "start", "system_events": "events"}
    for tag in pkgutil.iter_modules(api.__path__):
        for op in pkgutil.iter_modules([str(Path(api.__path__[0]) / tag.name)]):
            prefix = tag.name.rstrip("_") + "_"
            method = special.get(op.name, op.name.removeprefix(prefix))
            assert callable(getattr(resources[tag.name], method, None)), f"{op.name} not exposed as {method}"
            exposed += 1
    assert exposed == 59  # the seed's 52 and the 7 added for Docker's clients
