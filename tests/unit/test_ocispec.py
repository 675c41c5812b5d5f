"""OCI spec generation from ContainerCreateConfig (pure functions, no runtime needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.containers import defaults, hostconfig, ocispec
from runtime.errors import InvalidParameter

ID = "a" * 64


@pytest.fixture
def rootfs(tmp_path: Path) -> Path:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\nweb:x:33:44::/var/www:/bin/sh\n")
    (tmp_path / "etc" / "group").write_text("root:x:0:\nwww:x:44:\naudio:x:63:web\n")
    return tmp_path


def spec(rootfs: Path, config: dict, host: dict | None = None, image: dict | None = None, **kw: object) -> dict:
    """The spec of a container created with ``config`` from an image with ``image`` as its config."""
    if image is not None:
        config = defaults.merge_image_defaults(config, image, "img")
    return ocispec.build_spec(container_id=ID, config=config, host=host or {},
                              rootfs=str(rootfs), cgroups_path="/pfx/" + ID, **kw)  # type: ignore[arg-type]


def test_command_line_rules() -> None:
    image = {"Entrypoint": ["/ep"], "Cmd": ["img-cmd"]}
    assert ocispec.command_line({}, image) == (["/ep"], ["img-cmd"])
    assert ocispec.command_line({"Cmd": ["x"]}, image) == (["/ep"], ["x"])
    # an explicit entrypoint drops the image's Cmd; [""] resets the entrypoint
    assert ocispec.command_line({"Entrypoint": ["/mine"]}, image) == (["/mine"], [])
    assert ocispec.command_line({"Entrypoint": [""], "Cmd": ["ls"]}, image) == ([], ["ls"])


def test_env_merge() -> None:
    assert ocispec.merge_env(["A=1", "B=2", "C=3"], ["B=", "C", "D=4"]) == ["A=1", "B=", "D=4"]


def test_users_and_groups(rootfs: Path) -> None:
    assert ocispec.resolve_user(rootfs, "", None) == {"uid": 0, "gid": 0}
    assert ocispec.resolve_user(rootfs, "web", None) == {"uid": 33, "gid": 44, "additionalGids": [63]}
    assert ocispec.resolve_user(rootfs, "1000:www", ["audio", "7"]) == {"uid": 1000, "gid": 44,
                                                                         "additionalGids": [7, 63]}
    with pytest.raises(InvalidParameter):
        ocispec.resolve_user(rootfs, "nobody-here", None)


def test_process_and_defaults(rootfs: Path) -> None:
    s = spec(rootfs, {"Cmd": ["sh"], "Env": ["X=1"], "Tty": True, "WorkingDir": "/w"},
             image={"Env": ["PATH=/bin"], "User": "web"})
    p = s["process"]
    assert p["args"] == ["sh"] and p["terminal"] and p["cwd"] == "/w"
    assert "PATH=/bin" in p["env"] and "X=1" in p["env"] and "TERM=xterm" in p["env"]
    assert f"HOSTNAME={ID[:12]}" in p["env"] and s["hostname"] == ID[:12]
    assert p["user"]["uid"] == 33
    assert "CAP_CHOWN" in p["capabilities"]["bounding"] and "CAP_SYS_ADMIN" not in p["capabilities"]["bounding"]
    assert s["linux"]["cgroupsPath"] == "/pfx/" + ID
    assert {"type": "network"} in s["linux"]["namespaces"]
    assert "/proc/kcore" in s["linux"]["maskedPaths"]


def test_no_command_is_invalid(rootfs: Path) -> None:
    with pytest.raises(InvalidParameter):
        spec(rootfs, {})


def test_init_script_wraps_the_command(rootfs: Path) -> None:
    s = spec(rootfs, {"Cmd": ["echo", "x"], "InitScript": "touch /ready"})
    assert s["process"]["args"][:2] == ["/bin/sh", "-c"] and "touch /ready" in s["process"]["args"][2]
    assert s["process"]["args"][-2:] == ["echo", "x"]


def test_resources() -> None:
    res = ocispec.linux_resources({"Memory": 64 << 20, "MemoryReservation": 32 << 20, "MemorySwappiness": 0,
                                   "OomKillDisable": True, "CpuShares": 512, "NanoCpus": 1_500_000_000,
                                   "CpusetCpus": "0", "PidsLimit": 10})
    assert res["memory"] == {"limit": 64 << 20, "swap": 128 << 20, "reservation": 32 << 20, "swappiness": 0,
                             "disableOOMKiller": True}
    assert res["cpu"] == {"shares": 512, "period": 100000, "quota": 150000, "cpus": "0"}
    assert res["pids"] == {"limit": 10}
    with pytest.raises(InvalidParameter):
        ocispec.linux_resources({"BlkioDeviceReadBps": [{"Path": "/dev/null", "Rate": 1024}]})


def test_namespace_modes_and_host_network(rootfs: Path) -> None:
    s = spec(rootfs, {"Cmd": ["x"]}, host={"PidMode": "host", "NetworkMode": "host", "IpcMode": "container:x"},
             ns_paths={"ipc": "/proc/1/ns/ipc"})
    kinds = {n["type"]: n for n in s["linux"]["namespaces"]}
    assert "pid" not in kinds and "network" not in kinds and kinds["ipc"]["path"] == "/proc/1/ns/ipc"
    s = spec(rootfs, {"Cmd": ["x"]}, netns="/run/netns/x")
    assert {"type": "network", "path": "/run/netns/x"} in s["linux"]["namespaces"]


def test_mounts_and_files(rootfs: Path) -> None:
    s = spec(rootfs, {"Cmd": ["x"]}, host={"ShmSize": 1 << 20, "Tmpfs": {"/run": "size=1m"}},
             mounts=[{"Type": "bind", "Source": "/src", "Destination": "/dst", "RW": False},
                     {"Type": "tmpfs", "Source": "tmpfs", "Destination": "/run", "Mode": "size=1m"}],
             network_files={"/etc/hosts": "/h/hosts"})
    by_dest = {m["destination"]: m for m in s["mounts"]}
    assert "size=1048576" in by_dest["/dev/shm"]["options"]
    assert by_dest["/dst"]["source"] == "/src" and "ro" in by_dest["/dst"]["options"]
    assert by_dest["/etc/hosts"]["source"] == "/h/hosts"
    assert by_dest["/run"]["type"] == "tmpfs" and "size=1m" in by_dest["/run"]["options"]


def test_signals() -> None:
    assert hostconfig.parse_signal("SIGKILL") == 9
    assert hostconfig.parse_signal("usr1") == 10
    assert hostconfig.parse_signal("15") == 15
    with pytest.raises(InvalidParameter):
        hostconfig.parse_signal("SIGNOPE")


def test_host_config_checks() -> None:
    assert hostconfig.check_host_config({"Cmd": ["x"]}, {}, ["runc"]) == []
    with pytest.raises(InvalidParameter):
        hostconfig.check_host_config({}, {"Memory": 10}, ["runc"])
    with pytest.raises(InvalidParameter):
        hostconfig.check_host_config({}, {"MemorySwap": 100 << 20}, ["runc"])
    with pytest.raises(InvalidParameter):
        hostconfig.check_host_config({}, {"AutoRemove": True, "RestartPolicy": {"Name": "always"}}, ["runc"])
    with pytest.raises(InvalidParameter):
        hostconfig.check_host_config({"Hostname": "bad_host!"}, {}, ["runc"])
    warnings = hostconfig.check_host_config({"DiskQuota": {"/": "1G"}}, {"CpuCount": 2}, ["runc"])
    # DiskQuota is Pouch's own: enforced or refused (containers/features.py), never a warning
    assert not any("DiskQuota" in w for w in warnings) and any("CpuCount" in w for w in warnings)


def test_config_env_keeps_bare_entries_as_dockerd() -> None:
    # the request's entries as given, then the image's for keys the request does not name
    assert ocispec.config_env(["PATH=/bin", "A=1"], ["B=2", "BARE", "A"]) == ["B=2", "BARE", "A", "PATH=/bin"]
    assert ocispec.config_env(["PATH=/bin"], None) == ["PATH=/bin"]
    # the process never sees a bare entry; it unsets a default
    assert ocispec.merge_env(["PATH=/bin", "HOSTNAME=h"], ["BARE", "HOSTNAME", "X=1"]) == ["PATH=/bin", "X=1"]
