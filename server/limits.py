"""Limits on JSON request bodies (enforced where bodies are read, server/reading.py).

JSON bodies are small documents here (configs, not data), so a body beyond ``MAX_JSON_BODY``
gets 413 and JSON nested deeper than ``MAX_JSON_DEPTH`` gets 400 before any parser recurses into
it (Python's json raises RecursionError, a 500, near depth 1000 and takes the CPU on the way).
Streams (tar uploads, raw stdin) are not JSON and are not bounded here.
"""

from __future__ import annotations

MAX_JSON_BODY = 8 << 20  # dockerd reads whole configs too; 8 MiB is far above any real ContainerConfig
MAX_JSON_DEPTH = 256


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Bracket depth outside strings, scanned without recursion."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False
