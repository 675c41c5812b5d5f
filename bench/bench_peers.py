"""Our server against dockerd and podman in one run, on this machine, with one raw client.

    python bench/bench_peers.py [--rounds 20] [--quick] [--only ours,dockerd] [--workloads pull,memory]   (root)

Installs Debian's docker.io and podman when missing (no service may start: a policy-rc.d
denies them), starts dockerd (+ its containerd), podman's API service and our pouchd on private
sockets, state dirs and cgroup names, loads the same busybox image into all three, and drives
each socket with the same HTTP/1.1 client (bench/rawhttp.py) in interleaved rounds (ours,
dockerd, podman, ours, ...), containers on NetworkMode none. Floors measured in the same run:
`runc run` of a busybox bundle (lifecycle), `runc exec` into our container (exec), `cat` of our
log file (logs), `skopeo copy` of the same image (pull). Prints medians and ratios; stops and
removes everything it started, also on failure or Ctrl-C. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import hostclean  # noqa: E402
from bench.fixtures import RUNC, pull_image_archive, runc_bundle  # noqa: E402
from bench.peers import Daemon, Dockerd, Ours, Podman, install_peers  # noqa: E402
from bench.rawhttp import RawClient, demux, first_byte_s  # noqa: E402
from tests.helpers.images import build_busybox_image_tar  # noqa: E402
from tests.helpers.registry import LocalRegistry  # noqa: E402

# in the order they run; "memory" last: the RSS settled after all the others
WORKLOADS = (
    "lifecycle", "exec_true", "logs", "concurrent_creates", "list_and_inspect", "ping", "events", "pull", "memory",
)  # fmt: skip
LOG_LINES = 100_000
LIST_SIZE = 100
CREATES, CREATE_CLIENTS = 50, 8
PING_CLIENTS = 8
SUBSCRIBERS = 200
EXEC_TRUE = {"Cmd": ["true"], "AttachStdout": True, "AttachStderr": True}
# Shared by skopeo and podman (the blob-info cache), and by umount (libmount's dir).
TOOL_HOST_PATHS = [
    "/var/lib/containers/cache/blob-info-cache-v1.boltdb",
    "/var/lib/containers/cache",
    "/var/lib/containers",
    "/run/mount",
]


@dataclass
class Row:
    """One workload: samples per participant (daemons and the floor), a unit, a direction."""

    title: str
    unit: str
    floor_label: str = ""
    higher_is_better: bool = False
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, who: str, value: float) -> None:
        self.samples.setdefault(who, []).append(value)

    def median(self, who: str) -> float | None:
        s = self.samples.get(who)
        return statistics.median(s) if s else None


class Machine:
    """How busy the shared machine is: load averages, and waits for a quiet moment between turns."""

    def __init__(self) -> None:
        self.settles = 0
        self.busy_settles = 0

    @staticmethod
    def load() -> str:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])

    @staticmethod
    def _cpu() -> tuple[int, int]:
        vals = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(vals), vals[3] + vals[4]

    def busy_fraction(self, window: float = 0.05) -> float:
        t0, i0 = self._cpu()
        time.sleep(window)
        t1, i1 = self._cpu()
        return 1 - (i1 - i0) / max(1, t1 - t0)

    def settle(self, daemon: Daemon | None = None, limit: float = 1.0, threshold: float = 0.3) -> None:
        """The previous turn's leftovers finish before the next turn is timed."""
        if daemon is not None:
            daemon.quiesce()
        self.settles += 1
        deadline = time.monotonic() + limit
        while self.busy_fraction() > threshold:
            if time.monotonic() > deadline:
                self.busy_settles += 1
                return


class Bench:
    def __init__(self, daemons: list[Daemon], base: Path, args: argparse.Namespace) -> None:
        self.daemons = daemons
        self.base = base
        self.args = args
        self.rows: list[Row] = []
        self.machine = Machine()
        self.clients = {d.name: d.client() for d in daemons}
        self.notes: list[str] = []

    def row(self, title: str, unit: str, **kw: Any) -> Row:
        r = Row(title, unit, **kw)
        self.rows.append(r)
        return r

    def rounds(
        self, row: Row, n: int, turn: Callable[[Daemon, RawClient], float], floor: Callable[[], float] | None = None
    ) -> None:
        """``n`` rounds; in each, every daemon takes one turn, in the same order, after a quiet moment."""
        for _ in range(n):
            for d in self.daemons:
                self.machine.settle(d)
                row.add(d.name, turn(d, self.clients[d.name]))
            if floor is not None:
                self.machine.settle()
                row.add("floor", floor())

    # -- setup ---------------------------------------------------------------------------

    def load_image(self, archive: Path) -> None:
        ids = {}
        data = archive.read_bytes()
        for d in self.daemons:
            c = self.clients[d.name]
            c.request("POST", "/images/load", data).check(200)
            ids[d.name] = c.get(f"/images/{d.image}/json").check(200).json()["Id"]
        if len(set(ids.values())) != 1:
            raise RuntimeError(f"the daemons hold different images: {ids}")
        self.notes.append(f"busybox image {next(iter(ids.values()))[:19]} loaded into {', '.join(ids)}")

    @staticmethod
    def create(d: Daemon, c: RawClient, cmd: list[str]) -> str:
        return str(c.post("/containers/create", d.container(cmd)).check(201).json()["Id"])

    # -- workloads -----------------------------------------------------------------------

    def lifecycle(self) -> None:
        row = self.row("create+start+wait+delete `true`", "ms", floor_label="runc run")
        bundle = runc_bundle(self.base / "runc", f"/bench-runc-{self.base.name}/c")
        root = str(self.base / "runc" / "state")
        seq = iter(range(1 << 30))

        def runc_run() -> float:
            t = time.perf_counter()
            subprocess.run([RUNC, "--root", root, "run", f"b{next(seq)}"], cwd=bundle, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            return (time.perf_counter() - t) * 1000

        def turn(d: Daemon, c: RawClient) -> float:
            t = time.perf_counter()
            cid = self.create(d, c, ["true"])
            c.post(f"/containers/{cid}/start").check(204)
            code = c.post(f"/containers/{cid}/wait").check(200).json()["StatusCode"]
            c.delete(f"/containers/{cid}").check(204)
            elapsed = (time.perf_counter() - t) * 1000
            assert code == 0, f"{d.name}: `true` exited {code}"
            return elapsed

        self.rounds(row, 2, turn)  # warm-up: image mounts, caches
        row.samples.clear()
        self.rounds(row, self.args.rounds, turn, runc_run)

    def exec_true(self) -> None:
        row = self.row("exec `true` (create+start, attached)", "ms", floor_label="runc exec")
        sleepers = {}
        for d in self.daemons:
            c = self.clients[d.name]
            sleepers[d.name] = cid = self.create(d, c, ["sleep", "3600"])
            c.post(f"/containers/{cid}/start").check(204)
        floor = self.runc_exec_floor(sleepers)

        def turn(d: Daemon, c: RawClient) -> float:
            t = time.perf_counter()
            eid = c.post(f"/containers/{sleepers[d.name]}/exec", EXEC_TRUE).check(201).json()["Id"]
            status, _ = c.hijack("POST", f"/exec/{eid}/start", {"Detach": False, "Tty": False})
            elapsed = (time.perf_counter() - t) * 1000
            assert status in (101, 200), f"{d.name}: exec start answered {status}"
            return elapsed

        self.rounds(row, 2, turn)
        row.samples.clear()
        self.rounds(row, self.args.rounds, turn, floor)
        for d in self.daemons:
            self.clients[d.name].delete(f"/containers/{sleepers[d.name]}?force=1").check(204)

    def runc_exec_floor(self, sleepers: dict[str, str]) -> Callable[[], float] | None:
        ours = next((d for d in self.daemons if isinstance(d, Ours)), None)
        if ours is None or ours.server is None:
            return None
        root = str(ours.server.exec_root / "runc")  # where our engine keeps runc's state
        cid = sleepers[ours.name]

        def floor() -> float:
            t = time.perf_counter()
            subprocess.run([RUNC, "--root", root, "exec", cid, "true"], check=True)
            return (time.perf_counter() - t) * 1000

        return floor

    def logs(self) -> None:
        row = self.row(f"logs: {LOG_LINES // 1000}k lines read back", "ms", floor_label="cat log file")
        script = f"i=0; while [ $i -lt {LOG_LINES} ]; do echo line-$i; i=$((i+1)); done"
        writers = {}
        for d in self.daemons:
            c = self.clients[d.name]
            writers[d.name] = cid = self.create(d, c, ["sh", "-c", script])
            c.post(f"/containers/{cid}/start").check(204)
        for d in self.daemons:
            self.clients[d.name].post(f"/containers/{writers[d.name]}/wait").check(200)
        expected = "".join(f"line-{i}\n" for i in range(LOG_LINES)).encode()

        def turn(d: Daemon, c: RawClient) -> float:
            t = time.perf_counter()
            body = c.get(f"/containers/{writers[d.name]}/logs?stdout=1").check(200).body
            elapsed = (time.perf_counter() - t) * 1000
            # podman cuts lines into partial frames here and there: compare the payload
            assert demux(body) == expected, f"{d.name}: {len(body)} bytes of logs, not the {LOG_LINES} lines"
            return elapsed

        floor = None
        if "ours" in writers:
            log_path = self.clients["ours"].get(f"/containers/{writers['ours']}/json").json()["LogPath"]

            def floor() -> float:
                t = time.perf_counter()
                subprocess.run(["cat", log_path], stdout=subprocess.DEVNULL, check=True)
                return (time.perf_counter() - t) * 1000

        self.rounds(row, max(3, self.args.rounds // 2), turn, floor)
        for d in self.daemons:
            self.clients[d.name].delete(f"/containers/{writers[d.name]}").check(204)

    def concurrent_creates(self) -> None:
        row = self.row(f"{CREATES} creates, {CREATE_CLIENTS} clients at a time", "ms")
        local = threading.local()

        def turn(d: Daemon, c: RawClient) -> float:
            def one(_: int) -> str:
                if getattr(local, "socket", None) != d.socket:
                    local.socket, local.client = d.socket, d.client()
                return self.create(d, local.client, ["true"])

            with ThreadPoolExecutor(CREATE_CLIENTS) as pool:
                list(pool.map(lambda _: c.get("/_ping"), range(1)))  # threads exist before timing
                t = time.perf_counter()
                made = list(pool.map(one, range(CREATES)))
                elapsed = (time.perf_counter() - t) * 1000
            for cid in made:
                c.delete(f"/containers/{cid}").check(204)
            return elapsed

        self.rounds(row, max(3, self.args.rounds // 4), turn)

    def list_and_inspect(self) -> None:
        lst = self.row(f"GET /containers/json?all=1, {LIST_SIZE} containers", "ms")
        size = self.row(f"  its response size, {LIST_SIZE} containers", "KB")
        insp = self.row("GET /containers/{id}/json", "ms")
        made: dict[str, list[str]] = {}
        for d in self.daemons:
            c = self.clients[d.name]
            made[d.name] = [self.create(d, c, ["true"]) for _ in range(LIST_SIZE)]
        calls = 20

        def list_turn(d: Daemon, c: RawClient) -> float:
            req = c.build("GET", "/containers/json?all=1")
            times = []
            for _ in range(calls):
                t = time.perf_counter()
                r = c.send_raw(req)
                times.append((time.perf_counter() - t) * 1000)
            assert r.status == 200 and len(r.json()) == LIST_SIZE, f"{d.name}: {r.status}, {len(r.json())} listed"
            size.add(d.name, len(r.body) / 1000)
            return statistics.median(times)

        def inspect_turn(d: Daemon, c: RawClient) -> float:
            req = c.build("GET", f"/containers/{made[d.name][0]}/json")
            times = []
            for _ in range(calls * 5):
                t = time.perf_counter()
                r = c.send_raw(req)
                times.append((time.perf_counter() - t) * 1000)
            assert r.status == 200, f"{d.name}: inspect answered {r.status}"
            return statistics.median(times)

        self.rounds(lst, self.args.rounds, list_turn)
        self.rounds(insp, self.args.rounds, inspect_turn)
        for d in self.daemons:
            for cid in made[d.name]:
                self.clients[d.name].delete(f"/containers/{cid}").check(204)

    def ping(self) -> None:
        rate = self.row(f"GET /_ping, {PING_CLIENTS} client processes", "req/s", higher_is_better=True)
        loaded = self.row("  p50 latency under that load", "ms")
        single = self.row("GET /_ping, one sequential client, p50", "ms")
        seconds = 1.0 if self.args.quick else 3.0
        ctx = multiprocessing.get_context("fork")

        def turn(d: Daemon, c: RawClient) -> float:
            start = time.monotonic() + 0.5
            with ctx.Pool(PING_CLIENTS, initializer=client_process_init) as pool:
                results = pool.starmap(ping_loop, [(d.socket, start, seconds)] * PING_CLIENTS)
            lat = sorted(x for r in results for x in r)
            loaded.add(d.name, lat[len(lat) // 2] * 1000)
            return len(lat) / seconds

        def single_turn(d: Daemon, c: RawClient) -> float:
            req = c.build("GET", "/_ping")
            times = []
            for _ in range(2000):
                t = time.perf_counter()
                c.send_raw(req)
                times.append(time.perf_counter() - t)
            return statistics.median(times) * 1000

        self.rounds(rate, 3, turn)
        self.rounds(single, 5, single_turn)

    def events(self) -> None:
        ttfb = self.row("GET /events, time to first byte (idle)", "ms")
        opening = self.row(f"GET /events, {SUBSCRIBERS} subscribers opening", "ms")

        def ttfb_turn(d: Daemon, c: RawClient) -> float:
            try:
                return first_byte_s(d.socket, c.build("GET", "/events")) * 1000
            except TimeoutError:
                return 5000.0  # no head within 5 s (nothing happened to send)

        def opening_turn(d: Daemon, c: RawClient) -> float:
            return subscribers_open_s(d.socket, c.build("GET", "/events"), SUBSCRIBERS) * 1000

        self.rounds(ttfb, 5, ttfb_turn)
        self.rounds(opening, 3, opening_turn)

    def pull(self, registry: LocalRegistry) -> None:
        archive = pull_image_archive(self.base / "pull.tar", seed="bench-pull")
        registry.seed(archive, "bench/pull:1")
        ref = f"{registry.host}/bench/pull:1"
        mb = archive.stat().st_size / 1e6
        row = self.row(f"pull, 3 layers {mb:.0f} MB, local registry", "s", floor_label="skopeo copy")
        out = self.base / "skopeo-out"

        def skopeo() -> float:
            subprocess.run(["rm", "-rf", str(out)], check=True)
            t = time.perf_counter()
            subprocess.run(["skopeo", "copy", "--quiet", "--src-tls-verify=false", f"docker://{ref}", f"oci:{out}:x"],
                           check=True)  # fmt: skip
            return time.perf_counter() - t

        def turn(d: Daemon, c: RawClient) -> float:
            t = time.perf_counter()
            r = c.post(f"/images/create?fromImage={registry.host}/bench/pull&tag=1").check(200)
            elapsed = time.perf_counter() - t
            assert b'"error"' not in r.body, f"{d.name}: {r.body[-500:]!r}"
            c.delete(f"/images/{ref}?force=1").check(200, 204)  # its layers too: every pull is a full one
            return elapsed

        self.rounds(row, max(3, self.args.rounds // 2), turn, skopeo)  # 5 rounds left the ratio to noise

    def memory(self) -> None:
        row = self.row("settled RSS of the daemon's processes", "MB")
        time.sleep(5)
        for d in self.daemons:
            d.quiesce()
            parts = {f"{hostclean.comm(p)}[{p}]": hostclean.rss_kib(p) / 1024 for p in d.pids()}
            row.add(d.name, sum(parts.values()))
            self.notes.append(f"RSS {d.name}: " + ", ".join(f"{k} {v:.1f} MB" for k, v in parts.items()))

    # -- report --------------------------------------------------------------------------

    def table(self) -> str:
        names = [d.name for d in self.daemons]
        peers = [n for n in names if n != "ours"]
        head = f"{'workload':44} {'unit':>5} {'floor':>9} " + " ".join(f"{n:>9}" for n in names)
        head += "".join(f" {'ours/' + p:>12}" for p in peers) + f" {'ours/floor':>10}  floor"
        lines = [head, "-" * len(head)]
        for r in self.rows:
            meds = {n: r.median(n) for n in ["floor", *names]}

            def fmt(v: float | None) -> str:
                if v is None:
                    return f"{'-':>9}"
                return f"{v:9.0f}" if v >= 1000 else f"{v:9.3f}" if v < 1 else f"{v:9.2f}" if v < 100 else f"{v:9.1f}"

            def ratio(a: float | None, b: float | None) -> str:
                return f"{a / b:11.2f}x" if a is not None and b else f"{'-':>12}"

            line = f"{r.title:44} {r.unit:>5} {fmt(meds['floor'])} " + " ".join(fmt(meds[n]) for n in names)
            line += "".join(f" {ratio(meds.get('ours'), meds[p])}" for p in peers)
            line += f" {ratio(meds.get('ours'), meds['floor'])[1:]}  {r.floor_label}"
            if r.higher_is_better:
                line += " (higher is better)"
            lines.append(line)
        return "\n".join(lines)


def client_process_init() -> None:
    """A client process leaves cleanup to the parent and ends quietly when the pool ends it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ping_loop(socket_path: str, start: float, seconds: float) -> list[float]:
    """One client process: GET /_ping on one keep-alive connection from ``start`` for ``seconds``."""
    c = RawClient(socket_path)
    req = c.build("GET", "/_ping")
    for _ in range(20):
        c.send_raw(req)
    lat = []
    while time.monotonic() < start:
        time.sleep(0.001)
    end = start + seconds
    now = time.perf_counter
    while time.monotonic() < end:
        t = now()
        c.send_raw(req)
        lat.append(now() - t)
    c.close()
    return lat


def subscribers_open_s(socket_path: str, request: bytes, n: int, timeout: float = 30) -> float:
    """Seconds from sending ``n`` event subscriptions (connections already open) until every one
    has its response head."""
    socks = []
    sel = selectors.DefaultSelector()
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(socket_path)
            s.setblocking(False)
            socks.append(s)
        got = {s.fileno(): b"" for s in socks}
        t = time.perf_counter()
        for s in socks:
            s.sendall(request)
            sel.register(s, selectors.EVENT_READ)
        pending = n
        deadline = t + timeout
        while pending:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{pending} of {n} subscribers got no head within {timeout} s")
            for key, _ in sel.select(1):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                data = sock.recv(65536)
                got[sock.fileno()] += data
                if b"\r\n\r\n" in got[sock.fileno()] or not data:
                    sel.unregister(sock)
                    pending -= 1
        return time.perf_counter() - t
    finally:
        sel.close()
        for s in socks:
            s.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20, help="rounds of the per-container workloads")
    ap.add_argument("--quick", action="store_true", help="few rounds: check the harness, not the figures")
    ap.add_argument("--only", default="ours,dockerd,podman", help="daemons to run, in turn order")
    ap.add_argument("--workloads", default="", help=f"a subset, comma-separated, of: {', '.join(WORKLOADS)}")
    args = ap.parse_args()
    if args.quick:
        args.rounds = 3
    if os.geteuid() != 0:
        sys.exit("bench_peers needs root: it starts daemons that run containers")
    kinds = {"ours": Ours, "dockerd": Dockerd, "podman": Podman}
    wanted = [n for n in args.only.split(",") if n]
    if "dockerd" in wanted or "podman" in wanted:
        install_peers(tuple(p for n, p in (("dockerd", "docker.io"), ("podman", "podman")) if n in wanted))

    def on_term(_sig: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    base = Path(tempfile.mkdtemp(prefix="bp", dir="/tmp"))  # short: socket paths must stay under 108 bytes
    tool_paths = hostclean.CreatedPaths(TOOL_HOST_PATHS)
    daemons = [kinds[n](base / n) for n in wanted]
    registry = LocalRegistry(base / "registry")
    left: list[str] = []
    try:
        registry.start()
        for d in daemons:
            d.start(registry.host)
        bench = Bench(daemons, base, args)
        load_before = Machine.load()
        started = time.monotonic()
        bench.load_image(build_busybox_image_tar(base / "busybox.tar", fmt="docker", repo_tags=["busybox:latest"]))
        chosen = [w for w in WORKLOADS if not args.workloads or w in args.workloads.split(",")]
        for name in chosen:
            print(f"# {name} (load {Machine.load()})", flush=True)
            if name == "pull":
                bench.pull(registry)
            else:
                getattr(bench, name)()
        table = bench.table()
        for c in bench.clients.values():
            c.close()
        m = bench.machine
        bench.notes.append(
            f"load average {load_before} before, {Machine.load()} after; {time.monotonic() - started:.0f} s; "
            f"{m.busy_settles} of {m.settles} turns began on a busy machine (>30% CPU after 1 s of waiting)"
        )
        print("\n" + table)
        for n in bench.notes:
            print(f"# {n}")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
        for d in daemons:
            left += [f"{d.name}: {x}" for x in d.stop()]
        registry.stop()
        left += [f"runc floor: {x}" for x in hostclean.remove_cgroups(f"bench-runc-{base.name}")]
        left += [f"mount {m}" for m in hostclean.unmount_under(base)]
        if not left:
            subprocess.run(["rm", "-rf", "--one-file-system", str(base)], check=False)
        tool_paths.remove()
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if left:
        print("# NOT CLEANED UP:\n#   " + "\n#   ".join(left), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
