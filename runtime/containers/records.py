"""The container record (store kind ``container``): its schema, state transitions and the
shapes the API returns (ContainerJSON for inspect, Container for list)."""

from __future__ import annotations

import time
from typing import Any

import marshmallow
from marshmallow import fields, validate

from runtime.clock import ZERO_TIME, now_rfc3339, parse_rfc3339

STATUSES = ("created", "running", "stopped", "paused", "restarting", "removing", "exited", "dead")

Record = dict[str, Any]


class StateSchema(marshmallow.Schema):
    class Meta:
        unknown = marshmallow.INCLUDE

    Status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    Running = fields.Boolean(required=True)
    Paused = fields.Boolean(required=True)
    Restarting = fields.Boolean(required=True)
    OOMKilled = fields.Boolean(required=True)
    Dead = fields.Boolean(required=True)
    Pid = fields.Integer(required=True)
    ExitCode = fields.Integer(required=True)
    Error = fields.String(required=True)
    StartedAt = fields.String(required=True)
    FinishedAt = fields.String(required=True)


class ContainerRecordSchema(marshmallow.Schema):
    class Meta:
        unknown = marshmallow.INCLUDE

    Id = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    Name = fields.String(required=True, validate=validate.Regexp(r"^[a-zA-Z0-9_-]+$"))
    Created = fields.String(required=True)
    Image = fields.String(required=True)
    Config = fields.Dict(required=True)
    HostConfig = fields.Dict(required=True)
    State = fields.Nested(StateSchema, required=True)
    RestartCount = fields.Integer(required=True)


def new_state() -> dict[str, Any]:
    return {
        "Status": "created",
        "Running": False,
        "Paused": False,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": 0,
        "ExitCode": 0,
        "Error": "",
        "StartedAt": ZERO_TIME,
        "FinishedAt": ZERO_TIME,
        "Exited": False,
    }


def set_running(rec: Record, pid: int) -> None:
    st = rec["State"]
    st.update(
        Status="running",
        Running=True,
        Paused=False,
        Restarting=False,
        OOMKilled=False,
        Dead=False,
        Pid=pid,
        ExitCode=0,
        Error="",
        StartedAt=now_rfc3339(),
        Exited=False,
    )


def set_exited(rec: Record, code: int, oom: bool, error: str = "", stopped: bool = False) -> None:
    """The process is gone. ``stopped``: through the API (stop, restart), which pouchd reports
    as Status ``stopped`` with ``Exited`` false; an exit of its own is ``exited``, ``Exited``
    true (the seed: a restart policy brings back only what exited, not what was stopped)."""
    st = rec["State"]
    st.update(
        Status="stopped" if stopped else "exited",
        Running=False,
        Paused=False,
        Restarting=False,
        OOMKilled=oom,
        Pid=0,
        ExitCode=code,
        Error=error,
        FinishedAt=now_rfc3339(),
        Exited=not stopped,
    )


def rootfs_key(rec: Record) -> str:
    """The image store's key of this container's root filesystem (an upgrade gives a new one)."""
    return str(rec.get("RootfsKey") or rec["Id"])


def log_driver(rec: Record) -> str:
    return str((rec["HostConfig"].get("LogConfig") or {}).get("Type") or "json-file")


def labels_attrs(rec: Record, **extra: Any) -> dict[str, str]:
    """Event attributes as dockerd writes them: labels, then name and image."""
    attrs = {k: str(v) for k, v in (rec["Config"].get("Labels") or {}).items()}
    attrs["name"] = rec["Name"]
    attrs["image"] = rec["Config"].get("Image") or rec["Image"]
    attrs.update({k: str(v) for k, v in extra.items()})
    return attrs


def human_duration(seconds: float) -> str:
    """docker's units.HumanDuration."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    m = s // 60
    if m == 1:
        return "About a minute"
    if m < 60:
        return f"{m} minutes"
    h = round(s / 3600)
    if h == 1:
        return "About an hour"
    if h < 48:
        return f"{h} hours"
    if h < 24 * 7 * 2:
        return f"{h // 24} days"
    if h < 24 * 30 * 2:
        return f"{h // 24 // 7} weeks"
    if h < 24 * 365 * 2:
        return f"{h // 24 // 30} months"
    return f"{h // 24 // 365} years"


def status_text(rec: Record) -> str:
    st = rec["State"]
    now = time.time()
    if st["Status"] == "restarting":
        return f"Restarting ({st['ExitCode']}) {human_duration(now - parse_rfc3339(st['FinishedAt']))} ago"
    if st["Running"]:
        up = f"Up {human_duration(now - parse_rfc3339(st['StartedAt']))}"
        return up + " (Paused)" if st["Paused"] else up
    if st["Status"] == "removing":
        return "Removal In Progress"
    if st["Status"] == "dead":
        return "Dead"
    if st["Status"] == "created":
        return "Created"
    if st["FinishedAt"] == ZERO_TIME:
        return ""
    return f"Exited ({st['ExitCode']}) {human_duration(now - parse_rfc3339(st['FinishedAt']))} ago"


INTERNAL_KEYS = ("ConmonPid", "ManualStop", "Runtime", "HasBeenStarted", "Platform", "Creating")


def inspect_view(rec: Record) -> Record:
    """The API view of a record. Nested values are the record's own, not copies: views are
    encoded as they are returned and never changed (a shaper copies what it reshapes); a deep
    copy per inspect was most of an inspect's cost."""
    out = {k: v for k, v in rec.items() if k not in INTERNAL_KEYS}
    out.setdefault("Driver", "overlay")
    return out


def list_view(rec: Record) -> Record:
    cfg = rec["Config"]
    args = [rec.get("Path") or ""] + list(rec.get("Args") or [])
    return {
        "Id": rec["Id"],
        "Names": [rec["Name"]],
        "Image": cfg.get("Image") or rec["Image"],
        "ImageID": rec["Image"],
        "Command": " ".join(a for a in args if a),
        "Created": int(parse_rfc3339(rec["Created"])),
        "State": rec["State"]["Status"],
        "Status": status_text(rec),
        "Labels": dict(cfg.get("Labels") or {}),
        "HostConfig": rec["HostConfig"],
        "Mounts": rec.get("Mounts") or [],
        "NetworkSettings": rec.get("NetworkSettings") or {},
        "Ports": list_ports((rec.get("NetworkSettings") or {}).get("Ports")),
    }


def list_ports(port_map: dict[str, Any] | None) -> list[dict[str, Any]]:
    """NetworkSettings.Ports as dockerd lists it (types.Port): one entry per host binding, one
    without PublicPort for a port exposed but not bound."""
    out: list[dict[str, Any]] = []
    for key, bindings in (port_map or {}).items():
        port, _, proto = key.partition("/")
        if not port.isdigit():
            continue
        base = {"PrivatePort": int(port), "Type": proto or "tcp"}
        if not bindings:
            out.append(base)
        for b in bindings or []:
            public = str(b.get("HostPort") or "")
            entry = {**base, "PublicPort": int(public) if public.isdigit() else 0}
            if b.get("HostIp"):
                entry["IP"] = b["HostIp"]
            out.append(entry)
    out.sort(key=lambda p: (p["PrivatePort"], p["Type"], p.get("IP", ""), p.get("PublicPort", 0)))
    return out
