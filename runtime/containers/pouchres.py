"""Pouch-only resource fields, applied where the host can, refused (naming what it lacks) where not.

MemoryWmarkRatio, MemoryExtra, MemoryForceEmptyCtl and ScheLatSwitch are cgroup files of
Alibaba's kernel (AliKernel / Alibaba Cloud Linux); pouchd hands them to a vendored runc as
spec annotations (``__memory_wmark_ratio``...), which stock runc ignores, so here they are
also written into the container's cgroup by the engine (``cgroup_writes``) after ``runc
create``. MemoryForceEmptyCtl falls back to what it means on any cgroup v1 kernel: the
container's page cache is reclaimed (memory.force_empty) before its cgroup is removed.
IntelRdtL3Cbm becomes the spec's ``linux.intelRdt.l3CacheSchema`` (runc drives resctrl);
NvidiaConfig becomes the NVIDIA container toolkit's prestart hook and its two variables.

``HostExtras.detect()`` runs once at start-up; its ``info()`` is what /info shows.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from runtime.errors import InvalidParameter

CGROUP_ROOT = Path("/sys/fs/cgroup")
RESCTRL = Path("/sys/fs/resctrl")
ALIKERNEL = "an Alibaba Cloud Linux (AliKernel) kernel"
WMARK_RATIO = ("memory", "memory.wmark_ratio")
MEMORY_EXTRA = ("memory", "memory.extra_in_bytes")
FORCE_EMPTY_CTL = ("memory", "memory.force_empty_ctl")
FORCE_EMPTY = ("memory", "memory.force_empty")
SCHED_LAT_FILES = (("cpuacct", "cpuacct.sched_lat_switch"), ("cpuacct", "cpuacct.sched_lat_enable"))
NVIDIA_HOOKS = ("nvidia-container-runtime-hook", "nvidia-container-toolkit")
NVIDIA_DRIVER_CAPS = {"compute", "compat32", "graphics", "utility", "video", "display"}
NVIDIA_DEVICE_WORDS = {"all", "none", "void"}
NVIDIA_ENV = ("NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES")
L3_SCHEMA = re.compile(r"^L3:\d+=[0-9a-fA-F]+(;\d+=[0-9a-fA-F]+)*$")


def _has(root: Path, item: tuple[str, str]) -> bool:
    return (root / item[0] / item[1]).exists()


@dataclasses.dataclass(frozen=True)
class HostExtras:
    """Which of the Pouch-only interfaces this host has."""

    wmark_ratio: bool = False
    memory_extra: bool = False
    force_empty_ctl: bool = False
    force_empty: bool = False
    sched_lat: tuple[str, str] | None = None
    resctrl_l3: bool = False
    rdt_cpu: bool = False
    nvidia_hook: str | None = None
    dev_root: Path = Path("/dev")

    @classmethod
    def detect(
        cls, cgroup_root: Path = CGROUP_ROOT, resctrl: Path = RESCTRL, cpuinfo: Path = Path("/proc/cpuinfo")
    ) -> HostExtras:
        try:
            flags = cpuinfo.read_text()
        except OSError:
            flags = ""
        hook = next((found for name in NVIDIA_HOOKS if (found := shutil.which(name))), None)
        return cls(
            wmark_ratio=_has(cgroup_root, WMARK_RATIO),
            memory_extra=_has(cgroup_root, MEMORY_EXTRA),
            force_empty_ctl=_has(cgroup_root, FORCE_EMPTY_CTL),
            force_empty=_has(cgroup_root, FORCE_EMPTY),
            sched_lat=next((f for f in SCHED_LAT_FILES if _has(cgroup_root, f)), None),
            resctrl_l3=(resctrl / "info" / "L3").is_dir(),
            rdt_cpu=" cat_l3" in flags,
            nvidia_hook=hook,
        )

    def info(self) -> list[list[str]]:
        """Pairs for /info: what each field can do on this host."""

        def say(ok: bool, yes: str, no: str) -> str:
            return yes if ok else no

        return [
            ["MemoryWmarkRatio", say(self.wmark_ratio, "memory.wmark_ratio", "unsupported")],
            ["MemoryExtra", say(self.memory_extra, "memory.extra_in_bytes", "unsupported")],
            [
                "MemoryForceEmptyCtl",
                "memory.force_empty_ctl"
                if self.force_empty_ctl
                else say(self.force_empty, "memory.force_empty at remove", "unsupported"),
            ],
            ["ScheLatSwitch", self.sched_lat[1] if self.sched_lat else "unsupported"],
            ["IntelRdtL3Cbm", say(self.resctrl_l3, "resctrl", "unsupported")],
            ["NvidiaConfig", self.nvidia_hook or "unsupported"],
        ]


@dataclasses.dataclass
class ExtrasPlan:
    """What the fields add to a container.

    ``annotations``: pouchd's, for runtimes that read them; ``cgroup_writes``: (controller,
    file) -> value, for the engine to write into the container's cgroup after runc create
    and at update; ``force_empty_on_remove``: write memory.force_empty before the cgroup
    goes; the rest goes into the OCI spec (``apply``).
    """

    annotations: dict[str, str] = dataclasses.field(default_factory=dict)
    cgroup_writes: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    force_empty_on_remove: bool = False
    intel_rdt: dict[str, str] | None = None
    prestart_hooks: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    env: list[str] = dataclasses.field(default_factory=list)

    def apply(self, spec: dict[str, Any]) -> None:
        spec.setdefault("annotations", {}).update(self.annotations)
        if self.intel_rdt:
            spec.setdefault("linux", {})["intelRdt"] = dict(self.intel_rdt)
        if self.prestart_hooks:
            spec.setdefault("hooks", {}).setdefault("prestart", []).extend(self.prestart_hooks)
        if self.env:
            keys = {e.partition("=")[0] for e in self.env}
            process = spec.setdefault("process", {})
            process["env"] = [e for e in process.get("env", []) if e.partition("=")[0] not in keys] + self.env


def _int(host: Mapping[str, Any], key: str) -> int | None:
    value = host.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidParameter(f"{key} must be an integer")
    return value


def _switch(host: Mapping[str, Any], key: str) -> int:
    value = _int(host, key) or 0
    if value not in (0, 1):
        raise InvalidParameter(f"{key} must be 0 or 1, not {value}")
    return value


def _nvidia(config: Mapping[str, Any], extras: HostExtras) -> tuple[list[dict[str, Any]], list[str]]:
    caps = str(config.get("NvidiaDriverCapabilities") or "").strip()
    if caps and caps != "all":
        unknown = [c.strip() for c in caps.split(",") if c.strip() not in NVIDIA_DRIVER_CAPS]
        if unknown:
            raise InvalidParameter(f"invalid nvidia driver capability: {', '.join(unknown)}")
    devices = str(config.get("NvidiaVisibleDevices") or "").strip()
    if devices and devices not in NVIDIA_DEVICE_WORDS:
        for dev in (d.strip() for d in devices.split(",")):
            if dev.isdigit() and not (extras.dev_root / f"nvidia{dev}").exists():
                raise InvalidParameter(f"invalid nvidia device: {dev} (no {extras.dev_root}/nvidia{dev})")
    env = [f"NVIDIA_DRIVER_CAPABILITIES={caps}", f"NVIDIA_VISIBLE_DEVICES={devices}"]
    return [_nvidia_hook(extras, "NvidiaConfig")], env


def _nvidia_hook(extras: HostExtras, asked_by: str) -> dict[str, Any]:
    if extras.nvidia_hook is None:
        raise InvalidParameter(
            f"{asked_by} needs the NVIDIA container toolkit: no nvidia-container-runtime-hook on this host"
        )
    return {"path": extras.nvidia_hook, "args": [extras.nvidia_hook, "prestart"]}


def _kernel_file(out: ExtrasPlan, field: str, value: int, annotation: str, target: tuple[str, str], has: bool) -> None:
    """pouchd's annotation, and the cgroup write where the kernel has the file (a refusal where a value needs it)."""
    out.annotations[annotation] = str(value)
    if value and not has:
        raise InvalidParameter(f"{field} needs {target[1]} of {ALIKERNEL}; this host has none")
    if has:
        out.cgroup_writes[target] = str(value)


def plan(host: Mapping[str, Any], user_env: list[str] | None, extras: HostExtras) -> ExtrasPlan:
    """The plan for a HostConfig (create) or an update's resources; InvalidParameter if the host cannot."""
    out = ExtrasPlan()
    ratio = _int(host, "MemoryWmarkRatio")
    if ratio is not None:
        if not 0 <= ratio <= 100:
            raise InvalidParameter(f"MemoryWmarkRatio must be in [0, 100], not {ratio}")
        _kernel_file(out, "MemoryWmarkRatio", ratio, "__memory_wmark_ratio", WMARK_RATIO, extras.wmark_ratio)
    extra = _int(host, "MemoryExtra")
    if extra is not None:
        if extra < 0:
            raise InvalidParameter(f"MemoryExtra must not be negative, not {extra}")
        _kernel_file(out, "MemoryExtra", extra, "__memory_extra_in_bytes", MEMORY_EXTRA, extras.memory_extra)
    force_empty = _switch(host, "MemoryForceEmptyCtl")
    out.annotations["__memory_force_empty_ctl"] = str(force_empty)
    if extras.force_empty_ctl:
        out.cgroup_writes[FORCE_EMPTY_CTL] = str(force_empty)
    elif force_empty:
        if not extras.force_empty:
            raise InvalidParameter("MemoryForceEmptyCtl needs memory.force_empty (cgroup v1); this host has none")
        out.force_empty_on_remove = True
    sched_file = extras.sched_lat or SCHED_LAT_FILES[0]
    sched_lat = _switch(host, "ScheLatSwitch")
    _kernel_file(out, "ScheLatSwitch", sched_lat, "__schedule_latency_switch", sched_file, extras.sched_lat is not None)
    cbm = str(host.get("IntelRdtL3Cbm") or "").strip()
    if cbm:
        if not L3_SCHEMA.match(cbm):
            raise InvalidParameter(f"invalid IntelRdtL3Cbm {cbm!r}: the form is L3:<cache id>=<mask>[;<id>=<mask>...]")
        if not extras.resctrl_l3:
            why = "resctrl is not mounted at /sys/fs/resctrl" if extras.rdt_cpu else "the CPU has no Intel RDT CAT (L3)"
            raise InvalidParameter(f"IntelRdtL3Cbm needs Intel RDT: {why}")
        out.intel_rdt = {"l3CacheSchema": cbm}
    nvidia = host.get("NvidiaConfig")
    env_asks = any(
        e.split("=", 1)[0] in ("NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES") for e in user_env or []
    )
    if nvidia is not None:
        out.prestart_hooks, out.env = _nvidia(nvidia, extras)
    elif env_asks:
        # pouchd's compatibility with Kubernetes device plugins: the variables alone ask for the hook
        out.prestart_hooks = [_nvidia_hook(extras, "NVIDIA_VISIBLE_DEVICES in Env")]
    return out


def write_cgroup_files(cgroup_dirs: Mapping[str, Path], writes: Mapping[tuple[str, str], str]) -> None:
    """Into the container's cgroup, one directory per controller (after runc create, at update)."""
    for (controller, name), value in writes.items():
        (Path(cgroup_dirs[controller]) / name).write_text(value)


def force_empty(memory_cgroup: Path) -> None:
    """Reclaim the cgroup's pages (page cache included) before it is removed."""
    try:
        (Path(memory_cgroup) / FORCE_EMPTY[1]).write_text("0")
    except OSError:
        pass  # the cgroup is already gone, or busy with a task that refuses reclaim: removal goes on
