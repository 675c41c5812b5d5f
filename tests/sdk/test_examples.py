"""examples/ run against the real server, and they and the SDK pass mypy --strict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import busybox_tar
from tests.helpers.server import RunningServer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def test_mypy_strict_on_sdk_and_examples() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "sdk/pouch", "examples"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(example: Path, server: RunningServer) -> None:
    require_root_stack()
    with server.client() as c:
        assert c.post("/images/load", params={"name": "busybox:latest"},
                      content=busybox_tar().read_bytes()).status_code == 200
    env = {**os.environ, "POUCH_HOST": f"unix://{server.socket}"}
    result = subprocess.run([sys.executable, str(example)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
