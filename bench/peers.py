"""The three daemons a side-by-side benchmark drives, each started here on private paths:
our pouchd, Debian's dockerd (with the containerd it starts) and podman's Docker-compatible
API service. Each one gets its own socket, state dirs and cgroup name, and ``stop()`` removes
its containers, processes, mounts, cgroups (every hierarchy) and files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

from bench import hostclean
from bench.rawhttp import RawClient
from tests.helpers.server import RunningServer

PEER_PACKAGES = ("docker.io", "podman")
POLICY_RC_D = Path("/usr/sbin/policy-rc.d")
DENY_SERVICES = "#!/bin/sh\n# no service may start while a benchmark installs its peers\nexit 101\n"


def install_peers(packages: tuple[str, ...] = PEER_PACKAGES) -> None:
    """apt-get install what is missing, with a policy-rc.d that denies every service start
    (the benchmark starts its own daemons on private paths); the previous policy-rc.d, or its
    absence, is restored."""
    missing = [p for p in packages if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if not missing:
        return
    before = POLICY_RC_D.read_bytes() if POLICY_RC_D.exists() else None
    POLICY_RC_D.write_text(DENY_SERVICES)
    POLICY_RC_D.chmod(0o755)
    try:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print(f"# installing {' '.join(missing)} (services denied by {POLICY_RC_D})", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    finally:
        if before is None:
            POLICY_RC_D.unlink()
        else:
            POLICY_RC_D.write_bytes(before)


def wait_for_socket(path: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited {proc.returncode}: {log.read_text(errors='replace')[-3000:]}")
        try:
            with RawClient(path, timeout=2) as c:
                if c.get("/_ping").status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{proc.args[0]} did not answer on {path}: {log.read_text(errors='replace')[-3000:]}")


class Daemon:
    """What the benchmark needs of a daemon; subclasses say how to start and clean one."""

    name = "?"
    image = "busybox:latest"
    # Paths outside ``base`` this daemon creates whatever its flags say (removed if they were absent).
    host_paths: tuple[str, ...] = ()

    def __init__(self, base: Path) -> None:
        self.host_created = hostclean.CreatedPaths(list(self.host_paths))
        self.base = base
        self.tag = uuid.uuid4().hex[:6]
        self.socket = str(base / "api.sock")
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = base / "daemon.log"

    def start(self, insecure_registry: str) -> None:
        raise NotImplementedError

    def client(self) -> RawClient:
        return RawClient(self.socket)

    def host_config(self) -> dict[str, object]:
        return {"NetworkMode": "none"}

    def container(self, cmd: list[str]) -> dict[str, object]:
        """A create body: the busybox image, ``cmd``, no network."""
        return {"Image": self.image, "Cmd": cmd, "HostConfig": self.host_config()}

    def pids(self) -> list[int]:
        """The daemon's own processes (what its settled RSS counts): not the per-container monitors."""
        raise NotImplementedError

    def quiesce(self) -> None:
        """Wait for work the daemon does after answering (it would land in the next daemon's figure)."""

    def cgroup_names(self) -> list[str]:
        raise NotImplementedError

    def remove_containers(self) -> None:
        with contextlib.suppress(OSError, RuntimeError, ValueError), RawClient(self.socket, timeout=60) as c:
            for ctr in c.get("/containers/json?all=1").check(200).json():
                c.delete(f"/containers/{ctr['Id']}?force=1&v=1")

    def stop_process(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def stop(self) -> list[str]:
        """Stop and remove everything this daemon started; returns what could not be removed."""
        if self.proc is not None and self.proc.poll() is None:
            self.remove_containers()
        self.stop_process()
        hostclean.kill_pids(hostclean.pids_mentioning(str(self.base)))
        left = [f"mount {m}" for m in hostclean.unmount_under(self.base)]
        for name in self.cgroup_names():
            left += [f"cgroup {c}" for c in hostclean.remove_cgroups(name)]
        if not left:
            subprocess.run(["rm", "-rf", "--one-file-system", str(self.base)], check=False)
        self.host_created.remove()
        return left


class Ours(Daemon):
    name = "ours"

    def __init__(self, base: Path) -> None:
        super().__init__(base)
        self.server: RunningServer | None = None

    def start(self, insecure_registry: str) -> None:
        # The server's own default log level (the test helper asks for debug).
        self.server = RunningServer(
            self.base, extra_args=["--log-level", "info", "--insecure-registries", insecure_registry]
        )
        self.socket = self.server.socket
        self.server.start(timeout=60)
        self.proc = self.server.proc

    def worker_pid(self) -> int:
        """pouchd is one process (uvicorn around the engine): the one that serves requests."""
        assert self.proc is not None
        return self.proc.pid

    def pids(self) -> list[int]:
        return [self.worker_pid()]

    def cgroup_names(self) -> list[str]:
        return [f"pouch-{self.server.tag}"] if self.server else []

    def remove_containers(self) -> None:
        if self.server:
            self.server.purge()

    def stop_process(self) -> None:
        if self.server:
            self.server.stop()


class Dockerd(Daemon):
    name = "dockerd"
    # containerd 1.6 puts its shims' sockets under /run/containerd/s whatever its state dir.
    host_paths = (
        "/etc/docker/key.json",
        "/etc/docker",
        "/run/containerd/s",
        "/run/containerd",
        "/run/docker/plugins",
        "/run/docker",
    )

    @property
    def cgroup_parent(self) -> str:
        return f"bench-docker-{self.tag}"

    def start(self, insecure_registry: str) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / "daemon.json").write_text("{}\n")
        args = [
            shutil.which("dockerd") or "/usr/sbin/dockerd",
            "--host", f"unix://{self.socket}",
            "--data-root", str(self.base / "data"),
            "--exec-root", str(self.base / "exec"),
            "--pidfile", str(self.base / "dockerd.pid"),
            "--config-file", str(self.base / "daemon.json"),
            "--iptables=false", "--ip-masq=false", "--bridge=none",
            "--cgroup-parent", f"/{self.cgroup_parent}",
            "--insecure-registry", insecure_registry,
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            args, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_for_socket(self.socket, self.proc, self.log)

    def pids(self) -> list[int]:
        assert self.proc is not None
        return [self.proc.pid] + [p for p in hostclean.children(self.proc.pid) if hostclean.comm(p) == "containerd"]

    def cgroup_names(self) -> list[str]:
        return [self.cgroup_parent]


class Podman(Daemon):
    name = "podman"
    # Rootful podman keeps runc's state in runc's default root and a short-name lock in /var/cache.
    host_paths = ("/run/runc", "/var/cache/containers/short-name-aliases.conf.lock", "/var/cache/containers")

    def __init__(self, base: Path) -> None:
        super().__init__(base)
        self.cgroups_before = {n for n in ("libpod_parent",) if hostclean.cgroup_exists(n)}

    @property
    def cgroup_parent(self) -> str:
        return f"bench-podman-{self.tag}"

    def host_config(self) -> dict[str, object]:
        # podman's cgroupfs default parent is a shared /libpod_parent: ours is private.
        return {"NetworkMode": "none", "CgroupParent": f"/{self.cgroup_parent}"}

    def write_configs(self, insecure_registry: str) -> dict[str, str]:
        b = self.base
        for d in ("root", "runroot", "tmp", "net", "volumes"):
            (b / d).mkdir(parents=True, exist_ok=True)
        # podman's default rlimits are above this sandbox's hard limits (runc fails with EPERM).
        (b / "containers.conf").write_text(
            "[containers]\n"
            'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n'
            'log_driver = "k8s-file"\n'
            "[engine]\n"
            'cgroup_manager = "cgroupfs"\n'
            'events_logger = "file"\n'
            f'events_logfile_path = "{b}/events.log"\n'
            'runtime = "runc"\n'
            f'tmp_dir = "{b}/tmp"\n'
            f'volume_path = "{b}/volumes"\n'
            "[network]\n"
            f'network_config_dir = "{b}/net"\n'
        )
        (b / "storage.conf").write_text(
            f'[storage]\ndriver = "overlay"\ngraphroot = "{b}/root"\nrunroot = "{b}/runroot"\n'
        )
        (b / "registries.conf").write_text(
            'unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n'
            f'[[registry]]\nlocation = "{insecure_registry}"\ninsecure = true\n'
        )
        return {
            "CONTAINERS_CONF": str(b / "containers.conf"),
            "CONTAINERS_STORAGE_CONF": str(b / "storage.conf"),
            "CONTAINERS_REGISTRIES_CONF": str(b / "registries.conf"),
        }

    def start(self, insecure_registry: str) -> None:
        env = {**os.environ, **self.write_configs(insecure_registry)}
        b = self.base
        args = [
            shutil.which("podman") or "/usr/bin/podman",
            "--root", str(b / "root"), "--runroot", str(b / "runroot"), "--tmpdir", str(b / "tmp"),
            "--cgroup-manager", "cgroupfs", "--events-backend", "file",
            "system", "service", "--time=0", f"unix://{self.socket}",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            args, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        wait_for_socket(self.socket, self.proc, self.log)

    def pids(self) -> list[int]:
        assert self.proc is not None
        return [self.proc.pid]

    def quiesce(self, timeout: float = 5) -> None:
        # After a container exits, its conmon runs `podman container cleanup` (unmounts, cgroups).
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not [
                p
                for p in hostclean.pids_mentioning(str(self.base))
                if hostclean.comm(p) == "podman" and p != (self.proc.pid if self.proc else 0)
            ]:
                return
            time.sleep(0.02)

    def cgroup_names(self) -> list[str]:
        return [self.cgroup_parent] + [n for n in ("libpod_parent",) if n not in self.cgroups_before]
