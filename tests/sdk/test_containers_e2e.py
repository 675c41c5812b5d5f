"""Containers and exec through the SDK against the real server: typed results, typed errors,
logs (follow, demux), stats, events, and attach/exec sessions with stdin, half-close and Tty."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pouch
import pytest
from pouch.frames import StreamType
from pouch_client.models.container_create_config import ContainerCreateConfig
from pouch_client.models.host_config import HostConfig
from pouch_client.models.update_config import UpdateConfig
from pouch_client.types import UNSET

from tests.conftest import require_root_stack
from tests.helpers.images import busybox_tar
from tests.helpers.server import RunningServer

IMAGE = "busybox:latest"


@pytest.fixture(scope="module")
def sdk(server: RunningServer) -> Iterator[pouch.Client]:
    require_root_stack()
    with pouch.Client(f"unix://{server.socket}") as client:
        with open(busybox_tar(), "rb") as f:
            client.images.load(f, name=IMAGE)
        yield client


@pytest.fixture(scope="module")
def sleeper(sdk: pouch.Client) -> Iterator[str]:
    cid = run(sdk, ["sleep", "1000"])
    yield cid
    sdk.containers.remove(cid, force=True)


def create(sdk: pouch.Client, cmd: list[str], name: str | None = None, **config: Any) -> str:
    body = ContainerCreateConfig(image=IMAGE, cmd=cmd, **config)
    created = sdk.containers.create(body=body, name=name or UNSET)
    assert isinstance(created, pouch.models.ContainerCreateResp) and created.id
    return str(created.id)


def run(sdk: pouch.Client, cmd: list[str], **config: Any) -> str:
    cid = create(sdk, cmd, **config)
    sdk.containers.start(cid)
    return cid


def inspect(sdk: pouch.Client, ref: str) -> dict[str, Any]:
    """Raw inspect JSON (the tests below look at fields as the server sends them)."""
    r = sdk.http.get(f"/containers/{ref}/json")
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_typed_inspect(sdk: pouch.Client, sleeper: str) -> None:
    info = sdk.containers.inspect(sleeper)
    assert isinstance(info, pouch.models.ContainerJSON) and info.id == sleeper


def test_lifecycle_typed_results_and_errors(sdk: pouch.Client) -> None:
    name = f"sdk-life-{time.monotonic_ns()}"
    with sdk.system.events(filters={"container": [name]}) as events:
        cid = create(sdk, ["sleep", "1000"], name=name,
                     host_config=HostConfig(memory=64 * 1024 * 1024))
        info = inspect(sdk, name)
        assert info["Id"] == cid and info["State"]["Running"] is False
        sdk.containers.start(cid)
        with pytest.raises(pouch.NotModified):
            sdk.containers.start(cid)
        assert [c.id for c in sdk.containers.list() if c.id == cid] == [cid]
        top = sdk.containers.top(cid)
        assert isinstance(top, pouch.models.ContainerProcessList)
        assert any("sleep" in " ".join(p) for p in top.processes or [])
        sample = next(iter(sdk.containers.stats(cid, stream=False)))
        assert isinstance(sample, pouch.models.ContainerStats) and sample.memory_stats
        sdk.containers.pause(cid)
        assert inspect(sdk, cid)["State"]["Paused"] is True
        sdk.containers.unpause(cid)
        sdk.containers.update(cid, body=UpdateConfig(memory=96 * 1024 * 1024))
        assert inspect(sdk, cid)["HostConfig"]["Memory"] == 96 * 1024 * 1024
        with pytest.raises(pouch.Conflict):
            sdk.containers.remove(cid)
        sdk.containers.rename(cid, name=name + "-2")
        assert inspect(sdk, name + "-2")["Id"] == cid
        sdk.containers.restart(cid, t=1)
        sdk.containers.stop(cid, t=1)
        assert sdk.containers.wait(cid).status_code == 137
        sdk.containers.remove(cid)
        with pytest.raises(pouch.NotFound) as missing:
            sdk.containers.inspect(cid)
        assert missing.value.status == 404 and "No such container" in missing.value.message
        actions = []
        for event in events:
            assert isinstance(event, pouch.models.EventsMessage)
            actions.append(event.action)
            if event.action == "destroy" or len(actions) > 30:
                break
    for action in ("create", "start", "pause", "unpause", "update", "die", "destroy"):
        assert action in actions, actions


def test_bad_create_is_bad_request_or_not_found(sdk: pouch.Client) -> None:
    with pytest.raises(pouch.NotFound):
        sdk.containers.create(body=ContainerCreateConfig(image="no-such-image:1", cmd=["true"]))
    with pytest.raises(pouch.APIError) as bad:
        sdk.containers.create(body=ContainerCreateConfig(image=IMAGE, cmd=["true"]), name="bad name!")
    assert 400 <= bad.value.status < 500


def test_logs_demux_and_follow(sdk: pouch.Client) -> None:
    cid = run(sdk, ["sh", "-c", "echo out1; echo err1 >&2; sleep 0.5; echo out2"])
    try:
        frames = list(sdk.containers.logs(cid, follow=True))  # ends when the container exits
        assert [(f.stream, f.data) for f in frames] == [
            (StreamType.STDOUT, b"out1\n"), (StreamType.STDERR, b"err1\n"), (StreamType.STDOUT, b"out2\n")]
        only_err = b"".join(f.data for f in sdk.containers.logs(cid, stdout=False))
        assert only_err == b"err1\n"
        assert b"".join(f.data for f in sdk.containers.logs(cid, tail=1)) == b"out2\n"
    finally:
        sdk.containers.remove(cid, force=True)


def test_tty_logs_are_raw(sdk: pouch.Client) -> None:
    cid = run(sdk, ["sh", "-c", "echo tty-out; echo tty-err >&2"], tty=True)
    try:
        sdk.containers.wait(cid)
        frames = list(sdk.containers.logs(cid))
        data = b"".join(f.data for f in frames)
        assert {f.stream for f in frames} == {StreamType.STDOUT}
        assert b"tty-out\r\n" in data and b"tty-err\r\n" in data
    finally:
        sdk.containers.remove(cid, force=True)


def test_attach_stdin_half_close(sdk: pouch.Client) -> None:
    cid = create(sdk, ["sh", "-c", "cat; echo done >&2"], open_stdin=True, stdin_once=True, attach_stdin=True)
    try:
        with sdk.containers.attach(cid, stdin=True) as session:
            assert session.tty is False
            sdk.containers.start(cid)
            session.write(b"hello ")
            session.write(b"world\n")
            session.close_write()  # cat sees EOF, then the shell writes to stderr and exits
            out, err = session.output(timeout=20)
        assert (out, err) == (b"hello world\n", b"done\n")
        assert sdk.containers.wait(cid).status_code == 0
    finally:
        sdk.containers.remove(cid, force=True)


def test_attach_tty_and_resize(sdk: pouch.Client) -> None:
    cid = run(sdk, ["sh", "-c", "read x; stty size; echo got-$x"], tty=True, open_stdin=True)
    try:
        with sdk.containers.attach(cid, stdin=True) as session:
            assert session.tty is True
            session.resize(33, 111)
            session.write(b"abc\r")
            out, err = session.output(timeout=20)
        assert b"33 111" in out and b"got-abc" in out and err == b""
    finally:
        sdk.containers.remove(cid, force=True)


def test_exec_run_streams_stdin_and_exit_code(sdk: pouch.Client, sleeper: str) -> None:
    result = sdk.containers.exec_run(sleeper, ["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert result == pouch.ExecResult(3, b"out\n", b"err\n")
    result = sdk.containers.exec_run(sleeper, ["sh", "-c", "cat | tr a-z A-Z"], stdin=b"shout\n")
    assert result == pouch.ExecResult(0, b"SHOUT\n", b"")
    result = sdk.containers.exec_run(sleeper, ["tty"], tty=True)
    assert result.exit_code == 0 and result.stdout.startswith(b"/dev/pts/")
    result = sdk.containers.exec_run(sleeper, ["sh", "-c", "echo $FOO; id -u"], env=["FOO=bar"], user="1234")
    assert result.stdout == b"bar\n1234\n"


def test_exec_session_tty_resize_and_detached(sdk: pouch.Client, sleeper: str) -> None:
    created = sdk.execs.create(sleeper, body=pouch.models.ExecCreateConfig(
        cmd=["sh", "-c", "read x; stty size"], tty=True, attach_stdin=True, attach_stdout=True))
    assert created.id
    with sdk.execs.start(str(created.id)) as session:  # Tty read from the exec's inspect
        assert session.tty is True
        deadline = time.monotonic() + 10  # the server starts the process just after the 101 head
        while not sdk.execs.inspect(str(created.id)).running and time.monotonic() < deadline:
            time.sleep(0.01)
        session.resize(20, 70)
        session.write(b"\r")
        out, _ = session.output(timeout=20)
    assert b"20 70" in out
    assert sdk.execs.exit_code(str(created.id)) == 0
    detached = sdk.execs.create(sleeper, body=pouch.models.ExecCreateConfig(cmd=["sh", "-c", "exit 7"]))
    sdk.execs.start_detached(str(detached.id))
    assert sdk.execs.exit_code(str(detached.id)) == 7
    with pytest.raises(pouch.NotFound):
        sdk.execs.inspect("no-such-exec")


def test_async_client_containers(server: RunningServer, sdk: pouch.Client, sleeper: str) -> None:
    async def main() -> tuple[pouch.ExecResult, list[bytes], str]:
        async with pouch.AsyncClient(f"unix://{server.socket}") as client:
            result = await client.containers.exec_run(sleeper, ["sh", "-c", "cat; echo e >&2"], stdin=b"in\n")
            cid = (await client.containers.create(body=ContainerCreateConfig(image=IMAGE, cmd=["echo", "hi"]))).id
            assert cid
            await client.containers.start(cid)
            status = await client.containers.wait(cid)
            logs = [f.data async for f in await client.containers.logs(cid)]
            async with await client.containers.stats(sleeper) as stats:
                sample = await anext(stats)
            assert isinstance(sample, pouch.models.ContainerStats)
            await client.containers.remove(cid)
            return result, logs, str(status.status_code)

    result, logs, status = asyncio.run(main())
    assert result == pouch.ExecResult(0, b"in\n", b"e\n")
    assert logs == [b"hi\n"] and status == "0"


def test_upgrade_replaces_image_and_command(sdk: pouch.Client) -> None:
    cid = run(sdk, ["sleep", "1000"])
    try:
        sdk.containers.upgrade(cid, body=pouch.models.ContainerUpgradeConfig(image=IMAGE, cmd=["sleep", "999"]))
        assert inspect(sdk, cid)["Config"]["Cmd"] == ["sleep", "999"]
        assert inspect(sdk, cid)["State"]["Running"] is True
        with pytest.raises(pouch.NotFound):
            sdk.containers.upgrade("no-such-container", body=pouch.models.ContainerUpgradeConfig(image=IMAGE))
    finally:
        sdk.containers.remove(cid, force=True)


def _one_file_tar(name: str, data: bytes) -> bytes:
    import io  # noqa: PLC0415
    import tarfile  # noqa: PLC0415

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_archive_changes_and_kill(sdk: pouch.Client, sleeper: str, server: RunningServer) -> None:
    """The operations added for Docker's clients, through the SDK: docker cp in and out, diff, kill."""
    import io  # noqa: PLC0415
    import tarfile  # noqa: PLC0415

    sdk.containers.archive_put(sleeper, _one_file_tar("sdk.txt", b"via sdk\n"), path="/tmp")
    stat = sdk.containers.archive_info(sleeper, path="/tmp/sdk.txt")
    assert stat["name"] == "sdk.txt" and stat["size"] == 8
    stream, stat = sdk.containers.archive(sleeper, path="/tmp/sdk.txt")
    with stream, tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
        member = tar.extractfile("sdk.txt")
        assert member is not None and member.read() == b"via sdk\n"
    assert stat["size"] == 8
    changes = sdk.containers.changes(sleeper)
    assert any(c.path == "/tmp/sdk.txt" and c.kind == 1 for c in changes)
    with pytest.raises(pouch.NotFound):
        sdk.containers.archive_info(sleeper, path="/no/such")
    with pytest.raises(pouch.BadRequest):
        sdk.containers.archive_put(sleeper, _one_file_tar("x", b"x"), path="/etc/passwd")

    async def async_side() -> None:
        async with pouch.AsyncClient(f"unix://{server.socket}") as client:
            await client.containers.archive_put(sleeper, _one_file_tar("async.txt", b"a\n"), path="/tmp")
            assert (await client.containers.archive_info(sleeper, path="/tmp/async.txt"))["size"] == 2
            stream, _ = await client.containers.archive(sleeper, path="/tmp/async.txt")
            data = b"".join([chunk async for chunk in stream])
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                assert tar.getnames() == ["async.txt"]

    asyncio.run(async_side())
    victim = run(sdk, ["sleep", "1000"])
    try:
        sdk.containers.kill(victim, signal="SIGKILL")
        assert sdk.containers.wait(victim).status_code == 137
        with pytest.raises(pouch.Conflict):
            sdk.containers.kill(victim)
    finally:
        sdk.containers.remove(victim, force=True)


def test_image_get_and_get_all(sdk: pouch.Client) -> None:
    import io  # noqa: PLC0415
    import tarfile  # noqa: PLC0415

    for stream in (sdk.images.get(IMAGE), sdk.images.get_all([IMAGE])):
        with stream, tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
            assert "manifest.json" in tar.getnames()
    with pytest.raises(pouch.NotFound):
        list(sdk.images.get("no-such/image:404"))
