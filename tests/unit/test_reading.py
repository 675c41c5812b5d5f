"""server/reading.py and server/gojson.py: requests read as pouchd reads them, or strictly.

The app here is the real one (server/dispatch.py over openapi/swagger.yml, the real error
mapping) with every operation resolved to an echo handler, so each test sees exactly what a
handler would receive: its arguments (typed parameters, the canonical body), or the error answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from connexion.json_schema import resolve_refs
from connexion.resolver import Resolver
from starlette.responses import JSONResponse

from server import gojson
from server.app_spec import load_spec
from server.dispatch import Dispatcher
from server.formats import register_integer_formats
from server.middleware import DockerCompatMiddleware


async def _echo(**kwargs: Any) -> JSONResponse:
    kwargs = {k: v.decode("latin-1") if isinstance(v, bytes) else v for k, v in kwargs.items()}
    # The body argument is named after the spec's body parameter; tests call it "body".
    kwargs = {"body" if isinstance(v, dict) else k: v for k, v in kwargs.items()}
    return JSONResponse({"kwargs": kwargs})


@contextlib.asynccontextmanager
async def _no_lifespan(_app: Any) -> AsyncIterator[None]:
    yield


def _app(strict: bool) -> Any:
    register_integer_formats()
    return DockerCompatMiddleware(
        Dispatcher(load_spec(), Resolver(function_resolver=lambda _op: _echo), strict, _no_lifespan)
    )


APPS = {False: _app(False), True: _app(True)}


def call(
    method: str,
    path: str,
    query: str = "",
    headers: dict[str, str] | None = None,
    body: list[bytes] | bytes | None = None,
    strict: bool = False,
) -> tuple[int, Any]:
    """One request through the ASGI app; a list body arrives in several messages (chunked)."""
    chunks = body if isinstance(body, list) else ([body] if body else [])
    hdrs = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    if chunks and not any(k == b"transfer-encoding" for k, _ in hdrs):
        hdrs.append((b"content-length", str(sum(map(len, chunks))).encode()))
    scope = {
        "type": "http", "http_version": "1.1", "method": method, "scheme": "http", "path": path,
        "raw_path": path.encode(), "query_string": query.encode(), "headers": hdrs, "root_path": "",
        "server": ("pouch", 80), "client": ("127.0.0.1", 1),
    }
    incoming = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    incoming = incoming or [{"type": "http.request", "body": b"", "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if incoming:
            return incoming.pop(0)
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(msg: dict[str, Any]) -> None:
        sent.append(msg)

    asyncio.run(APPS[strict](scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    raw = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(raw) if raw else None


CREATE = "/v1.24/containers/create"


# -- content types ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "ctype", [None, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8"])
def test_a_json_body_is_json_whatever_its_content_type(ctype: str | None) -> None:
    headers = {"Content-Type": ctype} if ctype else {}
    status, got = call("POST", CREATE, headers=headers, body=b'{"Image": "busybox"}')
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Image": "busybox"}


@pytest.mark.parametrize("ctype", ["text/plain", "application/json", "application/x-www-form-urlencoded"])
def test_a_bodyless_post_takes_any_content_type(ctype: str) -> None:
    status, got = call("POST", "/v1.24/containers/abc/start", headers={"Content-Type": ctype}, body=b"")
    assert status == 200, got
    assert got["kwargs"]["id_"] == "abc"


@pytest.mark.parametrize("ctype", ["application/json", "application/tar", "text/plain", None])
def test_import_and_load_take_a_tar_under_any_content_type(ctype: str | None) -> None:
    headers = {"Content-Type": ctype} if ctype else {}
    status, got = call("POST", "/v1.24/images/create", "fromSrc=-", headers=headers, body=b"tarbytes")
    assert status == 200, got
    status, got = call("POST", "/v1.24/images/load", headers=headers, body=b"tarbytes")
    assert status == 200, got


def test_pull_with_json_content_type_and_empty_body() -> None:
    status, got = call("POST", "/v1.24/images/create", "fromImage=busybox&tag=latest",
                       headers={"Content-Type": "application/json"}, body=b"")
    assert status == 200, got
    assert got["kwargs"]["from_image"] == "busybox"


# -- chunked bodies ----------------------------------------------------------------------
def test_a_chunked_json_body_is_read_whole() -> None:
    status, got = call("POST", "/v1.24/volumes/create", headers={"Transfer-Encoding": "chunked"},
                       body=[b'{"Na', b'me": "v1", "Driver"', b': "local"}\n'])
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Name": "v1", "Driver": "local"}


def test_a_required_body_that_is_missing_is_a_400() -> None:
    status, got = call("POST", "/v1.24/networks/create", headers={"Content-Type": "application/json"})
    assert status == 400
    assert "request body" in got["message"]


def test_json_limits_hold_for_bodies_without_a_json_content_type() -> None:
    status, got = call("POST", CREATE, body=b"[" * 300 + b"]" * 300)
    assert status == 400 and "nested deeper" in got["message"]
    status, got = call("POST", CREATE, body=[b'{"Image": "' + b"x" * (1 << 20)] * 9 + [b'"}'])
    assert status == 413


# -- query parameters ------------------------------------------------------------------
def test_unknown_query_parameters_are_ignored_and_known_ones_canonical() -> None:
    status, got = call("GET", "/v1.24/containers/json", "all=1&size=1&only_ids=1&limit=-1&trunc_cmd=0")
    assert status == 200, got
    assert got["kwargs"] == {"all_": True}


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("True", True), ("yes", True), (" true ", True),
                                            ("0", False), ("no", False), ("FALSE", False), ("none", False)])
def test_booleans_read_as_go_bool_value(raw: str, value: bool) -> None:
    status, got = call("DELETE", "/v1.24/containers/abc", f"force={raw}")
    assert status == 200, got
    assert got["kwargs"].get("force", False) is value


def test_known_parameters_are_still_validated() -> None:
    assert call("DELETE", "/v1.24/containers/abc", "force=maybe")[0] == 400
    assert call("POST", "/v1.24/containers/abc/stop", "t=soon")[0] == 400
    assert call("POST", "/v1.24/containers/abc/stop", "t=99999999999999999999")[0] == 400  # Atoi: out of range
    status, got = call("POST", "/v1.24/containers/abc/stop", "t=%2B5")  # Atoi takes a sign ("+" is a space)
    assert status == 200 and got["kwargs"]["t"] == 5
    assert call("GET", "/v1.24/containers/abc/logs", "stdout=1&tail=lots")[0] == 400  # pattern


def test_first_value_wins_and_empty_means_absent() -> None:
    status, got = call("POST", "/v1.24/containers/abc/stop", "t=3&t=9")
    assert status == 200 and got["kwargs"]["t"] == 3
    status, got = call("POST", "/v1.24/containers/abc/stop", "t=")
    assert status == 200 and "t" not in got["kwargs"]
    status, got = call("POST", "/v1.24/containers/abc/rename", "name=")
    assert status == 400 and "name" in got["message"]  # required


def test_an_array_parameter_takes_every_value_in_order() -> None:
    status, got = call("GET", "/v1.24/images/get", "names=a%3A1&names=b&names=")
    assert status == 200 and got["kwargs"]["names"] == ["a:1", "b"]
    status, got = call("POST", "/v1.24/commit", "container=c&changes=ENV%20A%3D1&changes=CMD%20x")
    assert status == 200 and got["kwargs"]["changes"] == ["ENV A=1", "CMD x"]
    status, got = call("POST", "/v1.24/commit", "container=c")
    assert status == 200 and "changes" not in got["kwargs"]
    status, got = call("GET", "/v1.24/images/get", "names=")
    assert status == 400 and "names" in got["message"]  # required


def test_a_form_body_of_a_bodyless_operation_counts_as_parameters() -> None:
    status, got = call("POST", "/v1.24/containers/abc/rename", "name=fromquery",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}, body=b"name=fromform")
    assert status == 200, got
    assert got["kwargs"]["name"] == "fromform"


# -- JSON keys ---------------------------------------------------------------------------
def test_keys_match_case_insensitively_and_unknown_keys_are_dropped() -> None:
    body = {"image": "busybox", "CMD": ["true"], "hostconfig": {"networkmode": "none", "Bogus": 1},
            "Labels": {"keepMe": "as sent"}, "NotAField": {"x": 1}}
    status, got = call("POST", CREATE, body=json.dumps(body).encode())
    assert status == 200, got
    assert got["kwargs"]["body"] == {
        "Image": "busybox", "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}, "Labels": {"keepMe": "as sent"}}


def test_exec_detach_keys_and_lowercase_auth() -> None:
    # docker-py's exec_create spells it detachKeys; exec start has no such field (ignored, as by Go).
    status, got = call("POST", "/v1.24/containers/abc/exec", body=b'{"Cmd": ["sh"], "detachKeys": "ctrl-p,ctrl-q"}')
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Cmd": ["sh"], "DetachKeys": "ctrl-p,ctrl-q"}
    status, got = call("POST", "/v1.24/exec/abc/start", body=b'{"detachKeys": "ctrl-p,ctrl-q", "tty": true}')
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Tty": True}
    status, got = call("POST", "/v1.24/auth", body=b'{"username": "u", "password": "p", "serveraddress": "r:5000"}')
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Username": "u", "Password": "p", "ServerAddress": "r:5000"}


def test_null_is_the_zero_value() -> None:
    body = {"Name": "n", "IPAM": {"Driver": None, "Config": [{"Subnet": "10.9.0.0/24", "Gateway": None}]},
            "Labels": {"a": None}, "Options": None}
    status, got = call("POST", "/v1.24/networks/create", body=json.dumps(body).encode())
    assert status == 200, got
    assert got["kwargs"]["body"] == {
        "Name": "n", "IPAM": {"Config": [{"Subnet": "10.9.0.0/24"}]}, "Labels": {"a": ""}}


def test_a_later_spelling_wins_and_null_leaves_an_earlier_one() -> None:
    status, got = call("POST", CREATE, body=b'{"Image": "a", "image": "b", "IMAGE": null}')
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Image": "b"}


def test_content_is_still_checked_after_leniency() -> None:
    status, got = call("POST", CREATE, body=b'{"image": 5}')
    assert status == 400 and "Image" in got["message"]
    assert call("POST", CREATE, body=b'{"Image": "x", "HostConfig": {"Memory": 1.5}}')[0] == 400
    assert call("POST", CREATE, body=b'{"Image": "x"')[0] == 400
    assert call("POST", CREATE, body=b'{"Image": ""}')[0] == 400  # minLength: 1


def test_data_after_the_json_document_is_ignored_as_by_json_decoder() -> None:
    status, got = call("POST", CREATE, body=b'{"Image": "busybox"}\n{"more": 1}')
    assert status == 200, got
    assert got["kwargs"]["body"] == {"Image": "busybox"}


def test_a_null_body_is_an_empty_one() -> None:
    status, got = call("POST", "/v1.24/containers/abc/update", body=b"null")
    assert status == 200, got
    assert got["kwargs"]["body"] == {}


# -- strict mode ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path", "query", "headers", "body", "names"),
    [
        ("GET", "/v1.24/containers/json", "all=1&only_ids=1", {}, None, "only_ids"),
        ("POST", CREATE, "", {}, b'{"Image": "b"}', "Content-Type (none)"),
        ("POST", CREATE, "", {"Content-Type": "text/plain"}, b'{"Image": "b"}', "text/plain"),
        ("POST", CREATE, "", {"Content-Type": "application/json"}, b'{"image": "b"}', "image"),
        ("POST", CREATE, "", {"Content-Type": "application/json"}, b'{"Image": "b", "HostConfig": {"Bogus": 1}}',
         "HostConfig.Bogus"),
        ("POST", "/v1.24/containers/x/start", "", {"Content-Type": "application/json"}, b"{}", "takes no request body"),
        ("POST", CREATE, "", {"Content-Type": "application/json"}, b'{"Image": "b"} x', "after the JSON"),
        ("POST", "/v1.24/images/load", "", {"Content-Type": "application/json"}, b"tar", "application/json"),
    ],
)
def test_strict_mode_names_each_deviation(
    method: str, path: str, query: str, headers: dict[str, str], body: bytes | None, names: str
) -> None:
    status, got = call(method, path, query, headers=headers, body=body, strict=True)
    assert status == 400, got
    assert names in got["message"]
    # ... which the default reading accepts.
    assert call(method, path, query, headers=headers, body=body)[0] == 200


def test_strict_mode_accepts_what_the_spec_says() -> None:
    status, got = call("POST", CREATE, "name=c1", headers={"Content-Type": "application/json"},
                       body=[b'{"Image": "busy', b'box"}'], strict=True)
    assert status == 200, got
    status, _ = call("POST", "/v1.24/containers/x/start", headers={"Content-Type": "text/plain"}, strict=True)
    assert status == 200
    assert call("GET", "/v1.24/containers/json", "all=1", strict=True)[0] == 200


def test_shapes_of_the_spec_compile() -> None:
    spec = resolve_refs(load_spec())
    shape = gojson.compile_shape(spec["definitions"]["ContainerCreateConfig"])
    assert shape.kind == "struct"
    assert {"Image", "HostConfig", "NetworkingConfig", "Cmd"} <= shape.fields.keys()
    assert gojson.fold("\u212aernel") == "kernel"
