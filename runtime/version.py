"""Our version, the API version we serve, and where this build came from."""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path

from runtime.clock import now_rfc3339

VERSION = "0.1.0"
API_VERSION = "1.24"
_ROOT = Path(__file__).resolve().parent.parent
_BUILD_FILE = _ROOT / "runtime" / "_build_info.json"


@lru_cache(maxsize=1)
def build_info() -> dict[str, str]:
    """GitCommit and BuildTime: written by `make build-info`, else read from git, else now."""
    try:
        return dict(json.loads(_BUILD_FILE.read_text()))
    except (OSError, ValueError):
        pass
    try:
        out = subprocess.run(
            ["git", "-C", str(_ROOT), "log", "-1", "--format=%H %cI"], capture_output=True, text=True, timeout=5
        ).stdout.split()
        if len(out) == 2:
            return {"GitCommit": out[0], "BuildTime": out[1]}
    except (OSError, subprocess.TimeoutExpired):
        pass
    return {"GitCommit": "", "BuildTime": now_rfc3339()}
