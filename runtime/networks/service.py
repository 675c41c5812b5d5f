"""NetworkService: the networks API and the network side of containers.

- Networks are store records (kind ``network``): the spec's NetworkResource plus private
  ``_``-prefixed keys (bridge name, whether the subnet was picked for the user).
- A container's attachments are its record's ``NetworkSettings.Networks`` (the one source
  of truth for "who is on which network"); the live part (netns, CNI results, ports) is a
  state file per running container under --exec-root-dir, so a restarted server can tear
  down what a previous one set up, and a reboot clears it with the namespaces.
- A network's bridge exists while containers use it (bridges.py); names between containers
  on a user network resolve through /etc/hosts entries rewritten whenever an endpoint comes
  or goes (hosts.py); endpoint settings are checked in endpoints.py.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from runtime.clock import now_rfc3339
from runtime.config import DaemonConfig
from runtime.containers.protocols import ContainerRecords
from runtime.errors import Conflict, EngineError, Forbidden, InvalidParameter, NotFound
from runtime.events import EventBus
from runtime.ids import new_id
from runtime.networks import cni, files, ipam, links, netns, ports
from runtime.networks import filters as filters_
from runtime.networks.bridges import Bridges
from runtime.networks.endpoints import empty_endpoint, endpoint_settings
from runtime.networks.hosts import NameFiles, network_mode
from runtime.store import MetaStore

log = logging.getLogger("pouch.networks")

Record = dict[str, Any]
PREDEFINED = {"bridge": "bridge", "host": "host", "none": "null"}
NETWORK_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")
BRIDGE_OPTION = "com.docker.network.bridge.name"


def public_network(rec: Record) -> Record:
    return {k: v for k, v in rec.items() if not k.startswith("_")}


class NetworkService:
    def __init__(self, config: DaemonConfig, store: MetaStore, events: EventBus, containers: ContainerRecords) -> None:
        self.store = store
        self.events = events
        self.containers = containers
        cfg = config
        self.prefix = cfg.cgroup_parent
        self.cni_prefix = re.sub(r"[^a-zA-Z0-9_.-]", "-", self.prefix).strip("-.") or "pouch"
        self.state_dir = cfg.exec_root_dir / "networks"
        self.netns_dir = cfg.exec_root_dir / "netns"
        self.ipam_dir = cfg.exec_root_dir / "cni-ipam"
        self.files_dir = cfg.home_dir / "netfiles"
        for d in (self.state_dir, self.netns_dir, self.ipam_dir, self.files_dir):
            d.mkdir(parents=True, exist_ok=True)
        self._lock = asyncio.Lock()
        # container ID -> live network state (see _state_path); rebuilt by restore().
        self._active: dict[str, Record] = {}
        self.bridges = Bridges(self.prefix, store, self._lock, self._bridge_users)
        self.files = NameFiles(self.files_dir, self._active, containers)

    # ---- records -------------------------------------------------------------------

    def cni_name(self, net: Record) -> str:
        return f"{self.cni_prefix}-{net['Id'][:12]}"

    def resolve(self, ref: str) -> Record:
        try:
            return self.store.resolve("network", ref, "network")
        except InvalidParameter:
            # an ambiguous ID prefix names no single network (as for images): not a malformed request
            raise NotFound(f"No such network: {ref} (several networks match this ID prefix)") from None

    def _networks(self) -> list[Record]:
        return self.store.list("network")

    def _attached(self, net: Record) -> list[Record]:
        return [
            c
            for c in self.containers.records()
            if net["Name"] in ((c.get("NetworkSettings") or {}).get("Networks") or {})
        ]

    async def restore(self) -> None:
        for name, driver in PREDEFINED.items():
            if self.store.get("network", name) is None and not any(n["Name"] == name for n in self._networks()):
                await self._create_record(name, driver, [], {}, {}, False, predefined=True)
        for path in self.state_dir.glob("*.json"):
            try:
                state = json.loads(path.read_text())
            except ValueError:
                path.unlink(missing_ok=True)
                continue
            if netns.is_netns(Path(state["netns"])):
                self._active[path.stem] = state
                await self._reconcile(path.stem, state)
            else:  # rebooted or crashed mid-setup: free what is left (rules, addresses)
                await self._teardown_state(path.stem, state)
        # A crash mid-setup leaves a namespace before any state file names it.
        for ns_path in self.netns_dir.iterdir():
            if ns_path.name not in self._active:
                await asyncio.to_thread(netns.remove, ns_path)

    async def _reconcile(self, cid: str, state: Record) -> None:
        """After a crash mid connect/disconnect the netns state and the container record may
        disagree: keep what both hold, undo the rest (the cut operation was never reported)."""
        ctr = self.containers.find(cid)
        if ctr is None:
            await self._teardown_state(cid, state)
            self._active.pop(cid, None)
            return
        nets = (ctr.get("NetworkSettings") or {}).get("Networks") or {}
        present = await netns.interfaces(state["netns"])
        for net_id, entry in list(state["endpoints"].items()):
            # ADD cut short, DEL done but not saved, or never recorded in the container
            gone = present is not None and entry["ifname"] not in present
            if "ip" not in entry or gone or entry["net_name"] not in nets:
                await self._detach(cid, state, net_id)
        attached = {e["net_name"] for e in state["endpoints"].values()}
        dropped = [n for n, ep in nets.items() if n not in attached and ep.get("EndpointID")]
        for name in dropped:
            del nets[name]
        self._save_state(cid, state)
        if dropped:
            self.containers.save(ctr)

    async def close(self) -> None:
        """Remove bridges nobody uses; running containers keep theirs (live restore)."""
        self.bridges.cancel_all()
        async with self._lock:
            for net in self._networks():
                if net.get("_bridge") and not self._bridge_users(net):
                    await self.bridges.remove(net)

    # ---- the networks API -----------------------------------------------------------

    async def create(self, body: Record) -> Record:
        name = body.get("Name")
        if not isinstance(name, str) or not NETWORK_NAME_RE.match(name) or len(name) > 128:
            raise InvalidParameter(f"invalid network name {name!r}: want [a-zA-Z0-9][a-zA-Z0-9_.-]*")
        if name in PREDEFINED:
            raise Forbidden(f"{name} is a pre-defined network and cannot be created")
        driver = body.get("Driver") or "bridge"
        if driver != "bridge":
            raise InvalidParameter(f"network driver {driver!r} is not supported (bridge)")
        if body.get("EnableIPv6"):
            raise InvalidParameter("IPv6 networks are not supported")
        options = body.get("Options") or {}
        labels = body.get("Labels") or {}
        for what, m in (("Options", options), ("Labels", labels)):
            if not isinstance(m, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in m.items()):
                raise InvalidParameter(f"invalid {what}: want a map of strings")
        if BRIDGE_OPTION in options:
            raise InvalidParameter(f"option {BRIDGE_OPTION} is not supported: bridge names derive from the daemon")
        configs = ipam.normalize_ipam(body.get("IPAM"))
        async with self._lock:
            if any(n["Name"] == name for n in self._networks()):
                raise Conflict(f"network with name {name} already exists")
            rec = await self._create_record(name, driver, configs, options, labels, bool(body.get("Internal")))
        return {"Id": rec["Id"], "Warning": ""}

    async def _create_record(
        self,
        name: str,
        driver: str,
        configs: list[dict[str, str]],
        options: dict[str, str],
        labels: dict[str, str],
        internal: bool,
        predefined: bool = False,
    ) -> Record:
        net_id = new_id()
        rec: Record = {
            "Name": name,
            "Id": net_id,
            "Created": now_rfc3339(),
            "Scope": "local",
            "Driver": driver,
            "EnableIPv6": False,
            "Internal": internal,
            "Attachable": False,
            "Ingress": False,
            "IPAM": {"Driver": "default", "Options": {}, "Config": configs},
            "Options": options,
            "Labels": labels,
            "_predefined": predefined,
        }
        if driver == "bridge":
            taken = [n for n in self._networks() if n.get("_bridge")]
            used = {n["_bridge"] for n in taken}
            index = (
                0 if predefined else next(i for i in range(1, 1000) if links.bridge_name(self.prefix, i) not in used)
            )
            rec["_bridge"] = links.bridge_name(self.prefix, index)
            rec["_auto"] = not configs
            ours = [ipaddress.IPv4Network(c["Subnet"]) for n in taken for c in n["IPAM"]["Config"]]
            await asyncio.to_thread(self._choose_subnet, rec, ours)
            if predefined:
                rec["Options"] = {BRIDGE_OPTION: rec["_bridge"]}
        self.store.insert("network", net_id, rec, name=name)
        if not predefined:
            self.events.publish("network", "create", net_id, {"name": name, "type": driver})
        return rec

    def _choose_subnet(self, rec: Record, ours: list[ipaddress.IPv4Network]) -> None:
        """Pick (or check) the subnet against the host and our other networks."""
        with ipam.host_lock():
            host = [n for n, _ in ipam.host_subnets(exclude_devices=[rec["_bridge"]])]
            configs = rec["IPAM"]["Config"]
            if configs:
                subnet = ipaddress.IPv4Network(configs[0]["Subnet"])
                clash = ipam.overlapping(subnet, ours) or ipam.overlapping(subnet, host)
                if clash is not None:
                    # depends on what the host uses now, not on the request alone: a conflict, not a 400
                    raise Conflict(f"subnet {subnet} overlaps with {clash} already in use on this host")
                return
            subnet = ipam.pick_subnet(ours + host, self.prefix)
            rec["IPAM"]["Config"] = [{"Subnet": str(subnet), "Gateway": str(subnet.network_address + 1)}]

    def list_networks(self, filters: dict[str, list[str]] | None = None) -> list[Record]:
        return [self.inspect_record(n) for n in filters_.select(self._networks(), filters or {})]

    def inspect(self, ref: str) -> Record:
        return self.inspect_record(self.resolve(ref))

    def inspect_record(self, net: Record) -> Record:
        out = public_network(net)
        containers = {}
        for ctr in self._attached(net):
            ep = ctr["NetworkSettings"]["Networks"][net["Name"]]
            ip = ep.get("IPAddress") or ""
            containers[ctr["Id"]] = {
                "Name": (ctr.get("Name") or "").lstrip("/"),
                "EndpointID": ep.get("EndpointID") or "",
                "MacAddress": ep.get("MacAddress") or "",
                "IPv4Address": f"{ip}/{ep.get('IPPrefixLen')}" if ip else "",
                "IPv6Address": "",
            }
        out["Containers"] = containers
        return out

    async def remove(self, ref: str) -> None:
        async with self._lock:
            net = self.resolve(ref)
            if net.get("_predefined"):
                raise Forbidden(f"{net['Name']} is a pre-defined network and cannot be removed")
            users = self._attached(net)
            if users:
                names = ", ".join((c.get("Name") or c["Id"]).lstrip("/") for c in users)
                # libnetwork's ActiveEndpointsError is a Forbidden: dockerd answers 403.
                raise Forbidden(f"error while removing network: network {net['Name']} has active endpoints ({names})")
            if net.get("_bridge"):
                await self.bridges.remove(net)
            shutil.rmtree(self.ipam_dir / self.cni_name(net), ignore_errors=True)
            self.store.delete("network", net["Id"])
        self.events.publish("network", "destroy", net["Id"], {"name": net["Name"], "type": net["Driver"]})

    async def connect(self, ref: str, container_ref: str, endpoint_config: Record | None) -> None:
        async with self._lock:
            net = self.resolve(ref)
            ctr = self.containers.get(container_ref)
            mode = network_mode(ctr)
            if net["Driver"] != "bridge" or mode in ("host", "none") or mode.startswith(("container:", "netns:")):
                raise Forbidden(
                    f"container cannot be connected to network {net['Name']}: its network mode is {mode or 'bridge'}"
                )
            nets = ctr.setdefault("NetworkSettings", {}).setdefault("Networks", {}) or {}
            ctr["NetworkSettings"]["Networks"] = nets
            if net["Name"] in nets:
                raise Conflict(f"container {ctr['Name'].lstrip('/')} is already attached to network {net['Name']}")
            nets[net["Name"]] = endpoint_settings(net, endpoint_config or {}, ctr)
            state = self._active.get(ctr["Id"])
            if state is not None:
                try:
                    await self._attach(ctr, state, net, primary=False)
                except BaseException:
                    del nets[net["Name"]]
                    raise
                self._save_state(ctr["Id"], state)
                await asyncio.to_thread(self.files.refresh)
            self.containers.save(ctr)
        self.events.publish(
            "network", "connect", net["Id"], {"container": ctr["Id"], "name": net["Name"], "type": net["Driver"]}
        )

    async def disconnect(self, ref: str, container_ref: str, force: bool = False) -> None:
        async with self._lock:
            net = self.resolve(ref)
            ctr = self.containers.get(container_ref)
            nets = (ctr.get("NetworkSettings") or {}).get("Networks") or {}
            if net["Name"] not in nets:
                raise Conflict(f"container {ctr['Name'].lstrip('/')} is not connected to network {net['Name']}")
            state = self._active.get(ctr["Id"])
            if state is not None and net["Id"] in state["endpoints"]:
                await self._detach(ctr["Id"], state, net["Id"])
                self._save_state(ctr["Id"], state)
            del nets[net["Name"]]
            self.containers.save(ctr)
            await self.bridges.release(net)
            await asyncio.to_thread(self.files.refresh)
        self.events.publish(
            "network", "disconnect", net["Id"], {"container": ctr["Id"], "name": net["Name"], "type": net["Driver"]}
        )

    # ---- containers (NetworkAttach, networks/protocols.py) ------------------------------

    async def prepare(self, record: Record) -> None:
        """At create: check NetworkMode and NetworkingConfig; fill NetworkSettings.Networks."""
        mode = network_mode(record)
        config = record.get("Config") or {}
        host = record.get("HostConfig") or {}
        endpoints = (record.get("NetworkingConfig") or config.get("NetworkingConfig") or {}).get(
            "EndpointsConfig"
        ) or {}
        if not isinstance(endpoints, dict):
            raise InvalidParameter("invalid NetworkingConfig.EndpointsConfig: want a map")
        files.parse_extra_hosts(host.get("ExtraHosts"))
        for server in host.get("Dns") or []:
            ipam.parse_ipv4(server, "DNS server") if ":" not in str(server) else None
        for link in host.get("Links") or []:
            target = str(link).split(":")[0].lstrip("/")
            self.containers.get(target)
        ports.plan(config, host)  # validates port specs
        networks: dict[str, Record] = {}
        if mode.startswith("container:"):
            other = self.containers.get(mode.split(":", 1)[1])
            if other["Id"] == record.get("Id"):
                raise InvalidParameter("a container cannot join its own network namespace")
        elif mode.startswith("netns:"):
            path = mode.split(":", 1)[1]
            if not path.startswith("/") or not await asyncio.to_thread(Path(path).exists):
                raise InvalidParameter(f"invalid network mode {mode}: {path} does not exist")
        elif mode in ("host", "none"):
            net = self.resolve(mode)
            networks[mode] = empty_endpoint(net)
        else:
            try:
                primary = self.resolve(mode)
            except NotFound:
                raise NotFound(f"network {mode} not found") from None
            networks[primary["Name"]] = endpoint_settings(
                primary, endpoints.get(mode, {}) or endpoints.get(primary["Name"], {}), record
            )
            for name, cfg in endpoints.items():
                net = self.resolve(name)
                if net["Name"] in networks or net["Driver"] != "bridge":
                    continue
                networks[net["Name"]] = endpoint_settings(net, cfg, record)
        if not config.get("Hostname") and mode != "host" and not mode.startswith("container:") and "Config" in record:
            config["Hostname"] = record["Id"][:12]  # as dockerd: the short ID unless given
        settings = record.setdefault("NetworkSettings", {}) or {}
        record["NetworkSettings"] = settings
        settings.update(
            {
                "Bridge": "",
                "SandboxID": "",
                "SandboxKey": "",
                "HairpinMode": False,
                "LinkLocalIPv6Address": "",
                "LinkLocalIPv6PrefixLen": 0,
                "Ports": ports.port_map(ports.exposed_keys(config, host), []) if mode not in ("host", "none") else {},
                "SecondaryIPAddresses": [],
                "SecondaryIPv6Addresses": [],
                "IPAddress": "",
                "IPPrefixLen": 0,
                "Gateway": "",
                "MacAddress": "",
                "Networks": networks,
            }
        )

    def _netns_path(self, container_id: str) -> Path:
        return self.netns_dir / container_id

    def _state_path(self, container_id: str) -> Path:
        return self.state_dir / f"{container_id}.json"

    def _save_state(self, container_id: str, state: Record) -> None:
        path = self._state_path(container_id)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(path)

    async def setup(self, record: Record) -> str | None:
        """Before the process starts: the netns file to join (None for the host's)."""
        mode = network_mode(record)
        cid = record["Id"]
        settings = record.setdefault("NetworkSettings", {})
        if mode == "host":
            return None
        if mode.startswith("netns:"):
            return mode.split(":", 1)[1]
        if mode == "none":
            return None  # runc makes the private namespace and brings its loopback up: no netns file, no CNI
        if mode.startswith("container:"):
            other = self.containers.get(mode.split(":", 1)[1])
            joined = self._active.get(other["Id"])
            if joined is not None:
                return str(joined["netns"])
            other_mode = (other.get("HostConfig") or {}).get("NetworkMode")
            if other_mode == "host":
                return None
            if other_mode == "none" and other["State"].get("Running") and other["State"].get("Pid"):
                return f"/proc/{other['State']['Pid']}/ns/net"
            raise Conflict(f"cannot join network of a non running container: {other['Id']}")
        async with self._lock:
            if cid in self._active:  # already set up (restart without teardown)
                return str(self._active[cid]["netns"])
            path = self._netns_path(cid)
            await netns.create(path)
            state: Record = {"netns": str(path), "endpoints": {}, "ports": [], "links": []}
            self._active[cid] = state
            try:
                await cni.invoke("loopback", "ADD", cni.loopback_conf(), cid, str(path), "lo")
                first = True
                for name in list(settings.get("Networks") or {}):
                    if name in ("none",):
                        continue
                    net = self.resolve(name)
                    await self._attach(record, state, net, primary=first)
                    first = False
                state["links"] = self._resolve_links(record)
                self._describe(record, state)
                self._save_state(cid, state)
            except BaseException:
                await self._teardown_state(cid, state)
                self._active.pop(cid, None)
                raise
            settings["SandboxID"] = cid
            settings["SandboxKey"] = str(path)
            await asyncio.to_thread(self.files.refresh)
        for name, ep in (settings.get("Networks") or {}).items():
            if name != "none":
                self.events.publish(
                    "network", "connect", ep["NetworkID"], {"container": cid, "name": name, "type": "bridge"}
                )
        return str(path)

    def _describe(self, record: Record, state: Record) -> None:
        """What network files need, kept in the state so peers' files can be rewritten."""
        config = record.get("Config") or {}
        host = record.get("HostConfig") or {}
        hostname, names = files.hostnames(config, record["Id"])
        state["name"] = (record.get("Name") or "").lstrip("/")
        state["hostname"] = hostname
        state["own_names"] = names
        state["extra"] = files.parse_extra_hosts(host.get("ExtraHosts"))
        state["files"] = not config.get("DisableNetworkFiles")

    def _resolve_links(self, record: Record) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for link in (record.get("HostConfig") or {}).get("Links") or []:
            target, _, alias = str(link).partition(":")
            other = self.containers.get(target.lstrip("/"))
            ostate = self._active.get(other["Id"])
            if ostate is None:
                raise Conflict(f"cannot link to a non running container: {target}")
            ip = next((e["ip"] for e in ostate["endpoints"].values()), "")
            oname = (other.get("Name") or "").lstrip("/")
            names = [n for n in (alias.split("/")[-1] if alias else "", oname) if n]
            out.extend((n, ip) for n in names)
        return out

    async def _attach(self, record: Record, state: Record, net: Record, primary: bool) -> None:
        cid = record["Id"]
        ep = record["NetworkSettings"]["Networks"][net["Name"]]
        await self.bridges.ensure(net)
        cfg = net["IPAM"]["Config"][0]
        subnet = ipaddress.IPv4Network(cfg["Subnet"])
        start, end = ipam.host_range(subnet, cfg.get("IPRange"))
        ifname = next(
            f"eth{i}" for i in range(64) if f"eth{i}" not in {e["ifname"] for e in state["endpoints"].values()}
        )
        static = (ep.get("IPAMConfig") or {}).get("IPv4Address")
        conf = cni.bridge_conf(
            self.cni_name(net),
            net["_bridge"],
            str(subnet),
            cfg["Gateway"],
            start,
            end,
            str(self.ipam_dir),
            net.get("Internal", False),
            static,
            ep.get("MacAddress") or None,
        )
        entry: Record = {
            "net_name": net["Name"],
            "ifname": ifname,
            "bridge_conf": conf,
            "portmap_conf": None,
            "aliases": ep.get("Aliases") or [],
            "user": not net.get("_predefined"),
        }
        state["endpoints"][net["Id"]] = entry
        if self._state_path(cid).exists():  # intent first: a crash during ADD is undone at restore
            self._save_state(cid, state)
        result = await cni.invoke("bridge", "ADD", conf, cid, state["netns"], ifname)
        iface: Record = next((i for i in result.get("interfaces", []) if i.get("sandbox")), {})
        ip4 = next((i for i in result.get("ips", []) if ":" not in i["address"]), None)
        if ip4 is None:
            raise EngineError(f"CNI bridge gave no IPv4 address on {net['Name']}")
        addr = ipaddress.IPv4Interface(ip4["address"])
        for extra in (ep.get("IPAMConfig") or {}).get("LinkLocalIPs") or []:
            await asyncio.to_thread(links.add_address, state["netns"], ifname, extra)
        mac = iface.get("mac", "")
        if ep.get("MacAddress") and ep["MacAddress"] != mac:
            await asyncio.to_thread(links.set_mac, state["netns"], ifname, ep["MacAddress"])
            mac = ep["MacAddress"]
        entry.update(
            {
                "ip": str(addr.ip),
                "prefixlen": addr.network.prefixlen,
                "gateway": ip4.get("gateway", ""),
                "mac": mac,
                "result": result,
            }
        )
        if primary:
            wanted = ports.plan(record.get("Config") or {}, record.get("HostConfig") or {})
            if wanted:
                ours = {(p, proto) for s in self._active.values() for p, proto in s.get("ports", [])}
                mappings = await asyncio.to_thread(ports.resolve, wanted, ours)
                pm = cni.portmap_conf(self.cni_name(net), mappings, result)
                entry["portmap_conf"] = pm
                await cni.invoke("portmap", "ADD", pm, cid, state["netns"], ifname)
                state["ports"] = [(m["hostPort"], m["protocol"]) for m in mappings]
                record["NetworkSettings"]["Ports"] = ports.port_map(
                    ports.exposed_keys(record.get("Config") or {}, record.get("HostConfig") or {}), mappings
                )
            record["NetworkSettings"].update(
                {
                    "Bridge": net["_bridge"],
                    "IPAddress": entry["ip"],
                    "IPPrefixLen": entry["prefixlen"],
                    "Gateway": entry["gateway"],
                    "MacAddress": mac,
                }
            )
        ep.update(
            {
                "EndpointID": new_id(),
                "IPAddress": entry["ip"],
                "IPPrefixLen": entry["prefixlen"],
                "Gateway": entry["gateway"],
                "MacAddress": mac,
                "NetworkID": net["Id"],
            }
        )
        entry["endpoint_id"] = ep["EndpointID"]

    async def _detach(self, cid: str, state: Record, net_id: str) -> None:
        entry = state["endpoints"].pop(net_id)
        await self._cni_del(cid, state["netns"], entry)
        if entry.get("portmap_conf"):
            state["ports"] = []

    async def _cni_del(self, cid: str, ns: str, entry: Record) -> None:
        if entry.get("portmap_conf"):
            try:
                await cni.invoke("portmap", "DEL", entry["portmap_conf"], cid, ns, entry["ifname"])
            except EngineError as exc:
                log.warning("portmap DEL for %s: %s", cid, exc)
        conf = dict(entry["bridge_conf"])
        if entry.get("result"):
            conf["prevResult"] = entry["result"]
        try:
            await cni.invoke("bridge", "DEL", conf, cid, ns, entry["ifname"])
        except EngineError as exc:
            log.warning("bridge DEL for %s: %s", cid, exc)

    async def _teardown_state(self, cid: str, state: Record) -> None:
        for entry in list(state.get("endpoints", {}).values()):
            await self._cni_del(cid, state["netns"], entry)
        state["endpoints"] = {}
        state["ports"] = []
        await asyncio.to_thread(netns.remove, Path(state["netns"]))
        self._state_path(cid).unlink(missing_ok=True)

    def _bridge_users(self, net: Record) -> int:
        return sum(1 for s in self._active.values() if net["Id"] in s.get("endpoints", {}))

    def network_files(self, record: Record) -> dict[str, str]:
        """Container path -> host file for /etc/hosts, /etc/hostname, /etc/resolv.conf."""
        return self.files.write(record)

    async def teardown(self, record: Record) -> None:
        """After the process exited: free addresses, ports, the netns and unused bridges."""
        cid = record["Id"]
        async with self._lock:
            state = self._active.pop(cid, None)
            if state is None:
                path = self._state_path(cid)
                if not path.exists():
                    return
                state = json.loads(path.read_text())
            nets = {nid: e["net_name"] for nid, e in state.get("endpoints", {}).items()}
            await self._teardown_state(cid, state)
            for nid in nets:
                net = self.store.get("network", nid)
                if net is not None:
                    await self.bridges.release(net)
            await asyncio.to_thread(self.files.refresh)
        settings = record.get("NetworkSettings") or {}
        settings.update(
            {"SandboxKey": "", "IPAddress": "", "IPPrefixLen": 0, "Gateway": "", "MacAddress": "", "Bridge": ""}
        )
        if settings.get("Ports"):
            settings["Ports"] = {k: None for k in settings["Ports"]}
        for ep in (settings.get("Networks") or {}).values():
            ep.update(
                {
                    "EndpointID": "",
                    "IPAddress": "",
                    "IPPrefixLen": 0,
                    "Gateway": "",
                    "MacAddress": ((record.get("Config") or {}).get("MacAddress") or "").lower(),
                }
            )
        for nid, name in nets.items():
            self.events.publish("network", "disconnect", nid, {"container": cid, "name": name, "type": "bridge"})

    async def release(self, record: Record) -> None:
        """At remove: anything still set up, and the name files."""
        await self.teardown(record)
        await asyncio.to_thread(self.files.remove, record["Id"])
