"""Answers as JSON: compact, as Go's encoder writes them."""

from __future__ import annotations

import json
from typing import Any

import orjson


def compact_json(value: Any) -> bytes:
    """JSON as Go's encoder writes it: no spaces after separators (orjson: ~10x json's speed;
    json for what orjson refuses, such as integers beyond 64 bits)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(value, separators=(",", ":")).encode()
