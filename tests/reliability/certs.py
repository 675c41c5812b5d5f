"""Test PKI made with openssl: a CA, a server certificate for 127.0.0.1, a client
certificate, and a second (unknown) CA with its own client certificate."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

_EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def _run(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_ca(d: Path, name: str) -> tuple[Path, Path]:
    cert, key = d / f"{name}.pem", d / f"{name}.key"
    _run("req", "-x509", *_EC, "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    return cert, key


def make_leaf(d: Path, name: str, ca: tuple[Path, Path], usage: str, san: str | None = None) -> tuple[Path, Path]:
    cert, key, csr, ext = d / f"{name}.pem", d / f"{name}.key", d / f"{name}.csr", d / f"{name}.ext"
    _run("req", "-new", *_EC, "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={name}")
    ext.write_text(f"extendedKeyUsage={usage}\n" + (f"subjectAltName={san}\n" if san else ""))
    _run("x509", "-req", "-in", str(csr), "-CA", str(ca[0]), "-CAkey", str(ca[1]), "-CAcreateserial",
         "-out", str(cert), "-days", "2", "-extfile", str(ext))
    return cert, key


@dataclass
class PKI:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    rogue_ca: Path
    rogue_client_cert: Path
    rogue_client_key: Path


def make_pki(d: Path) -> PKI:
    d.mkdir(parents=True, exist_ok=True)
    ca = make_ca(d, "ca")
    server = make_leaf(d, "server", ca, "serverAuth", "IP:127.0.0.1,DNS:localhost")
    client = make_leaf(d, "client", ca, "clientAuth")
    rogue = make_ca(d, "rogue-ca")
    rogue_client = make_leaf(d, "rogue-client", rogue, "clientAuth")
    return PKI(ca[0], *server, *client, rogue[0], *rogue_client)
