"""The name files of a container: /etc/hosts, /etc/hostname, /etc/resolv.conf.

They are bind-mounted into the container as files, so updates (a peer joined the
network) rewrite them in place: a rename would leave the container on the old inode."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

from runtime.errors import InvalidParameter

HOSTS_HEADER = (
    "127.0.0.1\tlocalhost\n"
    "::1\tlocalhost ip6-localhost ip6-loopback\n"
    "fe00::0\tip6-localnet\n"
    "ff00::0\tip6-mcastprefix\n"
    "ff02::1\tip6-allnodes\n"
    "ff02::2\tip6-allrouters\n"
)
DEFAULT_DNS = ["8.8.8.8", "8.8.4.4"]
FILES = {"/etc/hosts": "hosts", "/etc/hostname": "hostname", "/etc/resolv.conf": "resolv.conf"}


def write_in_place(path: Path, content: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        data = content.encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)
    finally:
        os.close(fd)


def render_hosts(
    own: list[tuple[str, list[str]]],
    extra: list[tuple[str, str]],
    peers: list[tuple[str, list[str]]],
    base: str = HOSTS_HEADER,
) -> str:
    """``own``/``peers``: (ip, names); ``extra``: (host, ip) from ExtraHosts and Links."""
    lines = [base.rstrip("\n")] if base else []
    for ip, names in own:
        lines.append(f"{ip}\t{' '.join(names)}")
    for host, ip in extra:
        lines.append(f"{ip}\t{host}")
    for ip, names in peers:
        lines.append(f"{ip}\t{' '.join(names)}")
    return "\n".join(lines) + "\n"


def render_resolv(host_resolv: str, dns: list[str], search: list[str], options: list[str], bridged: bool) -> str:
    servers, h_search, h_options = [], [], []
    for line in host_resolv.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith(("#", ";")):
            continue
        if parts[0] == "nameserver" and len(parts) > 1:
            servers.append(parts[1])
        elif parts[0] in ("search", "domain"):
            h_search = parts[1:]
        elif parts[0] == "options":
            h_options = parts[1:]
    if bridged:  # loopback resolvers of the host are unreachable from the container's namespace
        servers = [s for s in servers if not _is_loopback(s)] or DEFAULT_DNS
    servers = dns or servers
    out = [f"nameserver {s}" for s in servers]
    if search or h_search:
        out.append("search " + " ".join(search or h_search))
    if options or h_options:
        out.append("options " + " ".join(options or h_options))
    return "\n".join(out) + "\n"


def _is_loopback(addr: str) -> bool:
    try:
        return ipaddress.ip_address(addr.split("%")[0]).is_loopback
    except ValueError:
        return False


def parse_extra_hosts(entries: Any) -> list[tuple[str, str]]:
    out = []
    for entry in entries or []:
        host, sep, ip = str(entry).partition(":")
        if not sep or not host or not ip:
            raise InvalidParameter(f"invalid ExtraHosts entry {entry!r}: want host:ip")
        try:
            ipaddress.ip_address(ip)
        except ValueError:
            raise InvalidParameter(f"invalid ExtraHosts entry {entry!r}: {ip!r} is not an IP address") from None
        out.append((host, ip))
    return out


def host_text(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def hostnames(config: dict[str, Any], container_id: str) -> tuple[str, list[str]]:
    """(hostname, names for the container's own /etc/hosts line)."""
    hostname = config.get("Hostname") or container_id[:12]
    domain = config.get("Domainname") or ""
    names = [f"{hostname}.{domain}", hostname] if domain else [hostname]
    return hostname, names
