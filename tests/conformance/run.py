"""Contract-test a real server against openapi/swagger.yml with schemathesis.

Starts its own server (unix socket for the engine, a TCP port on 127.0.0.1 for
schemathesis, host binds allowed only from a directory of its own: --allowed-bind-root),
runs every implemented operation with all checks, positive and negative data and the
stateful phase, time-boxed, and exits non-zero on any failure. Operations in
openapi/not_implemented.txt are skipped: exactly that list, nothing else.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server.resolver import not_implemented_ids  # noqa: E402
from tests.conformance import hooks  # noqa: E402
from tests.helpers.images import load_busybox  # noqa: E402
from tests.helpers.server import RunningServer  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-time", type=int, default=int(os.environ.get("CONFORMANCE_MAX_TIME", "180")))
    ap.add_argument("--max-examples", type=int, default=int(os.environ.get("CONFORMANCE_MAX_EXAMPLES", "40")))
    ap.add_argument("--report-dir", default=str(ROOT / "build" / "conformance"))
    ap.add_argument("--live-objects", action="store_true", default=bool(os.environ.get("CONFORMANCE_LIVE")),
                    help="point a third of the container cases at running containers (hooks.py)")
    ap.add_argument("--operation", action="append", default=[], metavar="OPERATION_ID",
                    help="only this operation (repeatable; for working on one)")
    args = ap.parse_args()

    port = free_port()
    tmp = tempfile.mkdtemp(prefix="pouch-conformance-")
    try:
        return run(args, Path(tmp), port)
    finally:
        unmount_under(Path(tmp))
        shutil.rmtree(tmp, ignore_errors=True)


def unmount_under(root: Path) -> None:
    """Lazily unmount whatever is still mounted under root, deepest first, so removing the
    directory never descends into a container's rootfs or a bind-mounted host path."""
    mounts = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            target = line.split()[4].encode().decode("unicode_escape")
            if Path(target).is_relative_to(root):
                mounts.append(target)
    for target in sorted(mounts, key=len, reverse=True):
        subprocess.call(["umount", "-l", target], stderr=subprocess.DEVNULL)


def start_live_containers(srv: RunningServer, port: int, count: int = 3) -> list[str]:
    with srv.client() as c:
        load_busybox(c, hooks.LIVE_IMAGE)
    names = [f"live-{i}" for i in range(count)]
    for name in names:
        hooks.restore_live_container(f"http://127.0.0.1:{port}/v1.24", name)
    return names


def run(args: argparse.Namespace, tmp: Path, port: int) -> int:
    cmd = [
        sys.executable, "-m", "schemathesis.cli",
        "--config-file", str(ROOT / "tests" / "conformance" / "schemathesis.toml"),
        "run", str(ROOT / "openapi" / "swagger.yml"),
        "--url", f"http://127.0.0.1:{port}/v1.24",
        "--mode", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(args.max_examples),
        "--max-time", str(args.max_time),
        "--request-timeout", "30",
        "--workers", "1",
        "--seed", os.environ.get("CONFORMANCE_SEED", "1"),
        "--report", "junit",
        "--report-dir", args.report_dir,
        "--suppress-health-check", "all",
    ]
    for op in args.operation:
        cmd += ["--include-operation-id", op]
    for op in sorted(not_implemented_ids()):
        cmd += ["--exclude-operation-id", op]
    env = dict(os.environ, SCHEMATHESIS_HOOKS="tests.conformance.hooks", PYTHONPATH=str(ROOT))
    # The guard the fuzz runs under: binds only from a directory of its own, so no fuzzed
    # HostConfig.Binds can mount (or create) anything elsewhere on the host.
    binds = tmp / "bind-sources"
    binds.mkdir()
    srv = RunningServer(tmp, tcp_port=port, extra_args=["--allowed-bind-root", str(binds)]).start()
    rc = 1
    try:
        if args.live_objects:
            env["CONFORMANCE_LIVE_CONTAINERS"] = ",".join(start_live_containers(srv, port))
            # A removed live container comes back under its name, which use_after_free would flag.
            cmd += ["--exclude-checks", "use_after_free"]
        rc = subprocess.call(cmd, cwd=ROOT, env=env)
    finally:
        if rc:
            print("---- server log (tail) ----")
            print(srv.log()[-5000:])
        # Containers outlive a server stop by design (live restore): remove them first.
        srv.purge()
        srv.stop()
    return rc


if __name__ == "__main__":
    sys.exit(main())
