"""Minimal OCI bundles on busybox-static, run with runc directly, always deleted again.

For tests of engine modules that shape a container's spec before the engine is wired to
them: ``busybox_rootfs`` lays out a root filesystem, ``RuncContainer`` runs a spec with
``runc run --detach`` under a private runc root and ``runc delete --force``s it at exit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from runtime.containers.driver import reap_container_orphans
from tests.helpers.images import BUSYBOX, busybox_applets


def busybox_rootfs(root: Path, init: bool = False) -> Path:
    """/bin/busybox with its applets; ``init`` adds /sbin/init -> /bin/busybox."""
    for d in ("bin", "sbin", "proc", "sys", "dev", "tmp", "etc", "run", "root"):
        (root / d).mkdir(parents=True, exist_ok=True)
    shutil.copy2(BUSYBOX, root / "bin" / "busybox")
    for applet in busybox_applets():
        link = root / "bin" / applet
        if not link.exists():
            link.symlink_to("busybox")
    if init:
        (root / "sbin" / "init").symlink_to("/bin/busybox")
    (root / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n")
    return root


def base_spec(rootfs: Path, args: list[str]) -> dict[str, Any]:
    """runc's own default spec (``runc spec``), not a terminal, on ``rootfs``."""
    tmp = rootfs.parent / "spec-template"
    tmp.mkdir(exist_ok=True)
    subprocess.run(["runc", "spec"], cwd=tmp, check=True)
    spec: dict[str, Any] = json.loads((tmp / "config.json").read_text())
    shutil.rmtree(tmp)
    spec["root"] = {"path": str(rootfs), "readonly": False}
    spec["process"]["terminal"] = False
    spec["process"]["args"] = args
    return spec


class RuncContainer:
    def __init__(self, workdir: Path, cid: str, spec: dict[str, Any]) -> None:
        self.cid = cid
        self.bundle = workdir / f"bundle-{cid}"
        self.state_root = workdir / "runc-state"
        self.log = workdir / f"{cid}.log"
        self.bundle.mkdir(parents=True, exist_ok=True)
        (self.bundle / "config.json").write_text(json.dumps(spec))

    def runc(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["runc", "--root", str(self.state_root), *args], capture_output=True, text=True, check=check
        )

    def __enter__(self) -> RuncContainer:
        with open(self.log, "wb") as out:
            res = subprocess.run(
                ["runc", "--root", str(self.state_root), "run", "--detach", "--bundle", str(self.bundle), self.cid],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if res.returncode != 0:
            self.runc("delete", "--force", self.cid, check=False)
            raise RuntimeError(f"runc run failed: {self.log.read_text()}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.runc("delete", "--force", self.cid, check=False)

    def status(self) -> str:
        # pytest may be a subreaper (an in-process engine made it one): reap the zombies a
        # detached exec leaves us, or the container's PID namespace cannot finish dying
        reap_container_orphans()
        res = self.runc("state", self.cid, check=False)
        return str(json.loads(res.stdout)["status"]) if res.returncode == 0 else "gone"

    @property
    def pid(self) -> int:
        return int(json.loads(self.runc("state", self.cid).stdout)["pid"])

    def exec(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.runc("exec", self.cid, *args, check=False)

    def exec_detached(self, *args: str) -> int:
        """runc exits at once; the process stays in the container (no pipe of ours held open)."""
        cmd = ["runc", "--root", str(self.state_root), "exec", "--detach", self.cid, *args]
        return subprocess.run(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ).returncode

    def wait_status(self, wanted: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        status = self.status()
        while status != wanted and time.monotonic() < deadline:
            time.sleep(0.2)
            status = self.status()
        return status


def require_runc() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: runc containers")
    if shutil.which("runc") is None:
        pytest.skip("runc is not installed")
