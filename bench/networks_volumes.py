"""Cost of networking and volumes on a container run, as ratios against a baseline measured
in the same run: create+start+wait+remove of `true` with NetworkMode host (no netns, no CNI)
versus none (netns + loopback), bridge (netns + CNI bridge + host-local), bridge with a
published port (+ portmap), and host mode with a named volume (+ volume mount).

Usage: python bench/networks_volumes.py [runs]   (root; starts its own server)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.images import load_busybox  # noqa: E402
from tests.helpers.server import RunningServer  # noqa: E402


def one(c: Any, host: dict[str, Any], **cfg: Any) -> float:
    name = "b" + uuid.uuid4().hex[:10]
    t0 = time.perf_counter()
    r = c.post("/containers/create", params={"name": name},
               json={"Image": "busybox", "Cmd": ["true"], "HostConfig": host, **cfg})
    assert r.status_code == 201, r.text
    assert c.post(f"/containers/{name}/start").status_code == 204
    c.post(f"/containers/{name}/wait")
    assert c.delete(f"/containers/{name}", params={"v": 1}).status_code == 204
    return time.perf_counter() - t0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as d:
        srv = RunningServer(Path(d)).start()
        try:
            c = srv.client()
            load_busybox(c)
            c.post("/volumes/create", json={"Name": "benchvol"})
            cases = {
                "host (baseline)": ({"NetworkMode": "host"}, {}),
                "none": ({"NetworkMode": "none"}, {}),
                "bridge": ({}, {}),
                "bridge + port": ({"PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1"}]}}, {}),
                "host + volume": ({"NetworkMode": "host", "Binds": ["benchvol:/v"]}, {}),
            }
            for host, cfg in cases.values():  # warm up (bridge creation, caches)
                one(c, host, **cfg)
            results: dict[str, float] = {}
            for label, (host, cfg) in cases.items():
                results[label] = statistics.median(one(c, host, **cfg) for _ in range(runs))
            base = results["host (baseline)"]
            for label, t in results.items():
                print(f"{label:18s} median {t * 1000:7.1f} ms   x{t / base:.2f}")
            c.delete("/volumes/benchvol")
            c.delete("/networks/bridge")
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
