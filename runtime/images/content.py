"""Content-addressed blobs in an OCI image layout (``<home>/images``).

``blobs/sha256/<hex>`` holds every manifest, config and layer exactly as received;
``index.json`` lists the manifests of tagged images (annotation
``org.opencontainers.image.ref.name``), so the directory is a valid OCI layout that
skopeo and umoci can read. Blobs are written to ``tmp/`` and renamed into place once
their digest checks out, so a cut-off write never leaves a blob under a wrong name;
skopeo shares the same ``blobs`` directory (``--dest-shared-blob-dir``) so a re-pull
skips what is already here.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from runtime.errors import EngineError, InvalidParameter

OCI_LAYOUT = {"imageLayoutVersion": "1.0.0"}
CHUNK = 1 << 20


def digest_hex(digest: str) -> str:
    algo, _, hex_ = digest.partition(":")
    if algo != "sha256" or len(hex_) != 64 or any(c not in "0123456789abcdef" for c in hex_):
        raise InvalidParameter(f"unsupported or malformed digest {digest!r}")
    return hex_


class ContentStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs = root / "blobs" / "sha256"
        self.tmp = root / "tmp"
        self._index_lock = threading.Lock()
        self.blobs.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        layout = root / "oci-layout"
        if not layout.exists():
            layout.write_text(json.dumps(OCI_LAYOUT))
        if not (root / "index.json").exists():
            self.write_index([])

    @property
    def shared_blob_dir(self) -> Path:
        """What skopeo's --{src,dest}-shared-blob-dir wants: the dir holding ``sha256/``."""
        return self.blobs.parent

    def path(self, digest: str) -> Path:
        return self.blobs / digest_hex(digest)

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def stored_before(self, digest: str, when: float) -> bool:
        """The blob is here and was written before ``when`` (a time.time())."""
        try:
            return os.stat(self.path(digest)).st_mtime < when
        except OSError:
            return False

    def size(self, digest: str) -> int:
        return self.path(digest).stat().st_size

    def open(self, digest: str) -> IO[bytes]:
        try:
            return open(self.path(digest), "rb")
        except FileNotFoundError:
            raise EngineError(f"blob {digest} is missing from the content store") from None

    def read_json(self, digest: str) -> Any:
        with self.open(digest) as f:
            data = f.read()
        if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
            raise EngineError(f"blob {digest} is corrupt")
        return json.loads(data)

    def temp_dir(self, prefix: str) -> str:
        """A scratch dir on the store's filesystem (so renames into blobs/ are atomic)."""
        return tempfile.mkdtemp(prefix=prefix, dir=self.tmp)

    def put_bytes(self, data: bytes) -> str:
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if not self.has(digest):
            fd, tmp = tempfile.mkstemp(dir=self.tmp)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.path(digest))
        return digest

    def put_stream(self, src: IO[bytes], expected: str | None = None, limit: int | None = None) -> tuple[str, int]:
        """Copy a stream in, hashing as it goes; refuse a digest mismatch (400)."""
        h = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=self.tmp)
        try:
            with os.fdopen(fd, "wb") as f:
                while True:
                    chunk = src.read(CHUNK)
                    if not chunk:
                        break
                    h.update(chunk)
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise InvalidParameter(f"blob larger than its declared size {limit}")
                    f.write(chunk)
            digest = "sha256:" + h.hexdigest()
            if expected is not None and digest != expected:
                raise InvalidParameter(f"blob digest mismatch: expected {expected}, got {digest}")
            if self.has(digest):
                os.unlink(tmp)
            else:
                os.replace(tmp, self.path(digest))
            return digest, size
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def put_file(self, path: Path, expected: str | None = None) -> tuple[str, int]:
        with open(path, "rb") as f:
            return self.put_stream(f, expected)

    def delete(self, digests: Iterable[str]) -> None:
        for d in digests:
            try:
                os.unlink(self.path(d))
            except FileNotFoundError:
                pass

    def all_digests(self) -> set[str]:
        return {"sha256:" + p.name for p in self.blobs.iterdir() if len(p.name) == 64}

    def write_index(self, manifests: list[dict[str, Any]]) -> None:
        """Rewrite index.json atomically (the OCI layout view of the tagged images)."""
        with self._index_lock:
            doc = {"schemaVersion": 2, "manifests": manifests}
            fd, tmp = tempfile.mkstemp(dir=self.tmp)
            with os.fdopen(fd, "w") as f:
                json.dump(doc, f)
            os.replace(tmp, self.root / "index.json")

    def clean_tmp(self) -> None:
        """Drop leftovers of cut-off writes (called at start, when nothing is in flight)."""
        for entry in self.tmp.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
