"""Pull and push with progress streams shaped like dockerd's, plus login and search.

A pull runs in two phases. ``prepare_pull`` checks everything that should fail the
request with a status code (bad reference, bad auth header, unknown image, refused
credentials) and fixes the manifest digest; skopeo's copy, into a temp OCI layout sharing the
store's blob dir, starts beside that inspect (by the same reference; should the tag move in
between, the digest the inspect saw is copied again). ``pull`` then streams the copy's
progress, and the layers are unpacked
into snapshots; only then is the image record written. A pull cancelled by the client
kills skopeo and removes its temp dir; blobs already verified stay for the next pull.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Protocol

from runtime import processes
from runtime.errors import EngineError, InvalidParameter
from runtime.events import EventBus
from runtime.host import host_platform
from runtime.images import archives
from runtime.images.content import ContentStore
from runtime.images.reference import Reference, check_tag
from runtime.images.registry import SKOPEO, AuthConfig, Registries, classify, server_host

log = logging.getLogger("pouch.images")
Message = dict[str, Any]
Record = dict[str, Any]


def _short(digest: str) -> str:
    return digest.split(":", 1)[-1][:12]


def error_message(message: str) -> Message:
    return {"error": message, "errorDetail": {"message": message}}


@dataclasses.dataclass
class PullPlan:
    ref: Reference
    auth: AuthConfig
    digest: str  # of what the registry serves for the reference (an index or a manifest)
    layers: list[dict[str, Any]]  # descriptors of the platform manifest's layers
    workdir: Path
    manifest: str  # digest of the platform manifest the copy must bring
    copy: processes.Child | None = None  # skopeo copy by the reference, started with the inspect
    copy_started: float = 0.0  # time.time() before the copy began: blobs older than this were here


class LocalImages(Protocol):
    """What a transfer needs of the local image store (ImageService)."""

    def parse(self, ref: str, default_tag: bool = True) -> Reference: ...

    def find(self, ref: str) -> Record | None: ...

    def resolve(self, ref: str) -> Record: ...

    def unpack(self, manifest_digest: str, progress: Callable[[Message], None] | None = None) -> Record: ...

    def commit_record(self, new: Record, tags: list[str], repo_digest: str | None = None) -> Record: ...

    def add_repo_digest(self, image_id: str, repo_digest: str) -> None: ...


class Transfers:
    def __init__(
        self,
        images: LocalImages,
        content: ContentStore,
        registries: Registries,
        events: EventBus,
        default_registry: str,
    ) -> None:
        self.images = images
        self.content = content
        self.registries = registries
        self.events = events
        self.default_registry = default_registry

    def pull_ref(self, from_image: str, tag: str | None) -> Reference:
        ref = self.images.parse(from_image, default_tag=False)
        if ref.tag and ref.digest:
            raise InvalidParameter(f"{from_image}: a reference with both a tag and a digest cannot be pulled")
        if tag:
            if tag.startswith("sha256:"):
                ref = Reference(ref.domain, ref.path, None, tag)
                self.images.parse(str(ref))  # validates the digest
            elif ref.tag or ref.digest:
                raise InvalidParameter(f"both a tag in fromImage ({from_image}) and tag={tag} given")
            else:
                ref = ref.with_tag(check_tag(tag))
        if not ref.tag and not ref.digest:
            # Pulling every tag (docker's empty tag) is not supported: take latest, as pouchd does.
            ref = ref.with_tag("latest")
        return ref

    async def prepare_pull(self, from_image: str, tag: str | None, auth: AuthConfig) -> PullPlan:
        ref = self.pull_ref(from_image, tag)
        workdir = Path(self.content.temp_dir("pull-"))
        copy: processes.Child | None = None
        try:
            # The copy starts with the inspect, by the same reference: the inspect (one more
            # skopeo run, ~20 ms) is then off the pull's path. Only its result decides the
            # request's status; a failed inspect kills the copy.
            started = time.time()
            copy = await self._start_copy(ref, f"docker://{ref}", auth, workdir)
            raw = await self.registries.inspect_raw(str(ref), ref.domain, auth, workdir)
            digest = "sha256:" + hashlib.sha256(raw).hexdigest()
            if ref.digest and ref.digest != digest:
                raise EngineError(f"registry served {digest} for {ref}")
            manifest, platform = _json(raw, str(ref)), digest
            if manifest.get("mediaType") in archives.INDEX_TYPES or "manifests" in manifest:
                platform = self._platform_child(manifest, str(ref))
                raw_child = await self.registries.inspect_raw(f"{ref.name}@{platform}", ref.domain, auth, workdir)
                manifest = _json(raw_child, str(ref))
            layers = [d for d in manifest.get("layers") or [] if isinstance(d, dict)]
            return PullPlan(ref, auth, digest, layers, workdir, platform, copy, started)
        except BaseException:
            await _stop(copy)
            shutil.rmtree(workdir, ignore_errors=True)
            raise

    async def _start_copy(self, ref: Reference, src: str, auth: AuthConfig, workdir: Path) -> processes.Child:
        layout = workdir / "layout"
        shutil.rmtree(layout, ignore_errors=True)
        args = [
            "copy",
            "--retry-times=2",
            *self.registries.tls_args(ref.domain, "src"),
            *self.registries.auth_args(ref.domain, auth, "src", workdir),
            # Keep the registry's manifest and config bytes (a docker schema 2 manifest would
            # otherwise be converted to OCI, with a rewritten config: another image ID).
            "--preserve-digests",
            "--dest-shared-blob-dir",
            str(self.content.shared_blob_dir),
            src,
            f"oci:{layout}:pull",
        ]
        return await processes.spawn(
            SKOPEO, *args, stdout=processes.PIPE, stderr=processes.PIPE, env=self.registries.env()
        )

    def _platform_child(self, index: dict[str, Any], what: str) -> str:
        os_, arch = host_platform()
        for desc in index.get("manifests") or []:
            plat = desc.get("platform") or {}
            if plat.get("os") == os_ and plat.get("architecture") == arch:
                return str(desc["digest"])
        raise InvalidParameter(f"no matching manifest for {os_}/{arch} in the manifest list of {what}")

    async def pull(self, plan: PullPlan) -> AsyncIterator[Message]:
        """The progress stream of a prepared pull (errors become an error message)."""
        ref = plan.ref
        try:
            yield {"status": f"Pulling from {ref.path}", "id": ref.tag or ref.digest or "latest"}
            pending: dict[str, dict[str, Any]] = {}
            for desc in plan.layers:
                sid = _short(desc["digest"])
                if self.content.stored_before(desc["digest"], plan.copy_started or time.time()):
                    yield {"status": "Already exists", "progressDetail": {}, "id": sid}
                else:
                    pending[desc["digest"]] = desc
                    yield {"status": "Pulling fs layer", "progressDetail": {}, "id": sid}
            layout = plan.workdir / "layout"
            copy, plan.copy = plan.copy, None
            if copy is None:
                copy = await self._start_copy(ref, f"docker://{ref.name}@{plan.digest}", plan.auth, plan.workdir)
            async for msg in self._copy_progress(copy, pending, str(ref)):
                yield msg
            if _layout_manifest(layout) != plan.manifest:
                # the tag moved between the inspect and the copy: take what the inspect saw
                copy = await self._start_copy(ref, f"docker://{ref.name}@{plan.digest}", plan.auth, plan.workdir)
                async for msg in self._copy_progress(copy, {}, str(ref)):
                    yield msg
            manifest_digest = _layout_manifest(layout)
            existing = self.images.find(ref.tagged) if ref.tag else None
            queue: asyncio.Queue[Message | None] = asyncio.Queue()
            loop = asyncio.get_running_loop()

            def progress(msg: Message) -> None:
                loop.call_soon_threadsafe(queue.put_nowait, msg)

            def unpack() -> dict[str, Any]:
                try:
                    rec = self.images.unpack(manifest_digest, progress)
                    tags = [ref.tagged] if ref.tag else []
                    return self.images.commit_record(rec, tags, f"{ref.name}@{plan.digest}")
                finally:
                    loop.call_soon_threadsafe(queue.put_nowait, None)

            task = asyncio.ensure_future(asyncio.to_thread(unpack))
            while (note := await queue.get()) is not None:
                yield note
            rec = await task
            yield {"status": f"Digest: {plan.digest}"}
            fresh = existing is None or existing["Id"] != rec["Id"]
            what = "Downloaded newer image for" if fresh else "Image is up to date for"
            yield {"status": f"Status: {what} {ref}"}
            self.events.publish("image", "pull", str(ref), {"name": str(ref)})
        except EngineError as e:
            yield error_message(e.message)
        except (OSError, sqlite3.OperationalError) as e:  # a full disk, most often: say so in the stream
            yield error_message(f"pull of {ref} failed: {getattr(e, 'strerror', None) or e}")
        finally:
            await _stop(plan.copy)
            shutil.rmtree(plan.workdir, ignore_errors=True)

    async def _copy_progress(
        self, proc: processes.Child, pending: dict[str, dict[str, Any]], what: str
    ) -> AsyncIterator[Message]:
        stderr_task = asyncio.ensure_future(proc.stderr.read())  # type: ignore[union-attr]
        started: list[str] = []
        completed: set[str] = set()
        try:
            assert proc.stdout is not None
            async for line in proc.stdout:
                text = line.decode(errors="replace").strip()
                if not text.startswith("Copying blob "):
                    continue
                digest = text.split()[2]
                if not digest.startswith("sha256:"):
                    digest = next((d for d in pending if _short(d).startswith(digest[:12])), digest)
                desc = pending.get(digest)
                if desc is None:
                    continue
                for done in started:
                    yield {"status": "Download complete", "progressDetail": {}, "id": _short(done)}
                    completed.add(done)
                started.clear()
                total = int(desc.get("size") or 0)
                yield {
                    "status": "Downloading",
                    "progressDetail": {"current": 0, "total": total},
                    "progress": f"[>  ] 0B/{total}B",
                    "id": _short(digest),
                }
                started.append(digest)
            code = await proc.wait()
            err = await stderr_task
        except BaseException:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            stderr_task.cancel()
            raise
        if code != 0:
            raise classify(err.decode(errors="replace"), what)
        for digest in pending:
            if digest not in completed:
                yield {"status": "Verifying Checksum", "progressDetail": {}, "id": _short(digest)}
                yield {"status": "Download complete", "progressDetail": {}, "id": _short(digest)}

    # -- push ----------------------------------------------------------------------------

    def push_target(self, name: str, tag: str | None) -> tuple[Reference, dict[str, Any]]:
        """What to push: ``name`` (+ ``tag``), which must name a local image."""
        ref = self.images.parse(name, default_tag=False)
        if ref.digest:
            raise InvalidParameter(f"cannot push a digest reference: {name}")
        if tag:
            if ref.tag and ref.tag != tag:
                raise InvalidParameter(f"both a tag in the name ({name}) and tag={tag} given")
            ref = ref.with_tag(tag)
        elif not ref.tag:
            ref = ref.with_tag("latest")
        return ref, self.images.resolve(ref.tagged)

    def _dir_image(self, target: Path, manifest_digest: str, manifest: dict[str, Any]) -> None:
        """An image in skopeo's ``dir:`` layout: manifest.json and each blob named by its hex."""
        content = self.content
        target.mkdir()
        (target / "version").write_text("Directory Transport Version: 1.1\n")
        shutil.copyfile(content.path(manifest_digest), target / "manifest.json")
        for desc in [manifest["config"], *(manifest.get("layers") or [])]:
            blob = content.path(desc["digest"])
            try:
                os.link(blob, target / blob.name)
            except OSError:  # another filesystem
                shutil.copyfile(blob, target / blob.name)

    async def push(self, ref: Reference, rec: dict[str, Any], auth: AuthConfig) -> AsyncIterator[Message]:
        workdir = Path(self.content.temp_dir("push-"))
        try:
            yield {"status": f"The push refers to repository [{ref.name}]"}
            manifest = self.content.read_json(rec["ManifestDigest"])
            layer_descs = manifest.get("layers") or []
            for desc in layer_descs:
                yield {"status": "Preparing", "progressDetail": {}, "id": _short(desc["digest"])}
            # skopeo's dir: transport takes the manifest as it is, OCI or docker schema 2 (an OCI
            # layout source finds only OCI-typed manifests); blobs are hard links into the store.
            source = workdir / "image"
            await asyncio.to_thread(self._dir_image, source, rec["ManifestDigest"], manifest)
            digest_file = workdir / "digest"
            args = [
                "copy",
                "--retry-times=2",
                *self.registries.tls_args(ref.domain, "dest"),
                *self.registries.auth_args(ref.domain, auth, "dest", workdir),
                "--digestfile",
                str(digest_file),
                f"dir:{source}",
                f"docker://{ref}",
            ]
            for d in layer_descs:
                yield {
                    "status": "Pushing",
                    "progressDetail": {"current": 0, "total": d.get("size", 0)},
                    "id": _short(d["digest"]),
                }
            code, _out, err = await self.registries.run(args, seconds=3600)
            if code != 0:
                e = classify(err, str(ref))
                raise EngineError(e.message.replace("pull access denied", "push access denied"))
            for d in layer_descs:
                yield {"status": "Pushed", "progressDetail": {}, "id": _short(d["digest"])}
            pushed = digest_file.read_text().strip()
            size = self.content.size(rec["ManifestDigest"])
            yield {"status": f"{ref.tag}: digest: {pushed} size: {size}"}
            yield {"progressDetail": {}, "aux": {"Tag": ref.tag, "Digest": pushed, "Size": size}}
            await asyncio.to_thread(self.images.add_repo_digest, rec["Id"], f"{ref.name}@{pushed}")
            self.events.publish("image", "push", str(ref), {"name": str(ref)})
        except EngineError as e:
            yield error_message(e.message)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    # -- login / search --------------------------------------------------------------------

    async def login(self, auth: AuthConfig) -> dict[str, str]:
        host = server_host(auth.server_address) if auth.server_address else self.default_registry
        if not auth.username:
            raise InvalidParameter("a username is required to log in")
        workdir = Path(self.content.temp_dir("login-"))
        try:
            await self.registries.login(host, auth, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return {"Status": "Login Succeeded", "IdentityToken": ""}

    async def search(self, term: str, registry: str | None) -> list[dict[str, Any]]:
        if not term or not term.strip():
            raise InvalidParameter("search term must not be empty")
        host = server_host(registry) if registry else self.default_registry
        repos = await self.registries.catalog(host)
        term_l = term.strip().lower()
        return [
            {"name": f"{host}/{r}", "description": "", "is_official": False, "is_automated": False, "star_count": 0}
            for r in repos
            if term_l in r.lower()
        ]


def _json(raw: bytes, what: str) -> dict[str, Any]:
    try:
        doc = json.loads(raw)
    except ValueError:
        raise EngineError(f"registry sent an unreadable manifest for {what}") from None
    if not isinstance(doc, dict):
        raise EngineError(f"registry sent an unreadable manifest for {what}")
    return doc


async def _stop(copy: processes.Child | None) -> None:
    if copy is not None and copy.returncode is None:
        copy.kill()
        await copy.wait()


def _layout_manifest(layout: Path) -> str:
    with contextlib.suppress(OSError, ValueError, KeyError, IndexError):
        index = json.loads((layout / "index.json").read_text())
        return str(index["manifests"][-1]["digest"])
    raise EngineError(f"skopeo left no manifest in {layout}")
