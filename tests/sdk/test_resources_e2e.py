"""Images, volumes and networks through the SDK against the real server, pull and push against
a real local registry: typed results, typed errors, progress streams and tar byte streams."""

from __future__ import annotations

import io
import subprocess
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pouch
import pytest
from pouch_client.models.auth_config import AuthConfig
from pouch_client.models.container_create_config import ContainerCreateConfig
from pouch_client.models.network_connect import NetworkConnect
from pouch_client.models.network_create_config import NetworkCreateConfig
from pouch_client.models.network_disconnect import NetworkDisconnect
from pouch_client.models.volume_create_config import VolumeCreateConfig

from tests.conftest import require_root_stack
from tests.helpers.images import busybox_tar
from tests.helpers.registry import LocalRegistry
from tests.helpers.server import RunningServer

IMAGE = "busybox:latest"


@pytest.fixture(scope="module")
def sdk(server: RunningServer) -> Iterator[pouch.Client]:
    with pouch.Client(f"unix://{server.socket}") as client:
        with open(busybox_tar(), "rb") as f:
            client.images.load(f, name=IMAGE)
        yield client


def image_id(sdk: pouch.Client, name: str) -> str:
    """Checked on the raw JSON, so these tests do not depend on the typed ImageInfo (see below)."""
    r = sdk.http.get(f"/images/{name}/json")
    assert r.status_code == 200, r.text
    return str(r.json()["Id"])


def test_typed_image_list_and_inspect(sdk: pouch.Client) -> None:
    listed = sdk.images.list()
    info = sdk.images.inspect(IMAGE)
    assert isinstance(info, pouch.models.ImageInfo) and info.id in {i.id for i in listed}


def test_typed_volume_info(sdk: pouch.Client) -> None:
    name = f"sdk-vol-{uuid.uuid4().hex[:6]}"
    try:
        assert isinstance(sdk.volumes.create(body=VolumeCreateConfig(name=name)), pouch.models.VolumeInfo)
        assert sdk.volumes.inspect(name).name == name
        assert name in [v.name for v in sdk.volumes.list().volumes or []]
    finally:
        sdk.http.delete(f"/volumes/{name}")


def test_image_history_tag_delete(sdk: pouch.Client) -> None:
    history = sdk.images.history(IMAGE)
    assert history and all(isinstance(h, pouch.models.HistoryResultItem) for h in history)
    tag = f"sdk/tagged-{uuid.uuid4().hex[:6]}"
    sdk.images.tag(IMAGE, repo=tag, tag="1")
    assert image_id(sdk, f"{tag}:1") == image_id(sdk, IMAGE)
    sdk.images.delete(f"{tag}:1")
    with pytest.raises(pouch.NotFound):
        sdk.images.history(f"{tag}:1")
    with pytest.raises(pouch.NotFound):
        sdk.images.delete("no-such/image:404")


def test_save_is_a_tar_byte_stream_and_loads_back(sdk: pouch.Client) -> None:
    data = b"".join(sdk.images.save(IMAGE))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        assert "index.json" in tar.getnames()
    name = f"sdk/reloaded-{uuid.uuid4().hex[:6]}:1"
    sdk.images.load(data, name=name)
    assert image_id(sdk, name) == image_id(sdk, IMAGE)
    with pytest.raises(pouch.NotFound):
        list(sdk.images.save("no-such/image:404"))
    with pytest.raises(pouch.BadRequest):
        sdk.images.load(b"not a tar")


def test_import_and_commit(sdk: pouch.Client) -> None:
    require_root_stack()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        payload = b"imported\n"
        entry = tarfile.TarInfo("hello.txt")
        entry.size = len(payload)
        tar.addfile(entry, io.BytesIO(payload))
    repo = f"sdk/imported-{uuid.uuid4().hex[:6]}"
    list(sdk.images.import_image(buf.getvalue(), repo=repo, tag="1"))
    assert image_id(sdk, f"{repo}:1")
    created = sdk.containers.create(body=ContainerCreateConfig(image=IMAGE, cmd=["sh", "-c", "echo c > /made"]))
    assert created.id
    sdk.containers.start(created.id)
    sdk.containers.wait(created.id)
    committed = sdk.images.commit(container=created.id, repo=f"{repo}-commit", tag="1")
    assert isinstance(committed, pouch.models.ContainerCommitResp) and committed.id
    sdk.containers.remove(created.id, force=True)


def test_volume_create_delete_and_errors(sdk: pouch.Client) -> None:
    name = f"sdk-vol-{uuid.uuid4().hex[:6]}"
    assert sdk.http.post("/volumes/create", json={"Name": name}).status_code == 201
    sdk.volumes.delete(name)
    with pytest.raises(pouch.NotFound):
        sdk.volumes.delete(name)
    with pytest.raises(pouch.BadRequest):
        sdk.volumes.create(body=VolumeCreateConfig(name="bad/name"))


def test_networks_connect_disconnect(sdk: pouch.Client) -> None:
    require_root_stack()
    name = f"sdk-net-{uuid.uuid4().hex[:6]}"
    created = sdk.networks.create(body=NetworkCreateConfig(name=name, driver="bridge"))
    assert isinstance(created, pouch.models.NetworkCreateResp) and created.id
    try:
        assert name in [n.name for n in sdk.networks.list()]
        with pytest.raises(pouch.Conflict):
            sdk.networks.create(body=NetworkCreateConfig(name=name, driver="bridge", check_duplicate=True))
        cid = sdk.containers.create(body=ContainerCreateConfig(image=IMAGE, cmd=["sleep", "100"])).id
        assert cid
        try:
            sdk.containers.start(cid)
            sdk.networks.connect(name, body=NetworkConnect(container=cid))
            assert cid in str(sdk.networks.inspect(name).to_dict())
            result = sdk.containers.exec_run(cid, ["ip", "-o", "-4", "addr"])
            assert result.stdout.count(b"inet ") >= 3  # lo, the default bridge, this network
            sdk.networks.disconnect(name, body=NetworkDisconnect(container=cid, force=True))
        finally:
            sdk.containers.remove(cid, force=True)
    finally:
        sdk.networks.delete(name)
    with pytest.raises(pouch.NotFound):
        sdk.networks.inspect(name)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRegistry]:
    reg = LocalRegistry(tmp_path_factory.mktemp("registry")).start()
    yield reg
    reg.stop()


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    srv = RunningServer(tmp_path_factory.mktemp("pull-srv"), extra_args=["--insecure-registries", "127.0.0.0/8"])
    yield srv.start()
    srv.stop()


def test_push_then_pull_progress_streams(registry: LocalRegistry, registry_server: RunningServer,
                                         tmp_path: Path) -> None:
    with pouch.Client(f"unix://{registry_server.socket}") as client:
        with open(busybox_tar(), "rb") as f:
            client.images.load(f, name=IMAGE)
        remote = f"{registry.host}/sdk/busybox"
        client.images.tag(IMAGE, repo=remote, tag="v1")
        pushed = list(client.images.push(remote, tag="v1"))
        assert pushed and all(isinstance(m, dict) for m in pushed)
        client.images.delete(f"{remote}:v1")
        pulled = list(client.images.pull(remote, tag="v1"))
        assert any("status" in m for m in pulled)
        assert image_id(client, f"{remote}:v1") == image_id(client, IMAGE)
        found = client.images.search(term="sdk", registry=registry.host)
        assert any("sdk/busybox" in (r.name or "") for r in found)
        with pytest.raises((pouch.StreamError, pouch.NotFound)):
            list(client.images.pull(f"{registry.host}/sdk/missing", tag="v1"))


def test_system_auth_against_a_registry_with_htpasswd(registry_server: RunningServer,
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    reg = LocalRegistry(tmp_path_factory.mktemp("auth-registry"), tls=True, users={"alice": "secret"}).start()
    try:
        with pouch.Client(f"unix://{registry_server.socket}") as client:
            ok = client.system.auth(body=AuthConfig(username="alice", password="secret", server_address=reg.host))
            assert isinstance(ok, pouch.models.AuthResponse) and ok.status
            with pytest.raises(pouch.Unauthorized):
                client.system.auth(body=AuthConfig(username="alice", password="wrong", server_address=reg.host))
    finally:
        reg.stop()


def test_checkpoints(sdk: pouch.Client) -> None:
    """Listing is typed; creating needs criu, which cannot checkpoint on some kernels (DESIGN.md 2):
    then the SDK raises the server's typed error instead of returning an error body."""
    require_root_stack()
    cid = sdk.containers.create(body=ContainerCreateConfig(image=IMAGE, cmd=["sleep", "100"])).id
    assert cid
    try:
        sdk.containers.start(cid)
        assert sdk.containers.checkpoint_list(cid) == []
        criu_works = subprocess.run(["criu", "check"], capture_output=True).returncode == 0
        if criu_works:
            sdk.containers.checkpoint_create(cid, body=pouch.models.CheckpointCreateOptions(checkpoint_id="cp1"))
            assert [c.checkpoint_name for c in sdk.containers.checkpoint_list(cid)] == ["cp1"]
            sdk.containers.checkpoint_delete(cid, "cp1")
        else:
            with pytest.raises(pouch.APIError):
                sdk.containers.checkpoint_create(cid, body=pouch.models.CheckpointCreateOptions(checkpoint_id="cp1"))
        with pytest.raises(pouch.NotFound):
            sdk.containers.checkpoint_list("no-such-container")
    finally:
        sdk.containers.remove(cid, force=True)
