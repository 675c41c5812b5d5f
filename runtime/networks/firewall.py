"""iptables rules for our bridges, in two chains named from the configured prefix:

- ``<prefix>-ISO`` (filter, jumped to from FORWARD): traffic between two of our bridges is
  dropped (networks are isolated, as in dockerd); an Internal network's bridge forwards
  nothing in or out of itself;
- ``<prefix>-MASQ`` (nat, jumped to from POSTROUTING): one masquerade rule per non-internal
  network for traffic leaving its bridge. One rule per network instead of the CNI bridge
  plugin's chain per container keeps container start/stop fast.

Only these chains and their jumps are ever touched; they go when the last bridge does.
"""

from __future__ import annotations

import hashlib
import re
import subprocess

from runtime.errors import EngineError

CHAIN_MAX = 28


def chain_name(prefix: str, kind: str = "ISO") -> str:
    stem = re.sub(r"[^a-zA-Z0-9_.-]", "", prefix) or "pouch"
    if len(stem) > CHAIN_MAX - 5:
        stem = "p" + hashlib.sha1(prefix.encode()).hexdigest()[:16]
    return f"{stem}-{kind}"


def _ipt(*args: str, check: bool = True, table: str = "filter") -> subprocess.CompletedProcess[str]:
    res = subprocess.run(["iptables", "-w", "-t", table, *args], capture_output=True, text=True)
    if check and res.returncode != 0:
        raise EngineError(f"iptables {' '.join(args)}: {res.stderr.strip()}")
    return res


def _rules(bridge: str, stem: str, internal: bool) -> list[list[str]]:
    rules = [["-i", bridge, "-o", bridge, "-j", "RETURN"], ["-i", bridge, "-o", f"{stem}+", "-j", "DROP"]]
    if internal:
        rules += [["-i", bridge, "-j", "DROP"], ["-o", bridge, "-j", "DROP"]]
    return rules


def _masq_rule(bridge: str, subnet: str) -> list[str]:
    return ["-s", subnet, "!", "-o", bridge, "-j", "MASQUERADE"]


def _add(table: str, hook: str, chain: str, rules: list[list[str]]) -> None:
    if _ipt("-S", chain, check=False, table=table).returncode != 0:
        _ipt("-N", chain, table=table)
    if _ipt("-C", hook, "-j", chain, check=False, table=table).returncode != 0:
        _ipt("-I", hook, "1", "-j", chain, table=table)
    for rule in rules:
        if _ipt("-C", chain, *rule, check=False, table=table).returncode != 0:
            _ipt("-A", chain, *rule, table=table)


def _remove(table: str, hook: str, chain: str, rules: list[list[str]]) -> None:
    if _ipt("-S", chain, check=False, table=table).returncode != 0:
        return
    for rule in rules:
        while _ipt("-D", chain, *rule, check=False, table=table).returncode == 0:
            pass
    if len(_ipt("-S", chain, table=table).stdout.splitlines()) <= 1:  # only "-N chain" left
        while _ipt("-D", hook, "-j", chain, check=False, table=table).returncode == 0:
            pass
        _ipt("-X", chain, check=False, table=table)


def add_bridge(prefix: str, bridge: str, stem: str, internal: bool, subnet: str) -> None:
    _add("filter", "FORWARD", chain_name(prefix), _rules(bridge, stem, internal))
    if not internal:
        _add("nat", "POSTROUTING", chain_name(prefix, "MASQ"), [_masq_rule(bridge, subnet)])


def remove_bridge(prefix: str, bridge: str, stem: str, subnet: str) -> None:
    _remove("filter", "FORWARD", chain_name(prefix), _rules(bridge, stem, True))
    _remove("nat", "POSTROUTING", chain_name(prefix, "MASQ"), [_masq_rule(bridge, subnet)])
