"""POST /daemon/update ImageProxy: pulls really go through the proxy.

skopeo (Go) never proxies loopback addresses, so the registry listens on an address of a
bridge made for the test (no dummy module on every kernel) (TEST-NET-2, 198.51.100.0/24); the proxy is a small
forwarding HTTP proxy that records what it served."""

from __future__ import annotations

import http.client
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import IS_ROOT
from tests.helpers.images import busybox_tar
from tests.helpers.registry import LocalRegistry, free_port
from tests.helpers.server import RunningServer

DUMMY_IF, DUMMY_IP = "pouchproxy0", "198.51.100.7"


class ForwardingProxy(http.server.ThreadingHTTPServer):
    """An HTTP forward proxy for plain-HTTP requests (absolute URIs), recording their paths."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", free_port()), _ProxyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: ForwardingProxy

    def _forward(self) -> None:
        url = urlsplit(self.path)
        self.server.seen.append(url.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        conn = http.client.HTTPConnection(url.netloc, timeout=30)
        conn.putrequest(self.command, url.path + (f"?{url.query}" if url.query else ""),
                        skip_host=True, skip_accept_encoding=True)
        for k, v in self.headers.items():  # repeated headers (Accept) stay repeated
            if k.lower() not in ("proxy-connection", "connection"):
                conn.putheader(k, v)
        conn.endheaders(body or None)
        resp = conn.getresponse()
        data = resp.read()
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()

    do_GET = do_HEAD = _forward

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def dummy_address() -> Iterator[str]:
    if not IS_ROOT or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 to add an interface (Go never proxies loopback)")
    subprocess.run(["ip", "link", "add", DUMMY_IF, "type", "bridge"], check=True)
    try:
        subprocess.run(["ip", "addr", "add", f"{DUMMY_IP}/32", "dev", DUMMY_IF], check=True)
        subprocess.run(["ip", "link", "set", DUMMY_IF, "up"], check=True)
        yield DUMMY_IP
    finally:
        subprocess.run(["ip", "link", "del", DUMMY_IF], check=False)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory, dummy_address: str) -> Iterator[LocalRegistry]:
    reg = LocalRegistry(tmp_path_factory.mktemp("proxied-registry"), ip=dummy_address).start()
    reg.seed(busybox_tar(), "test/busybox:1")
    reg.seed(busybox_tar(), "test/busybox:2")
    yield reg
    reg.stop()


@pytest.fixture(scope="module")
def proxy() -> Iterator[ForwardingProxy]:
    p = ForwardingProxy()
    thread = threading.Thread(target=p.serve_forever, daemon=True)
    thread.start()
    yield p
    p.shutdown()
    p.server_close()


@pytest.fixture(scope="module")
def c(tmp_path_factory: pytest.TempPathFactory, registry: LocalRegistry) -> Iterator[httpx.Client]:
    srv = RunningServer(tmp_path_factory.mktemp("pouchd-proxy"), extra_args=["--insecure-registries", registry.host])
    srv.start()
    with srv.client(timeout=120) as client:
        yield client
    srv.stop()


def pull(c: httpx.Client, ref: str) -> list[dict]:
    r = c.post("/images/create", params={"fromImage": ref})
    assert r.status_code == 200, r.text
    return [json.loads(line) for line in r.text.splitlines() if line.strip()]


def test_pulls_go_through_the_image_proxy(c: httpx.Client, registry: LocalRegistry, proxy: ForwardingProxy) -> None:
    assert c.post("/daemon/update", json={"ImageProxy": proxy.url}).status_code == 200
    try:
        msgs = pull(c, f"{registry.host}/test/busybox:1")
        assert not any("error" in m for m in msgs), msgs
        assert "/v2/test/busybox/manifests/1" in proxy.seen
        assert any(p.startswith("/v2/test/busybox/blobs/sha256:") for p in proxy.seen)
        assert c.get(f"/images/{registry.host}/test/busybox:1/json").status_code == 200
        # A proxy that is down fails the pull: the engine does not silently go around it.
        assert c.post("/daemon/update", json={"ImageProxy": f"http://127.0.0.1:{free_port()}"}).status_code == 200
        r = c.post("/images/create", params={"fromImage": f"{registry.host}/test/busybox:2"})
        failure = r.json()["message"] if r.status_code != 200 else json.loads(r.text.splitlines()[-1]).get("error", "")
        assert "connection refused" in failure.lower() or "proxy" in failure.lower(), r.text
        assert c.get(f"/images/{registry.host}/test/busybox:2/json").status_code == 404
    finally:
        assert c.post("/daemon/update", json={"ImageProxy": ""}).status_code == 200
    seen = len(proxy.seen)
    msgs = pull(c, f"{registry.host}/test/busybox:2")  # without a proxy: straight to the registry
    assert not any("error" in m for m in msgs), msgs
    assert len(proxy.seen) == seen
