"""xfs and ext4 project quotas on loop filesystems made here.

They run wherever the kernel mounts these filesystems with prjquota; where it refuses (a
kernel without CONFIG_XFS_QUOTA, or without CONFIG_QUOTA/CONFIG_QFMT_V2 for ext4) they skip
with the kernel's words, and detection must then name the reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.errors import EngineError
from runtime.quota import DiskQuotas, QuotaRequest, detect
from runtime.quota.prjquota import ProjectQuotas, get_project
from tests.helpers.loopfs import MountRefused, loop_filesystem

pytestmark = pytest.mark.root

FILESYSTEMS = {
    "xfs": (("-q", "-f"), "prjquota"),
    "ext4": (("-q", "-F", "-O", "quota,project"), "prjquota"),
}


def write(path: Path, megabytes: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["dd", "if=/dev/zero", f"of={path}", "bs=1M", f"count={megabytes}", "conv=fsync"],
        capture_output=True,
        text=True,
    )


@pytest.fixture(params=sorted(FILESYSTEMS))
def prj_home(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("needs root: loop devices and mounts")
    fstype = request.param
    mkfs_args, opts = FILESYSTEMS[fstype]
    try:
        with loop_filesystem(tmp_path, fstype, 300, mkfs_args, opts) as mnt:
            yield mnt
    except MountRefused as refused:
        pytest.skip(f"this kernel refuses {fstype} with {opts}: {refused.reason}")


@pytest.mark.parametrize("fstype", sorted(FILESYSTEMS))
def test_detection_names_what_is_missing(fstype: str, tmp_path: Path) -> None:
    """Mounted without prjquota, the filesystem cannot enforce a quota, and says why."""
    if os.geteuid() != 0:
        pytest.skip("needs root: loop devices and mounts")
    mkfs_args = ("-q", "-f") if fstype == "xfs" else ("-q", "-F")  # ext4 here without the project feature
    with loop_filesystem(tmp_path, fstype, 300, mkfs_args) as mnt:
        support = detect(mnt)
        assert (support.driver, support.filesystem, support.mount_point) == ("none", fstype, str(mnt))
        assert any(word in support.reason for word in ("CONFIG_", "prjquota", "project feature")), support.reason


def test_xfs_keeps_project_ids_without_enforcing(tmp_path: Path) -> None:
    """The inode side (FS_IOC_FSSETXATTR) works on any xfs; the limit side needs prjquota."""
    if os.geteuid() != 0:
        pytest.skip("needs root: loop devices and mounts")
    with loop_filesystem(tmp_path, "xfs", 300, ("-q", "-f")) as mnt:
        d = mnt / "dir"
        d.mkdir()
        (d / "old").write_text("x")
        backend = ProjectQuotas(mnt, "")
        backend.assign(d, 16777300)
        assert get_project(d) == 16777300 and get_project(d / "old") == 16777300
        (d / "new").mkdir()
        assert get_project(d / "new") == 16777300  # the inherit flag
        with pytest.raises(EngineError, match=f"quotactl on {mnt}"):
            backend.set_limit(16777300, 20 << 20)


def test_project_quota_limits_and_live_update(prj_home: Path) -> None:
    quotas = DiskQuotas.open(prj_home)
    assert quotas.support.driver == "prjquota", quotas.support.reason
    cdir = prj_home / "containers" / "c1"
    quotas.prepare_dir(cdir)
    request = QuotaRequest.parse({"/": "20m"})
    assert request is not None
    qid = quotas.apply("container:c1", request.targets(cdir, []))["/"]
    (cdir / "upper").mkdir()
    assert get_project(cdir / "upper") == qid  # inherited by what is created later
    assert write(cdir / "upper" / "ten", 10).returncode == 0
    (cdir / "upper" / "ten").unlink()
    assert "Disk quota exceeded" in write(cdir / "upper" / "thirty", 30).stderr
    (cdir / "upper" / "thirty").unlink()
    raised = QuotaRequest.parse({"/": "50m"})
    assert raised is not None
    quotas.update("container:c1", raised.targets(cdir, []))
    assert write(cdir / "upper" / "thirty", 30).returncode == 0
    assert DiskQuotas.open(prj_home).ids.held_by("container:c1") == {"/": qid}
    assert quotas.release("container:c1") == [qid]
    assert quotas.usage(qid).limit_bytes == 0
