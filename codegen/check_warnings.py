#!/usr/bin/env python3
"""Fail on any openapi-python-client warning that is not allow-listed.

    check_warnings.py GENERATOR_OUTPUT.log codegen/warnings-allowlist.txt

The generator prints warnings as blocks: a headline ("WARNING parsing GET /x within y.")
followed by a detail line and a JSON excerpt. Each block is reduced to one line,
"<headline> | <detail>", and must match (re.search) a pattern of the allow-list.
Allow-list lines are "<regex>  # <reason>"; a line without a reason is an error, and so
is a pattern that matched nothing (stale exemption).
"""

from __future__ import annotations

import re
import sys


def blocks(text: str) -> list[str]:
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        if not line.startswith("WARNING"):
            continue
        detail = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
        detail = re.sub(r"<[\w.]+ object at 0x[0-9a-f]+>", "<code>", detail)
        out.append(f"{line.strip()} | {detail}")
    # non-block warnings the generator prints on their own line
    for line in lines:
        if line.startswith(("Unable to", "Cannot", "ERROR", "Error")) and not any(line in b for b in out):
            out.append(line.strip())
    return out


def load_allowlist(path: str) -> list[tuple[re.Pattern[str], str]]:
    entries = []
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        pattern, sep, reason = raw.partition("  # ")
        if not sep or not reason.strip():
            sys.exit(f"{path}:{n}: allow-list entry without a reason ('<regex>  # <reason>')")
        entries.append((re.compile(pattern.strip()), reason.strip()))
    return entries


def main() -> int:
    log, allowlist = sys.argv[1], sys.argv[2]
    text = open(log, encoding="utf-8").read()
    entries = load_allowlist(allowlist)
    used = [0] * len(entries)
    bad = []
    for w in blocks(text):
        for idx, (pat, _) in enumerate(entries):
            if pat.search(w):
                used[idx] += 1
                break
        else:
            bad.append(w)
    for w in bad:
        print(f"codegen: generator warning not allow-listed: {w}", file=sys.stderr)
    for (pat, _), count in zip(entries, used, strict=False):
        if not count:
            print(f"codegen: stale allow-list entry (matched nothing): {pat.pattern}", file=sys.stderr)
    return 1 if bad or not all(used) else 0


if __name__ == "__main__":
    sys.exit(main())
