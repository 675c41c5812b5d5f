"""btrfs quota groups on a loop-mounted btrfs made here: limits hold, change live, IDs persist."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.errors import InvalidParameter
from runtime.quota import DiskQuotas, QuotaRequest, QuotaTarget, VolumeDir, detect
from runtime.quota.btrfs import is_subvolume
from tests.helpers.loopfs import loop_filesystem

pytestmark = pytest.mark.root


@pytest.fixture
def btrfs_home(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("needs root: loop devices and mounts")
    if shutil.which("btrfs") is None:
        pytest.skip("btrfs-progs is not installed")
    with loop_filesystem(tmp_path, "btrfs", 512, ("-q",)) as mnt:
        home = mnt / "pouch"
        home.mkdir()
        yield home


def write(path: Path, megabytes: int) -> subprocess.CompletedProcess[str]:
    """dd with fsync, so that the quota answers during the write, not later."""
    return subprocess.run(
        ["dd", "if=/dev/zero", f"of={path}", "bs=1M", f"count={megabytes}", "conv=fsync"],
        capture_output=True,
        text=True,
    )


@pytest.fixture
def overlay_rootfs(btrfs_home: Path, tmp_path: Path) -> Iterator[tuple[DiskQuotas, Path, Path]]:
    """A container-like root: the container dir is a subvolume holding overlay upper/work."""
    quotas = DiskQuotas.open(btrfs_home)
    cdir = btrfs_home / "containers" / "c1"
    quotas.prepare_dir(cdir)
    lower = tmp_path / "lower"
    lower.mkdir()
    (lower / "etc").mkdir()
    for sub in ("upper", "work", "merged"):
        (cdir / sub).mkdir()
    merged = cdir / "merged"
    opts = f"lowerdir={lower},upperdir={cdir / 'upper'},workdir={cdir / 'work'}"
    subprocess.run(["mount", "-t", "overlay", "overlay", "-o", opts, str(merged)], check=True)
    try:
        yield quotas, cdir, merged
    finally:
        subprocess.run(["umount", str(merged)], check=False)


def test_detect_btrfs(btrfs_home: Path) -> None:
    support = detect(btrfs_home)
    assert (support.driver, support.filesystem) == ("btrfs", "btrfs")
    assert ["Disk Quota Driver", "btrfs"] in support.driver_status()


def test_rootfs_quota_stops_a_write_and_a_live_update_lets_it_through(
    overlay_rootfs: tuple[DiskQuotas, Path, Path],
) -> None:
    quotas, cdir, merged = overlay_rootfs
    assert is_subvolume(cdir)
    request = QuotaRequest.parse({"/": "20m"})
    assert request is not None
    ids = quotas.apply("container:c1", request.targets(cdir, []))
    qid = ids["/"]
    assert qid > 1 << 24

    assert write(merged / "ten", 10).returncode == 0
    (merged / "ten").unlink()
    big = write(merged / "thirty", 30)
    assert big.returncode != 0 and "Disk quota exceeded" in big.stderr
    (merged / "thirty").unlink()

    raised = QuotaRequest.parse({"/": "50m"})
    assert raised is not None
    assert quotas.update("container:c1", raised.targets(cdir, [])) == {"/": qid}
    assert quotas.usage(qid).limit_bytes == 50 << 20
    assert write(merged / "thirty", 30).returncode == 0
    os.sync()  # qgroup counters move at transaction commit
    assert quotas.usage(qid).used_bytes > 20 << 20  # past the old limit


def test_ids_survive_reopening_and_are_released(btrfs_home: Path) -> None:
    quotas = DiskQuotas.open(btrfs_home)
    vroot = btrfs_home / "volumes" / "v1"
    cdir = btrfs_home / "containers" / "c2"
    for d in (vroot, cdir):
        quotas.prepare_dir(d)
    request = QuotaRequest.parse({".*": "20m"}, "-1")  # one shared ID for rootfs and volume
    assert request is not None
    targets = request.targets(cdir, [VolumeDir("/data", vroot)])
    assert len(targets) == 1 and set(targets[0].dirs) == {cdir, vroot}
    qid = quotas.apply("container:c2", targets)[".*"]

    assert write(cdir / "a", 12).returncode == 0
    shared = write(vroot / "b", 12)
    assert "Disk quota exceeded" in shared.stderr  # the volume's bytes count against the same 20m

    reopened = DiskQuotas.open(btrfs_home)
    assert reopened.ids.held_by("container:c2") == {".*": qid}
    assert reopened.usage(qid).limit_bytes == 20 << 20
    assert reopened.ids.allocate() != qid  # allocation continues past IDs in use

    assert reopened.release("container:c2") == [qid]
    state = json.loads((btrfs_home / "quota" / "ids.json").read_text())
    assert str(qid) not in state["ids"]
    with pytest.raises(Exception, match=f"1/{qid}"):
        reopened.usage(qid)
    assert write(vroot / "c", 30).returncode == 0  # no limit any more


def test_named_quota_id_is_shared_until_its_last_holder_goes(btrfs_home: Path) -> None:
    quotas = DiskQuotas.open(btrfs_home)
    a, b = btrfs_home / "containers" / "a", btrfs_home / "containers" / "b"
    for d in (a, b):
        quotas.prepare_dir(d)
    for owner, cdir in (("container:a", a), ("container:b", b)):
        request = QuotaRequest.parse({"/": "20m"}, "4242")
        assert request is not None
        assert quotas.apply(owner, request.targets(cdir, [])) == {"/": 4242}
    assert write(a / "f", 12).returncode == 0
    assert "Disk quota exceeded" in write(b / "f", 12).stderr
    assert quotas.release("container:a") == []  # b still holds 4242
    assert quotas.usage(4242).limit_bytes == 20 << 20
    assert quotas.release("container:b") == [4242]


def test_volume_size_option(btrfs_home: Path) -> None:
    quotas = DiskQuotas.open(btrfs_home)
    vroot = btrfs_home / "volumes" / "sized"
    quotas.prepare_dir(vroot)
    (vroot / "_data").mkdir()
    limit = quotas.parse_volume_size("20m")
    quotas.apply("volume:sized", [QuotaTarget("size", (vroot,), limit)])
    assert write(vroot / "_data" / "ten", 10).returncode == 0
    assert "Disk quota exceeded" in write(vroot / "_data" / "thirty", 30).stderr
    shutil.rmtree(vroot)  # a subvolume goes with rm -rf like any directory
    assert quotas.release("volume:sized")


def test_prepare_refuses_a_directory_with_data(btrfs_home: Path) -> None:
    quotas = DiskQuotas.open(btrfs_home)
    full = btrfs_home / "full"
    full.mkdir()
    (full / "x").write_text("x")
    with pytest.raises(Exception, match="not a btrfs subvolume"):
        quotas.prepare_dir(full)


def test_no_quota_filesystem_refuses_with_the_reason(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: mounts")
    mnt = tmp_path / "tmpfs"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mnt)], check=True)
    try:
        quotas = DiskQuotas.open(mnt)
        assert quotas.support.driver == "none"
        assert "tmpfs" in quotas.support.reason
        with pytest.raises(InvalidParameter, match="disk quota is not supported.*tmpfs"):
            quotas.check({"/": "10g"})
        with pytest.raises(InvalidParameter, match="tmpfs"):
            quotas.parse_volume_size("10g")
        assert quotas.check(None) is None  # nothing asked, nothing refused
    finally:
        subprocess.run(["umount", str(mnt)], check=True)
