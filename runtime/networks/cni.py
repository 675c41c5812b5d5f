"""Calls to the CNI plugins of /usr/lib/cni: JSON config on stdin, CNI_* in the environment.

We drive the plugins directly rather than through a libcni: a container's attachment is
bridge (with host-local IPAM) and, on its first network, portmap chained after it with
the bridge result as ``prevResult``. DEL runs in reverse order with the same configs.
"""

from __future__ import annotations

import json
import os
from typing import Any

from runtime import processes
from runtime.errors import Conflict, EngineError, InvalidParameter

CNI_PATH = "/usr/lib/cni"
CNI_VERSION = "1.0.0"
Conf = dict[str, Any]


class CNIError(EngineError):
    pass


async def invoke(plugin: str, command: str, conf: Conf, container_id: str, netns: str, ifname: str) -> Conf:
    env = {
        "PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
        "CNI_COMMAND": command,
        "CNI_CONTAINERID": container_id,
        "CNI_NETNS": netns,
        "CNI_IFNAME": ifname,
        "CNI_PATH": CNI_PATH,
    }
    proc = await processes.spawn(
        os.path.join(CNI_PATH, plugin),
        stdin=processes.PIPE,
        stdout=processes.PIPE,
        stderr=processes.PIPE,
        env=env,
    )
    out, err = await proc.communicate(json.dumps(conf).encode())
    if proc.returncode != 0:
        try:
            detail = json.loads(out)
            msg = detail.get("msg", "") + (f": {detail['details']}" if detail.get("details") else "")
        except ValueError:
            msg = (out or err).decode(errors="replace").strip()
        text = f"CNI {plugin} {command}: {msg}"
        if "not available" in msg or "already allocated" in msg or "no IP addresses available" in msg:
            raise Conflict(text)
        if "not in" in msg and "range" in msg:
            raise InvalidParameter(text)
        raise CNIError(text)
    if command == "ADD":
        try:
            result: Conf = json.loads(out or b"{}")
        except ValueError:
            raise CNIError(f"CNI {plugin} ADD: unreadable result {out[:200]!r}") from None
        return result
    return {}


def bridge_conf(
    cni_name: str,
    bridge: str,
    subnet: str,
    gateway: str,
    range_start: str,
    range_end: str,
    data_dir: str,
    internal: bool,
    static_ip: str | None = None,
    mac: str | None = None,
) -> Conf:
    rng = {"subnet": subnet, "gateway": gateway, "rangeStart": range_start, "rangeEnd": range_end}
    ipam: Conf = {"type": "host-local", "dataDir": data_dir, "ranges": [[rng]]}
    if not internal:
        ipam["routes"] = [{"dst": "0.0.0.0/0"}]
    conf: Conf = {
        "cniVersion": CNI_VERSION,
        "name": cni_name,
        "type": "bridge",
        "bridge": bridge,
        "isGateway": not internal,
        "ipMasq": False,  # one masquerade rule per network, in firewall.py
        "hairpinMode": True,
        "ipam": ipam,
    }
    args: Conf = {}
    if static_ip:
        args["ips"] = [static_ip]
    if mac:
        args["mac"] = mac
    if args:
        conf["args"] = {"cni": args}
    return conf


def portmap_conf(cni_name: str, mappings: list[Conf], prev_result: Conf) -> Conf:
    return {
        "cniVersion": CNI_VERSION,
        "name": cni_name,
        "type": "portmap",
        "snat": True,
        "capabilities": {"portMappings": True},
        "runtimeConfig": {"portMappings": mappings},
        "prevResult": prev_result,
    }


def loopback_conf() -> Conf:
    return {"cniVersion": CNI_VERSION, "name": "lo", "type": "loopback"}
