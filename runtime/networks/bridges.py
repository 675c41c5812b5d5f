"""The bridge of each network exists while containers use it: made with its iptables rules on
first use, removed a short grace after its last endpoint goes (back-to-back containers reuse
it) or with the network, so a stopped server leaves no links behind."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from typing import Any

from runtime.errors import Conflict
from runtime.networks import firewall, ipam, links
from runtime.store import MetaStore

Record = dict[str, Any]
BRIDGE_GRACE = 2.0  # seconds an unused bridge is kept for the next container


class Bridges:
    def __init__(self, prefix: str, store: MetaStore, lock: asyncio.Lock, users: Callable[[Record], int]) -> None:
        """``lock`` is the networks' lock (held by every caller but the grace timer);
        ``users(net)`` counts the running containers on the network."""
        self.prefix = prefix
        self.store = store
        self.lock = lock
        self.users = users
        # iptables wildcard matching all our bridges ("<stem>+"), for the isolation rules.
        self.stem = links.bridge_name(prefix, 0)[:-1]
        self._up: set[str] = set()  # bridges known to exist with their rules
        self._removals: dict[str, asyncio.TimerHandle] = {}  # bridge -> pending removal
        self._tasks: set[asyncio.Task[None]] = set()

    async def ensure(self, net: Record) -> None:
        bridge = net["_bridge"]
        self._cancel_removal(bridge)
        if bridge in self._up:
            return
        await asyncio.to_thread(self._create, net)
        self._up.add(bridge)

    def _create(self, net: Record) -> None:
        bridge = net["_bridge"]
        with ipam.host_lock():
            cfg = net["IPAM"]["Config"][0]
            subnet = ipaddress.IPv4Network(cfg["Subnet"])
            if not links.link_exists(bridge):
                host = [n for n, _ in ipam.host_subnets(exclude_devices=[bridge])]
                clash = ipam.overlapping(subnet, host)
                if clash is not None:
                    if not net.get("_auto") or self.users(net):
                        raise Conflict(
                            f"subnet {subnet} of network {net['Name']} overlaps with {clash} now in use on this host"
                        )
                    # a subnet we picked may move: pick another the host does not use now
                    ours = [
                        ipaddress.IPv4Network(c["Subnet"])
                        for n in self.store.list("network")
                        if n["Id"] != net["Id"]
                        for c in n["IPAM"]["Config"]
                    ]
                    subnet = ipam.pick_subnet(ours + host, self.prefix + net["Id"])
                    net["IPAM"]["Config"] = [{"Subnet": str(subnet), "Gateway": str(subnet.network_address + 1)}]
                    self.store.put("network", net["Id"], net, name=net["Name"])
                    cfg = net["IPAM"]["Config"][0]
            links.ensure_bridge(bridge, cfg["Gateway"], subnet.prefixlen)
            firewall.add_bridge(self.prefix, bridge, self.stem, bool(net.get("Internal")), str(subnet))

    async def release(self, net: Record) -> None:
        """The network lost an endpoint: remove its bridge after the grace if nobody came."""
        bridge = net.get("_bridge")
        if not bridge or self.users(net) or bridge in self._removals:
            return
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._removals.pop(bridge, None)
            task = loop.create_task(self._remove_if_unused(net["Id"]))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        self._removals[bridge] = loop.call_later(BRIDGE_GRACE, fire)

    async def _remove_if_unused(self, net_id: str) -> None:
        async with self.lock:
            net = self.store.get("network", net_id)
            if net is not None and not self.users(net) and net["_bridge"] not in self._removals:
                await asyncio.to_thread(self._delete, net)

    async def remove(self, net: Record) -> None:
        """Now (the network is removed, or the server stops and nobody uses it)."""
        self._cancel_removal(net["_bridge"])
        await asyncio.to_thread(self._delete, net)

    def cancel_all(self) -> None:
        for timer in self._removals.values():
            timer.cancel()
        self._removals.clear()

    def _cancel_removal(self, bridge: str) -> None:
        timer = self._removals.pop(bridge, None)
        if timer is not None:
            timer.cancel()

    def _delete(self, net: Record) -> None:
        bridge = net["_bridge"]
        self._up.discard(bridge)
        subnet = net["IPAM"]["Config"][0]["Subnet"] if net["IPAM"]["Config"] else ""
        firewall.remove_bridge(self.prefix, bridge, self.stem, subnet)
        links.delete_link(bridge)
