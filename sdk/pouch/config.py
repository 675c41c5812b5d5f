"""Where the server is and how to reach it: host URLs, TLS, and docker-style environment settings.

``POUCH_HOST``       unix:///var/run/pouchd.sock (default), tcp://host:port, http(s)://host:port
``POUCH_TLS_VERIFY`` non-empty: use TLS and verify the server against ``ca.pem``
``POUCH_CERT_PATH``  directory with ca.pem, cert.pem, key.pem (default ~/.pouch); setting it alone
                     turns TLS on without verifying the server, as the docker client does
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .version import API_VERSION

DEFAULT_HOST = "unix:///var/run/pouchd.sock"
# Host part of the URL when talking over a unix socket: any name works, the socket decides.
UNIX_BASE = "http://pouch"


@dataclass(frozen=True)
class TLSConfig:
    """Client certificates and server verification for https / tcp+TLS."""

    client_cert: tuple[str, str] | None = None  # (cert.pem, key.pem)
    ca_cert: str | None = None
    verify: bool = True

    @classmethod
    def from_cert_path(cls, cert_path: str | os.PathLike[str], verify: bool) -> TLSConfig:
        base = Path(cert_path).expanduser()
        cert, key, ca = base / "cert.pem", base / "key.pem", base / "ca.pem"
        return cls(
            client_cert=(str(cert), str(key)) if cert.exists() and key.exists() else None,
            ca_cert=str(ca) if ca.exists() else None,
            verify=verify,
        )

    def ssl_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(cafile=self.ca_cert) if self.verify else ssl.create_default_context()
        if not self.verify:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        if self.client_cert:
            ctx.load_cert_chain(*self.client_cert)
        return ctx


@dataclass(frozen=True)
class Endpoint:
    """A resolved host: the HTTP base URL (with /v1.24), and a unix socket path or an SSL context."""

    base_url: str
    uds: str | None = None
    ssl_context: ssl.SSLContext | None = None


def resolve_host(host: str = DEFAULT_HOST, tls: TLSConfig | None = None, version: str = API_VERSION) -> Endpoint:
    """Turn ``unix://``, ``tcp://``, ``http://`` or ``https://`` into an :class:`Endpoint`."""
    parts = urlsplit(host)
    prefix = f"/v{version}"
    if parts.scheme == "unix":
        path = parts.path or parts.netloc
        if not path:
            raise ValueError(f"no socket path in {host!r}")
        return Endpoint(base_url=UNIX_BASE + prefix, uds=path)
    if parts.scheme in ("tcp", "http", "https"):
        if not parts.hostname:
            raise ValueError(f"no host in {host!r}")
        secure = parts.scheme == "https" or tls is not None
        if parts.scheme == "http" and tls is not None:
            raise ValueError(f"{host!r} is plain http but TLS settings were given")
        scheme = "https" if secure else "http"
        base = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{prefix}"
        context = (tls or TLSConfig()).ssl_context() if secure else None
        return Endpoint(base_url=base, ssl_context=context)
    raise ValueError(f"unsupported host {host!r}: use unix://, tcp://, http:// or https://")


def settings_from_env(environ: Mapping[str, str] | None = None) -> tuple[str, TLSConfig | None]:
    """Read POUCH_HOST, POUCH_TLS_VERIFY and POUCH_CERT_PATH the way the docker client reads DOCKER_*."""
    env = os.environ if environ is None else environ
    host = env.get("POUCH_HOST") or DEFAULT_HOST
    verify = bool(env.get("POUCH_TLS_VERIFY"))
    cert_path = env.get("POUCH_CERT_PATH")
    if not (verify or cert_path) or host.startswith("unix://"):
        return host, None
    return host, TLSConfig.from_cert_path(cert_path or "~/.pouch", verify=verify)
