"""Times as the API writes and reads them: RFC3339 with nanoseconds (as Go's RFC3339Nano with
a fixed width), and the ``since``/``until`` values of events and logs."""

from __future__ import annotations

import datetime
import re
import time

from runtime.errors import InvalidParameter

ZERO_TIME = "0001-01-01T00:00:00Z"  # Go's zero time.Time: "never"
_UNIX = re.compile(r"(-?\d+)(?:\.(\d*))?")


def rfc3339(ns: int) -> str:
    secs, nanos = divmod(ns, 1_000_000_000)
    base = datetime.datetime.fromtimestamp(secs, tz=datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{base}.{nanos:09d}Z"


def now_rfc3339() -> str:
    return rfc3339(time.time_ns())


def parse_rfc3339(text: str) -> float:
    """RFC3339(Nano) -> UNIX seconds (0 for the zero time; no zone is UTC); ValueError if it is
    not one. Fast (the log reader calls it per line): fromisoformat takes at most six fraction
    digits, so nanoseconds are cut to microseconds first."""
    if not text or text.startswith("0001-"):
        return 0.0
    head, dot, rest = text.partition(".")
    if dot:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = f"{head}.{rest[: min(digits, 6)]}{rest[digits:]}"
    dt = datetime.datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.UTC)
    return dt.timestamp()


def parse_timestamp(value: str | int | None, name: str) -> int | None:
    """A ``since``/``until`` value (UNIX seconds with an optional fraction, or RFC3339) in
    nanoseconds; None when absent."""
    if value is None or value == "":
        return None
    text = str(value)
    m = _UNIX.fullmatch(text)
    if m:
        sign = -1 if text.startswith("-") else 1
        return int(m.group(1)) * 1_000_000_000 + sign * int((m.group(2) or "")[:9].ljust(9, "0"))
    try:
        return round(parse_rfc3339(text) * 1_000_000_000)
    except ValueError:
        raise InvalidParameter(f"invalid {name} value {value!r}: want a UNIX timestamp") from None
