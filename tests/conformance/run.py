"""Contract-test a real server against openapi/swagger.yml with schemathesis.

Starts its own server (unix socket for the engine, a TCP port on 127.0.0.1 for
schemathesis, host binds allowed only from a directory of its own: --allowed-bind-root),
runs every implemented operation with all checks, positive and negative data and the
stateful phase, time-boxed, and exits non-zero on any failure. Operations in
openapi/not_implemented.txt are skipped: exactly that list, nothing else.

Live objects (tests/conformance/live.py; ``--no-live-objects`` leaves them out): two local
registries and the containers, image, network and volume a share of the cases are pointed at.

After the run the host must be as before: whatever of the server's is still there once its
objects are removed and it has stopped (tests/reliability/hoststate.py: runc state, conmon,
mounts under the run's directory, cgroups named after its cgroup parent in every hierarchy,
bridges, veths, netns, iptables rules and chains) fails the run, and is cleaned up.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from schemathesis.config import SchemathesisWarning  # noqa: E402
from schemathesis.config._warnings import DEFAULT_DISPLAYED_WARNINGS  # noqa: E402

from server.resolver import not_implemented_ids  # noqa: E402
from tests.conformance import hooks  # noqa: E402
from tests.conformance.live import PASSWORD, USER, LiveObjects  # noqa: E402
from tests.helpers.images import busybox_tar  # noqa: E402
from tests.helpers.registry import LocalRegistry  # noqa: E402
from tests.helpers.server import RunningServer  # noqa: E402
from tests.reliability.hoststate import cgroup_hierarchies, iptables_leftovers, leftovers_after_stop, links  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-time", type=int, default=int(os.environ.get("CONFORMANCE_MAX_TIME", "180")),
                    help="time box of the examples, coverage and fuzzing phases (0: skip them)")
    ap.add_argument("--stateful-max-time", type=int,
                    default=int(os.environ.get("CONFORMANCE_STATEFUL_MAX_TIME", "150")),
                    help="time box of the stateful phase, a run of its own (0: skip it)")
    ap.add_argument("--max-examples", type=int, default=int(os.environ.get("CONFORMANCE_MAX_EXAMPLES", "40")))
    ap.add_argument("--report", default="junit", help="schemathesis report formats (e.g. junit,har)")
    ap.add_argument("--report-dir", default=str(ROOT / "build" / "conformance"))
    ap.add_argument("--live-objects", action=argparse.BooleanOptionalAction,
                    default=os.environ.get("CONFORMANCE_LIVE_OBJECTS", "1") != "0",
                    help="point a share of the cases at live objects (live.py, hooks.py); on by default")
    ap.add_argument("--operation", action="append", default=[], metavar="OPERATION_ID",
                    help="only this operation (repeatable; for working on one)")
    args = ap.parse_args()

    started = time.monotonic()
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="pouch-conformance-")
    try:
        return run(args, Path(tmp), port)
    finally:
        unmount_under(Path(tmp))
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"conformance took {time.monotonic() - started:.0f} s in all")


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


def start_live_objects(srv: RunningServer, port: int, plain: LocalRegistry, secure: LocalRegistry) -> LiveObjects:
    objects = LiveObjects(base=f"http://127.0.0.1:{port}/v1.24", home=str(srv.home), run=str(srv.exec_root),
                          registry=plain.host, secure_registry=secure.host, archive=str(busybox_tar()))
    objects.setup()
    return objects


def start_registries(tmp: Path) -> tuple[LocalRegistry, LocalRegistry]:
    """A plain one (the server's default registry: pull, push, search) holding busybox, and a TLS
    one with a user (POST /auth)."""
    plain = LocalRegistry(tmp / "registry").start()
    try:
        plain.seed(busybox_tar(), "library/busybox:latest")
        secure = LocalRegistry(tmp / "secure-registry", tls=True, users={USER: PASSWORD}).start()
    except BaseException:
        plain.stop()
        raise
    return plain, secure


def host_leftovers(srv: RunningServer) -> list[str]:
    """After purge and stop: what of the server's is still on the host (empty = as before)."""
    return leftovers_after_stop(srv) + iptables_leftovers(srv)


def clean_leftovers(srv: RunningServer) -> None:
    """Best effort, after a leak was reported: the processes still in the run's cgroups (a
    container the purge could not remove; its conmon exits with it), those cgroups, the run's
    bridges and iptables rules go (mounts and files go with the run's directory in main)."""
    bases = [root / f"pouch-{srv.tag}" for root in cgroup_hierarchies()]
    for base in bases:
        for procs in base.glob("**/cgroup.procs") if base.is_dir() else []:
            for pid in procs.read_text().split():
                with contextlib.suppress(OSError):
                    os.kill(int(pid), signal.SIGKILL)
    time.sleep(1)
    for base in bases:
        if base.is_dir():
            for dirpath, _, _ in sorted(os.walk(base), key=lambda w: len(w[0]), reverse=True):
                with contextlib.suppress(OSError):
                    os.rmdir(dirpath)
    for bridge in links(srv)[0]:
        subprocess.call(["ip", "link", "del", bridge], stderr=subprocess.DEVNULL)
    for line in iptables_leftovers(srv):
        table, _, rule = line.removeprefix("iptables ").partition(": ")
        if rule.startswith("-A "):
            subprocess.call(["iptables", "-w", "-t", table, "-D", *shlex.split(rule)[1:]], stderr=subprocess.DEVNULL)
    for line in iptables_leftovers(srv):  # the chains, empty now
        table, _, rule = line.removeprefix("iptables ").partition(": ")
        if rule.startswith(":"):
            subprocess.call(["iptables", "-w", "-t", table, "-X", rule[1:].split()[0]], stderr=subprocess.DEVNULL)


def config_file(tmp: Path) -> Path:
    """schemathesis.toml, and where `criu check` fails (no checkpoint can be made on this host): no
    missing-test-data warning for checkpoint create, whose live cases meet criu's failure (the
    500 hooks.filter_failure expects there) or a stopped container (409), never a checkpoint.
    (schemathesis records that warning whenever either it or the validation-mismatch one is shown
    for the operation, so both are left out there.)"""
    text = (ROOT / "tests" / "conformance" / "schemathesis.toml").read_text()
    if not hooks.CRIU_DUMPS:
        hidden = (SchemathesisWarning.MISSING_TEST_DATA, SchemathesisWarning.VALIDATION_MISMATCH)
        shown = [w.value for w in DEFAULT_DISPLAYED_WARNINGS if w not in hidden]
        text += (
            "\n# run.py: `criu check` fails on this host\n[[operations]]\n"
            f'include-operation-id = "ContainerCheckpointCreate"\nwarnings = {json.dumps(shown)}\n'
        )
    path = tmp / "schemathesis.toml"
    path.write_text(text)
    return path


# The stateful phase: one state machine per group of tags, each with its share of the time box
# (the groups follow the links: exec from container). One machine over all 59 operations reached
# 46 in 150 s and 49 in 420 s; these three reach 31 + 19 + 10 (all 59, ImageCommit twice) in 150 s,
# with the links without parameters of hooks.py (_then) to the operations that name no object.
# (tags, other operations the group's links lead to, share of the box)
STATEFUL_GROUPS = (
    (("Container", "Exec"), ("ImageCommit",), 0.55),
    (("Image", "System"), (), 0.25),
    (("Network", "Volume"), (), 0.20),
)


def operations_tagged(tags: tuple[str, ...]) -> list[str]:
    spec = yaml.safe_load((ROOT / "openapi" / "swagger.yml").read_text())
    return [op["operationId"] for item in spec["paths"].values() for method, op in item.items()
            if method != "parameters" and set(op.get("tags") or ()) & set(tags)]


def runs(args: argparse.Namespace) -> list[tuple[str, int, tuple[str, ...], list[str]]]:
    """(phases, time box in s, the group's tags, its operations: all when empty) of each schemathesis run."""
    out: list[tuple[str, int, tuple[str, ...], list[str]]] = []
    if args.max_time > 0:
        out.append(("examples,coverage,fuzzing", args.max_time, (), []))
    if args.stateful_max_time > 0:
        if args.operation:  # working on a few operations: one machine over them
            out.append(("stateful", args.stateful_max_time, (), []))
        else:
            out += [("stateful", max(10, round(args.stateful_max_time * share)), tags,
                     operations_tagged(tags) + list(extra)) for tags, extra, share in STATEFUL_GROUPS]
    return out


def run(args: argparse.Namespace, tmp: Path, port: int) -> int:
    cmd = [
        sys.executable, "-m", "schemathesis.cli",
        "--config-file", str(config_file(tmp)),
        "run", str(ROOT / "openapi" / "swagger.yml"),
        "--url", f"http://127.0.0.1:{port}/v1.24",
        "--mode", "all",
        "--max-examples", str(args.max_examples),
        "--request-timeout", "30",
        "--workers", "1",
        "--seed", os.environ.get("CONFORMANCE_SEED", "1"),
        "--report", args.report,
        "--report-dir", args.report_dir,
        "--suppress-health-check", "all",
    ]
    for op in args.operation:
        cmd += ["--include-operation-id", op]
    for op in sorted(not_implemented_ids()):
        cmd += ["--exclude-operation-id", op]
    env = dict(os.environ, SCHEMATHESIS_HOOKS="tests.conformance.hooks", PYTHONPATH=str(ROOT))
    env.pop("CONFORMANCE_LIVE", None)
    # The guard the fuzz runs under: binds only from a directory of its own, so no fuzzed
    # HostConfig.Binds can mount (or create) anything elsewhere on the host.
    binds = tmp / "bind-sources"
    binds.mkdir()
    registries: tuple[LocalRegistry, ...] = ()
    extra = ["--allowed-bind-root", str(binds)]
    if args.live_objects:
        registries = start_registries(tmp)
        plain = registries[0]
        extra += ["--default-registry", plain.host, "--insecure-registries", plain.host]
    srv = RunningServer(tmp, tcp_port=port, extra_args=extra)
    rc = 1
    try:
        if args.live_objects:
            # The TLS registry's CA, where the server looks for per-registry certificates.
            certs = srv.home / "certs.d" / registries[1].host
            certs.mkdir(parents=True)
            shutil.copy(registries[1].ca_cert, certs / "ca.crt")
        srv.start()
        if args.live_objects:
            env["CONFORMANCE_LIVE"] = start_live_objects(srv, port, *registries).dump()
        # Time boxes of their own, so the stateful phase (where the links lead) gets its share
        # whatever the others take; the same server and objects serve all.
        rcs = []
        for phases, box, tags, ops in runs(args):
            started = time.monotonic()
            only = [a for op in ops for a in ("--include-operation-id", op)]
            rcs.append(subprocess.call([*cmd, *only, "--phases", phases, "--max-time", str(box)], cwd=ROOT, env=env))
            print(f"schemathesis ({phases}{' of ' + '+'.join(tags) if tags else ''}) took "
                  f"{time.monotonic() - started:.0f} s")
        rc = max(rcs, default=0)
    finally:
        if rc:
            print("---- server log (tail) ----")
            print(srv.log()[-5000:])
        # Containers outlive a server stop by design (live restore): remove them first.
        srv.purge()
        srv.stop()
        for reg in registries:
            reg.stop()
    leaks = host_leftovers(srv)
    if leaks:
        print("---- the run left these on the host ----")
        print("\n".join(leaks))
        print("---- server log (tail), for the leak ----")
        print(srv.log()[-12000:])
        clean_leftovers(srv)
        return 1
    print("host state after the run: nothing of the server's is left")
    return rc


if __name__ == "__main__":
    sys.exit(main())
