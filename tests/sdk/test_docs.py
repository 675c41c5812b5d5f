"""docs/sdk.md is executable: its ```python blocks run in order, in one namespace, against a real
server reached through POUCH_HOST, as a reader would run them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import require_root_stack
from tests.helpers.images import busybox_tar
from tests.helpers.server import RunningServer

DOC = Path(__file__).resolve().parents[2] / "docs" / "sdk.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def test_guide_has_examples() -> None:
    assert len(python_blocks(DOC.read_text())) >= 8


def test_guide_examples_run(server: RunningServer, monkeypatch: pytest.MonkeyPatch) -> None:
    require_root_stack()
    monkeypatch.setenv("POUCH_HOST", f"unix://{server.socket}")
    monkeypatch.delenv("POUCH_TLS_VERIFY", raising=False)
    monkeypatch.delenv("POUCH_CERT_PATH", raising=False)
    with server.client() as c:
        r = c.post("/images/load", params={"name": "busybox:latest"}, content=busybox_tar().read_bytes())
        assert r.status_code == 200, r.text
    namespace: dict[str, object] = {"__name__": "sdk_guide"}
    for number, block in enumerate(python_blocks(DOC.read_text()), 1):
        try:
            exec(compile(block, f"{DOC.name}[python block {number}]", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"docs/sdk.md python block {number} failed:\n{block}") from exc
