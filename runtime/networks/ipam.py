"""Subnets: validation of user IPAM configs and choice of free subnets.

Addresses inside a subnet are handed out by the CNI host-local plugin; this module only
decides which subnet a network gets. A subnet must not overlap any route or address of
the host (the host's own networking, other engines, other test servers) nor another of
our networks. Choices are made under a host-wide file lock so that servers starting in
parallel never pick the same subnet.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import ipaddress
import json
import subprocess
from collections.abc import Iterable, Iterator
from typing import Any

from runtime.errors import EngineError, InvalidParameter

IPv4Net = ipaddress.IPv4Network
HOST_LOCK = "/run/pouch-networks.lock"
# Candidate pool: /24s of 172.17.0.0-172.31.255.0 (the private range dockerd uses too).
POOL_FIRST = int(ipaddress.IPv4Address("172.17.0.0")) >> 8
POOL_SIZE = 15 * 256


@contextlib.contextmanager
def host_lock() -> Iterator[None]:
    """Serialise subnet choice and bridge creation across every server on this host."""
    with open(HOST_LOCK, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def parse_ipv4(value: Any, what: str) -> ipaddress.IPv4Address:
    try:
        addr = ipaddress.ip_address(value)
    except (ValueError, TypeError):
        raise InvalidParameter(f"invalid {what} {value!r}: not an IP address") from None
    if not isinstance(addr, ipaddress.IPv4Address):
        raise InvalidParameter(f"invalid {what} {value!r}: only IPv4 is supported")
    return addr


def parse_subnet(value: Any, what: str = "subnet") -> IPv4Net:
    if not isinstance(value, str) or "/" not in value:
        raise InvalidParameter(f"invalid {what} {value!r}: want CIDR notation such as 172.28.0.0/16")
    try:
        net = ipaddress.ip_network(value, strict=True)
    except ValueError as exc:
        raise InvalidParameter(f"invalid {what} {value!r}: {exc}") from None
    if not isinstance(net, IPv4Net):
        raise InvalidParameter(f"invalid {what} {value!r}: only IPv4 is supported")
    if not 8 <= net.prefixlen <= 30:
        raise InvalidParameter(f"invalid {what} {value!r}: prefix length must be between 8 and 30")
    if net.is_loopback or net.is_multicast or net.is_link_local or net.is_unspecified:
        raise InvalidParameter(f"invalid {what} {value!r}: not a usable unicast range")
    return net


def normalize_ipam(ipam: Any) -> list[dict[str, Any]]:
    """The IPAM.Config of a create request, checked; [] means "pick a subnet for me"."""
    if ipam is None:
        return []
    if not isinstance(ipam, dict):
        raise InvalidParameter("invalid IPAM: want an object")
    driver = ipam.get("Driver") or "default"
    if driver not in ("default", "host-local"):
        raise InvalidParameter(f"IPAM driver {driver!r} is not supported (default)")
    configs = ipam.get("Config") or []
    if not isinstance(configs, list):
        raise InvalidParameter("invalid IPAM.Config: want a list")
    if len(configs) > 1:
        raise InvalidParameter("only one IPAM config (one IPv4 subnet) per network is supported")
    out = []
    for cfg in configs:
        if not isinstance(cfg, dict):
            raise InvalidParameter("invalid IPAM.Config entry: want an object")
        if not cfg.get("Subnet"):
            if cfg.get("Gateway") or cfg.get("IPRange"):
                raise InvalidParameter("IPAM Gateway and IPRange need a Subnet")
            continue
        subnet = parse_subnet(cfg["Subnet"])
        entry: dict[str, Any] = {"Subnet": str(subnet)}
        if cfg.get("IPRange"):
            rng = parse_subnet(cfg["IPRange"], "ip range")
            if not rng.subnet_of(subnet):
                raise InvalidParameter(f"ip range {rng} is not inside subnet {subnet}")
            entry["IPRange"] = str(rng)
        gateway = parse_ipv4(cfg["Gateway"], "gateway") if cfg.get("Gateway") else subnet.network_address + 1
        if gateway not in subnet or gateway in (subnet.network_address, subnet.broadcast_address):
            raise InvalidParameter(f"gateway {gateway} is not a host address of subnet {subnet}")
        entry["Gateway"] = str(gateway)
        if cfg.get("AuxAddress"):
            aux = cfg["AuxAddress"]
            if not isinstance(aux, dict):
                raise InvalidParameter("invalid AuxAddress: want a map of name to address")
            for name, addr in aux.items():
                if parse_ipv4(addr, f"aux address {name}") not in subnet:
                    raise InvalidParameter(f"aux address {name}={addr} is not inside subnet {subnet}")
            entry["AuxAddress"] = dict(aux)
        out.append(entry)
    return out


def host_subnets(exclude_devices: Iterable[str] = ()) -> list[tuple[IPv4Net, str]]:
    """Routes of the main table and addresses on interfaces, except default routes."""
    skip = set(exclude_devices)
    out: list[tuple[IPv4Net, str]] = []
    for cmd in (["ip", "-j", "-4", "route", "show"], ["ip", "-j", "-4", "addr", "show"]):
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            raise EngineError(f"{' '.join(cmd)}: {res.stderr.strip()}")
        for entry in json.loads(res.stdout or "[]"):
            if "addr_info" in entry:
                dev = entry.get("ifname", "")
                for a in entry["addr_info"]:
                    if a.get("family") == "inet" and dev not in skip:
                        out.append((ipaddress.IPv4Network(f"{a['local']}/{a['prefixlen']}", strict=False), dev))
                continue
            dst, dev = entry.get("dst", ""), entry.get("dev", "")
            if dst in ("default", "") or dev in skip:
                continue
            try:
                net = ipaddress.ip_network(dst if "/" in dst else f"{dst}/32", strict=False)
            except ValueError:
                continue
            if isinstance(net, IPv4Net) and net.prefixlen > 0:
                out.append((net, dev))
    return out


def overlapping(subnet: IPv4Net, taken: Iterable[IPv4Net]) -> IPv4Net | None:
    return next((t for t in taken if subnet.overlaps(t)), None)


def pick_subnet(taken: list[IPv4Net], seed: str) -> IPv4Net:
    """A free /24 from the pool; the scan starts at a point derived from ``seed`` (our
    prefix) so parallel servers rarely even compete for the same one."""
    start = int.from_bytes(hashlib.sha1(seed.encode()).digest()[:4], "big") % POOL_SIZE
    for i in range(POOL_SIZE):
        n = POOL_FIRST + (start + i) % POOL_SIZE
        net = ipaddress.IPv4Network((n << 8, 24))
        if overlapping(net, taken) is None:
            return net
    raise EngineError("no free subnet left in 172.17.0.0-172.31.255.0")


def host_range(subnet: IPv4Net, ip_range: str | None) -> tuple[str, str]:
    """First and last assignable address (rangeStart/rangeEnd for host-local)."""
    rng = ipaddress.IPv4Network(ip_range) if ip_range else subnet
    first, last = rng.network_address, rng.broadcast_address
    if first == subnet.network_address:
        first += 1
    if last == subnet.broadcast_address:
        last -= 1
    return str(first), str(last)
