"""A real Docker Distribution registry (apt ``docker-registry``) on 127.0.0.1 (or ``ip``) for tests.

``LocalRegistry(base).start()`` serves plain HTTP; ``LocalRegistry(base, tls=True,
users={"alice": "secret"})`` serves HTTPS with a self-signed certificate made here with
openssl (``ca_cert``) and htpasswd (bcrypt) auth. Storage lives under ``base``.
``seed(archive, "name:tag")`` pushes an OCI archive into it with skopeo, independently
of the server under test.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

REGISTRY_BIN = shutil.which("docker-registry") or "/usr/bin/docker-registry"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalRegistry:
    def __init__(
        self, base: Path, tls: bool = False, users: dict[str, str] | None = None, ip: str = "127.0.0.1"
    ) -> None:
        self.base = base
        self.tls = tls
        self.users = dict(users or {})
        self.port = free_port()
        self.host = f"{ip}:{self.port}"
        self.storage = base / "storage"
        self.ca_cert = base / "registry.crt"
        self.key = base / "registry.key"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = base / "registry.log"

    def _config(self) -> str:
        lines = [
            "version: 0.1",
            "log:",
            "  level: warn",
            "storage:",
            "  filesystem:",
            f"    rootdirectory: {self.storage}",
            "  delete:",
            "    enabled: true",
            "http:",
            f"  addr: {self.host}",
            "  secret: pouch-tests",
        ]
        if self.tls:
            lines += ["  tls:", f"    certificate: {self.ca_cert}", f"    key: {self.key}"]
        if self.users:
            lines += ["auth:", "  htpasswd:", "    realm: pouch-test", f"    path: {self.base / 'htpasswd'}"]
        return "\n".join(lines) + "\n"

    def start(self, timeout: float = 20) -> LocalRegistry:
        self.base.mkdir(parents=True, exist_ok=True)
        self.storage.mkdir(exist_ok=True)
        if self.tls:
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                 "-keyout", str(self.key), "-out", str(self.ca_cert), "-subj", "/CN=127.0.0.1",
                 "-addext", "subjectAltName=IP:127.0.0.1"],
                check=True, capture_output=True,
            )  # fmt: skip
        if self.users:
            with open(self.base / "htpasswd", "w") as f:
                for user, pw in self.users.items():
                    out = subprocess.run(["htpasswd", "-Bbn", user, pw], check=True, capture_output=True, text=True)
                    f.write(out.stdout.strip() + "\n")
        cfg = self.base / "config.yml"
        cfg.write_text(self._config())
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([REGISTRY_BIN, "serve", str(cfg)], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"registry exited: {self.log_path.read_text()[-3000:]}")
            if self._answers():
                return self
            time.sleep(0.05)
        raise RuntimeError(f"registry did not answer: {self.log_path.read_text()[-3000:]}")

    def _answers(self) -> bool:
        scheme = "https" if self.tls else "http"
        ctx = ssl.create_default_context(cafile=str(self.ca_cert)) if self.tls else None
        try:
            urllib.request.urlopen(f"{scheme}://{self.host}/v2/", timeout=1, context=ctx)  # noqa: S310
            return True
        except urllib.error.HTTPError:
            return True  # 401: up, wants credentials
        except (urllib.error.URLError, OSError):
            return False

    def skopeo_dest_args(self) -> list[str]:
        args = ["--dest-tls-verify=false"] if not self.tls else ["--dest-cert-dir", str(self.cert_dir())]
        if self.users:
            user, pw = next(iter(self.users.items()))
            args += ["--dest-creds", f"{user}:{pw}"]
        return args

    def cert_dir(self) -> Path:
        """A docker-style certs dir holding the CA (what skopeo's --cert-dir wants)."""
        d = self.base / "certs"
        d.mkdir(exist_ok=True)
        shutil.copy(self.ca_cert, d / "ca.crt")
        return d

    def seed(self, archive: Path, name: str, manifest_format: str | None = None) -> None:
        """Push an OCI archive as ``<host>/<name>`` without going through the server;
        ``manifest_format="v2s2"`` stores it as a docker schema 2 image (what Docker Hub serves)."""
        fmt = ["--format", manifest_format] if manifest_format else []
        subprocess.run(
            ["skopeo", "copy", "--quiet", *fmt, *self.skopeo_dest_args(), f"oci-archive:{archive}",
             f"docker://{self.host}/{name}"],
            check=True, capture_output=True,
        )  # fmt: skip

    def raw_manifest(self, name: str) -> bytes:
        """The manifest bytes the registry serves for ``<host>/<name>``."""
        tls = ["--tls-verify=false"] if not self.tls else ["--cert-dir", str(self.cert_dir())]
        return subprocess.run(
            ["skopeo", "inspect", "--raw", *tls, f"docker://{self.host}/{name}"], check=True, capture_output=True
        ).stdout

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
