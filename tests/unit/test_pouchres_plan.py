"""Pouch-only resource fields: detection from a cgroup tree, plans, refusals, the NVIDIA hook in the spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.containers.pouchres import HostExtras, plan
from runtime.errors import InvalidParameter

HOOK = "/usr/bin/nvidia-container-runtime-hook"


def alikernel_tree(root: Path) -> Path:
    for controller, name in (
        ("memory", "memory.wmark_ratio"),
        ("memory", "memory.extra_in_bytes"),
        ("memory", "memory.force_empty_ctl"),
        ("memory", "memory.force_empty"),
        ("cpuacct", "cpuacct.sched_lat_switch"),
    ):
        (root / controller).mkdir(parents=True, exist_ok=True)
        (root / controller / name).write_text("0\n")
    return root


def test_detect_an_alikernel_host(tmp_path: Path) -> None:
    resctrl = tmp_path / "resctrl"
    (resctrl / "info" / "L3").mkdir(parents=True)
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("flags\t\t: fpu rdt_a cat_l3 cdp_l3\n")
    extras = HostExtras.detect(alikernel_tree(tmp_path / "cg"), resctrl, cpuinfo)
    assert (extras.wmark_ratio, extras.memory_extra, extras.force_empty_ctl, extras.resctrl_l3, extras.rdt_cpu) == (
        True,
        True,
        True,
        True,
        True,
    )
    assert extras.sched_lat == ("cpuacct", "cpuacct.sched_lat_switch")
    assert ["MemoryWmarkRatio", "memory.wmark_ratio"] in extras.info()


def test_detect_a_stock_kernel(tmp_path: Path) -> None:
    (tmp_path / "cg" / "memory").mkdir(parents=True)
    (tmp_path / "cg" / "memory" / "memory.force_empty").write_text("")
    extras = HostExtras.detect(tmp_path / "cg", tmp_path / "no-resctrl", tmp_path / "no-cpuinfo")
    assert extras == HostExtras(force_empty=True, nvidia_hook=extras.nvidia_hook)
    assert ["MemoryForceEmptyCtl", "memory.force_empty at remove"] in extras.info()
    assert ["ScheLatSwitch", "unsupported"] in extras.info()


def test_all_applied_on_an_alikernel_host(tmp_path: Path) -> None:
    extras = HostExtras.detect(alikernel_tree(tmp_path / "cg"), tmp_path / "x", tmp_path / "y")
    host = {"MemoryWmarkRatio": 80, "MemoryExtra": 1 << 20, "MemoryForceEmptyCtl": 1, "ScheLatSwitch": 1}
    out = plan(host, None, extras)
    assert out.cgroup_writes == {
        ("memory", "memory.wmark_ratio"): "80",
        ("memory", "memory.extra_in_bytes"): "1048576",
        ("memory", "memory.force_empty_ctl"): "1",
        ("cpuacct", "cpuacct.sched_lat_switch"): "1",
    }
    assert out.annotations == {
        "__memory_wmark_ratio": "80",
        "__memory_extra_in_bytes": "1048576",
        "__memory_force_empty_ctl": "1",
        "__schedule_latency_switch": "1",
    }
    assert not out.force_empty_on_remove


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ({"MemoryWmarkRatio": 50}, "MemoryWmarkRatio needs memory.wmark_ratio of an Alibaba Cloud Linux"),
        ({"MemoryExtra": 4096}, "MemoryExtra needs memory.extra_in_bytes"),
        ({"ScheLatSwitch": 1}, "ScheLatSwitch needs cpuacct.sched_lat_switch of an Alibaba"),
        ({"IntelRdtL3Cbm": "L3:0=ff"}, "IntelRdtL3Cbm needs Intel RDT: the CPU has no Intel RDT CAT"),
        ({"IntelRdtL3Cbm": "ff"}, "invalid IntelRdtL3Cbm 'ff'"),
        ({"MemoryWmarkRatio": 101}, r"MemoryWmarkRatio must be in \[0, 100\]"),
        ({"MemoryExtra": -1}, "MemoryExtra must not be negative"),
        ({"MemoryForceEmptyCtl": 2}, "MemoryForceEmptyCtl must be 0 or 1"),
        ({"ScheLatSwitch": True}, "ScheLatSwitch must be an integer"),
        ({"NvidiaConfig": {"NvidiaVisibleDevices": "all"}}, "NvidiaConfig needs the NVIDIA container toolkit"),
    ],
)
def test_refused_on_a_stock_host_with_what_it_lacks(host: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidParameter, match=message):
        plan(host, None, HostExtras(force_empty=True))


def test_defaults_change_nothing_on_a_stock_host() -> None:
    out = plan(
        {"MemoryWmarkRatio": 0, "MemoryExtra": 0, "MemoryForceEmptyCtl": 0, "ScheLatSwitch": 0}, [], HostExtras()
    )
    assert out.cgroup_writes == {} and out.intel_rdt is None and out.prestart_hooks == [] and out.env == []


def test_force_empty_falls_back_to_reclaim_at_remove() -> None:
    out = plan({"MemoryForceEmptyCtl": 1}, None, HostExtras(force_empty=True))
    assert out.force_empty_on_remove and out.cgroup_writes == {}
    with pytest.raises(InvalidParameter, match=r"needs memory.force_empty \(cgroup v1\)"):
        plan({"MemoryForceEmptyCtl": 1}, None, HostExtras())


def test_intel_rdt_goes_into_the_spec() -> None:
    out = plan({"IntelRdtL3Cbm": "L3:0=ffff;1=ff0"}, None, HostExtras(resctrl_l3=True, rdt_cpu=True))
    spec: dict[str, object] = {"linux": {"namespaces": []}}
    out.apply(spec)
    assert spec["linux"] == {"namespaces": [], "intelRdt": {"l3CacheSchema": "L3:0=ffff;1=ff0"}}
    with pytest.raises(InvalidParameter, match="resctrl is not mounted"):
        plan({"IntelRdtL3Cbm": "L3:0=ff"}, None, HostExtras(rdt_cpu=True))


def test_nvidia_config_becomes_the_toolkit_prestart_hook(tmp_path: Path) -> None:
    (tmp_path / "nvidia0").write_text("")
    extras = HostExtras(nvidia_hook=HOOK, dev_root=tmp_path)
    nvidia = {"NvidiaDriverCapabilities": "compute,utility", "NvidiaVisibleDevices": "0"}
    out = plan({"NvidiaConfig": nvidia}, None, extras)
    spec = {
        "process": {"env": ["PATH=/bin", "NVIDIA_VISIBLE_DEVICES=void"]},
        "hooks": {"prestart": [{"path": "/sbin/other"}]},
    }
    out.apply(spec)
    assert spec["hooks"] == {"prestart": [{"path": "/sbin/other"}, {"path": HOOK, "args": [HOOK, "prestart"]}]}
    assert spec["process"]["env"] == [
        "PATH=/bin",
        "NVIDIA_DRIVER_CAPABILITIES=compute,utility",
        "NVIDIA_VISIBLE_DEVICES=0",
    ]
    with pytest.raises(InvalidParameter, match="invalid nvidia device: 1"):
        plan({"NvidiaConfig": {"NvidiaVisibleDevices": "0,1"}}, None, extras)
    with pytest.raises(InvalidParameter, match="invalid nvidia driver capability: sound"):
        plan({"NvidiaConfig": {"NvidiaDriverCapabilities": "compute,sound"}}, None, extras)
    everything = plan(
        {"NvidiaConfig": {"NvidiaDriverCapabilities": "all", "NvidiaVisibleDevices": "all"}}, None, extras
    )
    assert everything.env == ["NVIDIA_DRIVER_CAPABILITIES=all", "NVIDIA_VISIBLE_DEVICES=all"]


def test_nvidia_variables_alone_ask_for_the_hook() -> None:
    out = plan({}, ["NVIDIA_VISIBLE_DEVICES=all"], HostExtras(nvidia_hook=HOOK))
    assert out.prestart_hooks == [{"path": HOOK, "args": [HOOK, "prestart"]}] and out.env == []
    with pytest.raises(InvalidParameter, match="NVIDIA_VISIBLE_DEVICES in Env needs the NVIDIA container toolkit"):
        plan({}, ["NVIDIA_VISIBLE_DEVICES=all"], HostExtras())
