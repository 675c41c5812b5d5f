"""Image store benchmark: pull of a three-layer ~50 MB image from a local docker-registry
against `skopeo copy` of the same image in the same run, and save/load against skopeo's
oci-archive export/import of the same image. Prints medians and ratios (ours / baseline).

Run as root from the repo root: python bench/bench_images.py [--runs N]
Ours does more than the baseline: the pull also unpacks every layer into a snapshot and
writes the image record; load also unpacks. The ratio says what that costs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import pull_image_archive  # noqa: E402
from tests.helpers.images import load_image  # noqa: E402
from tests.helpers.registry import LocalRegistry  # noqa: E402
from tests.helpers.server import RunningServer  # noqa: E402


def median_time(fn: Callable[[], None], runs: int, reset: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(runs):
        if reset:
            reset()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-images-"))
    reg = LocalRegistry(base / "registry").start()
    srv = RunningServer(base / "srv", extra_args=["--insecure-registries", reg.host]).start()
    try:
        archive = pull_image_archive(base / "bench.tar")
        reg.seed(archive, "bench/img:1")
        ref = f"{reg.host}/bench/img:1"
        mb = archive.stat().st_size / 1e6
        c = srv.client(timeout=600)

        def skopeo_pull() -> None:
            out = base / "skopeo-out"
            subprocess.run(["skopeo", "copy", "--quiet", "--src-tls-verify=false", f"docker://{ref}", f"oci:{out}:x"],
                           check=True)  # fmt: skip

        def reset_skopeo() -> None:
            shutil.rmtree(base / "skopeo-out", ignore_errors=True)

        def our_pull() -> None:
            r = c.post("/images/create", params={"fromImage": ref})
            assert r.status_code == 200 and '"error"' not in r.text, r.text

        def reset_ours() -> None:
            c.delete(f"/images/{ref}", params={"force": 1})  # drops blobs and snapshots: a full pull again

        t_skopeo = median_time(skopeo_pull, args.runs, reset_skopeo)
        t_pull = median_time(our_pull, args.runs, reset_ours)

        saved = base / "saved.tar"

        def our_save() -> None:
            with c.stream("GET", "/images/save", params={"name": ref}) as r, open(saved, "wb") as f:
                for chunk in r.iter_bytes(1 << 20):
                    f.write(chunk)

        store = srv.home / "images"

        def skopeo_save() -> None:
            out = base / "skopeo-save.tar"
            out.unlink(missing_ok=True)
            subprocess.run(["skopeo", "copy", "--quiet", "--src-shared-blob-dir", str(store / "blobs"),
                            f"oci:{store}:{ref}", f"oci-archive:{out}"], check=True)  # fmt: skip

        t_save = median_time(our_save, args.runs)
        t_skopeo_save = median_time(skopeo_save, args.runs)

        def our_load() -> None:
            r = load_image(c, saved, "bench/loaded:1")
            assert r.status_code == 200, r.text

        def reset_load() -> None:
            c.delete("/images/bench/loaded:1", params={"force": 1})
            c.delete(f"/images/{ref}", params={"force": 1})

        def skopeo_load() -> None:
            subprocess.run(["skopeo", "copy", "--quiet", f"oci-archive:{saved}", f"oci:{base / 'skopeo-load'}:x"],
                           check=True)  # fmt: skip

        def reset_skopeo_load() -> None:
            shutil.rmtree(base / "skopeo-load", ignore_errors=True)

        t_load = median_time(our_load, args.runs, reset_load)
        t_skopeo_load = median_time(skopeo_load, args.runs, reset_skopeo_load)

        print(f"image: 3 layers, {mb:.1f} MB compressed, {args.runs} runs, medians")
        print(f"pull  : ours {t_pull * 1000:7.0f} ms | skopeo copy docker->oci {t_skopeo * 1000:7.0f} ms | "
              f"ratio {t_pull / t_skopeo:.2f}")  # fmt: skip
        print(f"save  : ours {t_save * 1000:7.0f} ms | skopeo copy oci->oci-archive {t_skopeo_save * 1000:7.0f} ms | "
              f"ratio {t_save / t_skopeo_save:.2f}")  # fmt: skip
        print(f"load  : ours {t_load * 1000:7.0f} ms | skopeo copy oci-archive->oci {t_skopeo_load * 1000:7.0f} ms | "
              f"ratio {t_load / t_skopeo_load:.2f}")  # fmt: skip
    finally:
        srv.stop()
        reg.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
