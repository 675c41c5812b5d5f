"""Rich-mode plans and refusals on small root filesystems laid out here (no container runs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from runtime.containers.rich import DUMB_INIT_MOUNT, RichSettings, elf_interpreter, plan, resolve_in_rootfs, validate
from runtime.errors import InvalidParameter

BUSYBOX = Path("/bin/busybox")
DYNAMIC = Path(shutil.which("ls") or "/bin/ls")


def rootfs(tmp_path: Path, *, init: str | None = None, dumb_init: bool = False) -> Path:
    root = tmp_path / f"rootfs-{init}-{dumb_init}"
    if root.exists():
        return root
    for d in ("bin", "sbin", "usr/bin", "lib/systemd"):
        (root / d).mkdir(parents=True, exist_ok=True)
    shutil.copy2(BUSYBOX, root / "bin" / "busybox")
    (root / "bin" / "sh").symlink_to("busybox")
    if init == "busybox":
        (root / "sbin" / "init").symlink_to("../bin/busybox")
    elif init == "systemd":
        shutil.copy2(BUSYBOX, root / "lib" / "systemd" / "systemd")
        (root / "sbin" / "init").symlink_to("/lib/systemd/systemd")
    if dumb_init:
        shutil.copy2(BUSYBOX, root / "usr" / "bin" / "dumb-init")  # a static stand-in, executable
    return root


def static_init() -> RichSettings:
    return RichSettings(BUSYBOX)  # static, like the sdist build of dumb-init


@pytest.mark.parametrize(
    ("config", "host", "message"),
    [
        ({"RichMode": "dumb-init"}, {}, "must first enable rich mode"),
        ({"Rich": True, "RichMode": "upstart"}, {}, "not supported rich mode: upstart"),
        ({"Rich": True, "RichMode": "systemd"}, {}, "must using privileged mode"),
    ],
)
def test_pouchd_refusals(config: dict[str, object], host: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidParameter, match=message):
        validate(config, host)


def test_rich_defaults_to_dumb_init_and_is_off_without_rich() -> None:
    assert validate({"Rich": True}, {}) == "dumb-init"
    assert validate({}, {}) is None


def test_resolve_follows_symlinks_inside_the_rootfs(tmp_path: Path) -> None:
    root = rootfs(tmp_path, init="systemd")
    assert resolve_in_rootfs(root, "/sbin/init") == root / "lib" / "systemd" / "systemd"
    (root / "bin" / "escape").symlink_to("/../../../../etc/passwd")
    assert resolve_in_rootfs(root, "/bin/escape") is None  # never the host's /etc/passwd
    assert resolve_in_rootfs(root, "/bin/nothing") is None


def test_dumb_init_lent_by_the_engine(tmp_path: Path) -> None:
    rich = plan({"Rich": True, "Cmd": ["top"]}, {}, {"Entrypoint": ["/bin/sh", "-c"]}, rootfs(tmp_path), static_init())
    assert rich is not None
    assert rich.args == [DUMB_INIT_MOUNT, "--", "/bin/sh", "-c", "top"]  # the image's Entrypoint, the user's Cmd
    assert rich.mounts == [
        {
            "destination": DUMB_INIT_MOUNT,
            "type": "bind",
            "source": str(BUSYBOX),
            "options": ["bind", "ro", "nosuid", "nodev"],
        }
    ]
    assert rich.env == ["rich_mode=true", "rich_mode_launch_manner=dumb-init"]


def test_dumb_init_of_the_image_wins(tmp_path: Path) -> None:
    rich = plan({"Rich": True}, {}, {"Cmd": ["sleep", "9"]}, rootfs(tmp_path, dumb_init=True), static_init())
    assert rich is not None and rich.args == ["/usr/bin/dumb-init", "--", "sleep", "9"] and rich.mounts == []


def test_a_dynamic_dumb_init_is_refused_where_the_image_has_no_loader(tmp_path: Path) -> None:
    interp = elf_interpreter(DYNAMIC)
    assert interp is not None
    with pytest.raises(InvalidParameter, match=f"dynamically linked and the image has no {interp}"):
        plan({"Rich": True, "Cmd": ["sh"]}, {}, {}, rootfs(tmp_path), RichSettings(DYNAMIC))
    with pytest.raises(InvalidParameter, match="has none to lend"):
        plan({"Rich": True, "Cmd": ["sh"]}, {}, {}, rootfs(tmp_path), RichSettings(None))


def test_init_script_is_a_start_container_hook(tmp_path: Path) -> None:
    config = {"Rich": True, "Cmd": ["sh"], "InitScript": "/etc/init.sh --fast 'two words'"}
    rich = plan(config, {}, {}, rootfs(tmp_path), static_init())
    assert rich is not None
    assert rich.hooks == {"startContainer": [{"path": "/etc/init.sh", "args": ["/etc/init.sh", "--fast", "two words"]}]}
    with pytest.raises(InvalidParameter, match="must be an absolute path"):
        plan({**config, "InitScript": "init.sh"}, {}, {}, rootfs(tmp_path), static_init())


def test_sbin_init_busybox(tmp_path: Path) -> None:
    config = {"Rich": True, "RichMode": "sbin-init", "Cmd": ["sleep", "1000"]}
    rich = plan(config, {}, {}, rootfs(tmp_path, init="busybox"), static_init())
    assert rich is not None
    assert (rich.args, rich.stop_signal) == (["/sbin/init"], "SIGUSR2")
    assert [m["destination"] for m in rich.mounts] == ["/run", "/tmp"]
    assert rich.run_under_init == ["/bin/sh", "-c", '"$@" &', "sh", "sleep", "1000"]
    only_init = plan({**config, "Cmd": ["/sbin/init"]}, {}, {}, rootfs(tmp_path, init="busybox"), static_init())
    assert only_init is not None and only_init.run_under_init == []


def test_sbin_init_missing_or_systemd(tmp_path: Path) -> None:
    config = {"Rich": True, "RichMode": "sbin-init", "Cmd": ["sh"]}
    with pytest.raises(InvalidParameter, match="the image has no /sbin/init"):
        plan(config, {}, {}, rootfs(tmp_path), static_init())
    with pytest.raises(InvalidParameter, match="is systemd, which needs Privileged"):
        plan(config, {}, {}, rootfs(tmp_path / "s", init="systemd"), static_init())


def test_systemd(tmp_path: Path) -> None:
    config = {"Rich": True, "RichMode": "systemd", "Cmd": ["/sbin/init"]}
    rich = plan(config, {"Privileged": True}, {}, rootfs(tmp_path, init="systemd"), static_init())
    assert rich is not None
    assert (rich.args, rich.stop_signal, rich.run_under_init) == (["/lib/systemd/systemd"], "SIGRTMIN+3", [])
    assert [m["destination"] for m in rich.mounts] == ["/run", "/run/lock", "/tmp", "/sys/fs/cgroup"]
    assert "rw" in rich.mounts[-1]["options"] and "container=pouch" in rich.env
    with pytest.raises(InvalidParameter, match="the image has no systemd"):
        plan(config, {"Privileged": True}, {}, rootfs(tmp_path / "b", init="busybox"), static_init())


def test_apply_to_a_spec(tmp_path: Path) -> None:
    config = {"Rich": True, "RichMode": "systemd", "Cmd": ["sh"]}
    rich = plan(config, {"Privileged": True}, {}, rootfs(tmp_path, init="systemd"), static_init())
    assert rich is not None
    spec = {
        "process": {"args": ["sh"], "env": ["PATH=/bin", "container=docker"]},
        "mounts": [
            {"destination": "/proc", "type": "proc"},
            {"destination": "/sys/fs/cgroup", "type": "cgroup", "options": ["ro"]},
            {"destination": "/run/secrets", "type": "bind"},
            {"destination": "/tmp", "type": "bind"},
        ],
        "hooks": {"prestart": [{"path": "/x"}]},
    }
    rich.apply(spec, user_destinations={"/tmp", "/run/secrets"})
    assert [m["destination"] for m in spec["mounts"]] == [
        "/proc",
        "/sys/fs/cgroup",
        "/run",
        "/run/secrets",
        "/tmp",
        "/run/lock",
    ]
    assert spec["mounts"][1]["options"][-1] == "rw"  # the writable cgroupfs replaced the base one
    assert spec["process"]["env"] == [
        "PATH=/bin",
        "rich_mode=true",
        "rich_mode_launch_manner=systemd",
        "container=pouch",
    ]
    assert spec["process"]["args"] == ["/lib/systemd/systemd"]
    assert spec["hooks"] == {"prestart": [{"path": "/x"}]}
