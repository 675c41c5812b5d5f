"""Local image operations against a real server: load, list, inspect, history, tag, delete,
save, import, commit, events, and hostile input (nothing may be written outside the store)."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import (
    build_busybox_image_tar,
    busybox_layers,
    busybox_tar,
    image_digests,
    load_busybox,
    load_image,
)
from tests.helpers.server import RunningServer

REG = "registry.hub.docker.com"


@pytest.fixture(scope="module")
def busybox(server: RunningServer) -> str:
    with server.client() as c:
        load_busybox(c)
    return "busybox:latest"


@pytest.fixture(scope="module")
def images_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("images")


def load_new(client: httpx.Client, tmp: Path, name: str, layers: int = 3, **kw: object) -> dict:
    """Load a busybox variant of its own (own seed -> own ID) and return its inspect."""
    path = build_busybox_image_tar(tmp / f"{uuid.uuid4().hex}.tar", layers=layers, seed=kw.pop("seed", name), **kw)  # type: ignore[arg-type]
    r = load_image(client, path, name)
    assert r.status_code == 200, r.text
    return client.get(f"/images/{name}/json").json()


def events_since(client: httpx.Client, since: float, **filters: list[str]) -> list[dict]:
    params = {"since": f"{since:.6f}", "until": f"{time.time() + 0.5:.6f}", "filters": json.dumps(filters)}
    r = client.get("/events", params=params, timeout=10)
    assert r.status_code == 200
    return [json.loads(line) for line in r.text.splitlines() if line.strip()]


# -- load / list / inspect -----------------------------------------------------------------


def test_load_names_image_in_pouchd_normal_form(client: httpx.Client, busybox: str) -> None:
    want = image_digests(busybox_tar())
    info = client.get("/images/busybox/json")
    assert info.status_code == 200
    body = info.json()
    assert body["Id"] == want["id"]
    assert f"{REG}/library/busybox:latest" in body["RepoTags"]
    assert body["RootFS"]["Layers"] == want["diff_ids"]
    assert body["Config"]["Cmd"] == ["sh"]
    assert body["Size"] > 1_000_000  # /bin/busybox alone is over 1 MB


@pytest.mark.parametrize("form", ["busybox", "busybox:latest", "library/busybox", f"{REG}/library/busybox:latest"])
def test_inspect_by_every_name_form(client: httpx.Client, busybox: str, form: str) -> None:
    assert client.get(f"/images/{form}/json").json()["Id"] == image_digests(busybox_tar())["id"]


def test_inspect_by_full_and_short_id(client: httpx.Client, busybox: str) -> None:
    ident = image_digests(busybox_tar())["id"]
    for ref in (ident, ident[7:], ident[7:19]):
        r = client.get(f"/images/{ref}/json")
        assert r.status_code == 200 and r.json()["Id"] == ident


def test_inspect_missing_is_404_with_dockerd_message(client: httpx.Client) -> None:
    r = client.get("/images/nosuchimage:1/json")
    assert r.status_code == 404
    assert r.json()["message"] == "No such image: nosuchimage:1"


def test_load_docker_archive_takes_its_repo_tags(client: httpx.Client, images_dir: Path) -> None:
    path = build_busybox_image_tar(
        images_dir / "d.tar", fmt="docker", seed="docker-archive", repo_tags=["dockerarc:v1"]
    )
    r = load_image(client, path)
    assert r.status_code == 200, r.text
    assert f"{REG}/library/dockerarc:v1" in r.text
    assert client.get("/images/dockerarc:v1/json").json()["Id"] == image_digests(path)["id"]


def test_loaded_image_runs_with_whiteout_opaque_dir_and_symlinks(client: httpx.Client, busybox: str) -> None:
    require_root_stack()
    r = client.post(
        "/containers/create", json={"Image": busybox, "Cmd": ["sh", "-c", "ls /etc /opt/opaque; ls -l /bin/sh"]}
    )
    if r.status_code == 501:
        pytest.skip("containers not implemented")
    assert r.status_code == 201, r.text
    cid = r.json()["Id"]
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        assert client.post(f"/containers/{cid}/wait", timeout=60).json()["StatusCode"] == 0
        out = client.get(f"/containers/{cid}/logs", params={"stdout": 1}).content
        assert b"layer3" in out and b"removed-later" not in out
        assert b"c\n" in out and b"a\n" not in out.split(b"/opt/opaque:")[1]
        assert b"/bin/sh -> busybox" in out
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_history_from_image_config(client: httpx.Client, busybox: str) -> None:
    hist = client.get("/images/busybox/history").json()
    assert [h["CreatedBy"] for h in hist] == ['CMD ["sh"]', "layer 3", "layer 2", "layer 1"]
    assert hist[0]["ID"] == image_digests(busybox_tar())["id"] and hist[1]["ID"] == "<missing>"
    assert hist[0]["EmptyLayer"] is True and hist[0]["Size"] == 0
    assert hist[3]["Size"] > 1_000_000
    assert client.get("/images/nosuch/history").status_code == 404


# -- tag / list filters / delete -----------------------------------------------------------


def test_tag_and_its_errors(client: httpx.Client, busybox: str) -> None:
    assert client.post("/images/busybox/tag", params={"repo": "tagged/one", "tag": "v1"}).status_code == 201
    assert client.get("/images/tagged/one:v1/json").json()["Id"] == client.get("/images/busybox/json").json()["Id"]
    assert client.post("/images/busybox/tag", params={"repo": "Bad/Name"}).status_code == 400
    assert client.post("/images/busybox/tag", params={"repo": "ok", "tag": "-bad"}).status_code == 400
    r = client.post("/images/nosuch:1/tag", params={"repo": "x"})
    assert r.status_code == 404 and "No such image" in r.json()["message"]


def test_list_filters(client: httpx.Client, images_dir: Path) -> None:
    old = load_new(client, images_dir, "filt/old:1", created="2020-01-01T00:00:00Z")
    new = load_new(client, images_dir, "filt/new:1", created="2024-01-01T00:00:00Z")

    def ids(filters: dict) -> set[str]:
        r = client.get("/images/json", params={"filters": json.dumps(filters)})
        assert r.status_code == 200, r.text
        return {i["Id"] for i in r.json()}

    assert ids({"reference": ["filt/*"]}) == {old["Id"], new["Id"]}
    assert ids({"reference": ["filt/n?w:*"]}) == {new["Id"]}
    assert new["Id"] in ids({"since": ["filt/old:1"]}) and old["Id"] not in ids({"since": ["filt/old:1"]})
    assert old["Id"] in ids({"before": ["filt/new:1"]}) and new["Id"] not in ids({"before": ["filt/new:1"]})
    assert client.get("/images/json", params={"filters": '{"bogus": ["x"]}'}).status_code == 400
    assert client.get("/images/json", params={"filters": "not json"}).status_code == 400
    listed = client.get("/images/json", params={"digests": 1}).json()
    assert all("RepoDigests" in i for i in listed)


def test_delete_untags_then_deletes_and_keeps_shared_layers(
    client: httpx.Client, server: RunningServer, images_dir: Path
) -> None:
    base = load_new(client, images_dir, "del/base:1", layers=3, seed="shared")
    top = load_new(client, images_dir, "del/top:1", layers=4, seed="shared")
    assert top["RootFS"]["Layers"][:3] == base["RootFS"]["Layers"]
    assert client.post("/images/del/top:1/tag", params={"repo": "del/top", "tag": "2"}).status_code == 201
    snapshots = server.home / "images" / "snapshots"
    assert client.delete("/images/del/top:2").status_code == 204  # untag only
    assert client.get(f"/images/{top['Id']}/json").json()["RepoTags"] == [f"{REG}/del/top:1"]
    assert client.delete("/images/del/top:1").status_code == 204  # last name: image goes
    assert client.get(f"/images/{top['Id']}/json").status_code == 404
    assert not (server.home / "images" / "blobs" / "sha256" / top["Id"][7:]).exists()
    from runtime.images.snapshots import chain_ids

    chains = chain_ids(top["RootFS"]["Layers"])
    assert not (snapshots / chains[3][7:]).exists()
    assert all((snapshots / c[7:]).is_dir() for c in chains[:3])  # still used by del/base
    assert client.get("/images/del/base:1/json").status_code == 200
    assert client.delete("/images/del/base:1").status_code == 204
    assert client.delete("/images/del/base:1").status_code == 404


def test_delete_by_id_with_several_names_needs_force(client: httpx.Client, images_dir: Path) -> None:
    img = load_new(client, images_dir, "multi/a:1")
    client.post("/images/multi/a:1/tag", params={"repo": "multi/b", "tag": "1"})
    r = client.delete(f"/images/{img['Id'][7:19]}")
    assert r.status_code == 409 and "must be forced" in r.json()["message"]
    assert client.delete(f"/images/{img['Id'][7:19]}", params={"force": 1}).status_code == 204
    assert client.get(f"/images/{img['Id']}/json").status_code == 404


def test_delete_refused_while_a_container_uses_it(client: httpx.Client, images_dir: Path) -> None:
    require_root_stack()
    img = load_new(client, images_dir, "inuse/img:1")
    r = client.post("/containers/create", json={"Image": "inuse/img:1", "Cmd": ["true"]})
    if r.status_code == 501:
        pytest.skip("containers not implemented")
    cid = r.json()["Id"]
    try:
        r = client.delete("/images/inuse/img:1")
        assert r.status_code == 409 and cid[:12] in r.json()["message"]
        assert client.get(f"/images/{img['Id']}/json").status_code == 200
        assert client.delete("/images/inuse/img:1", params={"force": 1}).status_code == 204
        assert client.get(f"/images/{img['Id']}/json").json()["RepoTags"] == []  # kept for its container
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


# -- save / load round trips -------------------------------------------------------------


def test_save_then_load_keeps_digests_and_other_tools_accept_it(
    client: httpx.Client, busybox: str, images_dir: Path
) -> None:
    want = image_digests(busybox_tar())
    r = client.get("/images/save", params={"name": busybox})
    assert r.status_code == 200 and r.headers["content-type"] == "application/x-tar"
    saved = images_dir / "saved.tar"
    saved.write_bytes(r.content)
    got = image_digests(saved)
    assert got["id"] == want["id"] and got["manifest"] == want["manifest"]
    for transport in ("oci-archive", "docker-archive"):
        out = subprocess.run(["skopeo", "inspect", "--raw", "--config", f"{transport}:{saved}"], capture_output=True)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["rootfs"]["diff_ids"] == want["diff_ids"]
    assert client.post("/images/busybox/tag", params={"repo": "roundtrip/keep"}).status_code == 201
    r = load_image(client, saved, "roundtrip/loaded:1")
    assert r.status_code == 200
    assert client.get("/images/roundtrip/loaded:1/json").json()["Id"] == want["id"]


def test_save_missing_is_404_and_no_name_is_400(client: httpx.Client) -> None:
    assert client.get("/images/save", params={"name": "nosuch:1"}).status_code == 404
    assert client.get("/images/save").status_code == 400


# -- import --------------------------------------------------------------------------------


def test_import_rootfs_tar_from_body(client: httpx.Client) -> None:
    layer = busybox_layers(3)[0]
    r = client.post(
        "/images/create",
        params={"fromSrc": "-", "repo": "imported/bb", "tag": "v1"},
        content=layer,
        headers={"Content-Type": "application/x-tar"},
    )
    assert r.status_code == 200, r.text
    image_id = json.loads(r.text.splitlines()[-1])["status"]
    info = client.get("/images/imported/bb:v1/json").json()
    assert info["Id"] == image_id
    import hashlib

    assert info["RootFS"]["Layers"] == ["sha256:" + hashlib.sha256(layer).hexdigest()]
    hist = client.get("/images/imported/bb:v1/history").json()
    assert hist[0]["Comment"] == "Imported from -"


def test_create_without_source_or_with_bad_names_is_400(client: httpx.Client) -> None:
    assert client.post("/images/create").status_code == 400
    assert client.post("/images/create", params={"fromImage": "UPPER/case"}).status_code == 400
    assert client.post("/images/create", params={"fromImage": "a@sha256:short"}).status_code == 400
    r = client.post("/images/create", params={"fromSrc": "-", "repo": "Bad Repo"}, content=busybox_layers(3)[2])
    assert r.status_code == 400


def test_bad_registry_auth_header_is_400(client: httpx.Client) -> None:
    for header in ("!!!not base64!!!", "bm90IGpzb24", "WzEsMl0"):  # garbage, "not json", "[1,2]"
        r = client.post("/images/create", params={"fromImage": "127.0.0.1:1/x:1"}, headers={"X-Registry-Auth": header})
        assert r.status_code == 400, (header, r.text)
        assert "X-Registry-Auth" in r.json()["message"]


# -- hostile archives ----------------------------------------------------------------------


def _tar(entries: list[tuple[str, bytes, str]]) -> bytes:
    """(name, data, kind) with kind in file/symlink:<target>/hardlink:<target>/chr/dir."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data, kind in entries:
            info = tarfile.TarInfo(name)
            info.mode = 0o644
            if kind == "file":
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                continue
            if kind == "dir":
                info.type = tarfile.DIRTYPE
            elif kind == "chr":
                info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 1
            elif kind.startswith("symlink:"):
                info.type, info.linkname = tarfile.SYMTYPE, kind.split(":", 1)[1]
            elif kind.startswith("hardlink:"):
                info.type, info.linkname = tarfile.LNKTYPE, kind.split(":", 1)[1]
            tar.addfile(info)
    return buf.getvalue()


@pytest.fixture
def canary(tmp_path: Path) -> Iterator[Path]:
    """A path outside the store that hostile tars aim at; it must never appear."""
    target = Path("/tmp") / f"pouch-escape-{uuid.uuid4().hex}"
    yield target
    assert not target.exists(), f"{target} was written outside the store"


def hostile_layers(canary: Path) -> dict[str, bytes]:
    up = "../" * 30 + str(canary).lstrip("/")
    return {
        "dotdot": _tar([(up, b"x", "file")]),
        "absolute": _tar([(str(canary), b"x", "file")]),
        "symlink-escape": _tar([("esc", b"", f"symlink:{'../' * 30}tmp"), (f"esc/{canary.name}", b"x", "file")]),
        "symlink-abs-through": _tar([("esc", b"", "symlink:/tmp"), (f"esc/{canary.name}", b"x", "file")]),
        "hardlink-out": _tar([("hl", b"", "hardlink:/etc/passwd")]),
        "device": _tar([("dev", b"", "dir"), ("dev/null2", b"", "chr")]),
    }


@pytest.mark.parametrize(
    "case", ["dotdot", "absolute", "symlink-escape", "symlink-abs-through", "hardlink-out", "device"]
)
def test_hostile_import_is_400_and_writes_nothing_outside(client: httpx.Client, canary: Path, case: str) -> None:
    before = len(client.get("/images/json").json())
    r = client.post(
        "/images/create", params={"fromSrc": "-", "repo": f"hostile/{case}"}, content=hostile_layers(canary)[case]
    )
    assert r.status_code == 400, r.text
    assert "unsafe tar entry" in r.json()["message"] or "device" in r.json()["message"]
    assert len(client.get("/images/json").json()) == before


@pytest.mark.parametrize("case", ["dotdot", "absolute", "symlink-escape", "hardlink-out", "device"])
def test_hostile_layer_in_loaded_image_is_400(client: httpx.Client, canary: Path, images_dir: Path, case: str) -> None:
    from tests.helpers.images import build_image_tar

    path = build_image_tar(images_dir / f"hostile-{case}.tar", [busybox_layers(3)[0], hostile_layers(canary)[case]])
    r = load_image(client, path, f"hostile/load-{case}:1")
    assert r.status_code == 400, r.text
    assert client.get(f"/images/hostile/load-{case}:1/json").status_code == 404


def test_hostile_outer_archive_entries_are_400(client: httpx.Client, canary: Path) -> None:
    for entries in (
        [("index.json", b"{}", "file"), ("../" * 20 + str(canary).lstrip("/"), b"x", "file")],
        [("index.json", b"{}", "file"), (str(canary), b"x", "file")],
        [("manifest.json", b"[]", "file"), ("blobs", b"", "symlink:/etc")],
        [("manifest.json", b"[]", "file"), ("dev", b"", "chr")],
    ):
        r = client.post("/images/load", content=_tar(entries), headers={"Content-Type": "application/x-tar"})
        assert r.status_code == 400, r.text
    assert client.post("/images/load", content=b"not a tar at all").status_code == 400
    assert (
        client.post("/images/load", params={"name": "Bad Name"}, content=busybox_tar().read_bytes()).status_code == 400
    )


def test_tampered_layer_digest_is_refused(client: httpx.Client, images_dir: Path) -> None:
    good = build_busybox_image_tar(images_dir / "tamper.tar", seed="tamper")
    out = images_dir / "tampered.tar"
    with tarfile.open(good) as src, tarfile.open(out, "w") as dst:
        layers = json.load(src.extractfile("blobs/sha256/" + image_digests(good)["manifest"][7:]))["layers"]  # type: ignore[arg-type]
        victim = layers[0]["digest"][7:]  # the seeded layer: not in the store yet
        for m in src.getmembers():
            data = src.extractfile(m).read()  # type: ignore[union-attr]
            if m.name.endswith(victim):
                data = data[:-1] + bytes([data[-1] ^ 1])
            m.size = len(data)
            dst.addfile(m, io.BytesIO(data))
    r = load_image(client, out, "tamper/x:1")
    assert r.status_code == 400 and "digest mismatch" in r.json()["message"]


# -- commit and events ---------------------------------------------------------------------


def test_commit_then_run_the_new_image(client: httpx.Client, busybox: str) -> None:
    require_root_stack()
    r = client.post(
        "/containers/create", json={"Image": busybox, "Cmd": ["sh", "-c", "echo committed > /hello; rm /etc/layer3"]}
    )
    if r.status_code == 501:
        pytest.skip("containers not implemented")
    cid = r.json()["Id"]
    cids = [cid]
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        assert client.post(f"/containers/{cid}/wait", timeout=60).json()["StatusCode"] == 0
        r = client.post("/commit", params={"container": cid, "repo": "committed/bb", "tag": "v1"},
                        json={"Author": "tester", "Comment": "made by a test"})  # fmt: skip
        assert r.status_code == 201, r.text
        new_id = r.json()["Id"]
        info = client.get("/images/committed/bb:v1/json").json()
        assert info["Id"] == new_id and len(info["RootFS"]["Layers"]) == 4
        hist = client.get("/images/committed/bb:v1/history").json()
        assert hist[0]["Author"] == "tester" and hist[0]["Comment"] == "made by a test"
        r = client.post(
            "/containers/create", json={"Image": "committed/bb:v1", "Cmd": ["sh", "-c", "cat /hello; ls /etc"]}
        )
        cids.append(r.json()["Id"])
        assert client.post(f"/containers/{cids[1]}/start").status_code == 204
        assert client.post(f"/containers/{cids[1]}/wait", timeout=60).json()["StatusCode"] == 0
        out = client.get(f"/containers/{cids[1]}/logs", params={"stdout": 1}).content
        assert b"committed" in out and b"layer3" not in out
    finally:
        for c in cids:
            client.delete(f"/containers/{c}", params={"force": 1})


def test_commit_of_a_running_container_freezes_it_and_leaves_it_running(client: httpx.Client, busybox: str) -> None:
    require_root_stack()
    r = client.post("/containers/create", json={"Image": busybox, "Cmd": ["sh", "-c", "echo x > /f; sleep 300"]})
    cid = r.json()["Id"]
    try:
        assert client.post(f"/containers/{cid}/start").status_code == 204
        since = f"{time.time():.9f}"
        assert client.post("/commit", params={"container": cid, "repo": "committed/live"}).status_code == 201
        r = client.post("/commit", params={"container": cid, "repo": "committed/live", "tag": "nopause", "pause": 0})
        assert r.status_code == 201
        until = f"{time.time() + 0.2:.9f}"
        events = client.get("/events", params={"since": since, "until": until,
                                               "filters": json.dumps({"container": [cid]})}).text  # fmt: skip
        actions = [json.loads(ln)["action"] for ln in events.splitlines()]
        # Only the commit that asked for it froze the container (dockerd also reports each commit).
        assert actions == ["pause", "commit", "unpause", "commit"]
        state = client.get(f"/containers/{cid}/json").json()["State"]
        assert state["Running"] and not state["Paused"]
    finally:
        client.delete(f"/containers/{cid}", params={"force": 1})


def test_commit_missing_container_is_404(client: httpx.Client) -> None:
    assert client.post("/commit", params={"container": "nosuchcontainer"}).status_code == 404


def test_image_events(client: httpx.Client, images_dir: Path) -> None:
    start = time.time()
    img = load_new(client, images_dir, "ev/img:1")
    client.post("/images/ev/img:1/tag", params={"repo": "ev/img", "tag": "2"})
    client.get("/images/save", params={"name": "ev/img:2"})
    client.delete("/images/ev/img:2")
    client.delete("/images/ev/img:1")
    client.post("/images/create", params={"fromSrc": "-", "repo": "ev/imported"}, content=busybox_layers(3)[2])
    evs = events_since(client, start, type=["image"])
    actions = [e["action"] for e in evs]
    for action in ("load", "tag", "save", "untag", "delete", "import"):
        assert action in actions, actions
    assert any(e["action"] == "delete" and e["actor"]["ID"] == img["Id"] for e in evs)
