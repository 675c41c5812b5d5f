"""What the host really holds for one test server, and checks that the store agrees.

Everything is found from the server's own names (its home and exec root, its cgroup and
bridge prefix ``pouch-<tag>``), so parallel servers and the host's own resources are never
counted: runc state, conmon processes, mounts, cgroups, bridges and their veths, netns files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.helpers.server import RunningServer


def cgroup_hierarchies() -> list[Path]:
    """Every mounted cgroup hierarchy: each v1 controller (and named ones like systemd) and the
    unified v2 one, wherever the host mounts them."""
    out = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        pre, _, post = line.partition(" - ")
        if post.split()[0] in ("cgroup", "cgroup2"):
            out.append(Path(pre.split()[4].replace("\\040", " ")))
    return out


def runc_ids(srv: RunningServer) -> set[str]:
    root = srv.exec_root / "runc"
    return {p.name for p in root.iterdir() if (p / "state.json").exists()} if root.is_dir() else set()


def runc_status(srv: RunningServer, cid: str) -> str | None:
    res = subprocess.run(["runc", "--root", str(srv.exec_root / "runc"), "state", cid], capture_output=True, text=True)
    return str(json.loads(res.stdout)["status"]) if res.returncode == 0 else None


def conmon_ids(srv: RunningServer) -> set[str]:
    """Container IDs of the conmon processes running for this server (container conmons, not exec ones)."""
    exits = str(srv.exec_root / "exits")
    found = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if not argv or not argv[0].endswith(b"conmon"):
            continue
        args = [a.decode(errors="replace") for a in argv]
        if exits not in args or "--exec" in args:
            continue
        found.add(args[args.index("-c") + 1])
    return found


def mounts_under(base: Path) -> list[tuple[str, str]]:
    """(mount point, fs type) of every mount below ``base`` in our mount namespace."""
    out = []
    prefix = str(base.resolve()) + "/"
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        pre, _, post = line.partition(" - ")
        point = pre.split()[4].replace("\\040", " ")
        if point.startswith(prefix):
            out.append((point, post.split()[0]))
    return out


def cgroup_dirs(srv: RunningServer) -> set[str]:
    """The cgroups below our prefix, as ``<hierarchy>:<path below the prefix>``, in every
    mounted hierarchy (v1 controllers and the unified one)."""
    found = set()
    for root in cgroup_hierarchies():
        base = root / f"pouch-{srv.tag}"
        if base.is_dir():
            for dirpath, dirnames, _ in os.walk(base):
                for d in dirnames:
                    found.add(f"{root.name}:{os.path.relpath(os.path.join(dirpath, d), base)}")
    return found


def cgroup_prefix_exists(srv: RunningServer) -> bool:
    return any((root / f"pouch-{srv.tag}").is_dir() for root in cgroup_hierarchies())


def links(srv: RunningServer) -> tuple[set[str], set[str]]:
    """(our bridges, host veths enslaved to them). Bridges are named from the prefix ``pouch-<tag>``."""
    data = json.loads(subprocess.run(["ip", "-j", "link", "show"], capture_output=True, text=True,
                                     check=True).stdout or "[]")
    stem = f"pouch-{srv.tag}"
    bridges = {e["ifname"] for e in data if e["ifname"].startswith(stem)}
    veths = {e["ifname"] for e in data if e.get("master") in bridges}
    return bridges, veths


def netns_files(srv: RunningServer) -> set[str]:
    d = srv.exec_root / "netns"
    return {p.name for p in d.iterdir()} if d.is_dir() else set()


@dataclass
class HostState:
    runc: set[str]
    conmon: set[str]
    mounts: list[tuple[str, str]]
    cgroups: set[str]
    bridges: set[str]
    veths: set[str]
    netns: set[str]
    problems: list[str] = field(default_factory=list)


def host_state(srv: RunningServer) -> HostState:
    bridges, veths = links(srv)
    return HostState(runc_ids(srv), conmon_ids(srv), mounts_under(srv.base), cgroup_dirs(srv), bridges, veths,
                     netns_files(srv))


def check_consistent(srv: RunningServer, client: httpx.Client) -> list[str]:
    """Compare the store (through the API) with the host; return the disagreements (empty = consistent)."""
    problems: list[str] = []
    listed = client.get("/containers/json", params={"all": 1})
    assert listed.status_code == 200, listed.text
    records = {}
    for c in listed.json():
        r = client.get(f"/containers/{c['Id']}/json")
        if r.status_code != 200:
            problems.append(f"listed container {c['Id'][:12]} does not inspect: {r.status_code} {r.text}")
            continue
        records[c["Id"]] = r.json()
    ids = set(records)
    host = host_state(srv)
    live = {cid for cid, rec in records.items() if rec["State"]["Running"]}
    for cid in host.runc - ids:
        problems.append(f"runc holds {cid[:12]} ({runc_status(srv, cid)}) that the store does not know")
    for cid in live:
        st = runc_status(srv, cid)
        if st not in ("running", "paused"):
            problems.append(f"store says {cid[:12]} runs, runc says {st}")
        if cid not in host.conmon:
            problems.append(f"store says {cid[:12]} runs, but no conmon watches it")
    for cid in host.conmon - ids:
        problems.append(f"a conmon runs for unknown container {cid[:12]}")
    for cid in ids - live:
        st = runc_status(srv, cid)
        if st in ("running", "paused"):
            problems.append(f"store says {cid[:12]} is {records[cid]['State']['Status']}, runc says {st}")
    for point, fstype in host.mounts:
        if point == str(srv.home):
            continue  # a filesystem the test itself put under the server (disk-full tests)
        owner = _owner(point, ids)
        if owner is None:
            problems.append(f"mount {point} ({fstype}) belongs to no stored container")
        elif "/netns/" in point and owner not in live:
            problems.append(f"netns mount {point} of a container that does not run")
    for cg in host.cgroups:
        cid = cg.partition(":")[2].rsplit("/", 1)[-1]
        if cid not in live and len(cid) == 64:
            problems.append(f"cgroup {cg} of a container that does not run ({cid[:12]})")
    for name in host.netns:
        if name not in live:
            problems.append(f"netns file {name[:12]} of a container that does not run")
    want_veths = sum(len((rec.get("NetworkSettings") or {}).get("Networks") or {}) for cid, rec in records.items()
                     if cid in live and rec["HostConfig"].get("NetworkMode", "") not in ("host", "none")
                     and not str(rec["HostConfig"].get("NetworkMode", "")).startswith("container:"))
    if len(host.veths) != want_veths:
        problems.append(f"{len(host.veths)} veths on our bridges, the store's running containers have {want_veths}")
    for cid in live:
        rec = records[cid]
        if rec["HostConfig"].get("NetworkMode", "") in ("host", "none") or not rec["State"].get("Pid"):
            continue
        want = sorted(v["IPAddress"] for v in (rec["NetworkSettings"].get("Networks") or {}).values()
                      if v.get("IPAddress"))
        have = netns_addresses(int(rec["State"]["Pid"]))
        if have is not None and have != want:
            problems.append(f"{cid[:12]}: the store gives it {want}, its netns has {have}")
    return problems


def netns_addresses(pid: int) -> list[str] | None:
    """IPv4 addresses (loopback aside) inside the network namespace of ``pid``."""
    res = subprocess.run(["nsenter", "-t", str(pid), "-n", "ip", "-j", "-4", "addr"], capture_output=True, text=True)
    if res.returncode != 0:
        return None
    return sorted(a["local"] for e in json.loads(res.stdout or "[]") for a in e.get("addr_info", [])
                  if e.get("ifname") != "lo")


def _owner(point: str, ids: set[str]) -> str | None:
    """The stored container a mount point belongs to (its ID appears in the path), if any."""
    for part in Path(point).parts:
        if part in ids:
            return part
    return None


def remove_everything(client: httpx.Client) -> None:
    """Remove every container, volume, user network and image through the API."""
    for c in client.get("/containers/json", params={"all": 1}).json():
        r = client.delete(f"/containers/{c['Id']}", params={"force": 1, "v": 1})
        assert r.status_code in (204, 404), r.text
    for v in client.get("/volumes").json().get("Volumes") or []:
        r = client.delete(f"/volumes/{v['Name']}")
        assert r.status_code in (204, 404), r.text
    for n in client.get("/networks").json():
        if n["Name"] not in ("bridge", "host", "none"):
            r = client.delete(f"/networks/{n['Id']}")
            assert r.status_code in (204, 404), r.text
    for i in client.get("/images/json").json():
        r = client.delete(f"/images/{i['Id']}", params={"force": 1})
        assert r.status_code in (200, 204, 404), r.text


def leftovers_after_stop(srv: RunningServer) -> list[str]:
    """After remove_everything and a clean stop: what of ours is still on the host."""
    host = host_state(srv)
    out = [f"runc state {x[:12]}" for x in host.runc] + [f"conmon {x[:12]}" for x in host.conmon]
    out += [f"mount {p} ({t})" for p, t in host.mounts] + [f"cgroup {c}" for c in host.cgroups]
    out += [f"bridge {b}" for b in host.bridges] + [f"veth {v}" for v in host.veths]
    out += [f"netns {n[:12]}" for n in host.netns]
    if cgroup_prefix_exists(srv):
        out.append(f"cgroup prefix pouch-{srv.tag}")
    return out


IPTABLES_TARGETS = {"ACCEPT", "DROP", "RETURN", "REJECT", "MASQUERADE", "MARK", "DNAT", "SNAT", "LOG"}


def iptables_leftovers(srv: RunningServer) -> list[str]:
    """The iptables rules and chains of ours, in every table: the firewall chains named from our
    prefix (runtime/networks/firewall.py), rules naming our bridges or CNI networks (``pouch-<tag>``
    in an interface or a portmap comment), and the chains those rules jump to (portmap's CNI-DN-*)."""
    stem = f"pouch-{srv.tag}"
    out = []
    for table in ("filter", "nat", "mangle", "raw"):
        res = subprocess.run(["iptables-save", "-t", table], capture_output=True, text=True)
        if res.returncode != 0:
            continue
        lines = res.stdout.splitlines()
        ours = [line for line in lines if stem in line and not line.startswith("#")]
        chains = {c for line in ours for c in re.findall(r"-j (\S+)", line)} - IPTABLES_TARGETS
        chains |= {line[1:].split()[0] for line in ours if line.startswith(":")}
        out += [f"iptables {table}: {line}" for line in ours]
        out += [f"iptables {table}: {line}" for line in lines
                if line.startswith("-A ") and line.split()[1] in chains and stem not in line]
    return out
