"""What several benchmarks build the same way: a runc bundle of busybox (the `runc run` floor)
and the three-layer ~51 MB image a pull is timed with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.helpers.images import _LayerWriter, build_image_tar, busybox_layers

RUNC = shutil.which("runc") or "/usr/sbin/runc"


def runc_bundle(base: Path, cgroups_path: str, args: tuple[str, ...] = ("true",)) -> Path:
    """A busybox bundle with the same rootfs content as the test image, running ``args``."""
    bundle = base / "bundle"
    rootfs = bundle / "rootfs"
    (rootfs / "bin").mkdir(parents=True)
    shutil.copy("/bin/busybox", rootfs / "bin" / "busybox")
    for applet in ("sh", "true", "sleep"):
        os.symlink("busybox", rootfs / "bin" / applet)
    subprocess.run([RUNC, "spec"], cwd=bundle, check=True)
    spec = json.loads((bundle / "config.json").read_text())
    spec["process"]["terminal"] = False
    spec["process"]["args"] = list(args)
    spec["linux"]["cgroupsPath"] = cgroups_path
    (bundle / "config.json").write_text(json.dumps(spec))
    return bundle


def filler_layer(name: str, size: int) -> bytes:
    """A layer of one incompressible file: real bytes on the wire."""
    w = _LayerWriter()
    w.dir("data")
    w.file(f"data/{name}.bin", os.urandom(size))
    return w.finish()


def pull_image_archive(path: Path, seed: str = "") -> Path:
    """An OCI archive of three layers, ~51 MB compressed: busybox plus two 24 MiB fillers.
    ``seed`` makes the busybox layer differ from the test image's, so no layer is already there."""
    layers = [busybox_layers(3, seed=seed)[0], filler_layer("a", 24 << 20), filler_layer("b", 24 << 20)]
    return build_image_tar(path, layers)
