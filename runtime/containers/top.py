"""GET /containers/{id}/top: the host's ps, narrowed to the container's processes."""

from __future__ import annotations

from typing import Any

from runtime import processes
from runtime.errors import InvalidParameter


async def top(pids: set[int], ps_args: str) -> dict[str, Any]:
    args = ps_args.split() if ps_args else ["-ef"]
    proc = await processes.spawn("ps", *args, stdout=processes.PIPE, stderr=processes.PIPE)
    out, err = await proc.communicate()
    if proc.returncode != 0:
        raise InvalidParameter(f"ps: {err.decode(errors='replace').strip() or 'failed'}")
    return parse_ps(out.decode(errors="replace"), pids)


def parse_ps(output: str, pids: set[int]) -> dict[str, Any]:
    """ps output -> ContainerProcessList, keeping the rows whose PID belongs to the container."""
    lines = [ln for ln in output.splitlines() if ln.strip()]
    if not lines:
        return {"Titles": [], "Processes": []}
    titles = lines[0].split()
    try:
        pid_col = titles.index("PID")
    except ValueError:
        raise InvalidParameter("Couldn't find PID field in ps output") from None
    procs = []
    for line in lines[1:]:
        fields = line.split(None, len(titles) - 1)
        try:
            pid = int(fields[pid_col])
        except (ValueError, IndexError):
            continue
        if pid in pids:
            procs.append(fields)
    return {"Titles": titles, "Processes": procs}
