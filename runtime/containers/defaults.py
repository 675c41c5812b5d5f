"""A container's config from what the request gave and what its image defaults to (at create
and at upgrade), and the new record's shape."""

from __future__ import annotations

from typing import Any

from runtime.clock import now_rfc3339
from runtime.containers import ocispec, records
from runtime.containers.records import Record
from runtime.errors import InvalidParameter

Config = dict[str, Any]


def merge_image_defaults(config: Config, image_config: Config, image_ref: str) -> Config:
    """The stored Config: the request's values over the image's, the command line resolved."""
    entrypoint, cmd = ocispec.command_line(config, image_config)
    if not entrypoint and not cmd:
        raise InvalidParameter("No command specified")
    merged = dict(config)
    merged["Image"] = image_ref
    merged["Entrypoint"] = entrypoint or None
    merged["Cmd"] = cmd
    merged["Env"] = ocispec.config_env(image_config.get("Env"), config.get("Env"))
    merged["WorkingDir"] = config.get("WorkingDir") or image_config.get("WorkingDir") or ""
    merged["User"] = config.get("User") or image_config.get("User") or ""
    merged["Labels"] = {**(image_config.get("Labels") or {}), **(config.get("Labels") or {})}
    merged["StopSignal"] = config.get("StopSignal") or image_config.get("StopSignal") or "SIGTERM"
    merged["Volumes"] = {**(image_config.get("Volumes") or {}), **(config.get("Volumes") or {})} or None
    merged["ExposedPorts"] = {
        **(image_config.get("ExposedPorts") or {}),
        **(config.get("ExposedPorts") or {}),
    } or None
    merged.pop("SpecificID", None)
    return merged


def upgraded_config(config: Config, body: dict[str, Any], image_ref: str, image_config: Config) -> Config:
    """POST /containers/{id}/upgrade: the new image's command unless the body gives one."""
    out = dict(config)
    out["Image"] = image_ref
    entrypoint, cmd = body.get("Entrypoint"), body.get("Cmd")
    if entrypoint is None and cmd is None:
        entrypoint, cmd = image_config.get("Entrypoint"), image_config.get("Cmd")
    else:
        entrypoint = config.get("Entrypoint") if entrypoint is None else entrypoint
        cmd = config.get("Cmd") if cmd is None else cmd
    entrypoint, cmd = ocispec.command_line({"Entrypoint": entrypoint, "Cmd": cmd}, image_config)
    if not entrypoint + cmd:
        raise InvalidParameter("No command specified")
    out["Entrypoint"], out["Cmd"] = entrypoint or None, cmd
    return out


def host_defaults(host: Config, default_runtime: str) -> Config:
    host.setdefault("NetworkMode", "")
    host.setdefault("RestartPolicy", {"Name": "no", "MaximumRetryCount": 0})
    if not host["RestartPolicy"].get("Name"):
        host["RestartPolicy"]["Name"] = "no"
    log_config = host.get("LogConfig") or {}
    # An empty Type (docker's "unset") is the default driver, and is reported as such.
    host["LogConfig"] = {"Type": log_config.get("Type") or "json-file", "Config": log_config.get("Config") or {}}
    host["Runtime"] = host.get("Runtime") or default_runtime
    return host


def command(config: Config) -> list[str]:
    """Path and Args of the record: the resolved entrypoint and command."""
    return list(config.get("Entrypoint") or []) + list(config.get("Cmd") or [])


def new_record(
    cid: str, name: str, config: Config, host: Config, image_id: str, log_path: str, networking: Config
) -> Record:
    args = command(config)
    return {
        "Id": cid,
        "Name": name,
        "Created": now_rfc3339(),
        "Path": args[0],
        "Args": args[1:],
        "Config": config,
        "HostConfig": host,
        "Image": image_id,
        "State": records.new_state(),
        "RestartCount": 0,
        "LogPath": log_path,
        "Mounts": [],
        "NetworkSettings": {"Networks": {}, "Ports": {}},
        "ExecIDs": [],
        "ResolvConfPath": "",
        "HostnamePath": "",
        "HostsPath": "",
        "Driver": "overlay",
        "NetworkingConfig": networking,
    }
