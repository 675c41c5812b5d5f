"""The docker CLI (Debian docker.io 20.10, DOCKER_API_VERSION=1.24) through the everyday
workflow, asserting what a user sees: exit code, output, and the effect on the host.

A test marked xfail(strict) fails today for the cause its reason names (the class as in
/work/notes/docker-clients.md: a = request reading (issue 10), b = response shape,
c = engine semantics, d = missing operation); it turns into a failure the day it passes,
so the marker comes off with the fix.
"""

from __future__ import annotations

import tarfile
import time
from pathlib import Path

import pytest

from tests.compat.conftest import TICKER, DockerCLI, Stack, wait_for
from tests.helpers.images import build_busybox_image_tar

TEXT_PLAIN = "a: body-less POST with Content-Type text/plain is a 415"
xfail = pytest.mark.xfail
NAMES = "b: names come without the leading / (issue 10 item 5); Docker's clients cut the first character"
PORT = "18090"


def test_version_and_info(docker: DockerCLI) -> None:
    r = docker("version", "--format", "{{.Server.APIVersion}}")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "1.24"
    r = docker("info", "--format", "{{.OSType}}")
    assert r.returncode == 0 and r.stdout.strip() == "linux", r.stderr


def test_login(docker: DockerCLI, stack: Stack) -> None:
    r = docker("login", "-u", "alice", "--password-stdin", stack.registry.host, stdin=b"s3cret\n")
    assert r.returncode == 0, r.stderr
    assert "Login Succeeded" in r.stdout


def test_pull_bare_name_and_from_registry(docker: DockerCLI, stack: Stack) -> None:
    r = docker("pull", "busybox")
    assert r.returncode == 0, r.stderr
    assert "busybox:latest" in r.stdout
    r = docker("pull", f"{stack.registry.host}/library/busybox:latest")
    assert r.returncode == 0, r.stderr
    assert stack.inspect("images", f"{stack.registry.host}/library/busybox:latest")[0] == 200


def test_images_lists_busybox(docker: DockerCLI) -> None:
    r = docker("images", "--format", "{{.Repository}}:{{.Tag}}")
    assert r.returncode == 0, r.stderr
    assert any(line.endswith("busybox:latest") for line in r.stdout.splitlines())


def test_images_filter_by_reference(docker: DockerCLI) -> None:
    r = docker("images", "-q", "--filter", "reference=busybox")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.split()) == 1


def test_run_attached_prints_output_and_removes(docker: DockerCLI, stack: Stack) -> None:
    r = docker("run", "--rm", "--name", "cli-attached", "busybox", "echo", "hello from busybox")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "hello from busybox\n"
    assert "ConsoleSize" not in r.stderr, "c: ConsoleSize [0,0] is the CLI's default, not a user request"
    assert stack.inspect("containers", "cli-attached")[0] == 404


def test_run_detached_container_really_runs(docker: DockerCLI, stack: Stack) -> None:
    try:
        r = docker("run", "-d", "--name", "cli-detached", "busybox", "sleep", "1000")
        assert r.returncode == 0, r.stderr
        assert len(r.stdout.strip()) == 64
        assert Path(f"/proc/{stack.pid('cli-detached')}").exists()
    finally:
        stack.remove("cli-detached")


def test_run_publish_free_port_and_port(docker: DockerCLI, stack: Stack) -> None:
    try:
        r = docker("create", "--name", "cli-freeport", "-p", "127.0.0.1::80", "busybox", "sleep", "1000")
        assert r.returncode == 0, r.stderr
        stack.server.client().post("/containers/cli-freeport/start")
        r = docker("port", "cli-freeport", "80")
        assert r.returncode == 0, r.stderr
        host, _, port = r.stdout.strip().rpartition(":")
        assert host == "127.0.0.1" and 0 < int(port) < 65536
        info = stack.inspect("containers", "cli-freeport")[1]
        # as dockerd: HostConfig keeps the request, NetworkSettings.Ports the port picked for it
        assert info["HostConfig"]["PortBindings"]["80/tcp"] == [{"HostIp": "127.0.0.1", "HostPort": ""}]
        assert info["NetworkSettings"]["Ports"]["80/tcp"] == [{"HostIp": "127.0.0.1", "HostPort": port}]
        r = docker("ps", "--filter", "name=cli-freeport", "--format", "{{.Ports}}")
        assert f"127.0.0.1:{port}->80/tcp" in r.stdout, r.stdout
    finally:
        stack.remove("cli-freeport")


@pytest.fixture
def web(stack: Stack) -> object:
    name = "cli-web"
    stack.run_container(
        name,
        ["sh", "-c", TICKER],
        ExposedPorts={"80/tcp": {}},
        HostConfig={
            "NetworkMode": "bridge",
            "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "18090"}]},
        },
    )
    yield name
    stack.remove(name, "cli-renamed")


def test_ps_with_filters(docker: DockerCLI, web: str) -> None:
    r = docker("ps", "-a", "--filter", f"name={web}", "--filter", "status=running", "--format", "{{.Names}}")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [web]
    r = docker("ps", "--filter", "status=exited", "--format", "{{.Names}}")
    assert web not in r.stdout.split()


def test_ps_shows_published_ports(docker: DockerCLI, web: str) -> None:
    r = docker("ps", "--filter", f"name={web}", "--format", "{{.Ports}}")
    assert r.returncode == 0, r.stderr
    assert "127.0.0.1:18090->80/tcp" in r.stdout


def test_port_inspect_top_stats(docker: DockerCLI, web: str) -> None:
    r = docker("port", web)
    assert r.returncode == 0 and r.stdout.strip() == "80/tcp -> 127.0.0.1:18090", (r.stdout, r.stderr)
    r = docker("inspect", "--format", "{{.State.Running}} {{.Name}}", web)
    assert r.returncode == 0 and r.stdout.split()[0] == "true", r.stderr
    r = docker("top", web)
    assert r.returncode == 0 and "sh -c" in r.stdout, r.stderr
    r = docker("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", web)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[0] == web and int(r.stdout.split()[1]) >= 1


def test_logs_and_follow(docker: DockerCLI, web: str) -> None:
    wait_for(lambda: "tick 1" in docker("logs", web).stdout, what="two ticks in the log")
    r = docker("logs", web)
    assert r.returncode == 0 and r.stdout.startswith("started\ntick 0\n"), r.stderr
    proc = docker.popen("logs", "-f", "--tail", "1", web)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(3)]  # the last line, then two new ticks
        numbers = [int(line.split()[1]) for line in lines]
        assert numbers == sorted(numbers) and numbers[2] > numbers[0], lines
    finally:
        proc.kill()
        proc.wait()


def test_exec_with_and_without_tty_and_stdin(docker: DockerCLI, web: str) -> None:
    r = docker("exec", web, "sh", "-c", "echo out; echo err >&2; exit 3")
    assert (r.returncode, r.stdout, r.stderr) == (3, "out\n", "err\n")
    r = docker("exec", "-t", web, "echo", "tty")
    assert r.returncode == 0 and r.stdout == "tty\r\n", (r.stdout, r.stderr)
    r = docker("exec", "-i", web, "cat", stdin=b"piped\n")
    assert r.returncode == 0 and r.stdout == "piped\n", r.stderr


def test_exec_it_under_a_terminal(docker: DockerCLI, web: str) -> None:
    """`docker exec -it` as a user types it: in a terminal (a pty here), raw output, no framing."""
    import os  # noqa: PLC0415
    import pty  # noqa: PLC0415
    import select  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    from tests.compat.conftest import DOCKER_CLI  # noqa: PLC0415

    master, slave = pty.openpty()
    proc = subprocess.Popen([DOCKER_CLI, "exec", "-it", web, "sh", "-c", "echo in-a-tty; tty"],
                            stdin=slave, stdout=slave, stderr=slave, env=docker.env, cwd=docker.cwd)  # fmt: skip
    os.close(slave)
    out = b""
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: the CLI closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        assert proc.wait(timeout=30) == 0, out
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert b"in-a-tty\r\n" in out and b"/dev/pts/" in out, out
    assert b"\x01\x00\x00\x00" not in out, "stdcopy frame headers in a TTY session"


def test_pause_unpause(docker: DockerCLI, stack: Stack, web: str) -> None:
    assert docker("pause", web).returncode == 0
    assert stack.inspect("containers", web)[1]["State"]["Paused"] is True
    assert docker("unpause", web).returncode == 0
    assert stack.inspect("containers", web)[1]["State"]["Paused"] is False


def test_rename(docker: DockerCLI, stack: Stack, web: str) -> None:
    r = docker("rename", web, "cli-renamed")
    assert r.returncode == 0, r.stderr
    assert stack.inspect("containers", "cli-renamed")[0] == 200
    assert stack.inspect("containers", web)[0] == 404


def test_update_memory_and_cpu_shares(docker: DockerCLI, stack: Stack, web: str) -> None:
    r = docker("update", "--memory", "64m", "--memory-swap", "128m", "--cpu-shares", "512", web)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[0] == web
    hc = stack.inspect("containers", web)[1]["HostConfig"]
    assert (hc["Memory"], hc["MemorySwap"], hc["CpuShares"]) == (64 << 20, 128 << 20, 512)


def test_update_prints_no_stray_warning(docker: DockerCLI, stack: Stack) -> None:
    try:
        r = docker("create", "--name", "cli-upd", "busybox", "true")
        assert r.returncode == 0, r.stderr
        r = docker("update", "--cpu-shares", "256", "cli-upd")
        assert r.returncode == 0 and r.stdout.strip() == "cli-upd", (r.stdout, r.stderr)
    finally:
        stack.remove("cli-upd")


def test_restart(docker: DockerCLI, stack: Stack, web: str) -> None:
    before = stack.pid(web)
    r = docker("restart", "-t", "1", web)
    assert r.returncode == 0, r.stderr
    assert stack.pid(web) not in (0, before)


def test_stop(docker: DockerCLI, stack: Stack, web: str) -> None:
    pid = stack.pid(web)
    r = docker("stop", "-t", "1", web)
    assert r.returncode == 0, r.stderr
    assert not Path(f"/proc/{pid}").exists()
    assert stack.inspect("containers", web)[1]["State"]["Running"] is False


def test_kill_with_signal(docker: DockerCLI, stack: Stack) -> None:
    try:
        stack.run_container("cli-kill", ["sh", "-c", "trap 'echo got HUP' HUP; while true; do sleep 0.1; done"])
        time.sleep(0.5)
        assert docker("kill", "-s", "HUP", "cli-kill").returncode == 0
        wait_for(lambda: "got HUP" in docker("logs", "cli-kill").stdout, what="the trap's output")
        assert docker("kill", "cli-kill").returncode == 0
        wait_for(lambda: stack.inspect("containers", "cli-kill")[1]["State"]["Running"] is False, what="the kill")
    finally:
        stack.remove("cli-kill")


def test_wait_prints_the_exit_code(docker: DockerCLI, stack: Stack) -> None:
    try:
        stack.run_container("cli-wait", ["sh", "-c", "sleep 1; exit 3"])
        r = docker("wait", "cli-wait")
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == "3"
    finally:
        stack.remove("cli-wait")


def test_cp_into_container(docker: DockerCLI, stack: Stack, web: str, tmp_path: Path) -> None:
    src = tmp_path / "hostfile.txt"
    src.write_text("copied in\n")
    r = docker("cp", str(src), f"{web}:/tmp/hostfile.txt")
    assert r.returncode == 0, r.stderr
    assert stack.container_file(web, "/tmp/hostfile.txt").read_text() == "copied in\n"


def test_cp_out_of_container(docker: DockerCLI, web: str, tmp_path: Path) -> None:
    r = docker("cp", f"{web}:/etc/passwd", str(tmp_path / "passwd"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "passwd").read_text().startswith("root:x:0:0")


def test_cp_directories_both_ways_and_a_stopped_container(docker: DockerCLI, stack: Stack, web: str,
                                                          tmp_path: Path) -> None:
    r = docker("cp", f"{web}:/etc", str(tmp_path / "etc-copy"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "etc-copy" / "passwd").read_text().startswith("root:x:0:0")
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "leaf.txt").write_text("leaf\n")
    r = docker("cp", str(tmp_path / "tree"), f"{web}:/tmp/")
    assert r.returncode == 0, r.stderr
    assert stack.container_file(web, "/tmp/tree/sub/leaf.txt").read_text() == "leaf\n"
    r = docker("cp", f"{web}:/no/such/file", str(tmp_path / "x"))
    assert r.returncode != 0 and "No such container:path" in r.stderr, r.stderr
    try:
        assert docker("create", "--name", "cli-cp-stopped", "busybox", "true").returncode == 0
        r = docker("cp", str(tmp_path / "tree"), "cli-cp-stopped:/")
        assert r.returncode == 0, r.stderr
        r = docker("cp", "cli-cp-stopped:/tree/sub/leaf.txt", str(tmp_path / "back.txt"))
        assert r.returncode == 0 and (tmp_path / "back.txt").read_text() == "leaf\n", r.stderr
    finally:
        stack.remove("cli-cp-stopped")


def test_diff(docker: DockerCLI, stack: Stack, web: str) -> None:
    with stack.api() as c:
        e = c.post(f"/containers/{web}/exec", json={"Cmd": ["touch", "/tmp/new-file"]}).json()["Id"]
        c.post(f"/exec/{e}/start", json={"Detach": True})
    time.sleep(0.5)
    r = docker("diff", web)
    assert r.returncode == 0, r.stderr
    assert "A /tmp/new-file" in r.stdout.splitlines()


def test_commit_with_changes(docker: DockerCLI, stack: Stack, web: str) -> None:
    try:
        r = docker("commit", "--change", "ENV COMMITTED=1", "--change", 'CMD ["echo", "committed"]', web, "cli/c:1")
        assert r.returncode == 0, r.stderr
        config = stack.inspect("images", "cli/c:1")[1]["Config"]
        assert "COMMITTED=1" in config["Env"] and config["Cmd"] == ["echo", "committed"]
    finally:
        stack.remove_image("cli/c:1")


def test_commit_plain(docker: DockerCLI, stack: Stack, web: str) -> None:
    try:
        r = docker("commit", web, "cli/plain:1")
        assert r.returncode == 0, r.stderr
        assert stack.inspect("images", "cli/plain:1")[0] == 200
    finally:
        stack.remove_image("cli/plain:1")


def test_tag(docker: DockerCLI, stack: Stack) -> None:
    try:
        r = docker("tag", "busybox", "cli/tagged:1")
        assert r.returncode == 0, r.stderr
        assert stack.inspect("images", "cli/tagged:1")[1]["Id"] == stack.inspect("images", "busybox")[1]["Id"]
    finally:
        stack.remove_image("cli/tagged:1")


@pytest.fixture
def tagged(stack: Stack) -> object:
    with stack.api() as c:
        r = c.post("/images/busybox/tag", params={"repo": "cli/rm", "tag": "1"})
        assert r.status_code == 201, r.text
    yield "cli/rm:1"
    stack.remove_image("cli/rm:1")


def test_rmi(docker: DockerCLI, stack: Stack, tagged: str) -> None:
    r = docker("rmi", tagged)
    assert stack.inspect("images", tagged)[0] == 404, "the image is really gone"
    assert r.returncode == 0, r.stderr
    assert f"Untagged: {tagged}" in r.stdout


def test_save_then_load(docker: DockerCLI, stack: Stack, tagged: str, tmp_path: Path) -> None:
    out = tmp_path / "saved.tar"
    r = docker("save", "-o", str(out), tagged)
    assert r.returncode == 0, r.stderr
    with tarfile.open(out) as tar:
        assert "manifest.json" in tar.getnames()
    stack.remove_image(tagged)
    r = docker("load", "-i", str(out))
    assert r.returncode == 0, r.stderr
    assert f"Loaded image: {tagged}" in r.stdout
    assert stack.inspect("images", tagged)[0] == 200
    image_id = stack.inspect("images", tagged)[1]["Id"]
    r = docker("save", "-o", str(tmp_path / "by-id.tar"), image_id)  # an ID keeps no name in the archive
    assert r.returncode == 0, r.stderr
    r = docker("load", "-i", str(tmp_path / "by-id.tar"))
    assert r.returncode == 0 and r.stdout.strip() == f"Loaded image ID: {image_id}", (r.stdout, r.stderr)


def test_load_docker_archive(docker: DockerCLI, stack: Stack, tmp_path: Path) -> None:
    archive = build_busybox_image_tar(tmp_path / "busybox.tar", fmt="docker", repo_tags=["cli/loaded:1"])
    try:
        r = docker("load", "-i", str(archive))
        assert r.returncode == 0, r.stderr
        assert "Loaded image: cli/loaded:1" in r.stdout
        assert stack.inspect("images", "cli/loaded:1")[0] == 200
    finally:
        stack.remove_image("cli/loaded:1")


def test_import_rootfs_with_change(docker: DockerCLI, stack: Stack, tmp_path: Path) -> None:
    from tests.compat.capture import rootfs_tar  # noqa: PLC0415

    rootfs = tmp_path / "rootfs.tar"
    rootfs.write_bytes(rootfs_tar())
    try:
        r = docker("import", "--change", 'CMD ["sh"]', str(rootfs), "cli/imported:1")
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip().startswith("sha256:")
        assert stack.inspect("images", "cli/imported:1")[1]["Config"]["Cmd"] == ["sh"]
    finally:
        stack.remove_image("cli/imported:1")


def test_tag_and_push_to_registry(docker: DockerCLI, stack: Stack) -> None:
    ref = f"{stack.registry.host}/cli/pushed:1"
    try:
        assert docker("tag", "busybox", ref).returncode == 0
        r = docker("push", ref)
        assert r.returncode == 0, r.stderr
        assert stack.registry_manifest("cli/pushed", "1") == 200
    finally:
        stack.remove_image(ref)


def test_history(docker: DockerCLI) -> None:
    r = docker("history", "--format", "{{.CreatedBy}}", "busybox")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[0] == 'CMD ["sh"]'


def test_volume_commands(docker: DockerCLI, stack: Stack) -> None:
    assert docker("volume", "create", "cli-vol").stdout.strip() == "cli-vol"
    assert "cli-vol" in docker("volume", "ls", "-q").stdout.split()
    r = docker("volume", "inspect", "--format", "{{.Driver}} {{.Mountpoint}}", "cli-vol")
    driver, mountpoint = r.stdout.split()
    assert driver == "local" and Path(mountpoint).is_dir()
    assert docker("volume", "rm", "cli-vol").returncode == 0
    assert stack.inspect("volumes", "cli-vol")[0] == 404


def test_network_commands(docker: DockerCLI, stack: Stack) -> None:
    try:
        r = docker("network", "create", "--subnet", "10.231.9.0/24", "cli-net")
        assert r.returncode == 0, r.stderr
        assert "cli-net" in docker("network", "ls", "--format", "{{.Name}}").stdout.split()
        r = docker("network", "ls", "--filter", "name=cli-net", "--filter", "type=custom", "--format", "{{.Name}}")
        assert r.returncode == 0 and r.stdout.split() == ["cli-net"], (r.stdout, r.stderr)
        r = docker("network", "ls", "--filter", "colour=red")
        assert r.returncode != 0 and "colour" in r.stderr, r.stderr
        r = docker("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "cli-net")
        assert r.stdout.strip() == "10.231.9.0/24"
        stack.run_container("cli-netc", ["sleep", "1000"])
        assert docker("network", "connect", "cli-net", "cli-netc").returncode == 0
        nets = stack.inspect("containers", "cli-netc")[1]["NetworkSettings"]["Networks"]
        assert nets["cli-net"]["IPAddress"].startswith("10.231.9.")
        assert docker("network", "disconnect", "cli-net", "cli-netc").returncode == 0
        assert "cli-net" not in stack.inspect("containers", "cli-netc")[1]["NetworkSettings"]["Networks"]
        stack.remove("cli-netc")
        assert docker("network", "rm", "cli-net").returncode == 0
        assert stack.inspect("networks", "cli-net")[0] == 404
    finally:
        stack.remove("cli-netc")
        stack.server.client().delete("/networks/cli-net")


def test_events_since_until(docker: DockerCLI, stack: Stack) -> None:
    since = int(time.time()) - 1
    stack.run_container("cli-events", ["true"])
    stack.remove("cli-events")
    r = docker("events", "--since", str(since), "--until", str(int(time.time()) + 1), "--filter", "type=container",
               "--filter", "container=cli-events", "--format", "{{.Action}}")  # fmt: skip
    assert r.returncode == 0, r.stderr
    actions = r.stdout.split()
    assert actions[0] == "create" and "start" in actions and actions[-1] == "destroy", actions
