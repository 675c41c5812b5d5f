"""Image archives: read OCI-layout and docker-archive tars into the content store, and
write the tar GET /images/save serves.

Reading never extracts the outer tar to disk: members are looked up by name and their
bytes copied into the content store with their digests checked, so an entry named
``../x`` or ``/etc/x`` cannot land anywhere (it is refused all the same, with a 400).

The saved tar is an OCI image layout (``oci-layout``, ``index.json``, ``blobs/``) that
also carries a docker-archive ``manifest.json`` pointing into ``blobs/`` (the layout
docker 25+ writes), so ``skopeo copy oci-archive:``/``docker-archive:`` and
``docker load`` all accept it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import posixpath
import tarfile
from pathlib import Path
from typing import IO, Any

from runtime.errors import InvalidParameter
from runtime.images.content import ContentStore, digest_hex
from runtime.images.layers import GZIP_MAGIC, UnsafeArchive, clean_name

MT_OCI_INDEX = "application/vnd.oci.image.index.v1+json"
MT_OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MT_OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
MT_OCI_LAYER = "application/vnd.oci.image.layer.v1.tar"
MT_OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
MT_DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
MT_DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
INDEX_TYPES = (MT_OCI_INDEX, MT_DOCKER_LIST)
MANIFEST_TYPES = (MT_OCI_MANIFEST, MT_DOCKER_MANIFEST)
REF_NAME = "org.opencontainers.image.ref.name"
CONTAINERD_NAME = "io.containerd.image.name"
MAX_JSON = 8 << 20  # manifests, configs and indexes are small; refuse anything absurd


@dataclasses.dataclass
class ArchiveImage:
    """One image found in an archive: its manifest (now in the store) and the names it carried."""

    manifest: str
    names: list[str]


def _members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    out: dict[str, tarfile.TarInfo] = {}
    for m in tar.getmembers():
        name = clean_name(m.name)
        if m.ischr() or m.isblk():
            raise UnsafeArchive(f"unsafe tar entry {m.name!r}: device nodes are not allowed")
        if m.issym() or m.islnk():
            if m.linkname.startswith("/"):
                raise UnsafeArchive(f"unsafe tar entry {m.name!r}: link to absolute path {m.linkname!r}")
            target = m.linkname if m.islnk() else posixpath.join(posixpath.dirname(name), m.linkname)
            target = posixpath.normpath(target)
            if target == ".." or target.startswith("../"):
                raise UnsafeArchive(f"unsafe tar entry {m.name!r}: link {m.linkname!r} points outside the archive")
        out[name] = m
    return out


class _Archive:
    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.members = _members(tar)

    def open(self, name: str) -> IO[bytes]:
        m = self.members.get(clean_name(name))
        if m is None:
            raise InvalidParameter(f"archive has no entry {name!r}")
        f = self.tar.extractfile(m)  # follows in-archive links, never the host filesystem
        if f is None:
            raise InvalidParameter(f"archive entry {name!r} is not a file")
        return f

    def read_json(self, name: str) -> Any:
        with self.open(name) as f:
            data = f.read(MAX_JSON + 1)
        if len(data) > MAX_JSON:
            raise InvalidParameter(f"archive entry {name!r} is too large for JSON metadata")
        try:
            return json.loads(data)
        except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than the parser goes
            raise InvalidParameter(f"archive entry {name!r} is not valid JSON") from None


def read_archive(path: Path, content: ContentStore) -> list[ArchiveImage]:
    """Copy every image of an OCI or docker archive into the content store."""
    try:
        tar = tarfile.open(path, mode="r:*")
    except (tarfile.TarError, EOFError, OSError) as e:
        raise InvalidParameter(f"not a tar archive: {e}") from None
    with tar:
        try:
            arc = _Archive(tar)
            if "index.json" in arc.members:
                return _read_oci(arc, content)
            if "manifest.json" in arc.members:
                return _read_docker(arc, content)
        except (tarfile.TarError, EOFError) as e:
            raise InvalidParameter(f"corrupt archive: {e}") from None
    raise InvalidParameter("archive has neither index.json (OCI layout) nor manifest.json (docker archive)")


def _copy_blob(arc: _Archive, content: ContentStore, desc: dict[str, Any]) -> str:
    digest = desc.get("digest")
    if not isinstance(digest, str):
        raise InvalidParameter("descriptor without a digest in archive")
    hex_ = digest_hex(digest)
    if not content.has(digest):
        with arc.open(f"blobs/sha256/{hex_}") as f:
            content.put_stream(f, expected=digest)
    return digest


def _read_oci(arc: _Archive, content: ContentStore) -> list[ArchiveImage]:
    index = arc.read_json("index.json")
    if not isinstance(index, dict) or not isinstance(index.get("manifests"), list):
        raise InvalidParameter("index.json has no manifests list")
    images = []
    for desc in index["manifests"]:
        if not isinstance(desc, dict):
            raise InvalidParameter("index.json: bad descriptor")
        annotations = desc.get("annotations") or {}
        names = [n for n in (annotations.get(CONTAINERD_NAME) or annotations.get(REF_NAME),) if n]
        digest = _copy_blob(arc, content, desc)
        manifest = content.read_json(digest)
        if desc.get("mediaType") in INDEX_TYPES or manifest.get("mediaType") in INDEX_TYPES:
            for sub in manifest.get("manifests") or []:
                if isinstance(sub, dict) and arc.members.get(f"blobs/sha256/{digest_hex(sub.get('digest', ''))}"):
                    _copy_manifest_tree(arc, content, sub["digest"])
        else:
            _copy_manifest_tree(arc, content, digest)
        images.append(ArchiveImage(digest, names))
    return images


def _copy_manifest_tree(arc: _Archive, content: ContentStore, digest: str) -> None:
    manifest = content.read_json(_copy_blob(arc, content, {"digest": digest}))
    if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict):
        raise InvalidParameter(f"manifest {digest} has no config")
    _copy_blob(arc, content, manifest["config"])
    for layer in manifest.get("layers") or []:
        _copy_blob(arc, content, layer)


def _read_docker(arc: _Archive, content: ContentStore) -> list[ArchiveImage]:
    entries = arc.read_json("manifest.json")
    if not isinstance(entries, list):
        raise InvalidParameter("manifest.json is not a list")
    images = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("Config"), str):
            raise InvalidParameter("manifest.json: entry without Config")
        with arc.open(entry["Config"]) as f:
            config_digest, config_size = content.put_stream(f, limit=MAX_JSON)
        layers = []
        for name in entry.get("Layers") or []:
            with arc.open(name) as f:
                head = f.read(2)
            with arc.open(name) as f:
                digest, size = content.put_stream(f)
            layers.append(
                {"mediaType": MT_OCI_LAYER_GZIP if head == GZIP_MAGIC else MT_OCI_LAYER, "digest": digest, "size": size}
            )
        manifest = {
            "schemaVersion": 2,
            "mediaType": MT_OCI_MANIFEST,
            "config": {"mediaType": MT_OCI_CONFIG, "digest": config_digest, "size": config_size},
            "layers": layers,
        }
        digest = content.put_bytes(json.dumps(manifest, separators=(",", ":")).encode())
        tags = [t for t in entry.get("RepoTags") or [] if isinstance(t, str)]
        images.append(ArchiveImage(digest, tags))
    return images


def manifest_descriptor(content: ContentStore, digest: str) -> dict[str, Any]:
    """An index entry for a stored manifest, typed as the manifest says it is: a pull keeps a
    registry's docker schema 2 manifest as served, so that its digest and the config digest
    (the image ID) are the ones the registry, dockerd and pouchd report."""
    media = content.read_json(digest).get("mediaType") or MT_OCI_MANIFEST
    return {"mediaType": media, "digest": digest, "size": content.size(digest)}


def write_archive(out: IO[bytes], content: ContentStore, images: list[tuple[str, list[str]]]) -> None:
    """Write (manifest digest, tagged names) pairs as one OCI + docker-archive tar."""
    index: list[dict[str, Any]] = []
    docker_manifest: list[dict[str, Any]] = []
    blobs: list[str] = []
    for manifest_digest, names in images:
        manifest = content.read_json(manifest_digest)
        desc = manifest_descriptor(content, manifest_digest)
        if names:
            for name in names:
                index.append({**desc, "annotations": {CONTAINERD_NAME: name, REF_NAME: name.rsplit(":", 1)[-1]}})
        else:
            index.append(desc)
        layer_digests = [layer["digest"] for layer in manifest.get("layers") or []]
        docker_manifest.append(
            {
                "Config": f"blobs/sha256/{digest_hex(manifest['config']['digest'])}",
                "RepoTags": names or None,
                "Layers": [f"blobs/sha256/{digest_hex(d)}" for d in layer_digests],
            }
        )
        for d in [manifest_digest, manifest["config"]["digest"], *layer_digests]:
            if d not in blobs:
                blobs.append(d)
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        _add_bytes(tar, "oci-layout", json.dumps({"imageLayoutVersion": "1.0.0"}).encode())
        _add_dir(tar, "blobs")
        _add_dir(tar, "blobs/sha256")
        for d in blobs:
            info = tarfile.TarInfo(f"blobs/sha256/{digest_hex(d)}")
            info.size = content.size(d)
            info.mode = 0o644
            with content.open(d) as f:
                tar.addfile(info, f)
        _add_bytes(tar, "index.json", json.dumps({"schemaVersion": 2, "manifests": index}).encode())
        _add_bytes(tar, "manifest.json", json.dumps(docker_manifest).encode())


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def _add_dir(tar: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = 0o755
    tar.addfile(info)
