"""Test images built locally from busybox-static (no internet here).

``build_busybox_image_tar`` writes an OCI image archive (or a docker-archive) whose layers
are deterministic (fixed mtimes and owners), so the same arguments always give the same
digests and round trips can compare them:

- layer 1: /bin/busybox, the usual top-level dirs, /etc/passwd, /etc/group, /etc/removed-later,
  /opt/opaque/{a,b}
- layer 2: one symlink per applet in /bin (``/bin/sh -> busybox`` ...) and /usr/bin/env -> /bin/busybox
- layer 3: a whiteout of /etc/removed-later, /opt/opaque made opaque (only ``c`` stays), /etc/layer3
- layers 4..n: /layers/<n>.txt (plus ``filler_bytes`` of random data each, for benchmarks)

Names: ``load_busybox`` loads it as ``busybox:latest``. Like pouchd, the server normalises a
bare name through --default-registry and ``library/``, so the image shows in RepoTags as
``registry.hub.docker.com/library/busybox:latest``; ``busybox``, ``busybox:latest`` and the
full form all resolve to it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import httpx

BUSYBOX = "/bin/busybox"
BUSYBOX_NAME = "busybox:latest"
MTIME = 1_700_000_000
CREATED = "2023-11-14T22:13:20Z"
_DIRS = ("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "usr/bin", "var", "opt", "opt/opaque")


def busybox_applets() -> list[str]:
    out = subprocess.run([BUSYBOX, "--list"], capture_output=True, text=True, check=True).stdout
    return sorted(a for a in out.split() if a and a != "busybox")


class _LayerWriter:
    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.tar = tarfile.open(fileobj=self.buf, mode="w", format=tarfile.PAX_FORMAT)

    def _info(self, name: str, mode: int) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.mtime, info.mode, info.uid, info.gid = MTIME, mode, 0, 0
        return info

    def dir(self, name: str, mode: int = 0o755) -> None:
        info = self._info(name, mode)
        info.type = tarfile.DIRTYPE
        self.tar.addfile(info)

    def file(self, name: str, data: bytes, mode: int = 0o644) -> None:
        info = self._info(name, mode)
        info.size = len(data)
        self.tar.addfile(info, io.BytesIO(data))

    def symlink(self, name: str, target: str) -> None:
        info = self._info(name, 0o777)
        info.type, info.linkname = tarfile.SYMTYPE, target
        self.tar.addfile(info)

    def finish(self) -> bytes:
        self.tar.close()
        return self.buf.getvalue()


def busybox_layers(layers: int = 3, filler_bytes: int = 0, seed: str = "") -> list[bytes]:
    """Uncompressed layer tars (see the module doc)."""
    if layers < 3:
        raise ValueError("the busybox image has at least 3 layers")
    l1 = _LayerWriter()
    for d in _DIRS:
        l1.dir(d, 0o1777 if d == "tmp" else 0o755)
    l1.file("bin/busybox", Path(BUSYBOX).read_bytes(), 0o755)
    l1.file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n")
    l1.file("etc/group", b"root:x:0:\nnogroup:x:65534:\n")
    l1.file("etc/removed-later", b"this file is whited out by layer 3\n")
    l1.file("opt/opaque/a", b"a\n")
    l1.file("opt/opaque/b", b"b\n")
    if seed:
        l1.file("etc/seed", seed.encode())
    l2 = _LayerWriter()
    l2.dir("bin")
    l2.dir("usr")
    l2.dir("usr/bin")
    for applet in busybox_applets():
        l2.symlink(f"bin/{applet}", "busybox")
    l2.symlink("usr/bin/env", "/bin/busybox")
    l3 = _LayerWriter()
    l3.dir("etc")
    l3.file("etc/.wh.removed-later", b"")
    l3.dir("opt")
    l3.dir("opt/opaque")
    l3.file("opt/opaque/.wh..wh..opq", b"")
    l3.file("opt/opaque/c", b"c\n")
    l3.file("etc/layer3", b"layer 3\n")
    out = [l1.finish(), l2.finish(), l3.finish()]
    rnd = hashlib.sha256(seed.encode()).digest()
    for n in range(4, layers + 1):
        w = _LayerWriter()
        w.dir("layers")
        w.file(f"layers/{n}.txt", f"layer {n}\n".encode())
        if filler_bytes:
            w.file(f"layers/{n}.bin", _pseudo_random(filler_bytes, rnd + bytes([n])))
        out.append(w.finish())
    return out


def _pseudo_random(size: int, seed: bytes) -> bytes:
    """Incompressible filler (benchmarks want layers of a real size on the wire)."""
    return os.urandom(size)


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def image_config(diff_ids: list[str], created: str = CREATED, cmd: list[str] | None = None) -> dict[str, Any]:
    arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)
    return {
        "created": created,
        "architecture": arch,
        "os": "linux",
        "author": "pouch tests",
        "config": {
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": cmd or ["sh"],
            "Labels": {"org.pouch.test": "busybox"},
        },
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [
            {"created": created, "created_by": f"layer {i + 1}", "comment": f"layer {i + 1} of busybox"}
            for i in range(len(diff_ids))
        ]
        + [{"created": created, "created_by": 'CMD ["sh"]', "empty_layer": True}],
    }


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), MTIME, 0o644
    tar.addfile(info, io.BytesIO(data))


def build_image_tar(
    path: Path | str,
    layer_tars: list[bytes],
    fmt: str = "oci",
    ref_name: str | None = "latest",
    repo_tags: list[str] | None = None,
    compress: bool = True,
    created: str = CREATED,
    cmd: list[str] | None = None,
) -> Path:
    """Pack uncompressed layer tars into an OCI archive (``fmt="oci"``) or a docker-archive."""
    path = Path(path)
    diff_ids = [_digest(t) for t in layer_tars]
    config = json.dumps(image_config(diff_ids, created, cmd), sort_keys=True).encode()
    blobs = [gzip.compress(t, compresslevel=1, mtime=0) if compress else t for t in layer_tars]
    media = "application/vnd.oci.image.layer.v1.tar" + ("+gzip" if compress else "")
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": _digest(config),
                "size": len(config),
            },
            "layers": [{"mediaType": media, "digest": _digest(b), "size": len(b)} for b in blobs],
        },
        sort_keys=True,
    ).encode()
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        if fmt == "oci":
            _add(tar, "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
            desc: dict[str, Any] = {
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": _digest(manifest),
                "size": len(manifest),
            }
            if ref_name:
                desc["annotations"] = {"org.opencontainers.image.ref.name": ref_name}
            _add(tar, "index.json", json.dumps({"schemaVersion": 2, "manifests": [desc]}).encode())
            for blob in [manifest, config, *blobs]:
                _add(tar, f"blobs/sha256/{_digest(blob)[7:]}", blob)
        elif fmt == "docker":
            cfg_name = f"{_digest(config)[7:]}.json"
            _add(tar, cfg_name, config)
            names = []
            for i, blob in enumerate(blobs):
                names.append(f"layer{i}/layer.tar")
                _add(tar, names[-1], blob)
            _add(
                tar,
                "manifest.json",
                json.dumps([{"Config": cfg_name, "RepoTags": repo_tags, "Layers": names}]).encode(),
            )
        else:
            raise ValueError(f"unknown format {fmt}")
    return path


def build_busybox_image_tar(
    path: Path | str, layers: int = 3, fmt: str = "oci", filler_bytes: int = 0, seed: str = "", **kw: Any
) -> Path:
    """An image archive of busybox-static with ``layers`` layers (whiteout, opaque dir, symlinks)."""
    return build_image_tar(path, busybox_layers(layers, filler_bytes, seed), fmt=fmt, **kw)


def image_digests(path: Path | str) -> dict[str, Any]:
    """Config digest (the image ID) and layer diff IDs of an OCI or docker archive we built or saved."""
    with tarfile.open(path) as tar:
        names = tar.getnames()
        if "index.json" in names:
            index = json.load(tar.extractfile("index.json"))  # type: ignore[arg-type]
            mdesc = index["manifests"][0]
            manifest = json.load(tar.extractfile(f"blobs/sha256/{mdesc['digest'][7:]}"))  # type: ignore[arg-type]
            cfg_digest = manifest["config"]["digest"]
            config = json.load(tar.extractfile(f"blobs/sha256/{cfg_digest[7:]}"))  # type: ignore[arg-type]
            return {
                "id": cfg_digest,
                "diff_ids": config["rootfs"]["diff_ids"],
                "manifest": mdesc["digest"],
                "layers": [x["digest"] for x in manifest["layers"]],
            }
        entry = json.load(tar.extractfile("manifest.json"))[0]  # type: ignore[arg-type]
        raw = tar.extractfile(entry["Config"]).read()  # type: ignore[union-attr]
        return {"id": _digest(raw), "diff_ids": json.loads(raw)["rootfs"]["diff_ids"]}


_cache: dict[tuple[Any, ...], Path] = {}


def busybox_tar(layers: int = 3, fmt: str = "oci", **kw: Any) -> Path:
    """A cached archive per argument set (building one takes ~0.1 s, loading it more)."""
    key = (layers, fmt, tuple(sorted(kw.items())))
    if key not in _cache or not _cache[key].exists():
        d = Path(tempfile.mkdtemp(prefix="busybox-image-"))
        _cache[key] = build_busybox_image_tar(d / "busybox.tar", layers=layers, fmt=fmt, **kw)
    return _cache[key]


def load_image(client: httpx.Client, path: Path | str, name: str | None = None) -> httpx.Response:
    params = {"name": name} if name else {}
    with open(path, "rb") as f:
        return client.post(
            "/images/load", params=params, content=f.read(), headers={"Content-Type": "application/x-tar"}, timeout=120
        )


def load_busybox(client: httpx.Client, name: str = BUSYBOX_NAME) -> str:
    """Load the busybox test image into the server as ``name``; returns ``name``."""
    resp = load_image(client, busybox_tar(), name)
    assert resp.status_code == 200, resp.text
    return name
