"""Pure parts of networking: IPAM configs, subnet choice, ports and the name files."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from runtime.errors import InvalidParameter
from runtime.networks import files, ipam, links, ports


def test_ipam_defaults_gateway() -> None:
    cfg = ipam.normalize_ipam({"Config": [{"Subnet": "10.50.0.0/24"}]})
    assert cfg == [{"Subnet": "10.50.0.0/24", "Gateway": "10.50.0.1"}]


def test_ipam_range_and_gateway() -> None:
    cfg = ipam.normalize_ipam({"Config": [{"Subnet": "10.50.0.0/16", "IPRange": "10.50.1.0/24",
                                           "Gateway": "10.50.0.254"}]})
    assert cfg[0]["IPRange"] == "10.50.1.0/24" and cfg[0]["Gateway"] == "10.50.0.254"
    assert ipam.host_range(ipaddress.IPv4Network("10.50.0.0/16"), "10.50.1.0/24") == ("10.50.1.0", "10.50.1.255")
    assert ipam.host_range(ipaddress.IPv4Network("10.50.0.0/24"), None) == ("10.50.0.1", "10.50.0.254")


@pytest.mark.parametrize("cfg", [
    {"Subnet": "10.50.0.1/24"},                          # host bits set
    {"Subnet": "10.50.0.0/33"},
    {"Subnet": "not-a-subnet"},
    {"Subnet": "10.50.0.0"},                            # no prefix
    {"Subnet": "fd00::/64"},                             # IPv6
    {"Subnet": "127.0.0.0/8"},
    {"Subnet": "10.0.0.0/4"},
    {"Subnet": "10.50.0.0/24", "Gateway": "10.60.0.1"},  # gateway outside
    {"Subnet": "10.50.0.0/24", "Gateway": "10.50.0.255"},
    {"Subnet": "10.50.0.0/24", "IPRange": "10.51.0.0/25"},
    {"Gateway": "10.50.0.1"},
])
def test_ipam_refuses(cfg: dict[str, str]) -> None:
    with pytest.raises(InvalidParameter):
        ipam.normalize_ipam({"Config": [cfg]})


def test_ipam_other_shapes() -> None:
    with pytest.raises(InvalidParameter):
        ipam.normalize_ipam({"Driver": "dhcp"})
    with pytest.raises(InvalidParameter):
        ipam.normalize_ipam({"Config": "10.0.0.0/8"})
    assert ipam.normalize_ipam(None) == []


def test_pick_subnet_avoids_taken() -> None:
    first = ipam.pick_subnet([], "seed")
    second = ipam.pick_subnet([first], "seed")
    assert first != second and not first.overlaps(second)
    big = ipaddress.IPv4Network("172.16.0.0/12")
    with pytest.raises(Exception, match="no free subnet"):
        ipam.pick_subnet([big], "seed")


def test_bridge_names_fit_and_derive_from_prefix() -> None:
    assert links.bridge_name("pouch", 0) == "pouch0"
    assert links.bridge_name("pouch-tabcdef", 12) == "pouch-tabcdef12"
    long = links.bridge_name("a-very-long-cgroup-prefix", 3)
    assert len(long) <= 15
    assert long != links.bridge_name("a-very-long-cgroup-prefiy", 3)


def test_port_plan() -> None:
    wanted = ports.plan({"ExposedPorts": {"80/tcp": {}, "53/udp": {}}},
                        {"PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]},
                         "PublishAllPorts": True})
    assert {"container_port": 80, "proto": "tcp", "host_ip": "127.0.0.1", "host_port": 8080} in wanted
    assert {"container_port": 53, "proto": "udp", "host_ip": "", "host_port": 0} in wanted
    assert len(wanted) == 2


@pytest.mark.parametrize("bindings", [
    {"80/tcp": [{"HostPort": "99999"}]},
    {"80/xyz": [{"HostPort": "80"}]},
    {"eighty": [{}]},
    {"80/tcp": [{"HostIp": "not-an-ip"}]},
])
def test_port_plan_refuses(bindings: dict[str, object]) -> None:
    with pytest.raises(InvalidParameter):
        ports.plan({}, {"PortBindings": bindings})


def test_port_map_lists_unpublished_as_null() -> None:
    pm = ports.port_map(["80/tcp", "81/tcp"], [{"hostPort": 1234, "containerPort": 80, "protocol": "tcp"}])
    assert pm == {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "1234"}], "81/tcp": None}


def test_port_resolution_refuses_taken_ports() -> None:
    wanted = [{"container_port": 80, "proto": "tcp", "host_ip": "127.0.0.1", "host_port": 0}]
    m = ports.resolve(wanted, set())[0]
    assert m["hostIP"] == "127.0.0.1" and m["hostPort"] > 0
    fixed = [{"container_port": 80, "proto": "tcp", "host_ip": "", "host_port": 4000}]
    with pytest.raises(Exception, match="already allocated"):
        ports.resolve(fixed, {(4000, "tcp")})


def test_hosts_render() -> None:
    text = files.render_hosts([("10.0.0.2", ["web"])], [("db", "10.0.0.9")], [("10.0.0.3", ["api", "api1"])])
    lines = text.splitlines()
    assert lines[0] == "127.0.0.1\tlocalhost"
    assert "10.0.0.2\tweb" in lines and "10.0.0.9\tdb" in lines and "10.0.0.3\tapi api1" in lines


def test_resolv_render() -> None:
    host = "nameserver 127.0.0.53\nnameserver 10.1.1.1\nsearch corp\noptions ndots:2\n"
    assert files.render_resolv(host, [], [], [], bridged=True) == \
        "nameserver 10.1.1.1\nsearch corp\noptions ndots:2\n"
    assert files.render_resolv("nameserver 127.0.0.1\n", [], [], [], bridged=True).startswith("nameserver 8.8.8.8")
    assert files.render_resolv(host, ["1.1.1.1"], ["a.b"], ["rotate"], bridged=True) == \
        "nameserver 1.1.1.1\nsearch a.b\noptions rotate\n"


def test_extra_hosts() -> None:
    assert files.parse_extra_hosts(["db:10.0.0.9"]) == [("db", "10.0.0.9")]
    for bad in (["db"], ["db:notip"], [":1.2.3.4"]):
        with pytest.raises(InvalidParameter):
            files.parse_extra_hosts(bad)


def test_write_in_place_keeps_inode(tmp_path: Path) -> None:
    p = tmp_path / "hosts"
    files.write_in_place(p, "a long first version\n")
    ino = p.stat().st_ino
    files.write_in_place(p, "short\n")
    assert p.stat().st_ino == ino and p.read_text() == "short\n"
