"""Registry I/O through skopeo (containers/image): inspect, copy in and out, login.

Why skopeo: it speaks the distribution protocol (token and basic auth, redirects,
manifest lists, retries, digest verification) and writes straight into our OCI layout
with ``--{src,dest}-shared-blob-dir``, so blobs land in the content store exactly once and
a pull cut off midway leaves only complete, verified blobs for the next pull to reuse.

Registry settings, per registry host (``host[:port]``):
- listed in ``--insecure-registries`` (a host or a CIDR): HTTPS without certificate
  checks, falling back to plain HTTP (``--tls-verify=false``, as dockerd does);
- ``<home>/certs.d/<host[:port]>/`` exists: its ``*.crt`` are the CAs to trust (and
  ``*.cert``/``*.key`` a client certificate), as in docker's ``/etc/docker/certs.d``;
- otherwise the system trust store (and skopeo's own /etc/{containers,docker}/certs.d).
The image proxy of POST /daemon/update reaches skopeo as HTTPS_PROXY/HTTP_PROXY.
The catalog for GET /images/search is read with httpx (skopeo has no catalog command).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import ipaddress
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from runtime import processes
from runtime.errors import EngineError, InvalidParameter, NotFound, Unauthorized

SKOPEO = shutil.which("skopeo") or "/usr/bin/skopeo"
INSPECT_TIMEOUT = 120


@dataclasses.dataclass
class AuthConfig:
    username: str = ""
    password: str = ""
    identity_token: str = ""
    registry_token: str = ""
    server_address: str = ""

    @property
    def empty(self) -> bool:
        return not (self.username or self.password or self.identity_token or self.registry_token)


AUTH_FIELDS = ("username", "password", "auth", "email", "identitytoken", "registrytoken", "serveraddress")


def _auth_from_dict(doc: dict[str, Any]) -> AuthConfig:
    low = {str(k).lower(): v for k, v in doc.items()}
    for key, value in low.items():
        # unknown fields are ignored (docker decodes into a struct); known ones must be strings
        if key in AUTH_FIELDS and value is not None and not isinstance(value, str):
            raise InvalidParameter(f"invalid auth config: {key} must be a string")
    auth = AuthConfig(
        username=low.get("username") or "",
        password=low.get("password") or "",
        identity_token=low.get("identitytoken") or "",
        registry_token=low.get("registrytoken") or "",
        server_address=low.get("serveraddress") or "",
    )
    if low.get("auth") and not auth.username:
        try:
            user, sep, pw = base64.b64decode(low["auth"], validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise InvalidParameter("invalid auth config: auth is not base64 of user:password") from None
        if not sep:
            raise InvalidParameter("invalid auth config: auth is not base64 of user:password")
        auth.username, auth.password = user, pw
    return auth


def decode_registry_auth(header: str | None) -> AuthConfig:
    """X-Registry-Auth: base64url(JSON AuthConfig), padded or not. 400 on anything else."""
    if not header:
        return AuthConfig()
    raw = header.strip()
    try:
        data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        if not re.fullmatch(r"[A-Za-z0-9_\-+/]*=*", raw):
            raise binascii.Error("bad characters")
        doc = json.loads(data)
    except (binascii.Error, ValueError):
        raise InvalidParameter("invalid X-Registry-Auth header: want base64url-encoded JSON") from None
    if not isinstance(doc, dict):
        raise InvalidParameter("invalid X-Registry-Auth header: want a JSON object")
    return _auth_from_dict(doc)


def auth_from_body(body: dict[str, Any] | None) -> AuthConfig:
    if body is not None and not isinstance(body, dict):
        raise InvalidParameter("auth config must be a JSON object")
    return _auth_from_dict(body or {})


def server_host(address: str) -> str:
    """``https://host:port/v1/`` -> ``host:port`` (what POST /auth's ServerAddress may hold)."""
    addr = address.strip()
    addr = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", addr)
    addr = addr.split("/", 1)[0]
    m = re.fullmatch(r"([A-Za-z0-9.\-]+|\[([0-9a-fA-F:]+)\])(?::([0-9]+))?", addr)
    if not m or (m.group(3) is not None and not 0 < int(m.group(3)) < 65536):
        raise InvalidParameter(f"invalid registry address {address!r}")
    if m.group(2) is not None:
        try:
            ipaddress.IPv6Address(m.group(2))
        except ValueError:
            raise InvalidParameter(f"invalid registry address {address!r}: bad IPv6 literal") from None
    return addr


class RegistryError(EngineError):
    pass


# No registry answers at that address (the name does not resolve, nothing listens): the
# reference names a registry that does not exist, a 404 like an unknown repository.
# Timeouts and other failures stay 500: the registry may exist and be failing.
_NO_REGISTRY = ("no such host", "name or service not known", "connection refused")


def no_registry(text: str) -> bool:
    low = text.lower()
    return any(s in low for s in _NO_REGISTRY)


def classify(stderr: str, what: str) -> EngineError:
    """Turn skopeo's error text into the engine error a user should see."""
    msg = stderr.strip().splitlines()[-1] if stderr.strip() else "skopeo failed"
    msg = re.sub(r'^time="[^"]*" level=\w+ msg="(.*)"$', r"\1", msg)
    msg = msg.replace('\\"', '"')
    msg = re.sub(r'^(Error parsing image name|Error initializing source|initializing source) "[^"]*": ', "", msg)
    low = stderr.lower()
    if "http response to https client" in low:
        return InvalidParameter(
            f"registry of {what} speaks plain HTTP: list it in --insecure-registries to allow that ({msg})"
        )
    if "unauthorized" in low or "authentication required" in low or "denied" in low:
        return NotFound(f"pull access denied for {what}, repository does not exist or may require authorization: {msg}")
    if "manifest unknown" in low or "name unknown" in low or "not found" in low or "does not exist" in low:
        return NotFound(f"manifest for {what} not found: {msg}")
    if no_registry(low):
        return NotFound(f"no registry answers for {what}: {msg}")
    return RegistryError(f"registry error for {what}: {msg}")


class Registries:
    """Per-registry skopeo arguments (TLS, credentials, proxy) and the skopeo calls."""

    def __init__(self, insecure: list[str], certs_root: Path, proxy: Callable[[], str], scratch: Path) -> None:
        self.insecure = insecure
        self.certs_root = certs_root
        self.proxy = proxy
        self.scratch = scratch

    def is_insecure(self, host: str) -> bool:
        if host in self.insecure:
            return True
        name = host.rsplit(":", 1)[0].strip("[]") if not host.startswith("[") or "]:" in host else host.strip("[]")
        if name in self.insecure:
            return True
        try:
            ip = ipaddress.ip_address(name)
        except ValueError:
            return False
        for entry in self.insecure:
            if "/" in entry:
                try:
                    if ip in ipaddress.ip_network(entry, strict=False):
                        return True
                except ValueError:
                    continue
        return False

    def cert_dir(self, host: str) -> Path | None:
        d = self.certs_root / host
        return d if d.is_dir() else None

    def tls_args(self, host: str, side: str) -> list[str]:
        """``side`` is ``src``/``dest`` for copy, empty for inspect/login."""
        prefix = f"--{side}-" if side else "--"
        if self.is_insecure(host):
            return [f"{prefix}tls-verify=false"]
        d = self.cert_dir(host)
        return [f"{prefix}cert-dir", str(d)] if d else []

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        proxy = self.proxy()
        if proxy:
            for key in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
                env[key] = proxy
        return env

    def auth_args(self, host: str, auth: AuthConfig, side: str, workdir: Path) -> list[str]:
        """An auth file of our own for every call, so host credentials never leak in."""
        prefix = f"--{side}-" if side else "--"
        entry: dict[str, str] = {}
        if auth.username or auth.password:
            entry["auth"] = base64.b64encode(f"{auth.username}:{auth.password}".encode()).decode()
        if auth.identity_token:
            entry["identitytoken"] = auth.identity_token
        path = workdir / f"auth-{side or 'login'}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({"auths": {host: entry} if entry else {}}, f)
        args = [f"{prefix}authfile" if side else "--authfile", str(path)]
        if auth.registry_token:
            args += [f"{prefix}registry-token", auth.registry_token]
        return args

    async def run(
        self, args: list[str], stdin: bytes | None = None, seconds: float = INSPECT_TIMEOUT
    ) -> tuple[int, bytes, str]:
        proc = await processes.spawn(
            SKOPEO,
            *args,
            stdin=processes.PIPE if stdin is not None else processes.DEVNULL,
            stdout=processes.PIPE,
            stderr=processes.PIPE,
            env=self.env(),
        )
        try:
            out, err = await asyncio.wait_for(proc.communicate(stdin), seconds)
        except BaseException:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            raise
        return proc.returncode or 0, out, err.decode(errors="replace")

    async def inspect_raw(self, ref: str, host: str, auth: AuthConfig, workdir: Path) -> bytes:
        args = ["inspect", "--raw", *self.tls_args(host, ""), *self.auth_args(host, auth, "", workdir)]
        code, out, err = await self.run([*args, f"docker://{ref}"])
        if code != 0:
            raise classify(err, ref)
        return out

    async def login(self, host: str, auth: AuthConfig, workdir: Path) -> None:
        authfile = workdir / "login.json"
        args = ["login", "--authfile", str(authfile), *self.tls_args(host, "")]
        if not auth.password:
            # skopeo would prompt for it (and fail without a terminal): no password, no login
            raise Unauthorized(f"login to {host} failed: a password is required")
        args += ["--username", auth.username, "--password-stdin", host]
        code, _out, err = await self.run(args, stdin=auth.password.encode())
        if code != 0:
            low = err.lower()
            if "unauthorized" in low or "401" in low or "invalid username/password" in low:
                raise Unauthorized(f"login to {host} failed: {classify(err, host).message.split(': ', 1)[-1]}")
            if no_registry(low):
                raise NotFound(f"login to {host} failed: no registry answers there ({err.strip().splitlines()[-1]})")
            raise RegistryError(f"login to {host} failed: {err.strip().splitlines()[-1] if err.strip() else ''}")

    async def catalog(self, host: str) -> list[str]:
        """Repository names of a registry (the distribution /v2/_catalog endpoint)."""
        proxy = self.proxy() or None
        schemes = ["https", "http"] if self.is_insecure(host) else ["https"]
        verify: Any = True
        d = self.cert_dir(host)
        if self.is_insecure(host):
            verify = False
        elif d:
            cas = sorted(d.glob("*.crt"))
            if cas:
                verify = str(cas[0])
        last: Exception | None = None
        for scheme in schemes:
            try:
                async with httpx.AsyncClient(verify=verify, proxy=proxy, timeout=30) as client:
                    resp = await client.get(f"{scheme}://{host}/v2/_catalog", params={"n": 1000})
            except httpx.HTTPError as e:
                last = e
                continue
            if resp.status_code == 401:
                raise Unauthorized(f"registry {host} requires authentication to list its catalog")
            if resp.status_code != 200:
                raise RegistryError(f"registry {host} answered {resp.status_code} to a catalog request")
            repos = resp.json().get("repositories") or []
            return [r for r in repos if isinstance(r, str)]
        if isinstance(last, httpx.ConnectError) or no_registry(str(last)):
            raise NotFound(f"cannot reach registry {host}: {last}")
        raise RegistryError(f"cannot reach registry {host}: {last}")
