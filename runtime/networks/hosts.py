"""The name files of each container (/etc/hosts, /etc/hostname, /etc/resolv.conf under
``<home>/netfiles/<id>``): written before it starts, and /etc/hosts rewritten whenever a peer
on one of its user networks comes or goes, so names between containers resolve."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from runtime.containers.protocols import ContainerRecords
from runtime.networks import files

log = logging.getLogger("pouch.networks")
Record = dict[str, Any]


def network_mode(record: Record) -> str:
    """bridge, host, none, container:<ref> or netns:<path>."""
    mode = (record.get("HostConfig") or {}).get("NetworkMode") or "bridge"
    if (record.get("Config") or {}).get("NetworkDisabled"):
        mode = "none"
    return "bridge" if mode == "default" else mode


class NameFiles:
    def __init__(self, root: Path, active: dict[str, Record], containers: ContainerRecords) -> None:
        """``active``: container ID -> live network state (the networks' own dict: endpoints,
        own names, links), read when /etc/hosts is rewritten."""
        self.root = root
        self.active = active
        self.containers = containers

    def write(self, record: Record) -> dict[str, str]:
        """Container path -> host file, for the bundle's bind mounts."""
        config = record.get("Config") or {}
        if config.get("DisableNetworkFiles"):
            return {}
        mode = network_mode(record)
        if mode.startswith("container:"):
            return self.write(self.containers.get(mode.split(":", 1)[1]))
        cid = record["Id"]
        host = record.get("HostConfig") or {}
        d = self.root / cid
        d.mkdir(parents=True, exist_ok=True)
        hostname, names = files.hostnames(config, cid)
        if mode == "host":
            hostname = files.host_text("/etc/hostname").strip() or hostname
        files.write_in_place(d / "hostname", hostname + "\n")
        resolv = files.render_resolv(
            files.host_text("/etc/resolv.conf"),
            list(host.get("Dns") or []),
            list(host.get("DnsSearch") or []),
            list(host.get("DnsOptions") or []),
            bridged=mode not in ("host",),
        )
        files.write_in_place(d / "resolv.conf", resolv)
        self._write_hosts(cid, record)
        return {path: str(d / name) for path, name in files.FILES.items()}

    def refresh(self) -> None:
        """Rewrite the /etc/hosts of every running container (a peer came or went)."""
        for cid, state in list(self.active.items()):
            if state.get("files") and (self.root / cid).is_dir():
                try:
                    self._write_hosts(cid, None)
                except OSError as exc:
                    log.warning("update hosts of %s: %s", cid, exc)

    def remove(self, container_id: str) -> None:
        shutil.rmtree(self.root / container_id, ignore_errors=True)

    def _write_hosts(self, cid: str, record: Record | None) -> None:
        d = self.root / cid
        state = self.active.get(cid)
        if record is not None:
            config = record.get("Config") or {}
            mode = network_mode(record)
            extra = files.parse_extra_hosts((record.get("HostConfig") or {}).get("ExtraHosts"))
            _, names = files.hostnames(config, cid)
        elif state is not None and state.get("files"):
            mode, extra, names = "bridge", [tuple(e) for e in state.get("extra", [])], state.get("own_names", [])
        else:
            return
        if mode == "host":
            text = files.render_hosts([], extra, [], base=files.host_text("/etc/hosts"))
        else:
            own = []
            if state is not None:
                ips = [e["ip"] for e in state["endpoints"].values() if e.get("ip")]
                own = [(ips[0], names)] if ips else []
                extra = extra + [tuple(lk) for lk in state.get("links", [])]  # type: ignore[misc]
            text = files.render_hosts(own, extra, self._peers(cid))
        if d.is_dir():
            files.write_in_place(d / "hosts", text)

    def _peers(self, cid: str) -> list[tuple[str, list[str]]]:
        """Other running containers sharing a user network with ``cid``: (ip, names)."""
        state = self.active.get(cid)
        if state is None:
            return []
        mine = {nid for nid, e in state["endpoints"].items() if e.get("user")}
        out = []
        for other_id, other in self.active.items():
            if other_id == cid:
                continue
            for nid, e in other["endpoints"].items():
                if nid in mine and e.get("ip"):
                    names = [n for n in [other.get("name", ""), *e.get("aliases", []), other_id[:12]] if n]
                    if other.get("hostname") and other["hostname"] not in names:
                        names.append(other["hostname"])
                    out.append((e["ip"], names))
        return out
