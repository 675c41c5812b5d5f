"""Record what Docker's clients send: ``python -m tests.compat.capture OUT_DIR [--cli PATH] [--no-py]``.

Starts a local registry and a real pouchd (as the tests do), puts the recording proxy in
front of pouchd's socket, drives the docker CLI (DOCKER_API_VERSION=1.24) and docker-py
(version="1.24") through the everyday workflow, and writes per step: the exact request
bytes, our answer's status/headers/body head, and what the user saw (exit code, output).

``OUT_DIR/log.txt`` is the readable log, ``OUT_DIR/steps.json`` the machine-readable one;
``--fixtures DIR`` also writes one request-bytes file per step (``<client>-<step>.txt``)
with the values that vary replaced by placeholders (see ``replay.PLACEHOLDERS``).
Run as root (real containers); it removes what it created.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.compat.lenient import rewrite
from tests.compat.recorder import Exchange, Recorder
from tests.compat.replay import templatize, truncated
from tests.helpers.images import busybox_layers, busybox_tar
from tests.helpers.registry import LocalRegistry
from tests.helpers.server import RunningServer

DEBIAN_CLI = "/usr/bin/docker"


def _show(b: bytes, limit: int = 3000) -> str:
    text = b[:limit].decode("latin-1")
    text = text.replace("\r\n", "\\r\\n\n")
    text = "".join(c if (c == "\n" or 32 <= ord(c) < 127) else f"\\x{ord(c):02x}" for c in text)
    return text + (f"... ({len(b)} bytes)" if len(b) > limit else "")


class Session:
    def __init__(self, out: Path, cli: str, fixtures: Path | None, lenient: bool = False) -> None:
        self.out = out
        self.cli = cli
        self.fixtures = fixtures
        self.steps: list[dict[str, Any]] = []
        self.base = Path(tempfile.mkdtemp(prefix="compat-capture-"))
        self.registry = LocalRegistry(self.base / "registry").start()
        self.registry.seed(busybox_tar(), "library/busybox:latest")
        self.server = RunningServer(
            self.base / "pouchd",
            extra_args=["--insecure-registries", self.registry.host, "--default-registry", self.registry.host],
        ).start()
        self.proxy = self.base / "proxy.sock"
        self.rec = Recorder(self.proxy, self.server.socket, rewrite=rewrite if lenient else None).start()
        self.config_dir = self.base / "docker-config"
        self.config_dir.mkdir()
        self.values: dict[str, str] = {"REGISTRY": self.registry.host, "TMP": str(self.base)}

    def close(self) -> None:
        self.rec.stop()
        self.server.purge()
        self.server.stop()
        self.registry.stop()

    def _record(self, client: str, step: str, label: str, result: dict[str, Any]) -> None:
        time.sleep(0.3)  # let late response bytes arrive
        exchanges = self.rec.take(label)
        result.update(client=client, step=step, exchanges=[self._ex(e) for e in exchanges])
        self.steps.append(result)
        if self.fixtures is not None and exchanges:
            self.fixtures.mkdir(parents=True, exist_ok=True)
            kept = [
                bytes(e.request) if e.request_len == len(e.request) else truncated(e.request_head(), e.framing)
                for e in exchanges
                if e.request_done and not e.request_line.startswith(("GET /_ping", "HEAD /_ping"))
            ]
            body = b"".join(templatize(r, self.values) for r in kept)
            (self.fixtures / f"{client}-{step}.txt").write_bytes(body)

    @staticmethod
    def _ex(e: Exchange) -> dict[str, Any]:
        return {
            "request": bytes(e.request).decode("latin-1"),
            "request_len": e.request_len,
            "framing": e.framing,
            "stdin": bytes(e.stdin[:2000]).decode("latin-1"),
            "status": e.status,
            "response_head": e.response_head.decode("latin-1"),
            "response_body": bytes(e.response_body[:2000]).decode("latin-1"),
            "response_len": e.response_len,
            "hijacked": e.hijacked,
        }

    def cli_step(self, step: str, args: list[str], stdin: bytes | None = None, timeout: float = 60) -> dict[str, Any]:
        label = f"cli:{step}"
        self.rec.label(label)
        env = dict(os.environ, DOCKER_HOST=f"unix://{self.proxy}", DOCKER_API_VERSION="1.24")
        env["DOCKER_CONFIG"] = str(self.config_dir)
        try:
            p = subprocess.run(
                [self.cli, *args], input=stdin, capture_output=True, timeout=timeout, env=env, cwd=self.base
            )
            result = {"args": args, "rc": p.returncode, "stdout": p.stdout[:4000].decode("latin-1"),
                      "stderr": p.stderr[:4000].decode("latin-1")}  # fmt: skip
        except subprocess.TimeoutExpired as e:
            result = {"args": args, "rc": "timeout", "stdout": (e.stdout or b"")[:4000].decode("latin-1"),
                      "stderr": (e.stderr or b"")[:4000].decode("latin-1")}  # fmt: skip
        self.rec.label("")
        self._record("cli", step, label, result)
        return result

    def py_step(self, step: str, fn: Callable[[], Any]) -> dict[str, Any]:
        label = f"py:{step}"
        self.rec.label(label)
        try:
            value = fn()
            result: dict[str, Any] = {"rc": 0, "value": repr(value)[:3000]}
        except Exception as e:  # noqa: BLE001 - what the user sees is the point
            result = {"rc": 1, "error": f"{type(e).__name__}: {e}"[:3000], "tb": traceback.format_exc()[-1500:]}
        self.rec.label("")
        self._record("py", step, label, result)
        return result

    def write(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / "steps.json").write_text(json.dumps(self.steps, indent=1))
        with open(self.out / "log.txt", "w") as f:
            for s in self.steps:
                f.write(f"\n======== {s['client']} {s['step']}: {s.get('args', '')} -> rc={s['rc']}\n")
                for k in ("stdout", "stderr", "value", "error"):
                    if s.get(k):
                        f.write(f"--- {k}:\n{s[k][:1500]}\n")
                for e in s["exchanges"]:
                    f.write(f">>> request ({e['framing']}, {e['request_len']} bytes)\n")
                    f.write(_show(e["request"].encode("latin-1")) + "\n")
                    if e["stdin"]:
                        f.write(f">>> stdin after hijack: {_show(e['stdin'].encode('latin-1'), 300)}\n")
                    f.write(f"<<< {_show(e['response_head'].encode('latin-1'))}\n")
                    if e["response_body"]:
                        head = _show(e["response_body"].encode("latin-1"), 800)
                        f.write(f"<<< body ({e['response_len']} bytes): {head}\n")


def rootfs_tar() -> bytes:
    """A flat busybox rootfs (what `docker import` takes)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for layer in busybox_layers():
            with tarfile.open(fileobj=io.BytesIO(layer)) as src:
                for m in src.getmembers():
                    if ".wh." in m.name:
                        continue
                    tar.addfile(m, src.extractfile(m) if m.isreg() else None)
    return out.getvalue()


def drive_cli(s: Session) -> None:
    reg = s.registry.host
    c = s.cli_step
    c("version", ["version"])
    c("info", ["info"])
    c("login", ["login", "-u", "alice", "-p", "s3cret", reg])
    c("pull", ["pull", "busybox"])
    c("pull-registry", ["pull", f"{reg}/library/busybox:latest"])
    c("images", ["images"])
    c("images-filter", ["images", "--filter", "reference=busybox", "-q"])
    c("run-attached", ["run", "--rm", "busybox", "echo", "hello from busybox"])
    c("run-attached-bridge", ["run", "--rm", "--network", "bridge", "busybox", "echo", "hello"])
    c("create", ["create", "--name", "compat-created", "--network", "bridge", "busybox", "sleep", "1000"])
    c("start", ["start", "compat-created"])
    ticker = "echo started; i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"
    c("run-detached", ["run", "-d", "--name", "compat-web", "-p", "127.0.0.1::80", "-e", "FOO", "busybox",
                       "sh", "-c", ticker])  # fmt: skip
    c("run-detached-bridge", ["run", "-d", "--name", "compat-web2", "--network", "bridge", "-p", "127.0.0.1:18080:80",
                              "busybox", "sh", "-c", ticker])  # fmt: skip
    web = "compat-web2"
    c("ps", ["ps"])
    c("ps-filter", ["ps", "-a", "--filter", f"name={web}", "--filter", "status=running", "--format", "{{.Names}}"])
    c("logs", ["logs", web])
    c("logs-follow", ["logs", "-f", "--tail", "1", web], timeout=4)
    c("exec", ["exec", web, "echo", "exec out"])
    c("exec-tty", ["exec", "-t", web, "echo", "exec tty"])
    c("exec-stdin", ["exec", "-i", web, "cat"], stdin=b"piped stdin\n")
    c("inspect", ["inspect", web])
    c("top", ["top", web])
    c("stats", ["stats", "--no-stream", web])
    c("port", ["port", web])
    c("pause", ["pause", web])
    c("unpause", ["unpause", web])
    c("rename", ["rename", web, "compat-renamed"])
    web = "compat-renamed"
    c("update", ["update", "--memory", "64m", "--memory-swap", "128m", "--cpu-shares", "512", web])
    c("restart", ["restart", "-t", "1", web])
    src = s.base / "hostfile.txt"
    src.write_text("copied in\n")
    c("cp-in", ["cp", str(src), f"{web}:/tmp/hostfile.txt"])
    c("cp-out", ["cp", f"{web}:/etc/passwd", str(s.base / "passwd.out")])
    c("diff", ["diff", web])
    c("commit", ["commit", "--change", "ENV COMMITTED=1", "--change", 'CMD ["echo", "committed"]', web,
                 "compat/committed:1"])  # fmt: skip
    c("commit-plain", ["commit", web, "compat/plain:1"])
    c("kill-signal", ["kill", "-s", "HUP", web])
    c("kill", ["kill", web])
    c("wait", ["wait", web])
    c("stop", ["stop", "-t", "1", "compat-created"])
    c("rm", ["rm", web])
    c("rm-force", ["rm", "-f", "compat-web", "compat-created"])
    c("tag", ["tag", "busybox", "compat/tagged:1"])
    c("tag-registry", ["tag", "busybox", f"{reg}/compat/pushed:1"])
    c("push", ["push", f"{reg}/compat/pushed:1"])
    c("save", ["save", "-o", str(s.base / "saved.tar"), "compat/tagged:1"])
    c("rmi", ["rmi", "compat/tagged:1"])
    saved = s.base / "saved.tar"
    c("load", ["load", "-i", str(saved)] if saved.exists() else ["load", "-i", str(busybox_tar())])
    (s.base / "rootfs.tar").write_bytes(rootfs_tar())
    c("import", ["import", "--change", 'CMD ["sh"]', str(s.base / "rootfs.tar"), "compat/imported:1"])
    c("import-stdin", ["import", "-", "compat/imported:2"], stdin=rootfs_tar())
    c("history", ["history", "busybox"])
    c("image-inspect", ["image", "inspect", "busybox"])
    c("volume-create", ["volume", "create", "compat-vol"])
    c("volume-ls", ["volume", "ls"])
    c("volume-inspect", ["volume", "inspect", "compat-vol"])
    c("run-volume", ["run", "--rm", "--network", "bridge", "-v", "compat-vol:/data", "busybox", "sh", "-c",
                     "echo vol > /data/f; cat /data/f"])  # fmt: skip
    c("volume-rm", ["volume", "rm", "compat-vol"])
    c("network-create", ["network", "create", "--subnet", "10.231.7.0/24", "compat-net"])
    c("network-ls", ["network", "ls"])
    c("network-inspect", ["network", "inspect", "compat-net"])
    c("run-net", ["run", "-d", "--name", "compat-netc", "--network", "compat-net", "busybox", "sleep", "1000"])
    c("network-disconnect", ["network", "disconnect", "compat-net", "compat-netc"])
    c("network-connect", ["network", "connect", "compat-net", "compat-netc"])
    c("rm-netc", ["rm", "-f", "compat-netc"])
    c("network-rm", ["network", "rm", "compat-net"])
    c("events", ["events", "--since", "0", "--until", str(int(time.time()) + 1), "--filter", "type=container"])
    c("rmi-all", ["rmi", "compat/committed:1", "compat/plain:1", "compat/imported:1", "compat/imported:2"])
    c("logout", ["logout", reg])


def drive_py(s: Session) -> None:
    import docker  # noqa: PLC0415 - optional

    reg = s.registry.host
    base = f"unix://{s.proxy}"
    api = docker.APIClient(base_url=base, version="1.24", timeout=60)
    dc = docker.DockerClient(base_url=base, version="1.24", timeout=60)
    p = s.py_step
    p("version", api.version)
    p("login", lambda: api.login("alice", "s3cret", registry=reg))
    p("pull", lambda: api.pull("busybox", tag="latest"))
    p("hl-pull", lambda: dc.images.pull(f"{reg}/library/busybox", tag="latest").id)
    p("images", lambda: api.images())
    p("hl-images", lambda: [i.tags for i in dc.images.list()])
    p("hl-run-attached", lambda: dc.containers.run("busybox", ["echo", "hello py"], remove=True))
    state: dict[str, Any] = {}

    def create() -> Any:
        c = api.create_container(
            "busybox", ["sh", "-c", "echo started; while true; do echo tick; sleep 1; done"], name="py-web",
            host_config=api.create_host_config(port_bindings={80: ("127.0.0.1", 18081)}), ports=[80],
            environment=["FOO=bar", "BARE"],
        )  # fmt: skip
        state["id"] = c["Id"]
        return c

    p("create-hostport-free", lambda: api.create_container(
        "busybox", ["true"], name="py-freeport", ports=[80],
        host_config=api.create_host_config(port_bindings={80: ("127.0.0.1", None)})))  # fmt: skip
    p("create", create)
    p("start", lambda: api.start("py-web"))
    p("hl-run-detached", lambda: dc.containers.run("busybox", ["sleep", "1000"], detach=True, name="py-hl").id)
    p("containers", lambda: api.containers(filters={"name": "py-web", "status": "running"}))
    p("hl-list", lambda: [(c.name, c.status, c.ports) for c in dc.containers.list(all=True)])
    p("inspect", lambda: api.inspect_container("py-web")["State"])
    p("logs", lambda: api.logs("py-web", tail=2))

    def follow() -> Any:
        out = []
        for chunk in api.logs("py-web", stream=True, follow=True, tail=1):
            out.append(chunk)
            if len(out) >= 2:
                break
        return out

    p("logs-follow", follow)
    p("exec", lambda: dc.containers.get("py-web").exec_run(["echo", "exec out"]))
    p("exec-tty", lambda: dc.containers.get("py-web").exec_run(["echo", "exec tty"], tty=True))
    p("exec-demux", lambda: dc.containers.get("py-web").exec_run(["sh", "-c", "echo o; echo e >&2"], demux=True))

    def exec_low() -> Any:
        e = api.exec_create("py-web", ["echo", "low"], tty=False)
        return api.exec_start(e["Id"], tty=True), api.exec_inspect(e["Id"])["ExitCode"]

    p("exec-start-tty-mismatch", exec_low)
    p("top", lambda: api.top("py-web"))
    p("stats", lambda: api.stats("py-web", stream=False))
    p("port", lambda: api.port("py-web", 80))
    p("pause", lambda: api.pause("py-web"))
    p("unpause", lambda: api.unpause("py-web"))
    p("rename", lambda: api.rename("py-web", "py-renamed"))
    p("update", lambda: api.update_container("py-renamed", mem_limit="64m", memswap_limit="128m", cpu_shares=512))
    p("restart", lambda: api.restart("py-renamed", timeout=1))

    def put_archive() -> Any:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tar:
            info = tarfile.TarInfo("py-file.txt")
            data = b"put by docker-py\n"
            info.size, info.mtime = len(data), 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
        return api.put_archive("py-renamed", "/tmp", buf.getvalue())

    p("put-archive", put_archive)

    def get_archive() -> Any:
        stream, stat = api.get_archive("py-renamed", "/etc/passwd")
        return stat, len(b"".join(stream))

    p("get-archive", get_archive)
    p("changes", lambda: api.diff("py-renamed"))
    p("commit", lambda: api.commit("py-renamed", repository="py/committed", tag="1",
                                   changes=["ENV COMMITTED=1", 'CMD ["echo", "hi"]']))  # fmt: skip
    p("kill", lambda: api.kill("py-renamed", signal="SIGKILL"))
    p("wait", lambda: api.wait("py-renamed", timeout=30))
    p("hl-wait", lambda: dc.containers.get("py-renamed").wait(timeout=30))
    p("stop", lambda: api.stop("py-hl", timeout=1))
    p("remove", lambda: api.remove_container("py-renamed"))
    p("remove-force", lambda: api.remove_container("py-hl", force=True))
    p("tag", lambda: api.tag("busybox", "py/tagged", "1"))
    p("tag-registry", lambda: api.tag("busybox", f"{reg}/py/pushed", "1"))
    p("push", lambda: api.push(f"{reg}/py/pushed", tag="1"))

    def save() -> Any:
        data = b"".join(dc.images.get("py/tagged:1").save())
        state["saved"] = data
        return len(data)

    p("hl-save", save)
    p("remove-image", lambda: api.remove_image("py/tagged:1"))
    p("hl-load", lambda: [i.tags for i in dc.images.load(state.get("saved") or busybox_tar().read_bytes())])
    p("import", lambda: api.import_image_from_data(rootfs_tar(), repository="py/imported", tag="1",
                                                   changes=['CMD ["sh"]']))  # fmt: skip
    p("history", lambda: api.history("busybox"))
    p("volume-create", lambda: api.create_volume("py-vol", labels={"a": "b"}))
    p("volumes", lambda: api.volumes())
    p("volume-remove", lambda: api.remove_volume("py-vol"))
    p("network-create", lambda: api.create_network("py-net", driver="bridge"))
    p("networks", lambda: api.networks(names=["py-net"]))
    p("hl-network-connect", lambda: _net_roundtrip(dc))
    p("network-remove", lambda: api.remove_network("py-net"))

    def events() -> Any:
        now = int(time.time())
        return list(api.events(since=now - 600, until=now + 1, decode=True, filters={"type": "container"}))[:3]

    p("events", events)
    p("remove-images", lambda: [api.remove_image(n) for n in ("py/committed:1", "py/imported:1")])


def _net_roundtrip(dc: Any) -> Any:
    c = dc.containers.create("busybox", ["sleep", "100"], name="py-netc", network="bridge")
    net = dc.networks.get("py-net")
    net.connect(c)
    net.disconnect(c)
    c.remove(force=True)
    return "ok"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--cli", default=DEBIAN_CLI)
    ap.add_argument("--no-py", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--fixtures", type=Path)
    ap.add_argument("--lenient", action="store_true", help="read requests as a Go server would (discovery)")
    args = ap.parse_args()
    s = Session(args.out, args.cli, args.fixtures, args.lenient)
    try:
        if not args.no_cli:
            drive_cli(s)
        if not args.no_py:
            drive_py(s)
    finally:
        s.write()
        s.close()
    print(f"{len(s.steps)} steps -> {args.out}/log.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
