"""Host links we own: the Linux bridges behind our networks (created through ``ip``).

Every name derives from DaemonConfig.cgroup_parent so parallel servers and the host's own
interfaces are never touched; interface names are limited to 15 characters."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess

from runtime.errors import EngineError

IFNAMSIZ = 15


def bridge_name(prefix: str, index: int) -> str:
    """``<prefix><index>`` when it fits in 15 characters, else a hash of the prefix."""
    stem = re.sub(r"[^a-zA-Z0-9_.-]", "", prefix) or "pouch"
    suffix = str(index)
    if len(stem) + len(suffix) > IFNAMSIZ:
        stem = "p" + hashlib.sha1(prefix.encode()).hexdigest()[: IFNAMSIZ - 1 - len(suffix)]
    return stem + suffix


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(["ip", *args], capture_output=True, text=True)
    if check and res.returncode != 0:
        raise EngineError(f"ip {' '.join(args)}: {res.stderr.strip()}")
    return res


def link_exists(name: str) -> bool:
    return _ip("link", "show", "dev", name, check=False).returncode == 0


def ensure_bridge(name: str, gateway: str, prefixlen: int, with_address: bool = True) -> None:
    """Create (or complete) the bridge with the gateway address and bring it up."""
    if not link_exists(name):
        _ip("link", "add", "name", name, "type", "bridge")
    if with_address:
        res = _ip("-j", "-4", "addr", "show", "dev", name)
        have = {f"{a['local']}/{a['prefixlen']}" for e in json.loads(res.stdout or "[]") for a in e["addr_info"]}
        if f"{gateway}/{prefixlen}" not in have:
            _ip("addr", "add", f"{gateway}/{prefixlen}", "dev", name)
    _ip("link", "set", "dev", name, "up")


def delete_link(name: str) -> None:
    if link_exists(name):
        _ip("link", "del", "dev", name)


def set_mac(netns: str, ifname: str, mac: str) -> None:
    subprocess.run(
        ["nsenter", f"--net={netns}", "ip", "link", "set", "dev", ifname, "address", mac],
        capture_output=True,
        text=True,
        check=False,
    )


def add_address(netns: str, ifname: str, address: str) -> None:
    """An extra address on the container's interface (a link-local IP, /32 as libnetwork adds it)."""
    res = subprocess.run(
        ["nsenter", f"--net={netns}", "ip", "addr", "add", f"{address}/32", "dev", ifname],
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode != 0 and "File exists" not in res.stderr:
        raise EngineError(f"adding link-local address {address} to {ifname}: {res.stderr.strip()}")
