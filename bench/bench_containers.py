"""Containers benchmark: our server against `runc run`/`runc exec` measured in the same run
(and dockerd/podman when their daemons are installed: not on this machine by default).

    sudo /opt/pouchvenv/bin/python bench/bench_containers.py [--rounds 20]

Prints medians and ratios; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import RUNC, runc_bundle  # noqa: E402
from tests.helpers.images import load_busybox  # noqa: E402
from tests.helpers.server import RunningServer  # noqa: E402


def median_ms(fn: Callable[[], object], rounds: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    n = args.rounds
    base = Path(tempfile.mkdtemp(prefix="bench-ctr-"))
    results: dict[str, tuple[float, float | None, str]] = {}
    srv = RunningServer(base / "srv").start()
    try:
        c = srv.client()
        load_busybox(c)
        bundle = runc_bundle(base, "/pouch-bench-runc/c")
        root = str(base / "runc-root")
        counter = [0]

        def runc_run() -> None:
            counter[0] += 1
            # `runc run` deletes the container when it exits: create+start+wait+delete in one.
            subprocess.run([RUNC, "--root", root, "run", f"b{counter[0]}"], cwd=bundle, check=True,
                           stdout=subprocess.DEVNULL)

        runc_ms = median_ms(runc_run, n)

        def lifecycle(network: str) -> Callable[[], None]:
            def once() -> None:
                cid = c.post("/containers/create", json={"Image": "busybox", "Cmd": ["true"],
                                                         "HostConfig": {"NetworkMode": network}}).json()["Id"]
                assert c.post(f"/containers/{cid}/start").status_code == 204
                assert c.post(f"/containers/{cid}/wait").json()["StatusCode"] == 0
                assert c.delete(f"/containers/{cid}").status_code == 204
            return once

        results["lifecycle true (NetworkMode none)"] = (median_ms(lifecycle("none"), n), runc_ms, "runc run")
        results["lifecycle true (default bridge)"] = (median_ms(lifecycle(""), max(5, n // 4)), runc_ms, "runc run")
        results["lifecycle vs dockerd"] = (results["lifecycle true (default bridge)"][0], 200.0, "dockerd (DESIGN.md)")

        # exec `true`, attached, against `runc exec` into the same container
        cid = c.post("/containers/create", json={"Image": "busybox", "Cmd": ["sleep", "1000"],
                                                 "HostConfig": {"NetworkMode": "none"}}).json()["Id"]
        c.post(f"/containers/{cid}/start")
        runc_root = str(srv.exec_root / "runc")

        def runc_exec() -> None:
            subprocess.run([RUNC, "--root", runc_root, "exec", cid, "true"], check=True)

        def api_exec() -> None:
            eid = c.post(f"/containers/{cid}/exec", json={"Cmd": ["true"], "AttachStdout": True}).json()["Id"]
            r = c.post(f"/exec/{eid}/start", json={"Detach": False})
            assert r.status_code == 200

        results["exec true (attached)"] = (median_ms(api_exec, n), median_ms(runc_exec, n), "runc exec")
        results["exec true (attached) vs dockerd"] = (results["exec true (attached)"][0], 31.0, "dockerd (DESIGN.md)")
        c.delete(f"/containers/{cid}", params={"force": 1})

        # 100k log lines
        cid = c.post("/containers/create", json={"Image": "busybox", "HostConfig": {"NetworkMode": "none"},
                                                 "Cmd": ["sh", "-c", "i=0; while [ $i -lt 100000 ]; do "
                                                         "echo line-$i; i=$((i+1)); done"]}).json()["Id"]
        c.post(f"/containers/{cid}/start")
        c.post(f"/containers/{cid}/wait")
        log_path = Path(c.get(f"/containers/{cid}/json").json()["LogPath"])

        def fetch_logs() -> None:
            r = c.get(f"/containers/{cid}/logs", params={"stdout": 1})
            assert len(r.content) > 100000 * 8

        def cat_log() -> None:
            subprocess.run(["cat", str(log_path)], stdout=subprocess.DEVNULL, check=True)

        results["logs 100k lines"] = (median_ms(fetch_logs, max(5, n // 2)), median_ms(cat_log, 5), "cat logfile")
        results["logs 100k lines vs dockerd"] = (results["logs 100k lines"][0], 249.0, "dockerd (DESIGN.md)")
        c.delete(f"/containers/{cid}")

        # list with 100 containers
        ids = [c.post("/containers/create", json={"Image": "busybox", "Cmd": ["true"]}).json()["Id"]
               for _ in range(100)]
        results["list all, 100 containers"] = (median_ms(lambda: c.get("/containers/json?all=1"), n), 3.8,
                                               "dockerd (DESIGN.md)")
        for i in ids:
            c.delete(f"/containers/{i}")

        # 50 concurrent creates, 8 at a time
        async def concurrent() -> float:
            sem = asyncio.Semaphore(8)
            made: list[str] = []
            async with srv.async_client() as ac:
                async def one() -> None:
                    async with sem:
                        r = await ac.post("/containers/create", json={"Image": "busybox", "Cmd": ["true"]})
                        made.append(r.json()["Id"])
                t = time.perf_counter()
                await asyncio.gather(*(one() for _ in range(50)))
                elapsed = (time.perf_counter() - t) * 1000
                for i in made:
                    await ac.delete(f"/containers/{i}")
            return elapsed

        conc = statistics.median(asyncio.run(concurrent()) for _ in range(3))
        results["50 creates, 8 concurrent"] = (conc, 160.0, "dockerd (DESIGN.md)")

        rss = 0
        for pid_dir in Path("/proc").iterdir():
            if pid_dir.name.isdigit():
                try:
                    if str(srv.socket) in (pid_dir / "cmdline").read_text():
                        for line in (pid_dir / "status").read_text().splitlines():
                            if line.startswith("VmRSS:"):
                                rss += int(line.split()[1])
                except OSError:
                    pass
        results["server RSS MB (master+worker)"] = (rss / 1024, 123.0, "dockerd+containerd (DESIGN.md)")
    finally:
        srv.stop()
        subprocess.run(["rm", "-rf", str(base)], check=False)
        for ctrl in Path("/sys/fs/cgroup").iterdir():
            for d in (ctrl / "pouch-bench-runc" / "c", ctrl / "pouch-bench-runc"):
                with contextlib.suppress(OSError):
                    d.rmdir()

    for what in ("dockerd", "podman"):
        if shutil.which(what) is None:
            print(f"# {what}: not installed, not measured (apt install docker.io / podman to compare)")
    print(f"{'benchmark':40} {'ours':>10} {'baseline':>10}  ratio  baseline")
    for name, (ours, baseline, label) in results.items():
        ratio = f"{ours / baseline:5.2f}x" if baseline else "   -  "
        print(f"{name:40} {ours:10.1f} {baseline or 0:10.1f}  {ratio}  {label}")


if __name__ == "__main__":
    main()
