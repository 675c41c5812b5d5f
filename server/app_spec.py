"""The spec this server serves: openapi/swagger.yml, parsed once."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "swagger.yml"


@lru_cache(maxsize=1)
def _parsed() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.safe_load(f)
    return spec


def load_spec() -> dict[str, Any]:
    """A private copy: connexion resolves $refs in place."""
    return copy.deepcopy(_parsed())
