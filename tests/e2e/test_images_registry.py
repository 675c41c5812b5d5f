"""Pull, push, auth and search against real registries (apt docker-registry on 127.0.0.1):
one plain-HTTP registry listed in --insecure-registries (and the server's default registry),
one with htpasswd auth over TLS with a self-signed certificate made here."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.images import busybox_tar, image_digests
from tests.helpers.raw_http import exchange, go_json, go_request, py_request
from tests.helpers.registry import LocalRegistry
from tests.helpers.server import RunningServer

USER, PASSWORD = "alice", "s3cret-pw"


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRegistry]:
    reg = LocalRegistry(tmp_path_factory.mktemp("plain-registry")).start()
    reg.seed(busybox_tar(), "library/busybox:latest")
    reg.seed(busybox_tar(), "test/busybox:1")
    yield reg
    reg.stop()


@pytest.fixture(scope="module")
def secure(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRegistry]:
    reg = LocalRegistry(tmp_path_factory.mktemp("tls-registry"), tls=True, users={USER: PASSWORD}).start()
    reg.seed(busybox_tar(), "private/busybox:1")
    yield reg
    reg.stop()


@pytest.fixture(scope="module")
def unlisted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRegistry]:
    """Plain HTTP but not in --insecure-registries: the server must refuse to use HTTP."""
    reg = LocalRegistry(tmp_path_factory.mktemp("unlisted-registry")).start()
    reg.seed(busybox_tar(), "test/busybox:1")
    yield reg
    reg.stop()


@pytest.fixture(scope="module")
def srv(
    tmp_path_factory: pytest.TempPathFactory, plain: LocalRegistry, secure: LocalRegistry
) -> Iterator[RunningServer]:
    base = tmp_path_factory.mktemp("pouchd-registry")
    s = RunningServer(base, extra_args=["--insecure-registries", plain.host, "--default-registry", plain.host])
    # The TLS registry's CA, where the server looks for per-registry certificates.
    certs = s.home / "certs.d" / secure.host
    certs.mkdir(parents=True)
    shutil.copy(secure.ca_cert, certs / "ca.crt")
    s.start()
    yield s
    s.stop()


@pytest.fixture
def c(srv: RunningServer) -> Iterator[httpx.Client]:
    with srv.client(timeout=120) as client:
        yield client


def registry_auth(user: str = USER, password: str = PASSWORD) -> str:
    return base64.urlsafe_b64encode(json.dumps({"username": user, "password": password}).encode()).decode()


def stream(r: httpx.Response) -> list[dict]:
    return [json.loads(line) for line in r.text.splitlines() if line.strip()]


def test_pull_over_plain_http_streams_progress_and_keeps_digests(c: httpx.Client, plain: LocalRegistry) -> None:
    want = image_digests(busybox_tar())
    r = c.post("/images/create", params={"fromImage": f"{plain.host}/test/busybox", "tag": "1"})
    assert r.status_code == 200, r.text
    msgs = stream(r)
    statuses = [m.get("status", "") for m in msgs]
    assert not any("error" in m for m in msgs), msgs
    assert statuses.count("Pulling fs layer") + statuses.count("Already exists") == 3
    assert any(m.get("status") == "Downloading" and m["progressDetail"]["total"] > 0 for m in msgs) or (
        "Already exists" in statuses
    )
    assert f"Digest: {want['manifest']}" in statuses
    assert statuses[-1] == f"Status: Downloaded newer image for {plain.host}/test/busybox:1"
    info = c.get(f"/images/{plain.host}/test/busybox:1/json").json()
    assert info["Id"] == want["id"]
    assert info["RootFS"]["Layers"] == want["diff_ids"]
    assert info["RepoDigests"] == [f"{plain.host}/test/busybox@{want['manifest']}"]
    again = stream(c.post("/images/create", params={"fromImage": f"{plain.host}/test/busybox:1"}))
    assert again[-1]["status"] == f"Status: Image is up to date for {plain.host}/test/busybox:1"
    by_digest = c.post("/images/create", params={"fromImage": f"{plain.host}/test/busybox@{want['manifest']}"})
    assert by_digest.status_code == 200 and "error" not in by_digest.text
    assert c.get(f"/images/{plain.host}/test/busybox@{want['manifest']}/json").json()["Id"] == want["id"]


def test_bare_name_pulls_from_the_default_registry(c: httpx.Client, plain: LocalRegistry) -> None:
    r = c.post("/images/create", params={"fromImage": "busybox"})
    assert r.status_code == 200 and "error" not in r.text, r.text
    assert f"{plain.host}/library/busybox:latest" in c.get("/images/busybox/json").json()["RepoTags"]


def test_pull_errors(c: httpx.Client, plain: LocalRegistry, secure: LocalRegistry, unlisted: LocalRegistry) -> None:
    r = c.post("/images/create", params={"fromImage": f"{plain.host}/test/nosuch:1"})
    assert r.status_code == 404 and "not found" in r.json()["message"]
    r = c.post("/images/create", params={"fromImage": f"{secure.host}/private/busybox:1"})
    assert r.status_code == 404 and "authorization" in r.json()["message"]
    r = c.post(
        "/images/create",
        params={"fromImage": f"{secure.host}/private/busybox:1"},
        headers={"X-Registry-Auth": registry_auth(password="wrong")},
    )
    assert r.status_code == 404
    r = c.post("/images/create", params={"fromImage": f"{unlisted.host}/test/busybox:1"})
    assert r.status_code == 400 and "insecure-registries" in r.json()["message"], r.text
    assert c.get(f"/images/{unlisted.host}/test/busybox:1/json").status_code == 404


def test_pull_with_auth_over_tls(c: httpx.Client, secure: LocalRegistry) -> None:
    r = c.post(
        "/images/create",
        params={"fromImage": f"{secure.host}/private/busybox:1"},
        headers={"X-Registry-Auth": registry_auth()},
    )
    assert r.status_code == 200 and "error" not in r.text, r.text
    assert c.get(f"/images/{secure.host}/private/busybox:1/json").json()["Id"] == image_digests(busybox_tar())["id"]


def test_push_then_pull_round_trip(c: httpx.Client, plain: LocalRegistry, srv: RunningServer) -> None:
    want = image_digests(busybox_tar())
    c.post("/images/create", params={"fromImage": f"{plain.host}/test/busybox:1"})
    assert (
        c.post(f"/images/{plain.host}/test/busybox:1/tag", params={"repo": f"{plain.host}/pushed/bb"}).status_code
        == 201
    )
    r = c.post(f"/images/{plain.host}/pushed/bb/push", params={"tag": "latest"})
    assert r.status_code == 200
    msgs = stream(r)
    assert not any("error" in m for m in msgs), msgs
    aux = [m["aux"] for m in msgs if "aux" in m][0]
    assert aux["Tag"] == "latest" and aux["Digest"] == want["manifest"]
    assert c.delete(f"/images/{plain.host}/pushed/bb:latest").status_code == 204
    r = c.post("/images/create", params={"fromImage": f"{plain.host}/pushed/bb:latest"})
    assert "error" not in r.text
    assert c.get(f"/images/{plain.host}/pushed/bb:latest/json").json()["Id"] == want["id"]
    search = c.get("/images/search", params={"term": "pushed"})
    assert search.status_code == 200
    assert [i["name"] for i in search.json()] == [f"{plain.host}/pushed/bb"]
    assert c.get("/images/search", params={"term": "busybox", "registry": plain.host}).json()


def test_push_to_tls_registry_needs_credentials(c: httpx.Client, secure: LocalRegistry, plain: LocalRegistry) -> None:
    c.post("/images/create", params={"fromImage": f"{plain.host}/test/busybox:1"})
    target = f"{secure.host}/mine/bb"
    assert c.post(f"/images/{plain.host}/test/busybox:1/tag", params={"repo": target, "tag": "7"}).status_code == 201
    denied = stream(c.post(f"/images/{target}/push", params={"tag": "7"}))
    assert "error" in denied[-1] and denied[-1]["errorDetail"]["message"]
    ok = stream(c.post(f"/images/{target}/push", params={"tag": "7"}, headers={"X-Registry-Auth": registry_auth()}))
    assert not any("error" in m for m in ok), ok
    assert c.post(f"/images/{secure.host}/nosuch/x/push").status_code == 404
    assert c.post("/images/busybox/push", headers={"X-Registry-Auth": "%%%"}).status_code == 400


def test_auth_checks_credentials_against_the_registry(c: httpx.Client, secure: LocalRegistry) -> None:
    r = c.post("/auth", json={"Username": USER, "Password": PASSWORD, "ServerAddress": f"https://{secure.host}"})
    assert r.status_code == 200, r.text
    assert r.json()["Status"] == "Login Succeeded"
    r = c.post("/auth", json={"Username": USER, "Password": "nope", "ServerAddress": secure.host})
    assert r.status_code == 401 and r.json()["message"]
    r = c.post("/auth", json={"Username": USER, "Password": PASSWORD, "ServerAddress": "bad host!"})
    assert r.status_code == 400


def test_pulled_image_keeps_the_registry_digests_pouch_habit(
    c: httpx.Client, plain: LocalRegistry, srv: RunningServer
) -> None:
    """A docker schema 2 image (Docker Hub's kind) keeps its manifest and config: the image ID is
    the config digest the registry serves, as dockerd and pouchd report it. The pull is sent as the
    pouch CLI sends it: Content-Type application/json on a POST without a body."""
    plain.seed(busybox_tar(), "v2s2/busybox:1", manifest_format="v2s2")
    raw = plain.raw_manifest("v2s2/busybox:1")
    manifest = json.loads(raw)
    assert manifest["mediaType"] == "application/vnd.docker.distribution.manifest.v2+json"
    manifest_digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    r = exchange(srv.socket, go_request("POST", f"/v1.24/images/create?fromImage={plain.host}/v2s2/busybox&tag=1",
                                        {"Content-Type": "application/json"}))
    assert r.status == 200 and b"error" not in r.body, r.body
    info = c.get(f"/images/{plain.host}/v2s2/busybox:1/json").json()
    assert info["Id"] == manifest["config"]["digest"]
    assert f"{plain.host}/v2s2/busybox@{manifest_digest}" in info["RepoDigests"]
    # Pushed back, it is the same manifest: the same digest in the registry.
    tagged = c.post(f"/images/{plain.host}/v2s2/busybox:1/tag", params={"repo": f"{plain.host}/v2s2/again"})
    assert tagged.status_code == 201
    pushed = stream(c.post(f"/images/{plain.host}/v2s2/again/push", params={"tag": "latest"}))
    assert not any("error" in m for m in pushed), [m for m in pushed if "error" in m]
    assert hashlib.sha256(plain.raw_manifest("v2s2/again:latest")).hexdigest() == manifest_digest[7:]


def test_auth_bodies_as_real_clients_send_them(srv: RunningServer, secure: LocalRegistry) -> None:
    # docker-py spells the keys in lower case; a Go client may stream the body chunked.
    lower = {"username": USER, "password": PASSWORD, "email": None, "serveraddress": f"https://{secure.host}"}
    r = exchange(srv.socket, py_request("POST", "/v1.24/auth", lower))
    assert r.status == 200 and r.json()["Status"] == "Login Succeeded", r.body
    body = go_json({"Username": USER, "Password": PASSWORD, "ServerAddress": secure.host}) + b"\n"
    r = exchange(srv.socket, go_request("POST", "/v1.24/auth", {"Content-Type": "application/json"}, [body]))
    assert r.status == 200 and r.json()["Status"] == "Login Succeeded", r.body
    wrong = go_json({"Username": USER, "Password": "nope", "ServerAddress": secure.host})
    assert exchange(srv.socket, go_request("POST", "/v1.24/auth", body=[wrong])).status == 401


def test_cut_off_pull_leaves_no_half_image(
    c: httpx.Client, srv: RunningServer, plain: LocalRegistry, tmp_path: Path
) -> None:
    from tests.helpers.images import build_busybox_image_tar

    big = build_busybox_image_tar(tmp_path / "big.tar", layers=5, filler_bytes=15 << 20, seed="cutoff")
    plain.seed(big, "test/big:1")
    ref = f"{plain.host}/test/big:1"
    with srv.client(timeout=120) as c2, c2.stream("POST", "/images/create", params={"fromImage": ref}) as r:
        assert r.status_code == 200
        for _ in r.iter_lines():
            break  # hang up after the first progress line
    time.sleep(1.0)
    assert c.get(f"/images/{ref}/json").status_code == 404
    r = c.post("/images/create", params={"fromImage": ref})
    assert r.status_code == 200 and "error" not in r.text, r.text
    assert c.get(f"/images/{ref}/json").json()["Id"] == image_digests(big)["id"]
    deadline = time.monotonic() + 10
    while list((srv.home / "images" / "tmp").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list((srv.home / "images" / "tmp").iterdir()) == []


def test_pulls_do_not_block_other_requests(c: httpx.Client, srv: RunningServer, plain: LocalRegistry) -> None:
    done = threading.Event()

    def pull() -> None:
        with srv.client(timeout=120) as c2:
            c2.post("/images/create", params={"fromImage": f"{plain.host}/test/big:1"})
        done.set()

    c.delete(f"/images/{plain.host}/test/big:1", params={"force": 1})
    t = threading.Thread(target=pull)
    t.start()
    worst = 0.0
    while not done.is_set():
        start = time.monotonic()
        assert c.get("/_ping").status_code == 200
        worst = max(worst, time.monotonic() - start)
        time.sleep(0.02)
    t.join()
    assert worst < 0.5, f"a ping took {worst:.2f}s during a pull"


def test_deleting_the_last_tag_of_a_pulled_image_removes_it_and_its_blobs(
    c: httpx.Client, srv: RunningServer, plain: LocalRegistry, tmp_path: Path
) -> None:
    from tests.helpers.images import build_busybox_image_tar

    own = build_busybox_image_tar(tmp_path / "own.tar", seed="delete-after-pull")
    plain.seed(own, "test/own:1")
    ref = f"{plain.host}/test/own:1"
    assert "error" not in c.post("/images/create", params={"fromImage": ref}).text
    image_id = c.get(f"/images/{ref}/json").json()["Id"]
    assert c.get(f"/images/{ref}/json").json()["RepoDigests"]  # a digest reference does not keep it alive
    assert c.delete(f"/images/{ref}").status_code == 204
    assert c.get(f"/images/{image_id}/json").status_code == 404
    assert not (srv.home / "images" / "blobs" / "sha256" / image_id[7:]).exists()
