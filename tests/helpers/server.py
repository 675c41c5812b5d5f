"""Start a real pouchd (uvicorn + engine, one process) for tests, on its own unix
socket, home dir, exec root and cgroup prefix, so several can run side by side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


class RunningServer:
    # Every server a test session started; the session's end purges them all (conftest.py).
    started: list[RunningServer] = []

    def __init__(self, base: Path, extra_args: list[str] | None = None, tcp_port: int | None = None) -> None:
        self.base = base
        self.home = base / "home"
        self.exec_root = base / "run"
        self.socket = str(base / "pouchd.sock")
        self.tag = "t" + uuid.uuid4().hex[:6]
        self.extra_args = list(extra_args or [])
        self.tcp_port = tcp_port
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = base / "pouchd.log"

    @property
    def args(self) -> list[str]:
        args = [
            sys.executable, "-m", "server",
            "--listen", f"unix://{self.socket}",
            "--home-dir", str(self.home),
            "--exec-root-dir", str(self.exec_root),
            "--cgroup-parent", f"pouch-{self.tag}",
            "--log-level", "debug",
        ]
        if self.tcp_port:
            args += ["--listen", f"tcp://127.0.0.1:{self.tcp_port}"]
        return args + self.extra_args

    def start(self, timeout: float = 30) -> RunningServer:
        self.base.mkdir(parents=True, exist_ok=True)
        if self not in RunningServer.started:
            RunningServer.started.append(self)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pouchd exited {self.proc.returncode}:\n{self.log()}")
            try:
                if self.client().get("/_ping").status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"pouchd did not answer within {timeout}s:\n{self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-20000:]
        except OSError:
            return ""

    def client(self, timeout: float = 60) -> httpx.Client:
        return httpx.Client(
            transport=httpx.HTTPTransport(uds=self.socket), base_url="http://pouch/v1.24", timeout=timeout
        )

    def async_client(self, timeout: float = 60) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(uds=self.socket), base_url="http://pouch/v1.24", timeout=timeout
        )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill the whole server process group, as `kill -9` would."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(30)

    def purge(self) -> None:
        """Remove what tests left behind (containers keep running across a server stop by
        design: live restore), so no mount, netns or process outlives the test session."""
        if self.proc is None:
            return  # never started
        if self.proc.poll() is not None:
            try:
                self.start()
            except RuntimeError:
                return
        try:
            with self.client(timeout=60) as c:
                for ctr in c.get("/containers/json", params={"all": "1"}).json():
                    c.delete(f"/containers/{ctr['Id']}", params={"force": "1", "v": "1"})
                for net in c.get("/networks").json():
                    if net.get("Name") not in ("bridge", "host", "none"):
                        c.delete(f"/networks/{net['Id']}")
                for vol in c.get("/volumes").json().get("Volumes") or []:
                    c.delete(f"/volumes/{vol['Name']}")
        except (httpx.HTTPError, ValueError, TypeError, KeyError):
            pass

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
