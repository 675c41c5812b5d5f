"""Quota sizes as pouchd reads them: ``10g``, ``20m``, ``512k``, ``1.5G``, ``100`` (bytes).

The grammar is docker/go-units RAMInBytes (binary multipliers, optional ``i``/``b``, an
optional space); like pouchd's bytefmt a quota must be positive.
"""

from __future__ import annotations

import re

from runtime.errors import InvalidParameter

_SIZE = re.compile(r"^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$", re.IGNORECASE)
_MULTIPLIER = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def parse_size(text: str) -> int:
    """``"20m"`` -> 20971520; InvalidParameter for anything that is not a positive size."""
    match = _SIZE.match(str(text).strip())
    if not match:
        raise InvalidParameter(f"invalid disk quota size {text!r}: use a number with an optional unit, as 10g or 512m")
    number, unit = match.groups()
    size = int(float(number) * _MULTIPLIER[(unit or "").lower()])
    if size <= 0:
        raise InvalidParameter(f"invalid disk quota size {text!r}: a quota must be greater than 0")
    return size
