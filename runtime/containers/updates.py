"""POST /containers/{id}/update: which values change, checked as at create, and how the record
takes them. The live part (runc update of a running container) stays with the lifecycle."""

from __future__ import annotations

from typing import Any

from runtime.containers import hostconfig, ocispec
from runtime.containers.records import Record
from runtime.errors import InvalidParameter

# The Resources an update may change (the seed's Resources object). Other keys are ignored, as
# Go's encoding/json ignores them: stored, they would pollute the record. CgroupParent is not
# among them: a running container cannot move, and its cgroups are found (and removed) by it.
UPDATABLE = frozenset(
    "BlkioDeviceReadBps BlkioDeviceReadIOps BlkioDeviceWriteBps BlkioDeviceWriteIOps BlkioWeight "
    "BlkioWeightDevice CpuCount CpuPercent CpuPeriod CpuQuota CpuRealtimePeriod CpuRealtimeRuntime CpuShares "
    "CpusetCpus CpusetMems DeviceCgroupRules Devices IOMaximumBandwidth IOMaximumIOps IntelRdtL3Cbm KernelMemory "
    "Memory MemoryExtra MemoryForceEmptyCtl MemoryReservation MemorySwap MemorySwappiness MemoryWmarkRatio "
    "NanoCpus NvidiaConfig OomKillDisable PidsLimit ScheLatSwitch Ulimits".split()
)


def plan(host: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(HostConfig as it would be, the resource fields asked for, warnings); 400 if refused."""
    warnings: list[str] = []
    resources = {k: v for k, v in body.items() if k in UPDATABLE}
    if body.get("CgroupParent") and body["CgroupParent"] != host.get("CgroupParent"):
        # dockerd takes the request and leaves the parent as it is; say so
        warnings.append("CgroupParent is not changed by an update: it is set when the container is created")
    merged = {**host, **{k: v for k, v in resources.items() if v is not None}}
    if (
        body.get("Memory")
        and not body.get("MemorySwap")
        and host.get("MemorySwap", 0) not in (0, -1)
        and host["MemorySwap"] < body["Memory"]
    ):
        merged["MemorySwap"] = body["Memory"] * 2
    hostconfig.check_resources(merged, warnings, updating=True, asked=resources)
    if body.get("RestartPolicy") is not None:
        hostconfig.check_restart_policy(body["RestartPolicy"])
        if host.get("AutoRemove") and body["RestartPolicy"].get("Name") not in (None, "", "no"):
            raise InvalidParameter("Restart policy cannot be updated because AutoRemove is enabled")
    return merged, resources, warnings


def apply(rec: Record, body: dict[str, Any], merged: dict[str, Any], resources: dict[str, Any]) -> None:
    host = rec["HostConfig"]
    # The checked values, as adapted by the check (CpuShares clamped to the kernel's range).
    host.update({k: merged[k] for k, v in resources.items() if v is not None})
    if body.get("RestartPolicy") is not None:
        policy = dict(body["RestartPolicy"])
        policy["Name"] = policy.get("Name") or "no"
        host["RestartPolicy"] = policy
    if body.get("Env") is not None:
        rec["Config"]["Env"] = ocispec.merge_env(rec["Config"].get("Env"), body["Env"])
    if body.get("Label") is not None:
        labels = rec["Config"].setdefault("Labels", {})
        for item in body["Label"]:
            k, eq, v = item.partition("=")
            if not k:
                raise InvalidParameter(f"invalid label {item!r}")
            if eq:
                labels[k] = v
            else:
                labels.pop(k, None)
    if body.get("SpecAnnotation") is not None:
        rec["Config"]["SpecAnnotation"] = {**(rec["Config"].get("SpecAnnotation") or {}), **body["SpecAnnotation"]}
