"""Published ports: ExposedPorts, PortBindings and PublishAllPorts to portmap mappings
and the PortMap shown in NetworkSettings.Ports."""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import Any

from runtime.errors import Conflict, InvalidParameter

PORT_RE = re.compile(r"^(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?$")
MAX_RANGE = 1024


def parse_port_key(key: str) -> list[tuple[int, str]]:
    """``80/tcp``, ``53/udp``, ``8000-8010`` -> [(port, proto), ...]."""
    m = PORT_RE.match(key) if isinstance(key, str) else None
    if not m:
        raise InvalidParameter(f"invalid port {key!r}: want <port>[/tcp|udp]")
    first = int(m.group(1))
    last = int(m.group(2) or first)
    proto = m.group(3) or "tcp"
    if not 1 <= first <= last <= 65535 or last - first >= MAX_RANGE:
        raise InvalidParameter(f"invalid port {key!r}: ports must be in 1-65535")
    return [(p, proto) for p in range(first, last + 1)]


def _host_port(value: Any, key: str) -> int:
    if value in (None, "", "0", 0):
        return 0
    try:
        port = int(str(value))
    except ValueError:
        raise InvalidParameter(f"invalid host port {value!r} for {key}") from None
    if not 1 <= port <= 65535:
        raise InvalidParameter(f"invalid host port {value!r} for {key}: must be in 1-65535")
    return port


def _host_ip(value: Any, key: str) -> str:
    if value in (None, ""):
        return ""
    try:
        addr = ipaddress.ip_address(value)
    except ValueError:
        raise InvalidParameter(f"invalid host IP {value!r} for {key}") from None
    if not isinstance(addr, ipaddress.IPv4Address):
        raise InvalidParameter(f"invalid host IP {value!r} for {key}: only IPv4 is supported")
    return "" if addr.is_unspecified else str(addr)


def plan(config: dict[str, Any], host: dict[str, Any]) -> list[dict[str, Any]]:
    """Validated list of wanted bindings: {container_port, proto, host_ip, host_port (0 = pick)}."""
    exposed: dict[tuple[int, str], None] = {}
    for key in config.get("ExposedPorts") or {}:
        for pp in parse_port_key(key):
            exposed[pp] = None
    bindings = host.get("PortBindings") or {}
    if not isinstance(bindings, dict):
        raise InvalidParameter("invalid PortBindings: want a map")
    out: list[dict[str, Any]] = []
    bound: set[tuple[int, str]] = set()
    for key, entries in bindings.items():
        ports = parse_port_key(key)
        for entry in entries or [{}]:
            if not isinstance(entry, dict):
                raise InvalidParameter(f"invalid PortBindings entry for {key}")
            ip = _host_ip(entry.get("HostIp"), key)
            hp = entry.get("HostPort")
            first = _host_port(str(hp).split("-")[0] if hp else hp, key)
            for i, (port, proto) in enumerate(ports):
                out.append(
                    {"container_port": port, "proto": proto, "host_ip": ip, "host_port": first + i if first else 0}
                )
                bound.add((port, proto))
                exposed[(port, proto)] = None
    if host.get("PublishAllPorts"):
        for port, proto in exposed:
            if (port, proto) not in bound:
                out.append({"container_port": port, "proto": proto, "host_ip": "", "host_port": 0})
    return out


def exposed_keys(config: dict[str, Any], host: dict[str, Any]) -> list[str]:
    keys = {f"{p}/{proto}" for key in (config.get("ExposedPorts") or {}) for p, proto in parse_port_key(key)}
    keys |= {f"{p}/{proto}" for key in (host.get("PortBindings") or {}) for p, proto in parse_port_key(key)}
    return sorted(keys)


def free_port(proto: str, host_ip: str) -> int:
    kind = socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((host_ip or "0.0.0.0", 0))
        return int(s.getsockname()[1])


def check_free(port: int, proto: str, host_ip: str, ours: set[tuple[int, str]]) -> None:
    """Refuse a host port that one of our containers or a host process already holds."""
    if (port, proto) in ours:
        raise Conflict(f"Bind for {host_ip or '0.0.0.0'}:{port} failed: port is already allocated")
    if proto == "sctp":
        return
    kind = socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM
    with socket.socket(socket.AF_INET, kind) as s:
        try:
            s.bind((host_ip or "0.0.0.0", port))
        except OSError as exc:
            raise Conflict(f"Bind for {host_ip or '0.0.0.0'}:{port} failed: {exc.strerror}") from None


def resolve(wanted: list[dict[str, Any]], ours: set[tuple[int, str]]) -> list[dict[str, Any]]:
    """Pick ports for 0 and check the fixed ones; returns portmap ``portMappings``."""
    mappings = []
    taken = set(ours)
    for w in wanted:
        hp = w["host_port"]
        if hp:
            check_free(hp, w["proto"], w["host_ip"], taken)
        else:
            hp = free_port(w["proto"], w["host_ip"])
        taken.add((hp, w["proto"]))
        m = {"hostPort": hp, "containerPort": w["container_port"], "protocol": w["proto"]}
        if w["host_ip"]:
            m["hostIP"] = w["host_ip"]
        mappings.append(m)
    return mappings


def port_map(keys: list[str], mappings: list[dict[str, Any]]) -> dict[str, Any]:
    """NetworkSettings.Ports: every exposed port, with its bindings or null."""
    out: dict[str, Any] = {k: None for k in keys}
    for m in mappings:
        key = f"{m['containerPort']}/{m['protocol']}"
        out.setdefault(key, None)
        if out[key] is None:
            out[key] = []
        out[key].append({"HostIp": m.get("hostIP", "0.0.0.0"), "HostPort": str(m["hostPort"])})
    return out
