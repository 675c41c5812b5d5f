"""schemathesis hooks and checks (SCHEMATHESIS_HOOKS=tests.conformance.hooks).

Requests that would block the run (the server is real: streams last as long as their object):

* GET /events streams until ``until``: a fuzzed request without one (or with one far
  ahead) would hold the connection open, so each case ends a moment from now; values
  that are not timestamps are kept (they must still be answered 400).
* GET /containers/{id}/stats streams until the container stops: ``stream=false``.
* GET /containers/{id}/logs with ``follow`` streams until the container stops: ``follow=false``.
* POST /containers/{id}/attach with ``stream`` lasts as long as the container: ``stream=false``.

State a case leaves behind:

* POST /daemon/update with a fuzzed ``ImageProxy`` points the daemon at a proxy that does not
  exist; every later registry operation would then fail upstream (5xx, correctly). After each
  DaemonUpdate case the proxy is set back to none, so later cases test their own operation.

Bodies the schema can only call "binary":

* ``X-Registry-Auth`` is base64url(JSON AuthConfig); positive cases carry the generated
  string as the username of such a document (``map_case``), which is what a client sends.
* ``application/x-tar`` (images/load; images/create with fromSrc=-, which also takes
  ``application/octet-stream`` and ``text/plain``) is generated as what the server is
  documented to read: a small OCI image archive (one layer of random content). An OCI archive
  is also a valid root filesystem tar, so the same bodies serve both operations.

Relations between fields that Swagger 2.0 cannot state (openapi/ERRATA.md lists them). The
server answers 400 for them, rightly; positive cases that break one are not "schema-valid
requests the server should accept", so ``within_documented_relations`` drops them (negative
cases are left alone), and ``consistent_ipam`` makes the IPAM of positive network creates
consistent (subnet address, gateway and ranges inside it) instead of dropping nearly all:

* POST /images/create: exactly one of ``fromImage``/``fromSrc``; a ``tag`` (not a digest)
  beside a ``fromImage`` that names one already; ``fromSrc`` is ``-`` or an http(s) URL;
  importing with ``tag`` needs ``repo``.
* POST /commit: ``tag`` (query or body) needs a repository.
* POST /commit, POST /images/create: each of ``changes`` is a Dockerfile instruction the
  builder accepts (CMD, ENV...), a grammar no pattern states.
* POST /images/{imageid}/push: a tag in the name and a different ``tag`` parameter.
* GET /containers/{id}/logs: ``stdout`` or ``stderr`` must be true.
* GET /containers/json, GET /networks: ``id``/``name`` filters are regular expressions (they must compile).
* POST /networks/create: the bridge-name option is reserved (bridge names derive from the daemon).
* POST /volumes/create: ``DriverOpts`` are the driver's mount options (local: type/device/o for
  tmpfs; tmpfs: size, mode, uid, gid, nr_inodes, o) with values in their own syntax; the schema
  says "map of strings", so positive cases keep DriverOpts empty.

Request shapes the server accepts beyond the letter of the spec (``_read_leniently``): negative
cases that carry ``null`` in a JSON body or an empty query value are not asked to be rejected.

Live objects (run.py --live-objects): most fuzzed container IDs name nothing (404), so the
operations rarely meet a real container. In this mode run.py starts busybox containers named
in CONFORMANCE_LIVE_CONTAINERS, and a third of the positive cases of /containers/{id}/...
operations are pointed at one of them (any state: running, paused, stopped, renamed away or
removed; a removed or renamed one is made again after the case).

Streaming operations (events, stats, pull/push progress, load) answer one JSON document per
line; ``json_lines_conformance`` validates every line against the 200 schema (the whole-body
schema check is off for them in schemathesis.toml).
"""

from __future__ import annotations

import base64
import binascii
import io
import ipaddress
import json
import os
import random
import re
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import schemathesis
import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "swagger.yml"
sys.path.insert(0, str(ROOT))
from runtime.errors import InvalidParameter  # noqa: E402
from runtime.images.changes import apply_changes  # noqa: E402
from tests.helpers.images import build_image_tar, busybox_tar  # noqa: E402

JSON_LINES_OPERATIONS = {"SystemEvents", "ContainerStats", "ImageCreate", "ImagePush", "ImageLoad"}
BRIDGE_OPTION = "com.docker.network.bridge.name"


# ---------------------------------------------------------------- bounded requests


@schemathesis.hook
def before_call(context: Any, case: Any, **kwargs: Any) -> None:
    op = case.operation.definition.raw.get("operationId")
    query = dict(case.query or {})
    if op == "ContainerWait" and LIVE_CONTAINERS:
        # A wait lasts as long as its container runs: stop it shortly (after_call restarts it).
        target = urllib.parse.quote(str((case.path_parameters or {}).get("id", "")), safe="")
        base = case.operation.schema.get_base_url().rstrip("/")
        threading.Timer(0.5, _call, ("POST", f"{base}/containers/{target}/stop?t=0")).start()
    if op == "SystemEvents":
        soon = int(time.time()) + 1
        until = str(query.get("until", ""))
        # A valid `until` in the future streams until then: cap it so the case ends.
        if not until or (until.split(".")[0].isdigit() and float(until) > soon):
            query["until"] = str(soon)
    elif op == "ContainerStats" and query.get("stream") is not False and query.get("stream") != "false":
        query["stream"] = "false"
    elif op == "ContainerLogs" and query.get("follow") in (True, "true"):
        query["follow"] = "false"
    elif op == "ContainerAttach" and query.get("stream") in (True, "true"):
        query["stream"] = "false"
    else:
        return
    case.query = query


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    base = case.operation.schema.get_base_url().rstrip("/")
    live = _live_container(case)
    op = case.operation.definition.raw.get("operationId")
    if live is not None and op in ("ContainerRemove", "ContainerRename"):
        restore_live_container(base, live)
    if op == "ContainerWait" and LIVE_CONTAINERS:
        for name in LIVE_CONTAINERS:
            restore_live_container(base, name)
    if op == "DaemonUpdate":
        assert _call("POST", f"{base}/daemon/update", {"ImageProxy": ""}) == 200, "resetting the ImageProxy failed"


# ---------------------------------------------------------------- tar bodies


def _image_archive(content: bytes) -> bytes:
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as tar:
        info = tarfile.TarInfo("data")
        info.size, info.mtime = len(content), 1_700_000_000
        tar.addfile(info, io.BytesIO(content))
    with tempfile.TemporaryDirectory() as tmp:
        path = build_image_tar(Path(tmp) / "image.tar", [layer.getvalue()])
        return path.read_bytes()


IMAGE_ARCHIVES = st.binary(max_size=256).map(_image_archive)
schemathesis.openapi.media_type(
    "application/x-tar", IMAGE_ARCHIVES, aliases=["application/octet-stream", "text/plain"]
)


# ---------------------------------------------------------------- relations Swagger 2.0 cannot state


def _positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    mode = getattr(getattr(meta, "generation", None), "mode", None)
    return mode is None or str(getattr(mode, "value", mode)).lower() == "positive"


def _given(value: Any) -> bool:
    return value not in (None, "")


def _true(value: Any) -> bool:
    return value in (True, "true")


def _compiles(pattern: Any) -> bool:
    try:
        re.compile(pattern)
    except (re.error, TypeError):
        return False
    return True


def _relations_hold(op: str, path: dict[str, Any], query: dict[str, Any], body: Any) -> bool:
    body = body if isinstance(body, dict) else {}
    if op in ("ImageCreate", "ImageCommit") and not _changes_apply(query.get("changes")):
        return False
    if op == "ImageCreate":
        pull, src = _given(query.get("fromImage")), _given(query.get("fromSrc"))
        if pull == src:
            return False
        if pull:
            name = str(query["fromImage"]).rsplit("/", 1)[-1]
            tag = str(query.get("tag") or "")
            if (":" in name or "@" in name) and tag and not tag.startswith("sha256:"):
                return False
        if src:
            if not (query["fromSrc"] == "-" or str(query["fromSrc"]).startswith(("http://", "https://"))):
                return False
            if _given(query.get("tag")) and not _given(query.get("repo")):
                return False
    elif op == "ImageCommit":
        repo = _given(query.get("repo")) or _given(body.get("Repository"))
        if (_given(query.get("tag")) or _given(body.get("Tag"))) and not repo:
            return False
    elif op == "ImagePush":
        name = urllib.parse.unquote(str(path.get("imageid", "")))
        last = name.rsplit("/", 1)[-1]
        if ":" in last and _given(query.get("tag")) and last.split(":", 1)[1] != query["tag"]:
            return False
    elif op == "ContainerLogs":
        if not (_true(query.get("stdout")) or _true(query.get("stderr"))):
            return False
    elif op in ("ContainerList", "NetworkList"):
        try:
            filters = json.loads(query.get("filters") or "{}")
        except ValueError:
            return True  # the pattern rejects it: not ours to judge
        for key in ("id", "name"):
            values = filters.get(key) if isinstance(filters, dict) else None
            values = list(values) if isinstance(values, (list, dict)) else []
            if not all(_compiles(v) for v in values):
                return False
    elif op == "NetworkCreate":
        if BRIDGE_OPTION in (body.get("Options") or {}):
            return False
    elif op == "VolumeCreate":
        if body.get("DriverOpts"):
            return False
    return True


def _changes_apply(changes: Any) -> bool:
    """``changes`` are Dockerfile instructions: the builder's grammar, which no pattern states."""
    if not changes:
        return True
    try:
        apply_changes({}, [str(c) for c in (changes if isinstance(changes, list) else [changes])])
    except InvalidParameter:
        return False
    return True


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_null(v) for v in value)
    return False


def _read_leniently(case: Any) -> bool:
    """A negative case whose only "invalidity" may be a shape the server reads as pouchd does
    (server/reading.py, openapi/ERRATA.md "How requests are read"): ``null`` in a JSON body is
    the zero value, an empty query value is an absent one. Those are accepted by design, so they
    cannot be asked to be rejected; every other negative case (wrong types, patterns, enums,
    ranges, missing required values) still must be a 4xx."""
    if any(v in ("", None) for v in (case.query or {}).values()):
        return True
    # A JSON null body (schemathesis' None; an absent body is NOT_SET) is an empty one, as in Go.
    return case.body is None or (isinstance(case.body, (dict, list)) and _has_null(case.body))


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    if not _positive(case):
        return not _read_leniently(case)
    op = case.operation.definition.raw.get("operationId")
    return _relations_hold(op, dict(case.path_parameters or {}), dict(case.query or {}), case.body)


def _ipam_config(cfg: dict[str, Any]) -> dict[str, Any]:
    """The same config made consistent: the subnet's own address, gateway/range/aux inside it."""
    out = dict(cfg)
    if not cfg.get("Subnet"):
        for key in ("Gateway", "IPRange", "AuxAddress"):
            out.pop(key, None)
        return out
    subnet = ipaddress.IPv4Network(cfg["Subnet"], strict=False)
    out["Subnet"] = str(subnet)
    hosts = subnet.num_addresses - 2
    if cfg.get("Gateway"):
        offset = int(ipaddress.IPv4Address(cfg["Gateway"])) % hosts
        out["Gateway"] = str(subnet.network_address + 1 + offset)
    if cfg.get("IPRange"):
        rng = ipaddress.IPv4Network(cfg["IPRange"], strict=False)
        prefix = max(rng.prefixlen, subnet.prefixlen)
        out["IPRange"] = str(ipaddress.IPv4Network((subnet.network_address, prefix)))
    if cfg.get("AuxAddress"):
        out["AuxAddress"] = {k: str(subnet.network_address + 1 + i % hosts) for i, k in enumerate(cfg["AuxAddress"])}
    return out


def _registry_auth(value: str) -> str:
    try:
        doc = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        if isinstance(doc, dict) and re.fullmatch(r"[A-Za-z0-9_\-+/]*=*", value):
            return value
    except (ValueError, binascii.Error):
        pass
    return base64.urlsafe_b64encode(json.dumps({"username": value}).encode()).decode()


LIVE_CONTAINERS = [n for n in os.environ.get("CONFORMANCE_LIVE_CONTAINERS", "").split(",") if n]
_live_random = random.Random(0)


def _live_container(case: Any) -> str | None:
    """The live container this case was pointed at, if any."""
    name = (case.path_parameters or {}).get("id")
    return name if name in LIVE_CONTAINERS and case.path.startswith("/containers/{id}") else None


def _point_at_live_container(case: Any) -> None:
    waits = case.operation.definition.raw.get("operationId") == "ContainerWait"  # would last as long as it runs
    if LIVE_CONTAINERS and case.path.startswith("/containers/{id}") and not waits and _live_random.random() < 1 / 3:
        case.path_parameters = {**(case.path_parameters or {}), "id": _live_random.choice(LIVE_CONTAINERS)}


def restore_live_container(base: str, name: str) -> None:
    """Make ``name`` exist and run again, whatever the case did to it."""

    quoted = urllib.parse.quote(name)
    if _call("GET", f"{base}/containers/{quoted}/json") == 404:
        body = {"Image": LIVE_IMAGE, "Cmd": LIVE_CMD, "HostConfig": {"NetworkMode": "none"}}
        status = _call("POST", f"{base}/containers/create?name={quoted}", body)
        if status == 404:  # a fuzzed image delete took the image: load it again
            load = urllib.request.Request(
                f"{base}/images/load?name={urllib.parse.quote(LIVE_IMAGE)}", data=busybox_tar().read_bytes(),
                method="POST", headers={"Content-Type": "application/x-tar"},
            )
            with urllib.request.urlopen(load, timeout=120) as resp:
                resp.read()
            status = _call("POST", f"{base}/containers/create?name={quoted}", body)
        assert status == 201, f"re-creating {name} failed: {status}"
    _call("POST", f"{base}/containers/{quoted}/start")


def _call(method: str, url: str, body: Any = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


LIVE_IMAGE = "busybox:live"
LIVE_CMD = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]  # stops at once


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    if not _positive(case):
        return case
    _point_at_live_container(case)
    headers = case.headers or {}
    if isinstance(headers.get("X-Registry-Auth"), str):
        case.headers = {**headers, "X-Registry-Auth": _registry_auth(headers["X-Registry-Auth"])}
    op = case.operation.definition.raw.get("operationId")
    if op != "NetworkCreate" or not isinstance(case.body, dict):
        return case
    ipam = case.body.get("IPAM")
    if isinstance(ipam, dict) and isinstance(ipam.get("Config"), list):
        try:
            configs = [_ipam_config(c) if isinstance(c, dict) else c for c in ipam["Config"]]
        except ValueError:
            return case
        case.body = {**case.body, "IPAM": {**ipam, "Config": configs}}
    return case


# ---------------------------------------------------------------- JSON lines


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    return dict(yaml.safe_load(SPEC.read_text()))


def _line_schema(operation_id: str) -> dict[str, Any] | None:
    spec = _spec()
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                schema = op.get("responses", {}).get("200", {}).get("schema")
                if schema is None:
                    return None
                return {**schema, "definitions": spec["definitions"]}
    return None


@schemathesis.check
def json_lines_conformance(ctx: Any, response: Any, case: Any) -> bool | None:
    op_id = case.operation.definition.raw.get("operationId")
    if op_id not in JSON_LINES_OPERATIONS or response.status_code != 200:
        return None
    schema = _line_schema(op_id)
    for n, line in enumerate(response.content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError:
            raise AssertionError(f"line {n} of the {op_id} stream is not JSON: {line[:200]!r}") from None
        if schema is not None:
            try:
                jsonschema.Draft4Validator(schema).validate(doc)
            except jsonschema.ValidationError as exc:
                raise AssertionError(f"line {n} does not match the {op_id} schema: {exc.message}") from None
    return True
