"""The EndpointSettings of a container on a network (``NetworkSettings.Networks.<name>``) as
the request asks for them, checked against the network before anything is set up."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from runtime.errors import InvalidParameter
from runtime.networks import ipam

Record = dict[str, Any]


def empty_endpoint(net: Record) -> Record:
    return {
        "NetworkID": net["Id"],
        "EndpointID": "",
        "Gateway": "",
        "IPAddress": "",
        "IPPrefixLen": 0,
        "IPv6Gateway": "",
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "MacAddress": "",
        "Aliases": None,
        "Links": None,
        "IPAMConfig": None,
        "DriverOpts": None,
    }


def endpoint_settings(net: Record, cfg: Record, record: Record) -> Record:
    """A container's EndpointSettings on ``net`` from its EndpointConfig (checked: aliases,
    a static IPv4 address of the network's own subnet, a MAC address)."""
    if not isinstance(cfg, dict):
        raise InvalidParameter("invalid EndpointConfig: want an object")
    ep = empty_endpoint(net)
    aliases = cfg.get("Aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise InvalidParameter("invalid Aliases: want a list of names")
    ipam_cfg = cfg.get("IPAMConfig") or {}
    if not isinstance(ipam_cfg, dict):
        raise InvalidParameter("invalid IPAMConfig: want an object")
    if ipam_cfg.get("IPv6Address"):
        raise InvalidParameter("IPv6 addresses are not supported")
    link_local = _link_local_ips(ipam_cfg.get("LinkLocalIPs"))
    static = ipam_cfg.get("IPv4Address") or cfg.get("IPAddress") or ""
    if static:
        if net.get("_predefined") or not net["IPAM"]["Config"] or net["_auto"]:
            raise InvalidParameter(
                "user specified IP address is supported only on user defined networks with a user configured subnet"
            )
        addr = ipam.parse_ipv4(static, "IPv4Address")
        subnet = ipaddress.IPv4Network(net["IPAM"]["Config"][0]["Subnet"])
        gw = net["IPAM"]["Config"][0]["Gateway"]
        if addr not in subnet or str(addr) == gw or addr in (subnet.network_address, subnet.broadcast_address):
            raise InvalidParameter(f"IPv4Address {addr} is not a free host address of subnet {subnet}")
        ep["IPAMConfig"] = {"IPv4Address": str(addr)}
    if link_local:  # any network, the default bridge too (dockerd); added to the interface at start
        ep["IPAMConfig"] = {**(ep["IPAMConfig"] or {}), "LinkLocalIPs": link_local}
    mac = cfg.get("MacAddress") or (record.get("Config") or {}).get("MacAddress") or ""
    if mac and not re.match(r"^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$", mac):
        raise InvalidParameter(f"invalid MacAddress {mac!r}")
    if mac:
        ep["MacAddress"] = mac.lower()
    if aliases and not net.get("_predefined"):
        ep["Aliases"] = list(aliases)
    links_ = cfg.get("Links")
    if links_:
        ep["Links"] = list(links_)
    return ep


def _link_local_ips(value: object) -> list[str]:
    """IPAMConfig.LinkLocalIPs as dockerd checks them: addresses (IPv4 here: no IPv6 support)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidParameter("invalid LinkLocalIPs: want a list of addresses")
    out = []
    for text in value:
        if not text:
            continue
        try:
            addr = ipaddress.ip_address(text)
        except ValueError:
            raise InvalidParameter(f"invalid link-local IP address: {text}") from None
        if addr.version != 4:
            raise InvalidParameter("IPv6 addresses are not supported")
        out.append(str(addr))
    return out
