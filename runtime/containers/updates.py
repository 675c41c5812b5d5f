"""POST /containers/{id}/update: which values change, checked as at create, and how the record
takes them. The live part (runc update of a running container) stays with the lifecycle."""

from __future__ import annotations

from typing import Any

from runtime.containers import hostconfig, ocispec
from runtime.containers.records import Record
from runtime.errors import InvalidParameter

NOT_RESOURCES = ("Env", "Label", "RestartPolicy", "SpecAnnotation", "DiskQuota")


def plan(host: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(HostConfig as it would be, the resource fields asked for, warnings); 400 if refused."""
    warnings: list[str] = []
    resources = {k: v for k, v in body.items() if k not in NOT_RESOURCES}
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
