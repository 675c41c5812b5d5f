"""ImageService (``engine.images``): the image store and every image operation.

Layout under ``<home>/images``: an OCI image layout (content.py) for blobs, unpacked
layers keyed by chain ID and container root filesystems (snapshots.py). Image records
live in the metadata store (kind ``image``, records.py). Registry I/O goes through
skopeo (registry.py).

Locking: record and tag changes run under one lock (in worker threads); unpacking and
downloads happen outside it, into temp dirs renamed into place, so a request cut off
midway leaves blobs at most (reused by the next pull) and never a half image.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx

from runtime.clock import now_rfc3339
from runtime.config import DaemonConfig
from runtime.containers.protocols import ImageUsers
from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound
from runtime.events import EventBus
from runtime.host import host_platform
from runtime.images import archives, commits, layers, listing, records
from runtime.images.changes import apply_changes
from runtime.images.content import ContentStore, digest_hex
from runtime.images.protocols import CommitSource
from runtime.images.reference import (
    InvalidReference,
    Reference,
    check_new_repository,
    looks_like_id,
    parse,
)
from runtime.images.registry import AuthConfig, Registries
from runtime.images.snapshots import Snapshots, chain_ids
from runtime.images.transfer import Transfers
from runtime.images.unpacking import Unpacker
from runtime.store import MetaStore

log = logging.getLogger("pouch.images")
Record = dict[str, Any]
Progress = Callable[[dict[str, Any]], None]
SPOOL_CHUNK = 1 << 20


def short_id(image_id: str) -> str:
    return digest_hex(image_id)[:12]


class ImageService:
    def __init__(
        self,
        config: DaemonConfig,
        store: MetaStore,
        events: EventBus,
        containers: ImageUsers,
        image_proxy: Callable[[], str],
        make_dir: Callable[[Path], None] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.events = events
        self.containers = containers
        self.image_proxy = image_proxy
        self.root = config.home_dir / "images"
        self.content = ContentStore(self.root)
        self.snapshots = (
            Snapshots(self.root, self.content.tmp, make_dir) if make_dir else Snapshots(self.root, self.content.tmp)
        )
        self.store.register("image", records.ImageRecordSchema())
        self._lock = threading.RLock()
        self._names_index: dict[str, str] = {}
        self._names_version = -1
        self.unpacker = Unpacker(self.content, self.snapshots)
        self._seq = max((r.get("Seq", 0) for r in self.store.list("image")), default=0)
        self.registries = Registries(
            config.insecure_registries, config.home_dir / "certs.d", image_proxy, self.content.tmp
        )
        self._transfers = Transfers(self, self.content, self.registries, events, config.default_registry)

    async def restore(self) -> None:
        await asyncio.to_thread(self.content.clean_tmp)
        await asyncio.to_thread(self._drop_orphan_rootfs)

    async def close(self) -> None:
        pass

    def _drop_orphan_rootfs(self) -> None:
        """Unmount and delete root filesystems no container record names: a create (or an
        upgrade) cut by a crash mounts one before its record is written."""
        owned = self.containers.rootfs_keys()
        for key in self.snapshots.container_ids():
            if key not in owned:
                log.warning("removing the root filesystem %s that no container owns", key[:12])
                try:
                    self.snapshots.remove_rootfs(key)
                except (OSError, EngineError) as exc:
                    log.warning("cannot remove root filesystem %s: %s", key[:12], exc)

    # -- references ------------------------------------------------------------------

    def parse(self, ref: str, default_tag: bool = True) -> Reference:
        cfg = self.config
        return parse(ref, cfg.default_registry, cfg.default_registry_namespace, default_tag)

    def parse_new_name(self, repo: str) -> Reference:
        """A repository an image is about to be named (tag, commit, import): no tag defaulted."""
        return check_new_repository(self.parse(repo, default_tag=False), self.config.default_registry)

    def find(self, ref: str) -> Record | None:
        hex_ = looks_like_id(ref)
        if hex_:
            found = self.store.get("image", hex_)
            if found:
                return found
        try:
            r = self.parse(ref)
        except InvalidParameter:
            r = None
        if r is not None:
            found = self._by_name(f"{r.name}@{r.digest}" if r.digest else r.tagged)
            if found:
                return found
        prefix = ref[len("sha256:") :] if ref.startswith("sha256:") else ref
        if prefix and all(c in "0123456789abcdef" for c in prefix):
            try:
                return self.store.resolve("image", prefix, "image")
            except (NotFound, InvalidParameter):
                # an ambiguous short ID names no single image: "No such image", as dockerd answers
                return None
        return None

    def _by_name(self, name: str) -> Record | None:
        """The image a RepoTag or RepoDigest names. The index is checked against the record it
        points at: should they ever disagree, the index is rebuilt and asked again."""
        for fresh in (False, True):
            image_id = self._names(fresh).get(name)
            rec = self.store.get("image", image_id) if image_id else None
            if rec is None and not fresh:
                continue
            if rec is None or name in rec["RepoTags"] or name in rec["RepoDigests"]:
                return rec
        return None

    def _names(self, fresh: bool = False) -> dict[str, str]:
        """Every RepoTag and RepoDigest -> its image's ID hex, rebuilt only after a write of an
        image record (a lookup by name must not read every image: creates name images)."""
        version = self.store.version("image")
        if fresh or version != self._names_version:
            index: dict[str, str] = {}
            for rec in self.store.list("image"):
                for name in [*rec["RepoTags"], *rec["RepoDigests"]]:
                    index.setdefault(name, digest_hex(rec["Id"]))
            self._names_index, self._names_version = index, version
        return self._names_index

    def resolve(self, ref: str) -> Record:
        """The image record for an ID, short ID, name, name:tag or name@digest."""
        found = self.find(ref)
        if found is None:
            raise NotFound(f"No such image: {ref}")
        return found

    # -- registering content -----------------------------------------------------------

    def _next_seq(self) -> int:
        with self._lock:
            self._seq += 1
            return self._seq

    def unpack(self, manifest_digest: str, progress: Progress | None = None) -> Record:
        """Unpack an image's layers into snapshots and return its record (not yet stored)."""
        return self.unpacker.unpack(manifest_digest, progress)

    def commit_record(self, new: Record, tags: list[str], repo_digest: str | None = None) -> Record:
        """Store an unpacked image, moving ``tags`` onto it (as `docker tag` does)."""
        with self._lock:
            hex_ = digest_hex(new["Id"])
            old = self.store.get("image", hex_)
            if old is not None:
                new["RepoTags"] = list(old["RepoTags"])
                new["RepoDigests"] = list(old["RepoDigests"])
                new["Blobs"] = sorted(set(old["Blobs"]) | set(new["Blobs"]))
                new["Seq"] = old["Seq"]
            else:
                new["Seq"] = self._next_seq()
            if repo_digest and repo_digest not in new["RepoDigests"]:
                repo = repo_digest.split("@", 1)[0]
                new["RepoDigests"] = [d for d in new["RepoDigests"] if d.split("@", 1)[0] != repo] + [repo_digest]
            self.store.put("image", hex_, new)
            for tag in tags:
                self._move_tag(tag, hex_)
            self._sync_index()
            return self.store.get("image", hex_) or new

    def add_repo_digest(self, image_id: str, repo_digest: str) -> None:
        with self._lock:
            rec = self.store.get("image", digest_hex(image_id))
            if rec is None:
                return
            repo = repo_digest.split("@", 1)[0]
            rec["RepoDigests"] = [d for d in rec["RepoDigests"] if d.split("@", 1)[0] != repo] + [repo_digest]
            self.store.put("image", digest_hex(image_id), rec)

    def _move_tag(self, tag: str, hex_: str) -> None:
        for rec in self.store.list("image"):
            rid = digest_hex(rec["Id"])
            if rid != hex_ and tag in rec["RepoTags"]:
                rec["RepoTags"].remove(tag)
                self.store.put("image", rid, rec)
        mine = self.store.get("image", hex_)
        assert mine is not None
        if tag not in mine["RepoTags"]:
            mine["RepoTags"].append(tag)
            self.store.put("image", hex_, mine)

    def _sync_index(self) -> None:
        manifests = []
        for rec in self.store.list("image"):
            digest = rec["ManifestDigest"]
            desc = archives.manifest_descriptor(self.content, digest)
            for tag in rec["RepoTags"]:
                manifests.append({**desc, "annotations": {archives.REF_NAME: tag}})
        self.content.write_index(manifests)

    # -- registry transfers (transfer.py) -------------------------------------------------

    async def pull(self, from_image: str, tag: str | None, auth: AuthConfig) -> AsyncIterator[dict[str, Any]]:
        """POST /images/create?fromImage: what must fail with a status fails here; the progress
        stream returned reports the rest (errors included) as messages."""
        plan = await self._transfers.prepare_pull(from_image, tag, auth)
        return self._transfers.pull(plan)

    def push(self, name: str, tag: str | None, auth: AuthConfig) -> AsyncIterator[dict[str, Any]]:
        """POST /images/{name}/push: the local image is found first, then the progress stream."""
        ref, rec = self._transfers.push_target(name, tag)
        return self._transfers.push(ref, rec, auth)

    async def search(self, term: str, registry: str | None) -> list[dict[str, Any]]:
        return await self._transfers.search(term, registry)

    async def login(self, auth: AuthConfig) -> dict[str, str]:
        return await self._transfers.login(auth)

    # -- load / save / import ------------------------------------------------------------

    async def spool(self, body: AsyncIterator[bytes], prefix: str) -> Path:
        """Write a request body to a temp file in the store, off the event loop."""
        fd, name = tempfile.mkstemp(prefix=prefix, dir=self.content.tmp)
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as f:
                buf = bytearray()
                async for chunk in body:
                    buf += chunk
                    if len(buf) >= SPOOL_CHUNK:
                        await asyncio.to_thread(f.write, bytes(buf))
                        buf.clear()
                if buf:
                    await asyncio.to_thread(f.write, bytes(buf))
        except BaseException:
            os.unlink(path)
            raise
        return path

    def _load_names(self, carried: list[str], name: str | None) -> list[str]:
        """Names a loaded image gets: ``name`` wins (with the archive's tag if it names one)."""
        out = []
        for c in carried or [""]:
            if name:
                ref = self.parse(name, default_tag=False)
                if ref.tag is None and ref.digest is None:
                    tag = c if c and ":" not in c and "/" not in c else "latest"
                    ref = ref.with_tag(tag)
                out.append(ref.tagged)
            elif c:
                if ":" in c or "/" in c:
                    out.append(self.parse(c).tagged)
                else:
                    out.append(self.parse(f"unknown/unknown:{c}").tagged)
        return out

    def load_file(self, path: Path, name: str | None = None) -> list[str]:
        """POST /images/load: every image of an OCI or docker archive; returns what was loaded."""
        if name is not None:
            self.parse(name, default_tag=False)  # 400 before any work
        loaded = []
        for img in archives.read_archive(path, self.content):
            rec = self.unpack(img.manifest)
            names = self._load_names(img.names, name)
            rec = self.commit_record(rec, names)
            for n in names or [rec["Id"]]:
                self.events.publish("image", "load", rec["Id"], {"name": n})
            loaded.extend(names or [rec["Id"]])
        return loaded

    async def load(self, body: AsyncIterator[bytes], name: str | None = None) -> list[str]:
        path = await self.spool(body, "load-")
        try:
            return await asyncio.to_thread(self.load_file, path, name)
        finally:
            await asyncio.to_thread(path.unlink, True)

    def save_file(self, refs: list[str]) -> Path:
        """GET /images/save: an archive of the named images, in a temp file the caller removes."""
        if not refs:
            raise InvalidParameter("no image name given to save")
        wanted: list[tuple[str, list[str]]] = []
        for ref in refs:
            rec = self.resolve(ref)
            names: list[str] = []
            try:
                r = self.parse(ref)
                if not looks_like_id(ref) and r.tagged in rec["RepoTags"]:
                    names = [r.tagged]
            except InvalidParameter:
                pass
            wanted.append((rec["ManifestDigest"], names))
        fd, name = tempfile.mkstemp(prefix="save-", dir=self.content.tmp)
        try:
            with os.fdopen(fd, "wb") as f:
                archives.write_archive(f, self.content, wanted)
        except BaseException:
            os.unlink(name)
            raise
        for ref in refs:
            self.events.publish("image", "save", self.resolve(ref)["Id"], {"name": ref})
        return Path(name)

    def import_file(
        self, path: Path, repo: str | None, tag: str | None, source: str = "-", changes: list[str] | None = None
    ) -> Record:
        """POST /images/create?fromSrc=-: a root filesystem tar becomes a one-layer image, its
        config the ``changes`` (Dockerfile instructions) applied to an empty one."""
        settings = apply_changes({}, changes)  # 400 before any work
        names = []
        if repo:
            ref = self.parse_new_name(repo)
            if tag:
                ref = ref.with_tag(tag)
            names = [ref.tagged]
        elif tag:
            raise InvalidParameter("tag given without repo")
        tmp = Path(self.content.temp_dir("import-"))
        try:
            os.chmod(tmp, 0o755)
            with open(path, "rb") as f:
                diff_id, size = layers.apply_layer(f, tmp)
            with open(path, "rb") as f:
                head = f.read(2)
            blob, blob_size = self.content.put_file(path)
            now = now_rfc3339()
            os_, arch = host_platform()
            config = {
                "created": now,
                "architecture": arch,
                "os": os_,
                "config": settings,
                "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                "history": [{"created": now, "created_by": "", "comment": f"Imported from {source}"}],
            }
            chain = chain_ids([diff_id])[0]
            (self.snapshots.root / f"{digest_hex(chain)}.size").write_text(str(size))
            if not self.snapshots.has(chain):
                self.snapshots.commit(chain, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        media = archives.MT_OCI_LAYER_GZIP if head == layers.GZIP_MAGIC else archives.MT_OCI_LAYER
        rec = self._store_image(config, [{"mediaType": media, "digest": blob, "size": blob_size}], names)
        self.events.publish("image", "import", rec["Id"], {"name": names[0] if names else rec["Id"]})
        return rec

    def _store_image(self, config: dict[str, Any], layer_descs: list[dict[str, Any]], names: list[str]) -> Record:
        raw = json.dumps(config, separators=(",", ":")).encode()
        config_digest = self.content.put_bytes(raw)
        manifest = {
            "schemaVersion": 2,
            "mediaType": archives.MT_OCI_MANIFEST,
            "config": {"mediaType": archives.MT_OCI_CONFIG, "digest": config_digest, "size": len(raw)},
            "layers": layer_descs,
        }
        manifest_digest = self.content.put_bytes(json.dumps(manifest, separators=(",", ":")).encode())
        return self.commit_record(self.unpack(manifest_digest), names)

    async def import_(
        self, body: AsyncIterator[bytes], repo: str | None, tag: str | None, changes: list[str] | None = None
    ) -> Record:
        apply_changes({}, changes)  # 400 before the body is read
        path = await self.spool(body, "import-")
        try:
            return await asyncio.to_thread(self.import_file, path, repo, tag, "-", changes)
        finally:
            await asyncio.to_thread(path.unlink, True)

    async def import_url(self, url: str, repo: str | None, tag: str | None, changes: list[str] | None = None) -> Record:
        """POST /images/create?fromSrc=<http(s) URL>: download the rootfs tar, then import it."""
        if not url.startswith(("http://", "https://")):
            raise InvalidParameter(f"fromSrc must be '-' or an http(s) URL, not {url!r}")
        apply_changes({}, changes)
        proxy = self.image_proxy() or None

        async def body() -> AsyncIterator[bytes]:
            try:
                async with httpx.AsyncClient(proxy=proxy, timeout=60, follow_redirects=True) as client:
                    async with client.stream("GET", url) as resp:
                        if resp.status_code != 200:
                            raise NotFound(f"cannot fetch {url}: HTTP {resp.status_code}")
                        async for chunk in resp.aiter_bytes():
                            yield chunk
            except httpx.HTTPError as e:
                raise InvalidParameter(f"cannot fetch {url}: {e}") from None

        path = await self.spool(body(), "import-")
        try:
            return await asyncio.to_thread(self.import_file, path, repo, tag, url, changes)
        finally:
            await asyncio.to_thread(path.unlink, True)

    # -- commit --------------------------------------------------------------------------

    def commit(
        self, source: CommitSource, repo: str | None, tag: str | None, author: str | None, comment: str | None
    ) -> Record:
        """POST /commit: the container's writable layer on top of its image's layers."""
        apply_changes({}, list(source.changes))  # 400 before the layer is written
        names = []
        if repo:
            ref = self.parse_new_name(repo)
            names = [ref.with_tag(tag).tagged if tag else ref.tagged]
        elif tag:
            raise InvalidParameter("tag given without repository")
        base = self.resolve(source.image_id)
        upper = Path(str(self.snapshots.paths(source.rootfs_key)["upper"]))
        base_manifest = self.content.read_json(base["ManifestDigest"])
        config = self.content.read_json(base_manifest["config"]["digest"])
        fd, tmp_name = tempfile.mkstemp(prefix="commit-", dir=self.content.tmp)
        try:
            with os.fdopen(fd, "wb") as f:
                layers.write_layer(upper, f)
            blob, blob_size = self.content.put_file(Path(tmp_name))
        finally:
            os.unlink(tmp_name)
        config = commits.image_config(config, source, blob, author, comment)
        layer_descs = [
            *base_manifest.get("layers", []),
            {"mediaType": archives.MT_OCI_LAYER, "digest": blob, "size": blob_size},
        ]
        rec = self._store_image(config, layer_descs, names)
        self.events.publish(
            "container",
            "commit",
            source.container_id,
            {"name": source.container_name, "image": names[0] if names else rec["Id"]},
        )
        return rec

    # -- queries ---------------------------------------------------------------------------

    def list_images(
        self, all_: bool = False, digests: bool = False, filters: dict[str, list[str]] | None = None
    ) -> list[dict[str, Any]]:
        """GET /images/json (``all_`` changes nothing: this store keeps no intermediate images)."""
        names = listing.Names(self.config.default_registry, self.config.default_registry_namespace)
        recs = listing.select(self.store.list("image"), filters or {}, self.resolve, names)
        return [records.list_view(r, digests) for r in recs]

    def inspect(self, ref: str) -> dict[str, Any]:
        return records.inspect_view(self.resolve(ref))

    def history(self, ref: str) -> list[dict[str, Any]]:
        rec = self.resolve(ref)
        manifest = self.content.read_json(rec["ManifestDigest"])
        return records.history_view(rec, self.content.read_json(manifest["config"]["digest"]))

    # -- tag / delete --------------------------------------------------------------------------

    def tag(self, ref: str, repo: str | None, tag: str | None) -> str:
        if not repo:
            raise InvalidParameter("repository name must not be empty")
        new = self.parse_new_name(repo)
        if new.digest:
            raise InvalidParameter(f"refusing to create a tag with a digest reference: {repo}")
        new = new.with_tag(tag) if tag else Reference(new.domain, new.path, new.tag or "latest")
        rec = self.resolve(ref)
        with self._lock:
            self._move_tag(new.tagged, digest_hex(rec["Id"]))
            self._sync_index()
        self.events.publish("image", "tag", rec["Id"], {"name": new.tagged})
        return new.tagged

    def count(self) -> int:
        return self.store.count("image")

    def delete(self, ref: str, force: bool = False) -> list[dict[str, str]]:
        """DELETE /images/{ref}: untag a name, or remove the image when nothing else holds it."""
        done: list[dict[str, str]] = []
        with self._lock:  # resolved under the lock: a tag moved meanwhile must not take the wrong image
            rec = self.resolve(ref)
            hex_ = digest_hex(rec["Id"])
            by_name: str | None = None
            if not looks_like_id(ref) and not self._is_id_prefix(ref, hex_):
                r = self.parse(ref)
                by_name = f"{r.name}@{r.digest}" if r.digest else r.tagged
            users = self.containers.image_users(rec["Id"])
            if by_name and [t for t in rec["RepoTags"] if t != by_name]:
                self._untag(rec, [by_name], done)  # other tags keep the image alive
                return done
            if not by_name and len(rec["RepoTags"]) > 1 and not force:
                raise Conflict(
                    f"conflict: unable to delete {hex_[:12]} (must be forced) - "
                    "image is referenced in multiple repositories"
                )
            if users and not force:
                raise Conflict(
                    f"conflict: unable to delete {ref} (must be forced) - "
                    f"image {hex_[:12]} is being used by container {users[0][:12]}"
                )
            self._untag(rec, list(rec["RepoTags"]) + list(rec["RepoDigests"]), done)
            if users:
                return done  # forced while in use: untagged, kept (dangling) for its containers
            self.store.delete("image", hex_)
            self._sync_index()
            self._collect(rec)
        done.append({"Deleted": rec["Id"]})
        self.events.publish("image", "delete", rec["Id"], {"name": rec["Id"]})
        return done

    def _is_id_prefix(self, ref: str, hex_: str) -> bool:
        p = ref[len("sha256:") :] if ref.startswith("sha256:") else ref
        if not p or not hex_.startswith(p):
            return False
        try:
            r = self.parse(ref)
        except InvalidReference:
            return True
        return not any(r.tagged in x["RepoTags"] for x in self.store.list("image"))

    def _untag(self, rec: Record, names: list[str], done: list[dict[str, str]]) -> None:
        for name in names:
            if name in rec["RepoTags"]:
                rec["RepoTags"].remove(name)
            elif name in rec["RepoDigests"]:
                rec["RepoDigests"].remove(name)
            else:
                continue
            done.append({"Untagged": name})
            self.events.publish("image", "untag", rec["Id"], {"name": name})
        self.store.put("image", digest_hex(rec["Id"]), rec)
        self._sync_index()

    def _collect(self, gone: Record) -> None:
        """Drop the blobs and snapshots only the deleted image held (shared layers stay)."""
        keep_blobs: set[str] = set()
        keep_chains: set[str] = set()
        for rec in self.store.list("image"):
            keep_blobs.update(rec["Blobs"])
            keep_chains.update(rec["ChainIDs"])
        self.content.delete(set(gone["Blobs"]) - keep_blobs)
        dead = set(gone["ChainIDs"]) - keep_chains
        self.snapshots.remove(dead)
        for chain in dead:
            (self.snapshots.root / f"{digest_hex(chain)}.size").unlink(missing_ok=True)

    # -- container root filesystems (ImageStore, images/protocols.py) -----------------------

    async def create_rootfs(self, key: str, image_id: str) -> str:
        rec = self.resolve(image_id)
        return await asyncio.to_thread(self.snapshots.create_rootfs, key, rec["ChainIDs"])

    def writable_dir(self, key: str) -> Path:
        return self.snapshots.writable_dir(key)

    async def mount_rootfs(self, key: str) -> str:
        return await asyncio.to_thread(self.snapshots.mount_rootfs, key)

    async def unmount_rootfs(self, key: str) -> None:
        await asyncio.to_thread(self.snapshots.unmount_rootfs, key)

    async def remove_rootfs(self, key: str) -> None:
        await asyncio.to_thread(self.snapshots.remove_rootfs, key)

    async def rootfs_size(self, key: str, image_id: str) -> tuple[int, int]:
        image = self.find(image_id)
        return await asyncio.to_thread(self.snapshots.rootfs_size, key, image["Size"] if image else 0)

    def graph_driver(self, key: str) -> dict[str, Any]:
        try:
            return self.snapshots.graph_driver(key)
        except NotFound:
            return {"Name": "overlay", "Data": {}}
