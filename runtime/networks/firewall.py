"""Isolation rules (iptables filter table) for our bridges, in one chain named from the
configured prefix and jumped to from FORWARD:

- traffic between two of our bridges is dropped (networks are isolated, as in dockerd);
- an Internal network's bridge forwards nothing in or out of itself.

Only this chain and its FORWARD jump are ever touched; both go when the last bridge does.
"""

from __future__ import annotations

import hashlib
import re
import subprocess

from runtime.errors import EngineError

CHAIN_MAX = 28


def chain_name(prefix: str) -> str:
    stem = re.sub(r"[^a-zA-Z0-9_.-]", "", prefix) or "pouch"
    if len(stem) > CHAIN_MAX - 4:
        stem = "p" + hashlib.sha1(prefix.encode()).hexdigest()[:16]
    return f"{stem}-ISO"


def _ipt(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(["iptables", "-w", "-t", "filter", *args], capture_output=True, text=True)
    if check and res.returncode != 0:
        raise EngineError(f"iptables {' '.join(args)}: {res.stderr.strip()}")
    return res


def _rules(bridge: str, stem: str, internal: bool) -> list[list[str]]:
    rules = [["-i", bridge, "-o", bridge, "-j", "RETURN"],
             ["-i", bridge, "-o", f"{stem}+", "-j", "DROP"]]
    if internal:
        rules += [["-i", bridge, "-j", "DROP"], ["-o", bridge, "-j", "DROP"]]
    return rules


def add_bridge(prefix: str, bridge: str, stem: str, internal: bool) -> None:
    chain = chain_name(prefix)
    if _ipt("-S", chain, check=False).returncode != 0:
        _ipt("-N", chain)
    if _ipt("-C", "FORWARD", "-j", chain, check=False).returncode != 0:
        _ipt("-I", "FORWARD", "1", "-j", chain)
    for rule in _rules(bridge, stem, internal):
        if _ipt("-C", chain, *rule, check=False).returncode != 0:
            _ipt("-A", chain, *rule)


def remove_bridge(prefix: str, bridge: str, stem: str) -> None:
    chain = chain_name(prefix)
    if _ipt("-S", chain, check=False).returncode != 0:
        return
    for rule in _rules(bridge, stem, True):
        while _ipt("-D", chain, *rule, check=False).returncode == 0:
            pass
    if len(_ipt("-S", chain).stdout.splitlines()) <= 1:  # only "-N chain" left
        while _ipt("-D", "FORWARD", "-j", chain, check=False).returncode == 0:
            pass
        _ipt("-X", chain, check=False)
