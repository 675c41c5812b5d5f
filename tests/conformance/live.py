"""Live objects for the conformance run: what the fuzzed IDs can name, and the data it needs.

run.py makes them before schemathesis starts (``LiveObjects.setup``) and hands them to the hooks
in ``CONFORMANCE_LIVE`` (JSON); the hooks point a fixed share of the positive cases at them and
put back what a case used up (``LiveObjects.restore_*``). Every object is made through the API,
except two pieces of host data the API cannot make here: the registries (apt docker-registry,
tests/helpers/registry.py) and, for checkpoint delete, a checkpoint directory (criu cannot dump
on every host; see ``fake_checkpoint``).

* containers: three busybox containers that stop at once on SIGTERM: one plain (NetworkMode
  none), one with a TTY (resize), one on the default bridge (network connect/disconnect). A
  removed one is replaced by a new container (a new ID, so use-after-free stays meaningful);
  the pool is addressed by ID, so a rename does not lose it.
* an image ``live-image:latest`` (a tag of the busybox image the containers run, so deleting it
  never takes theirs), re-tagged after a delete;
* a network ``live-net`` and a volume ``live-vol``, made again after a delete;
* a plain-HTTP registry (the server's default and insecure registry) holding busybox, for pull,
  push and search; a TLS registry with htpasswd users, for POST /auth;
* execs are made per case (one runs once): ``new_exec``.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from runtime.containers import checkpoints
from runtime.containers.driver import ContainerPaths

BASE_IMAGE = "busybox:live"
IMAGE = "live-image:latest"
NETWORK = "live-net"
VOLUME = "live-vol"
USER, PASSWORD = "conformance", "conformance-pw"
# Stops at once on SIGTERM (sleep as PID 1 would ignore it until the stop timeout).
LONG_CMD = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
KINDS = {
    "plain": {"HostConfig": {"NetworkMode": "none"}},
    "tty": {"Tty": True, "OpenStdin": True, "HostConfig": {"NetworkMode": "none"}},
    "bridge": {"HostConfig": {"NetworkMode": "bridge"}},
}


def call(method: str, url: str, body: Any = None, data: bytes | None = None,
         content_type: str = "application/json", timeout: float = 60) -> tuple[int, Any]:
    """(status, JSON body or None) of one request to the server under test."""
    if body is not None:
        data = json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (127.0.0.1 only)
            raw, status = resp.read(), int(resp.status)
    except urllib.error.HTTPError as e:
        raw, status = e.read(), int(e.code)
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, None


@dataclass
class LiveObjects:
    base: str  # the API's base URL
    home: str  # the server's --home-dir and --exec-root-dir (for checkpoint directories)
    run: str
    registry: str = ""  # host:port of the plain registry (default and insecure)
    secure_registry: str = ""  # host:port of the TLS registry with USER/PASSWORD
    containers: dict[str, str] = field(default_factory=dict)  # kind -> container ID
    archive: str = ""  # busybox archive, to load again if a fuzzed delete took the base image

    # ---- hand-over

    def dump(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> LiveObjects | None:
        raw = os.environ.get("CONFORMANCE_LIVE")
        return cls(**json.loads(raw)) if raw else None

    def url(self, path: str, **query: Any) -> str:
        q = urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        return f"{self.base}{path}" + (f"?{q}" if q else "")

    # ---- setup (run.py) and restoring (hooks, after a case used an object up)

    def setup(self) -> None:
        self.ensure_base_image()
        for kind in KINDS:
            self.restore_container(kind)
        self.restore_image()
        self.restore_network()
        self.restore_volume()

    def ensure_base_image(self) -> None:
        if call("GET", self.url(f"/images/{BASE_IMAGE}/json"))[0] == 200:
            return
        status, _ = call("POST", self.url("/images/load", name=BASE_IMAGE), data=Path(self.archive).read_bytes(),
                         content_type="application/x-tar", timeout=120)
        assert status == 200, f"loading {BASE_IMAGE} failed: {status}"

    def restore_container(self, kind: str) -> str:
        """The container of ``kind``, running and unpaused; a new one if it is gone."""
        cid = self.containers.get(kind)
        status, rec = call("GET", self.url(f"/containers/{cid}/json")) if cid else (404, None)
        if status != 200:
            self.ensure_base_image()
            body = {"Image": BASE_IMAGE, "Cmd": LONG_CMD, "Labels": {"conformance": "live"}, **KINDS[kind]}
            status, made = call("POST", self.url("/containers/create"), body)
            assert status == 201, f"creating the {kind} live container failed: {status} {made}"
            cid = self.containers[kind] = made["Id"]
            status, rec = call("GET", self.url(f"/containers/{cid}/json"))
        state = rec["State"] if isinstance(rec, dict) else {}
        if state.get("Paused"):
            call("POST", self.url(f"/containers/{cid}/unpause"))
        elif not state.get("Running"):
            call("POST", self.url(f"/containers/{cid}/start"))
        assert cid is not None
        return cid

    def restore_command(self, kind: str) -> None:
        """After an upgrade: the container of ``kind`` on its image and command again (the same ID,
        which the fuzzer may have learnt), or a new one if that fails."""
        cid = self.restore_container(kind)
        body = {"Image": BASE_IMAGE, "Entrypoint": [], "Cmd": LONG_CMD}
        status, _ = call("POST", self.url(f"/containers/{cid}/upgrade"), body)
        if status != 200:
            call("DELETE", self.url(f"/containers/{cid}", force=1))
        self.restore_container(kind)

    def restore_all_containers(self) -> None:
        for kind in KINDS:
            self.restore_container(kind)

    def restore_image(self) -> None:
        if call("GET", self.url(f"/images/{IMAGE}/json"))[0] != 200:
            self.ensure_base_image()
            repo, tag = IMAGE.split(":")
            status, _ = call("POST", self.url(f"/images/{BASE_IMAGE}/tag", repo=repo, tag=tag))
            assert status == 201, f"tagging {IMAGE} failed: {status}"

    def restore_network(self) -> None:
        if call("GET", self.url(f"/networks/{NETWORK}"))[0] != 200:
            status, made = call("POST", self.url("/networks/create"), {"Name": NETWORK, "Driver": "bridge"})
            assert status == 201, f"creating {NETWORK} failed: {status} {made}"

    def restore_volume(self) -> None:
        if call("GET", self.url(f"/volumes/{VOLUME}"))[0] != 200:
            status, made = call("POST", self.url("/volumes/create"), {"Name": VOLUME})
            assert status == 201, f"creating {VOLUME} failed: {status} {made}"

    # ---- per-case data

    def new_exec(self, tty: bool = False, running: bool = False) -> str | None:
        """A fresh exec in the TTY or plain container; started (detached, lasting a few seconds) if
        ``running``: an exec runs once, so each case gets its own."""
        kind = "tty" if tty else "plain"
        cid = self.restore_container(kind)
        cmd = ["sleep", "3"] if running else ["true"]
        status, made = call("POST", self.url(f"/containers/{cid}/exec"), {"Cmd": cmd, "Tty": tty})
        if status != 201:
            return None
        exec_id = str(made["Id"])
        if running:
            call("POST", self.url(f"/exec/{exec_id}/start"), {"Detach": True, "Tty": tty})
        return exec_id

    def checkpoint_path(self, kind: str, name: str, directory: str | None) -> Path:
        cid = self.containers[kind]
        paths = ContainerPaths(Path(self.home) / "containers" / cid, Path(self.run) / cid)
        return checkpoints.base_dir(paths, directory) / checkpoints.check_name(name)

    def fake_checkpoint(self, kind: str, name: str, directory: str | None) -> Path:
        """A checkpoint directory where the engine keeps one, made directly: what a checkpoint
        create leaves on a host where criu can dump (it cannot on every host, so the API alone
        could not give checkpoint delete anything to delete)."""
        path = self.checkpoint_path(kind, name, directory)
        path.mkdir(parents=True, exist_ok=True)
        (path / "inventory.img").write_bytes(b"")
        return path

    @staticmethod
    def drop_fake_checkpoint(path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)
