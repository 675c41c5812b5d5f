"""Rich containers: an init as PID 1, the user's command under it, InitScript before it.

Given a container's config and its image's root filesystem, ``plan`` says what the OCI spec
must carry for RichMode ``dumb-init``, ``sbin-init`` or ``systemd``, or refuses with an
InvalidParameter that says what the image lacks:

- dumb-init: PID 1 is dumb-init (the image's own, else the engine's static build
  bind-mounted read-only at /dev/dumb-init), the user's command its child; dumb-init reaps
  orphans and forwards signals.
- sbin-init: PID 1 is the image's /sbin/init with writable /run and /tmp. The stop signal
  is the one that init halts on (busybox: SIGUSR2 = poweroff; sysvinit: SIGPWR, its
  powerfail entry, as LXC halts it; SIGTERM would reboot busybox and is ignored by
  sysvinit). The user's command, if any, is started under init after start
  (``run_under_init``, an exec whose shell forks it and exits, so init adopts it).
- systemd: PID 1 is systemd, with /run, /run/lock and /tmp as tmpfs, a writable cgroup
  filesystem (so Privileged, as pouchd demands) and SIGRTMIN+3, systemd's halt signal.

InitScript runs as an OCI ``startContainer`` hook: runc runs it inside the container (its
mount namespace, after pivot_root) just before PID 1's exec, at every start, with the
container's state on stdin (as pouchd's prestart hook received it).
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import shutil
import struct
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from runtime.containers.ocispec import command_line
from runtime.errors import InvalidParameter

MODES = ("dumb-init", "sbin-init", "systemd")
DUMB_INIT_MOUNT = "/dev/dumb-init"
SEARCH_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
SYSTEMD_PATHS = ("/lib/systemd/systemd", "/usr/lib/systemd/systemd")
PT_INTERP = 3


def default_dumb_init() -> Path | None:
    """The static dumb-init pip built from the dumb-init sdist into our venv (or one on PATH)."""
    beside = Path(sys.executable).parent / "dumb-init"
    if beside.is_file():
        return beside
    found = shutil.which("dumb-init")
    return Path(found) if found else None


@dataclasses.dataclass(frozen=True)
class RichSettings:
    """Engine-wide: where the dumb-init for images without one comes from."""

    dumb_init: Path | None = dataclasses.field(default_factory=default_dumb_init)


@dataclasses.dataclass(frozen=True)
class RichPlan:
    """What a rich container adds to its OCI spec.

    ``mounts`` replace base mounts with the same destination; the engine drops those the
    user mounts himself. ``stop_signal`` applies when neither the user nor the image set one.
    """

    mode: str
    args: list[str]
    mounts: list[dict[str, Any]]
    hooks: dict[str, list[dict[str, Any]]]
    env: list[str]
    stop_signal: str | None
    run_under_init: list[str]

    def apply(self, spec: dict[str, Any], user_destinations: set[str]) -> None:
        """Put the plan into an OCI spec built for the container (at start, before runc create)."""
        process = spec["process"]
        process["args"] = list(self.args)
        keys = {e.partition("=")[0] for e in self.env}
        process["env"] = [e for e in process.get("env", []) if e.partition("=")[0] not in keys] + self.env
        mounts = spec.setdefault("mounts", [])
        for mount in self.mounts:
            dest = mount["destination"]
            if dest in user_destinations:
                continue
            at = next((i for i, m in enumerate(mounts) if m["destination"] == dest), None)
            if at is not None:
                mounts[at] = mount
                continue
            # before anything mounted below it (a user's /run/secrets stays visible over our /run)
            below = next((i for i, m in enumerate(mounts) if m["destination"].startswith(dest.rstrip("/") + "/")), None)
            mounts.insert(len(mounts) if below is None else below, mount)
        hooks = spec.setdefault("hooks", {})
        for kind, entries in self.hooks.items():
            hooks.setdefault(kind, []).extend(entries)


def elf_interpreter(path: Path) -> str | None:
    """PT_INTERP of an ELF executable (None: static); ValueError if ``path`` is not ELF."""
    with open(path, "rb") as f:
        ident = f.read(64)
        if len(ident) < 52 or ident[:4] != b"\x7fELF":
            raise ValueError(f"{path} is not an ELF file")
        is64, order = ident[4] == 2, "<" if ident[5] == 1 else ">"
        # e_phoff, then e_phentsize and e_phnum; p_offset and p_filesz inside a program header
        phoff = struct.unpack_from(order + ("Q" if is64 else "I"), ident, 32 if is64 else 28)[0]
        phentsize, phnum = struct.unpack_from(order + "HH", ident, 54 if is64 else 42)
        field = order + ("Q" if is64 else "I")
        offset_at, size_at = (8, 32) if is64 else (4, 16)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            header = f.read(phentsize)
            if struct.unpack_from(order + "I", header, 0)[0] != PT_INTERP:
                continue
            offset = struct.unpack_from(field, header, offset_at)[0]
            size = struct.unpack_from(field, header, size_at)[0]
            f.seek(offset)
            return f.read(size).rstrip(b"\0").decode()
    return None


def resolve_in_rootfs(rootfs: Path, path: str, hops: int = 40) -> Path | None:
    """Host path of ``path`` as the container sees it, symlinks resolved inside ``rootfs``."""
    parts = list(PurePosixPath(path).parts[1:])
    current = PurePosixPath("/")
    while parts:
        name = parts.pop(0)
        if name in ("", "."):
            continue
        if name == "..":
            current = current.parent
            continue
        host = rootfs / str(current / name).lstrip("/")
        if host.is_symlink():
            hops -= 1
            if hops < 0:
                return None
            target = PurePosixPath(os.readlink(host))
            parts = list(target.parts[1:] if target.is_absolute() else target.parts) + parts
            current = PurePosixPath("/") if target.is_absolute() else current
            continue
        if not host.exists():
            return None
        current = current / name
    return rootfs / str(current).lstrip("/")


def _runnable_in(rootfs: Path, binary: Path) -> str | None:
    """Why ``binary`` cannot run in the image (None: it can)."""
    try:
        interp = elf_interpreter(binary)
    except (OSError, ValueError) as e:
        return str(e)
    if interp is not None and resolve_in_rootfs(rootfs, interp) is None:
        return f"{binary} is dynamically linked and the image has no {interp}"
    return None


def _find_in_image(rootfs: Path, name: str, dirs: tuple[str, ...] = SEARCH_DIRS) -> str | None:
    for d in dirs:
        host = resolve_in_rootfs(rootfs, f"{d}/{name}")
        if host is not None and host.is_file() and os.access(host, os.X_OK):
            return f"{d}/{name}"
    return None


def _init_flavour(rootfs: Path, init: str) -> str:
    """``busybox``, ``systemd`` or ``sysvinit`` for the image's /sbin/init."""
    host = resolve_in_rootfs(rootfs, init)
    assert host is not None
    if host.name == "busybox":
        return "busybox"
    if host.name == "systemd":
        return "systemd"
    with open(host, "rb") as f:
        head = f.read(4 << 20)
    if b"BusyBox v" in head:
        return "busybox"
    if b"systemd" in head and b"SYSTEMD" in head:
        return "systemd"
    return "sysvinit"


def _tmpfs(destination: str, mode: str) -> dict[str, Any]:
    return {
        "destination": destination,
        "type": "tmpfs",
        "source": "tmpfs",
        "options": ["nosuid", "nodev", f"mode={mode}"],
    }


def validate(config: dict[str, Any], host: dict[str, Any]) -> str | None:
    """The rich mode a create asks for (None: not rich), with pouchd's refusals."""
    rich, mode = bool(config.get("Rich")), config.get("RichMode") or ""
    if not rich:
        if mode:
            raise InvalidParameter("must first enable rich mode, then specify a rich mode type")
        return None
    mode = mode or "dumb-init"
    if mode not in MODES:
        raise InvalidParameter(f"not supported rich mode: {mode}")
    if mode == "systemd" and not host.get("Privileged"):
        raise InvalidParameter("must using privileged mode when create systemd rich container")
    return mode


def _init_script_hook(script: str) -> dict[str, list[dict[str, Any]]]:
    args = shlex.split(script)
    if not args:
        return {}
    if not args[0].startswith("/"):
        raise InvalidParameter(f"InitScript {args[0]!r} must be an absolute path in the container")
    return {"startContainer": [{"path": args[0], "args": args}]}


def plan(
    config: dict[str, Any],
    host: dict[str, Any],
    image_config: dict[str, Any],
    rootfs: Path,
    settings: RichSettings,
) -> RichPlan | None:
    """The rich-mode additions for a container whose image is unpacked at ``rootfs``."""
    mode = validate(config, host)
    if mode is None:
        return None
    entrypoint, cmd = command_line(config, image_config)
    user_args = entrypoint + cmd
    script = str(config.get("InitScript") or "")
    hooks = _init_script_hook(script) if script else {}
    env = ["rich_mode=true", f"rich_mode_launch_manner={mode}"]
    if mode == "dumb-init":
        return _dumb_init(rootfs, user_args, hooks, env, settings)
    if mode == "sbin-init":
        return _sbin_init(rootfs, host, user_args, hooks, env)
    return _systemd(rootfs, user_args, hooks, env)


def _dumb_init(
    rootfs: Path, user_args: list[str], hooks: dict[str, Any], env: list[str], settings: RichSettings
) -> RichPlan:
    if not user_args:
        raise InvalidParameter("No command specified")
    mounts: list[dict[str, Any]] = []
    own = _find_in_image(rootfs, "dumb-init")
    if own is not None:
        host_binary = resolve_in_rootfs(rootfs, own)
        assert host_binary is not None
        why = _runnable_in(rootfs, host_binary)
        if why is not None:
            own = None
    if own is not None:
        init = own
    else:
        if settings.dumb_init is None or not settings.dumb_init.is_file():
            raise InvalidParameter("RichMode dumb-init: the image has no dumb-init and the engine has none to lend")
        why = _runnable_in(rootfs, settings.dumb_init)
        if why is not None:
            raise InvalidParameter(f"RichMode dumb-init: the image has no dumb-init, and {why}")
        init = DUMB_INIT_MOUNT
        mounts.append(
            {
                "destination": DUMB_INIT_MOUNT,
                "type": "bind",
                "source": str(settings.dumb_init),
                "options": ["bind", "ro", "nosuid", "nodev"],
            }
        )
    return RichPlan("dumb-init", [init, "--", *user_args], mounts, hooks, env, None, [])


def _under_init(rootfs: Path, user_args: list[str], inits: set[str]) -> list[str]:
    """How to start the user's command as a child of init, from a process that joins the container.

    Such a process's parent is outside the container; its orphans would go to the host's
    reaper. A shell started in the container forks the command and exits, so the command
    is re-parented to the container's init. Nothing to run when the command only names
    the init itself (an image whose Cmd is /sbin/init).
    """
    if not user_args or user_args[0] in inits:
        return []
    if resolve_in_rootfs(rootfs, "/bin/sh") is None:
        raise InvalidParameter("a rich container starts its command under init through /bin/sh, which the image lacks")
    return ["/bin/sh", "-c", '"$@" &', "sh", *user_args]


def _sbin_init(
    rootfs: Path, host: dict[str, Any], user_args: list[str], hooks: dict[str, Any], env: list[str]
) -> RichPlan:
    init = "/sbin/init"
    binary = resolve_in_rootfs(rootfs, init)
    if binary is None or not binary.is_file() or not os.access(binary, os.X_OK):
        raise InvalidParameter("RichMode sbin-init: the image has no /sbin/init")
    why = _runnable_in(rootfs, binary)
    if why is not None and "not an ELF" not in why:
        raise InvalidParameter(f"RichMode sbin-init: {why}")
    flavour = _init_flavour(rootfs, init)
    if flavour == "systemd":
        if not host.get("Privileged"):
            raise InvalidParameter("RichMode sbin-init: this image's /sbin/init is systemd, which needs Privileged")
        return dataclasses.replace(_systemd(rootfs, user_args, hooks, env, init), mode="sbin-init")
    mounts = [_tmpfs("/run", "755"), _tmpfs("/tmp", "1777")]
    stop = "SIGUSR2" if flavour == "busybox" else "SIGPWR"
    return RichPlan("sbin-init", [init], mounts, hooks, env, stop, _under_init(rootfs, user_args, {init, "init"}))


def _systemd(
    rootfs: Path, user_args: list[str], hooks: dict[str, Any], env: list[str], init: str | None = None
) -> RichPlan:
    if init is None:
        for candidate in (*SYSTEMD_PATHS, "/sbin/init"):
            host_path = resolve_in_rootfs(rootfs, candidate)
            if host_path is not None and host_path.name == "systemd":
                init = candidate
                break
    if init is None:
        raise InvalidParameter("RichMode systemd: the image has no systemd (/lib/systemd/systemd or /sbin/init)")
    mounts = [
        _tmpfs("/run", "755"),
        _tmpfs("/run/lock", "1777"),
        _tmpfs("/tmp", "1777"),
        {
            "destination": "/sys/fs/cgroup",
            "type": "cgroup",
            "source": "cgroup",
            "options": ["nosuid", "noexec", "nodev", "relatime", "rw"],
        },
    ]
    inits = {init, *SYSTEMD_PATHS, "/sbin/init", "/usr/sbin/init"}
    return RichPlan(
        "systemd", [init], mounts, hooks, [*env, "container=pouch"], "SIGRTMIN+3", _under_init(rootfs, user_args, inits)
    )
