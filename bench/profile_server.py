"""Where our server's time and memory go, for the figures bench_peers.py prints (root).

    python bench/profile_server.py layers [--requests 5000]   per-layer µs of GET /_ping and inspect,
                                                              in-process (no socket), plus cProfile
    python bench/profile_server.py worker [--seconds 10]      CPU µs per request of the real gunicorn
                                                              worker, and a py-spy profile of it
    python bench/profile_server.py memory                     RSS/PSS of the pouchd process by mapping,
                                                              Python heap by package (tracemalloc)
    python bench/profile_server.py start [--starts 10]        a container start traced with timestamps

``layers`` times every ASGI layer of the app (ours, then connexion's middleware stack, then the
operation and the pieces of connexion's decorated call) and reports each layer's own time (its
time minus the next layer's); the clock is the thread's CPU time, so preemption on a busy machine
stays out, and the timers' own cost is measured and taken out. Nothing here changes the server: it is built the
way ``server.app.create_app`` builds it and only observed.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import cProfile
import functools
import io
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import hostclean  # noqa: E402
from bench.rawhttp import RawClient  # noqa: E402
from tests.helpers.images import busybox_tar  # noqa: E402
from tests.helpers.server import RunningServer  # noqa: E402

# -- in-process ASGI driving ---------------------------------------------------------------


def layer_name(app: Any) -> str:
    mod = type(app).__module__
    return f"{type(app).__name__} ({mod.split('.')[0]})"


def instrument(outer: Any, sink: dict[str, int]) -> list[str]:
    """Time every layer from ``outer`` down: our two middlewares, connexion's AsyncApp and its
    middleware stack, down to the router of operations. The layers hold references to the next
    one taken when the stack was built (the routed ones pass them to their routes), so the timer
    goes on each layer's class. Returns the layer names, outermost first."""
    chain = []
    node = outer
    while node is not None and callable(node):
        chain.append(node)
        if type(node).__name__ == "AsyncASGIApp":
            break  # its operations come next (timed by instrument_operations)
        attr = {"AsyncApp": "middleware", "LifespanMiddleware": "next_app"}.get(type(node).__name__, "app")
        node = getattr(node, attr, None)
    for layer in chain:
        cls = type(layer)
        name = layer_name(layer)
        call = cls.__call__

        async def timed(self: Any, scope: Any, receive: Any, send: Any, _call: Any = call, _n: str = name) -> Any:
            if scope.get("type") != "http":
                return await _call(self, scope, receive, send)
            t = time.thread_time_ns()
            try:
                return await _call(self, scope, receive, send)
            finally:
                sink[_n] += time.thread_time_ns() - t

        cls.__call__ = timed  # type: ignore[method-assign]
    return [layer_name(layer) for layer in chain]


def instrument_operations(sink: dict[str, int]) -> None:
    """Split connexion's operation call: building the decorated function (done per request),
    running it (parameter decorator, our resolver adapter, the handler, response decorator),
    and sending the Starlette response."""
    from connexion.apps.asynchronous import AsyncOperation

    async def call(self: Any, scope: Any, receive: Any, send: Any) -> Any:
        t0 = time.thread_time_ns()
        fn = self.fn
        t1 = time.thread_time_ns()
        response = await fn()
        t2 = time.thread_time_ns()
        result = await response(scope, receive, send)
        t3 = time.thread_time_ns()
        sink["operation: decorate (AsyncOperation.fn, per request)"] += t1 - t0
        sink["operation: decorated call (params, adapter, handler, jsonify)"] += t2 - t1
        sink["operation: starlette response send"] += t3 - t2
        return result

    AsyncOperation.__call__ = call  # type: ignore[method-assign]


DETAIL = "    in it: "
NESTED = "#timers inside the decorated call"


def instrument_decorator_parts(sink: dict[str, int]) -> None:
    """Inside connexion's decorated call: the per-request decoration, the request object, the
    argument preparation, our resolver adapter, the response building and its JSON encoding.
    Done before create_app (the resolver adapts the handlers at start-up)."""
    from connexion import jsonifier, lifecycle
    from connexion.decorators import main, parameter, response
    from connexion.frameworks import starlette as fw

    import server.resolver as resolver

    def timed_sync(fn: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*a: Any, **kw: Any) -> Any:
            t = time.thread_time_ns()
            try:
                return fn(*a, **kw)
            finally:
                sink[DETAIL + label] += time.thread_time_ns() - t
                sink[NESTED] += 1

        return timed

    main.BaseDecorator.decorate = timed_sync(main.BaseDecorator.decorate, "decorate() again, per request "
                                             "(signature inspection, functools.wraps)")  # fmt: skip
    uri = main.BaseDecorator.uri_parser
    main.BaseDecorator.uri_parser = property(timed_sync(uri.fget, "URI parser built, per request"))  # type: ignore[method-assign,assignment]
    fw.Starlette.get_request = staticmethod(timed_sync(fw.Starlette.get_request, "ConnexionRequest built"))  # type: ignore[method-assign]
    parameter.prep_kwargs = timed_sync(parameter.prep_kwargs, "prep_kwargs (arguments from path/query/body)")
    response.BaseResponseDecorator.build_framework_response = timed_sync(
        response.BaseResponseDecorator.build_framework_response, "build_framework_response (incl. JSON)"
    )  # type: ignore[method-assign]
    jsonifier.Jsonifier.dumps = timed_sync(jsonifier.Jsonifier.dumps, "  of which Jsonifier.dumps (JSON encoding)")  # type: ignore[method-assign]
    parameter.BaseParameterDecorator._maybe_get_body = timed_sync(  # type: ignore[method-assign]
        parameter.BaseParameterDecorator._maybe_get_body, "_maybe_get_body"
    )
    files = lifecycle.ConnexionRequest.files

    async def timed_files(self: Any) -> Any:
        t = time.thread_time_ns()
        try:
            return await files(self)
        finally:
            sink[DETAIL + "await request.files() (form parsing, also for a GET)"] += time.thread_time_ns() - t
            sink[NESTED] += 1

    lifecycle.ConnexionRequest.files = timed_files  # type: ignore[method-assign]
    adapt = resolver._adapt

    def timed_adapt(fn: Callable[..., Any], body_name: str | None) -> Callable[..., Any]:
        adapted = adapt(fn, body_name)

        @functools.wraps(adapted)
        async def timed(**kw: Any) -> Any:
            t = time.thread_time_ns()
            try:
                return await adapted(**kw)
            finally:
                sink[DETAIL + "our resolver adapter (incl. the handler)"] += time.thread_time_ns() - t
                sink[NESTED] += 1

        return timed

    resolver._adapt = timed_adapt


def instrument_handlers(sink: dict[str, int]) -> None:
    """Time the two handlers themselves (below our resolver adapter). Done before create_app:
    the resolver takes the functions at start-up."""
    import server.handlers.containers as containers
    import server.handlers.system as system

    for mod, fname in ((system, "system_ping"), (containers, "container_inspect")):
        fn = getattr(mod, fname)

        @functools.wraps(fn)
        async def timed(*a: Any, _fn: Callable[..., Any] = fn, _n: str = fname, **kw: Any) -> Any:
            t = time.thread_time_ns()
            try:
                return await _fn(*a, **kw)
            finally:
                sink[f"handler {_n} (engine call, no JSON yet)"] += time.thread_time_ns() - t
                sink[NESTED] += 1

        setattr(mod, fname, timed)


class Driver:
    """Sends ASGI requests to an app in this process and collects the answers."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def request(self, method: str, path: str, body: bytes = b"", ctype: str = "") -> tuple[int, bytes]:
        path, _, query = path.partition("?")
        headers = [(b"host", b"bench")]
        if body or method == "POST":
            headers.append((b"content-length", str(len(body)).encode()))
        if ctype:
            headers.append((b"content-type", ctype.encode()))
        scope = {
            "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
            "query_string": query.encode(), "root_path": "", "headers": headers, "client": None,
            "server": None, "state": {},
        }  # fmt: skip
        sent = False
        out: dict[str, Any] = {"status": 0, "body": b""}

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()
            return {"type": "http.disconnect"}

        async def send(msg: dict[str, Any]) -> None:
            if msg["type"] == "http.response.start":
                out["status"] = msg["status"]
            elif msg["type"] == "http.response.body":
                out["body"] += msg.get("body", b"")

        await self.app(scope, receive, send)
        return out["status"], out["body"]


async def lifespan(app: Any, phase: str, queue: asyncio.Queue[Any], done: asyncio.Queue[Any]) -> None:
    await queue.put({"type": f"lifespan.{phase}"})
    msg = await done.get()
    if not msg["type"].endswith(".complete"):
        raise RuntimeError(f"lifespan {phase}: {msg}")


class InProcessServer:
    """The app as create_app builds it, its lifespan run here, on private dirs and cgroup name."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.cgroup = f"pouch-prof-{uuid.uuid4().hex[:6]}"
        self.app: Any = None
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.done: asyncio.Queue[Any] = asyncio.Queue()
        self.life: asyncio.Task[Any] | None = None

    async def __aenter__(self) -> Driver:
        from runtime.config import DaemonConfig
        from server.app import create_app

        config = DaemonConfig(listen=[], home_dir=self.base / "home", exec_root_dir=self.base / "run",
                              cgroup_parent=self.cgroup, log_level="warning")  # fmt: skip
        self.app = create_app(config)
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
        self.life = asyncio.create_task(self.app(scope, self.queue.get, self.done.put))
        await lifespan(self.app, "startup", self.queue, self.done)
        drv = Driver(self.app)
        status, body = await drv.request("POST", "/v1.24/images/load?name=busybox:latest",
                                         busybox_tar().read_bytes(), "application/x-tar")  # fmt: skip
        assert status == 200, body
        return drv

    async def __aexit__(self, *_exc: object) -> None:
        drv = Driver(self.app)
        status, body = await drv.request("GET", "/v1.24/containers/json?all=1")
        for ctr in json.loads(body) if status == 200 else []:
            await drv.request("DELETE", f"/v1.24/containers/{ctr['Id']}?force=1")
        await drv.request("DELETE", "/v1.24/images/busybox:latest?force=1")
        await lifespan(self.app, "shutdown", self.queue, self.done)
        if self.life:
            self.life.cancel()

    def cleanup(self) -> None:
        hostclean.kill_pids(hostclean.pids_mentioning(str(self.base)))
        hostclean.unmount_under(self.base)
        hostclean.remove_cgroups(self.cgroup)
        shutil.rmtree(self.base, ignore_errors=True)


NONE_TRUE = b'{"Image": "busybox", "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}}'


async def create(drv: Driver, body: bytes = NONE_TRUE) -> str:
    status, out = await drv.request("POST", "/v1.24/containers/create", body, "application/json")
    assert status == 201, out
    return str(json.loads(out)["Id"])


async def run_layers(requests: int, base: Path) -> None:
    srv = InProcessServer(base)
    sink: dict[str, int] = collections.defaultdict(int)
    instrument_handlers(sink)
    instrument_decorator_parts(sink)
    try:
        async with srv as drv:
            cid = await create(drv)
            cases = {"GET /_ping": "/v1.24/_ping", "GET /containers/{id}/json": f"/v1.24/containers/{cid}/json"}
            plain = {}
            for title, path in cases.items():
                for _ in range(300):
                    await drv.request("GET", path)
                plain[title] = await cpu_us(drv, path, requests)
                await run_cprofile(drv, path, requests // 2, title)
            timer_ns = await timer_cost(requests)
            names = instrument(srv.app, sink)
            instrument_operations(sink)
            for title, path in cases.items():
                for _ in range(300):
                    await drv.request("GET", path)
                sink.clear()
                for _ in range(requests):
                    status, body = await drv.request("GET", path)
                assert status == 200, body
                print(f"\n== {title}: {plain[title]:.1f} µs CPU per request in-process, no timers "
                      f"(a timer costs {timer_ns / 1000:.2f} µs; taken out below)")  # fmt: skip
                report_layers(sink, names, OP_NAMES, requests, timer_ns)
    finally:
        srv.cleanup()


OP_NAMES = [
    "operation: decorate (AsyncOperation.fn, per request)",
    "operation: decorated call (params, adapter, handler, jsonify)",
    "operation: starlette response send",
]


async def timer_cost(n: int) -> float:
    """ns a layer timer adds around a trivial layer."""

    class Nothing:
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            return None

    plain, scope = Nothing(), {"type": "http"}
    t = time.thread_time_ns()
    for _ in range(n):
        await plain(scope, None, None)
    without = time.thread_time_ns() - t
    instrument(plain, collections.defaultdict(int))
    t = time.thread_time_ns()
    for _ in range(n):
        await plain(scope, None, None)
    return (time.thread_time_ns() - t - without) / n


async def cpu_us(drv: Driver, path: str, n: int) -> float:
    """CPU µs per request (median of 5 chunks)."""
    samples = []
    for _ in range(5):
        t = time.thread_time_ns()
        for _ in range(n // 5):
            await drv.request("GET", path)
        samples.append((time.thread_time_ns() - t) / (n // 5) / 1000)
    return statistics.median(samples)


def report_layers(sink: dict[str, int], names: list[str], op_names: list[str], n: int, timer_ns: float) -> None:
    """Each layer's own µs: its inclusive time minus the next layer's, less one timer."""
    chain = [nm for nm in names if nm in sink]
    incl = [sink[nm] / n for nm in chain]
    print(f"{'layer (outermost first)':64} {'own µs':>8} {'incl µs':>8}")
    for i, nm in enumerate(chain):
        below = incl[i + 1] if i + 1 < len(chain) else sum(sink[o] for o in op_names) / n
        print(f"{nm:64} {(incl[i] - below) / 1000 - timer_ns / 1000:8.1f} {incl[i] / 1000:8.1f}")
    for o in op_names:
        own = sink[o] / n
        if o.startswith("operation: decorated call"):
            own -= sum(v for k, v in sink.items() if k.startswith("handler ")) / n
            own -= sink[NESTED] / n * timer_ns  # the timers inside it
            o_label = "operation: decorators + adapter + JSON (less the handler)"
        else:
            o_label = o
        print(f"{o_label:64} {own / 1000:8.1f}")
    for k, v in sink.items():
        if k.startswith("handler "):
            print(f"{k:64} {v / n / 1000 - timer_ns / 1000:8.1f}")
    print("  the decorated call, piece by piece (inclusive µs, each with ~1 timer of its own in it):")
    for k, v in sorted(sink.items()):
        if k.startswith(DETAIL):
            print(f"  {k[len(DETAIL) :]:70} {v / n / 1000:8.1f}")


GROUPS = [
    ("server/limits.py", "ours: RequestLimits"),
    ("server/middleware.py", "ours: DockerCompatMiddleware"),
    ("server/resolver.py", "ours: resolver adapter"),
    ("server/handlers/", "ours: handlers"),
    ("server/", "ours: server (other)"),
    ("runtime/", "engine (runtime/)"),
    ("connexion/middleware/", "connexion middleware"),
    ("connexion/decorators/", "connexion decorators"),
    ("connexion/validators/", "connexion validators"),
    ("connexion/", "connexion (other)"),
    ("starlette/", "starlette"),
    ("jsonschema", "jsonschema"),
    ("uvicorn/", "uvicorn"),
    ("httptools", "httptools"),
    ("/json/", "json (stdlib)"),
    ("copy.py", "copy.deepcopy"),
    ("marshmallow", "marshmallow"),
    ("asyncio/", "asyncio"),
    ("inspect.py", "inspect (stdlib)"),
    ("typing.py", "typing"),
    ("re/", "re"),
    ("functools.py", "functools"),
]


def group_of(filename: str) -> str:
    for needle, label in GROUPS:
        if needle in filename:
            if needle.startswith("connexion/middleware/"):
                return "connexion " + filename.rsplit("/", 1)[-1].removesuffix(".py")
            return label
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "other: " + "/".join(Path(filename).parts[-2:])


async def run_cprofile(drv: Driver, path: str, n: int, title: str) -> None:
    """Self time by package under cProfile (which inflates small calls: read the shares)."""
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        await drv.request("GET", path)
    prof.disable()
    stats = pstats.Stats(prof)
    by_group: dict[str, float] = collections.defaultdict(float)
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_group[group_of(filename) if filename != "~" else f"builtin {func}"] += tt
    total = sum(by_group.values())
    print(f"\n-- cProfile, {title}: self time by package ({total / n * 1e6:.0f} µs per request under cProfile)")
    for k, v in sorted(by_group.items(), key=lambda kv: -kv[1])[:24]:
        print(f"   {k:60} {v / n * 1e6:7.1f} µs  {v / total * 100:5.1f}%")
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(30)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    print("\n".join(lines[3:40]))
    buf = io.StringIO()
    callers = pstats.Stats(prof, stream=buf)
    callers.print_callers(r"copy.py:\d+\(deepcopy\)")
    print("   who calls deepcopy (cumulative s over the run):")
    for ln in buf.getvalue().splitlines():
        if "<-" in ln or ("copy.py" not in ln and re.search(r"\d+\.\d{3}", ln)):
            print("   " + ln.strip()[:150])


# -- the real worker -----------------------------------------------------------------------


def cpu_ns(pid: int) -> int:
    """CPU time of every thread of ``pid`` (schedstat: ns on a CPU)."""
    total = 0
    for t in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((t / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


TRUE_NONE = {"Image": "busybox", "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}}


def start_server(base: Path) -> tuple[RunningServer, RawClient, int]:
    srv = RunningServer(base, extra_args=["--log-level", "info"]).start(timeout=60)
    c = RawClient(srv.socket)
    c.request("POST", "/images/load?name=busybox:latest", busybox_tar().read_bytes()).check(200)
    assert srv.proc is not None
    worker = srv.proc.pid  # one process serves
    return srv, c, worker


def stop_server(srv: RunningServer, base: Path) -> None:
    srv.purge()
    srv.stop()
    hostclean.kill_pids(hostclean.pids_mentioning(str(base)))
    hostclean.unmount_under(base)
    hostclean.remove_cgroups(f"pouch-{srv.tag}")
    shutil.rmtree(base, ignore_errors=True)


def client_loop(socket_path: str, path: str, seconds: float) -> int:
    c = RawClient(socket_path, prefix="")
    req = c.build("GET", path)
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        c.send_raw(req)
        n += 1
    return n


def run_worker(base: Path, seconds: float, requests: int) -> None:
    srv, c, worker = start_server(base)
    try:
        cid = c.post("/containers/create", TRUE_NONE).check(201).json()["Id"]
        py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        for title, path in (("GET /_ping", "/_ping"), ("GET /containers/{id}/json", f"/containers/{cid}/json")):
            req = c.build("GET", path)
            for _ in range(300):
                c.send_raw(req)
            runs = []
            for _ in range(3):
                before, t = cpu_ns(worker), time.perf_counter()
                for _ in range(requests):
                    c.send_raw(req)
                wall = time.perf_counter() - t
                runs.append(((cpu_ns(worker) - before) / requests / 1000, wall / requests * 1e6))
            cpu_us, wall_per = min(runs)
            print(f"\n== {title}: worker CPU {cpu_us:.0f} µs per request, {wall_per:.0f} µs wall per sequential "
                  f"request (best of 3 x {requests})")  # fmt: skip
            if not os.path.exists(py_spy):
                print("   (py-spy not installed: pip install py-spy)")
                continue
            out = base / f"pyspy-{len(path)}.txt"
            spy = subprocess.Popen([py_spy, "record", "-p", str(worker), "-d", str(int(seconds)), "-r", "997",
                                    "-f", "raw", "-o", str(out), "--nonblocking"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
            time.sleep(1)
            client_loop(srv.socket, "/v1.24" + path, seconds - 1)
            _, err = spy.communicate(timeout=seconds + 30)
            if spy.returncode != 0 or not out.exists():
                print(f"   py-spy failed: {err.decode()[-500:]}")
                continue
            report_pyspy(out)
    finally:
        c.close()
        stop_server(srv, base)


LAYER_FRAMES = [  # (needle in a frame, layer): the innermost match on a stack is the sample's layer
    ("server/handlers/", "handler"),
    ("runtime/", "engine (runtime/)"),
    ("server/resolver.py", "ours: resolver adapter"),
    ("connexion/decorators/response.py", "connexion response decorator (JSON encoding)"),
    ("connexion/decorators/parameter.py", "connexion parameter decorator"),
    ("connexion/decorators/", "connexion decorators (other)"),
    ("connexion/apps/asynchronous.py", "connexion AsyncOperation / AsyncASGIApp"),
    ("connexion/validators/", "connexion validators"),
    ("connexion/middleware/lifespan.py", "connexion LifespanMiddleware"),
    ("connexion/middleware/context.py", "connexion ContextMiddleware"),
    ("connexion/middleware/response_validation.py", "connexion ResponseValidationMiddleware"),
    ("connexion/middleware/request_validation.py", "connexion RequestValidationMiddleware"),
    ("connexion/middleware/security.py", "connexion SecurityMiddleware"),
    ("connexion/middleware/routing.py", "connexion RoutingMiddleware"),
    ("connexion/middleware/swagger_ui.py", "connexion SwaggerUIMiddleware"),
    ("connexion/middleware/exceptions.py", "connexion ExceptionMiddleware"),
    ("connexion/middleware/server_error.py", "connexion ServerErrorMiddleware"),
    ("connexion/middleware/main.py", "connexion ConnexionMiddleware"),
    ("connexion/middleware/abstract.py", "connexion RoutedMiddleware (abstract)"),
    ("connexion/apps/", "connexion AsyncApp"),
    ("server/middleware.py", "ours: DockerCompatMiddleware"),
    ("server/limits.py", "ours: RequestLimits"),
    ("uvicorn/middleware/proxy_headers.py", "uvicorn ProxyHeadersMiddleware"),
    ("uvicorn/middleware/", "uvicorn middleware"),
    ("server/hijack.py", "ours: hijack protocol (uvicorn httptools subclass)"),
    ("uvicorn/protocols/http/", "uvicorn httptools protocol"),
    ("uvicorn/", "uvicorn (other)"),
    ("gunicorn/", "gunicorn"),
    ("asyncio/", "asyncio event loop"),
    ("uvloop", "uvloop event loop"),
]


def report_pyspy(raw: Path) -> None:
    """py-spy's collapsed stacks: each sample to the innermost layer on its stack (that
    layer's own code and what it calls outside the listed layers), and the leaf functions."""
    by_layer: collections.Counter[str] = collections.Counter()
    leaves: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        layer = "other (outside the listed layers)"
        for frame in reversed(frames):
            hit = next((lab for needle, lab in LAYER_FRAMES if needle in frame), None)
            if hit:
                layer = hit
                break
        by_layer[layer] += n
        leaves[frames[-1].strip()] += n
    print(f"   py-spy: {total} samples on CPU; innermost layer on each stack:")
    for layer, n in by_layer.most_common():
        print(f"     {layer:60} {n / total * 100:5.1f}%")
    print("   leaf functions (own time):")
    for leaf, n in leaves.most_common(15):
        print(f"     {n / total * 100:5.1f}%  {leaf[:110]}")


# -- memory --------------------------------------------------------------------------------


def smaps(pid: int) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """smaps_rollup totals and, per mapping group, Rss/Pss/Private kB."""
    roll = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        k, v = line.split(":", 1)
        roll[k] = int(v.split()[0])
    per: dict[str, dict[str, int]] = collections.defaultdict(lambda: collections.defaultdict(int))
    name = ""
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            name = parts[5] if len(parts) > 5 else "[anon]"
        elif parts and parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:"):
            key = "Private" if parts[0].startswith("Private") else parts[0][:-1]
            per[mapping_group(name)][key] += int(parts[1])
    return roll, per


def mapping_group(name: str) -> str:
    m = re.search(r"site-packages/([^/]+)/", name)
    if m:
        return f"{m.group(1)} (.so)"
    if "libpython" in name or re.search(r"/bin/python[0-9.]*$", name):
        return "python interpreter binary"
    if "lib-dynload" in name:
        return "stdlib C extensions (.so)"
    if name.startswith("/") and ".so" in name:
        return "system shared libs"
    if name in ("[heap]", "[anon]"):
        return "anonymous memory (heap, arenas)"
    return name


IMPORT_STEPS = r"""
import asyncio, json, sys, tracemalloc
def rss():
    for l in open("/proc/self/status"):
        if l.startswith("VmRSS:"):
            return int(l.split()[1])
trace = "--trace" in sys.argv
if trace:
    tracemalloc.start(1)
out = [("interpreter", rss(), len(sys.modules))]
for label, stmt in [
    ("gunicorn", "import gunicorn.app.base, gunicorn.arbiter"),
    ("server.cli (what the command imports)", "import server.cli"),
    ("uvicorn + uvloop + httptools", "import uvicorn, uvicorn.protocols.http.httptools_impl, uvloop, httptools"),
    ("starlette", "import starlette.applications, starlette.responses, starlette.routing"),
    ("httpx", "import httpx"),
    ("yaml", "import yaml"),
    ("jsonschema", "import jsonschema"),
    ("connexion", "import connexion, connexion.middleware.main"),
    ("pydantic", "import pydantic"),
    ("server.app (+ runtime, handlers)", "import server.app"),
]:
    exec(stmt)
    out.append((label, rss(), len(sys.modules)))
from runtime.config import DaemonConfig
from server.app import create_app
cfg = DaemonConfig(listen=[], home_dir=sys.argv[1] + "/home", exec_root_dir=sys.argv[1] + "/run",
                   cgroup_parent=sys.argv[2])
app = create_app(cfg)
out.append(("create_app (spec, routes; stack built lazily)", rss(), len(sys.modules)))
def group(f):
    if "site-packages/" in f:
        return f.split("site-packages/")[1].split("/")[0]
    for ours in ("/server/", "/runtime/", "/generated/", "/sdk/"):
        if ours in f and "python3.11" not in f:
            return "ours: " + ours.strip("/")
    if "python3.11/" in f:
        return "stdlib: " + f.split("python3.11/")[1].split("/")[0].removesuffix(".py")
    return f
async def life():
    q, d = asyncio.Queue(), asyncio.Queue()
    task = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, q.get, d.put))
    await q.put({"type": "lifespan.startup"})
    await d.get()
    out.append(("engine started (lifespan; middleware stack built)", rss(), len(sys.modules)))
    if trace:
        by = {}
        for st in tracemalloc.take_snapshot().statistics("filename"):
            k = group(st.traceback[0].filename)
            by[k] = by.get(k, 0) + st.size
        print(json.dumps({"tracemalloc": sorted(by.items(), key=lambda kv: -kv[1])[:30],
                          "traced_total": sum(by.values())}))
    await q.put({"type": "lifespan.shutdown"})
    await d.get()
    task.cancel()
asyncio.run(life())
mods = {}
for m in sys.modules:
    mods[m.split(".")[0]] = mods.get(m.split(".")[0], 0) + 1
print(json.dumps({"steps": out, "modules": sorted(mods.items(), key=lambda kv: -kv[1])[:25]}))
"""


def run_memory(base: Path) -> None:
    srv, c, worker = start_server(base / "srv")
    try:
        for _ in range(5):  # some work first: what a settled daemon has seen
            cid = c.post("/containers/create", TRUE_NONE).check(201).json()["Id"]
            c.post(f"/containers/{cid}/start").check(204)
            c.post(f"/containers/{cid}/wait").check(200)
            c.get("/containers/json?all=1").check(200)
            c.get(f"/containers/{cid}/json").check(200)
            c.get(f"/containers/{cid}/logs?stdout=1").check(200)
            c.delete(f"/containers/{cid}").check(204)
        time.sleep(3)
        assert srv.proc is not None
        for label, pid in (("pouchd", worker),):
            roll, per = smaps(pid)
            print(f"\n== {label} [{pid}]: Rss {roll['Rss'] / 1024:.1f} MB, Pss {roll['Pss'] / 1024:.1f} MB, "
                  f"private {(roll['Private_Clean'] + roll['Private_Dirty']) / 1024:.1f} MB, "
                  f"shared {(roll['Shared_Clean'] + roll['Shared_Dirty']) / 1024:.1f} MB, "
                  f"anonymous {roll['Anonymous'] / 1024:.1f} MB")  # fmt: skip
            for name, v in sorted(per.items(), key=lambda kv: -kv[1]["Rss"])[:14]:
                print(f"   {name:52} Rss {v['Rss'] / 1024:6.1f}  Pss {v['Pss'] / 1024:6.1f}  "
                      f"private {v['Private'] / 1024:6.1f} MB")  # fmt: skip
    finally:
        c.close()
        stop_server(srv, base / "srv")
    for trace in (False, True):
        d = base / ("imp-trace" if trace else "imp")
        d.mkdir(parents=True, exist_ok=True)
        cg = f"pouch-prof-{uuid.uuid4().hex[:6]}"
        r = subprocess.run([sys.executable, "-c", IMPORT_STEPS, str(d), cg] + (["--trace"] if trace else []),
                           cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
        hostclean.kill_pids(hostclean.pids_mentioning(str(d)))
        hostclean.unmount_under(d)
        hostclean.remove_cgroups(cg)
        if r.returncode != 0:
            print(r.stderr[-2000:])
            continue
        for line in r.stdout.splitlines():
            if not line.startswith("{"):
                continue
            doc = json.loads(line)
            if "steps" in doc and not trace:
                print("\n== RSS of a fresh interpreter as it imports what the worker imports (cumulative)")
                prev = 0
                for label, kb, nmods in doc["steps"]:
                    print(f"   {label:52} {kb / 1024:6.1f} MB  (+{(kb - prev) / 1024:5.1f})  {nmods:5d} modules")
                    prev = kb
                print("   modules by top-level package: " + ", ".join(f"{k} {v}" for k, v in doc["modules"]))
            if "tracemalloc" in doc:
                print(f"\n== Python heap by package (tracemalloc, after engine start): "
                      f"{doc['traced_total'] / 1048576:.1f} MB traced")  # fmt: skip
                for k, v in doc["tracemalloc"][:20]:
                    print(f"   {k:52} {v / 1048576:6.2f} MB")
    shutil.rmtree(base, ignore_errors=True)


# -- the start step ------------------------------------------------------------------------


def phase_timers(sink: dict[str, list[float]]) -> None:
    """Time the steps of ContainerService._start_locked (in this process only)."""
    from runtime.containers import driver, features, launch, ocispec, service

    def wrap_async(owner: Any, name: str, label: str) -> None:
        fn = getattr(owner, name)

        @functools.wraps(fn)
        async def timed(*a: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return await fn(*a, **kw)
            finally:
                sink[label].append((time.perf_counter() - t) * 1000)

        setattr(owner, name, timed)

    def wrap_sync(owner: Any, name: str, label: str) -> None:
        fn = getattr(owner, name)

        @functools.wraps(fn)
        def timed(*a: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                sink[label].append((time.perf_counter() - t) * 1000)

        setattr(owner, name, timed)

    cs, ln, dr, ft = service.ContainerService, launch.Launcher, driver.Driver, features.PouchFeatures
    wrap_async(cs, "start", "whole ContainerService.start")
    wrap_async(ln, "_prepare_rootfs", "  rootfs: overlay mount (thread)")
    wrap_async(ln, "_prepare_network", "  network setup (none)")
    wrap_sync(ocispec, "build_spec", "  OCI spec built")
    wrap_sync(ft, "add_to_spec", "  Pouch features added to the spec")
    wrap_async(ln, "_run_conmon", "  conmon + runc create + start")
    wrap_sync(ft, "write_cgroup_extras", "    Pouch-only cgroup files (thread)")
    wrap_async(dr, "spawn_conmon", "    spawn conmon -> runc create -> pid on sync pipe")
    wrap_async(dr, "start", "    start: read exec.fifo (runc init execs the process)")
    wrap_sync(cs, "_save", "  record saved (store)")
    wrap_sync(cs, "_publish", "  event published")
    wrap_sync(cs, "_watch", "  exit watch set up")


async def run_start_phases(base: Path, starts: int) -> None:
    sink: dict[str, list[float]] = collections.defaultdict(list)
    phase_timers(sink)
    srv = InProcessServer(base)
    walls = []
    try:
        async with srv as drv:
            for i in range(starts + 2):
                cid = await create(drv)
                t = time.perf_counter()
                status, body = await drv.request("POST", f"/v1.24/containers/{cid}/start")
                wall = (time.perf_counter() - t) * 1000
                assert status == 204, body
                await drv.request("POST", f"/v1.24/containers/{cid}/wait")
                await drv.request("DELETE", f"/v1.24/containers/{cid}")
                if i < 2:  # warm-up
                    for v in sink.values():
                        v.clear()
                else:
                    walls.append(wall)
    finally:
        srv.cleanup()
    print(f"\n== POST /containers/{{id}}/start, in-process, {starts} starts: median {statistics.median(walls):.1f} ms "
          "(whole request)")  # fmt: skip
    for label, v in sink.items():
        if v:
            print(f"   {label:60} median {statistics.median(v):6.1f} ms")


STRACE_CALLS = "execve,clone,clone3,vfork,exit_group,wait4,mount,umount2,pivot_root,unshare,setns,mkdir,openat,write"


def run_start_trace(base: Path) -> None:
    """One start on a real server under strace -f: what the worker and its children do, when."""
    if not shutil.which("strace"):
        print("strace not installed: no timeline")
        return
    srv, c, worker = start_server(base)
    try:
        cid = c.post("/containers/create", TRUE_NONE).check(201).json()["Id"]
        warm = c.post("/containers/create", TRUE_NONE).check(201).json()["Id"]
        c.post(f"/containers/{warm}/start").check(204)
        c.post(f"/containers/{warm}/wait").check(200)
        out = base / "strace.txt"
        st = subprocess.Popen(["strace", "-f", "-ttt", "-qq", "-s", "200", "-e", f"trace={STRACE_CALLS}",
                               "-o", str(out), "-p", str(worker)], stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(1.0)
        t0 = time.time()
        c.post(f"/containers/{cid}/start").check(204)
        t1 = time.time()
        time.sleep(0.3)
        st.terminate()
        st.wait(10)
        print(f"\n== one start under strace (slower than untraced): answered in {(t1 - t0) * 1000:.1f} ms")
        print_timeline(out, t0, t1)
        c.post(f"/containers/{cid}/wait").check(200)
    finally:
        c.close()
        stop_server(srv, base)


def print_timeline(path: Path, t0: float, t1: float) -> None:
    interesting = re.compile(
        r"execve\(|clone3?\(|vfork\(|exit_group\(|mount\(|umount2\(|pivot_root\(|unshare\(|setns\("
        r"|mkdir\(\"/sys/fs/cgroup|openat\(.*(config\.json|exec\.fifo|/sys/fs/cgroup/[a-z,_=]+/[^\"]*/(cgroup\.procs|tasks))"
        r"|write\(.*exit"
    )
    names: dict[str, str] = {}
    for line in path.read_text(errors="replace").splitlines():
        parts = line.split(None, 2)
        if len(parts) < 3:
            continue
        pid, ts, call = parts
        try:
            t = float(ts)
        except ValueError:
            continue
        if t < t0 - 0.001 or t > t1 + 0.05 or not interesting.search(call):
            continue
        m = re.match(r'execve\("([^"]+)", \[([^\]]*)\]', call)
        if m:
            names[pid] = Path(m.group(1)).name + " " + " ".join(a.strip('"') for a in m.group(2).split(", ")[1:3])
        who = names.get(pid, pid)
        print(f"   {(t - t0) * 1000:7.2f} ms  {who[:34]:34} {call[:120]}")


# -- command line --------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["layers", "worker", "memory", "start", "all"])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--starts", type=int, default=20)
    a = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bprof", dir="/tmp"))
    try:
        if a.what in ("layers", "all"):
            asyncio.run(run_layers(a.requests, base / "layers"))
        if a.what in ("worker", "all"):
            run_worker(base / "worker", a.seconds, a.requests)
        if a.what in ("memory", "all"):
            run_memory(base / "memory")
        if a.what in ("start", "all"):
            asyncio.run(run_start_phases(base / "start", a.starts))
            run_start_trace(base / "trace")
    finally:
        hostclean.unmount_under(base)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
