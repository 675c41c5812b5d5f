"""Quota sizes, pouchd's DiskQuota/QuotaID rules, persisted IDs and detection from the mount table."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.errors import InvalidParameter
from runtime.quota import QuotaRequest, VolumeDir, detect, parse_size
from runtime.quota.ids import QUOTA_MIN_ID, QuotaIds


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("10g", 10 << 30),
        ("20m", 20 << 20),
        ("20M", 20 << 20),
        ("20mb", 20 << 20),
        ("20MiB", 20 << 20),
        ("512k", 512 << 10),
        ("1.5g", 3 << 29),
        ("100", 100),
        ("2 t", 2 << 40),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "0", "0m", "-1g", "ten", "10x", "10gg", "1e3"])
def test_bad_sizes(text: str) -> None:
    with pytest.raises(InvalidParameter, match="invalid disk quota size"):
        parse_size(text)


@pytest.mark.parametrize(
    ("disk_quota", "quota_id", "message"),
    [
        (None, "12", "set QuotaID without DiskQuota"),
        ({"/": "10g", "/data": "1g"}, "12", "QuotaID only used to set one disk quota"),
        ({"": "10g"}, None, "quota can not be nil string"),
        ({"/a&b": "10g"}, None, "relative path"),
        ({"/data": "10g"}, "12", "no set default quota size"),
        ({"/": "10g"}, "twelve", "invalid QuotaID"),
        ({"/": "10g"}, str(2**32), "invalid QuotaID"),
        ({"/da(ta": "10g"}, None, "invalid disk quota key"),
        ({"/": "lots"}, None, "invalid disk quota size"),
    ],
)
def test_pouchd_refusals(disk_quota: dict[str, str] | None, quota_id: str | None, message: str) -> None:
    with pytest.raises(InvalidParameter, match=message):
        QuotaRequest.parse(disk_quota, quota_id)


def test_nothing_asked() -> None:
    assert QuotaRequest.parse(None) is None
    assert QuotaRequest.parse({}, "0") is None
    assert QuotaRequest.parse({}, "-1") is None


ROOT = Path("/h/containers/c")
VOLS = [
    VolumeDir("/data", Path("/h/volumes/data")),
    VolumeDir("/logs", Path("/h/volumes/logs")),
    VolumeDir("/sized", Path("/h/volumes/sized"), own_size=True),
]


Plan = list[tuple[str, tuple[str, ...], int, int | None]]


def _plan(disk_quota: dict[str, str], quota_id: str | None = None) -> Plan:
    request = QuotaRequest.parse(disk_quota, quota_id)
    assert request is not None
    return [(t.key, tuple(map(str, t.dirs)), t.limit_bytes, t.quota_id) for t in request.targets(ROOT, VOLS)]


def test_slash_is_the_rootfs_only() -> None:
    assert _plan({"/": "10g"}) == [("/", (str(ROOT),), 10 << 30, None)]


def test_dot_star_is_rootfs_and_every_volume_each_with_its_own_id() -> None:
    assert _plan({".*": "1g"}) == [
        (".*", (str(ROOT),), 1 << 30, None),
        (".*", ("/h/volumes/data",), 1 << 30, None),
        (".*", ("/h/volumes/logs",), 1 << 30, None),
    ]  # a volume with its own size option keeps it


def test_a_volume_key_beats_dot_star() -> None:
    assert _plan({".*": "1g", "/data": "2g"}) == [
        (".*", (str(ROOT),), 1 << 30, None),
        (".*", ("/h/volumes/logs",), 1 << 30, None),
        ("/data", ("/h/volumes/data",), 2 << 30, None),
    ]


def test_keys_are_regular_expressions_and_ampersand_shares() -> None:
    assert _plan({"/(data|logs)": "3g"}) == [
        ("/(data|logs)", ("/h/volumes/data",), 3 << 30, None),
        ("/(data|logs)", ("/h/volumes/logs",), 3 << 30, None),
    ]
    assert _plan({"/data&/logs": "3g"}) == [("/data&/logs", ("/h/volumes/data", "/h/volumes/logs"), 3 << 30, None)]


def test_quota_id_makes_one_shared_quota() -> None:
    assert _plan({".*": "5g"}, "16777300") == [
        (".*", (str(ROOT), "/h/volumes/data", "/h/volumes/logs"), 5 << 30, 16777300)
    ]
    assert _plan({"/": "5g"}, "-1") == [("/", (str(ROOT),), 5 << 30, None)]


def test_ids_persist_and_are_released(tmp_path: Path) -> None:
    state = tmp_path / "quota" / "ids.json"
    ids = QuotaIds(state)
    first = ids.allocate()
    assert first == QUOTA_MIN_ID + 1
    ids.hold(first, "container:a", "/", ["/h/a"], 10)
    ids.hold(77, "container:a", "/data", ["/h/v"], 20)
    ids.hold(77, "container:b", "/", ["/h/b"], 30)  # a named ID shared by two containers
    again = QuotaIds(state)
    assert again.held_by("container:a") == {"/": first, "/data": 77}
    record = again.get(77)
    assert record is not None and record.limit_bytes == 30 and set(record.holders) == {"container:a", "container:b"}
    assert again.allocate() == first + 1
    assert again.drop("container:a") == [first]
    assert QuotaIds(state).drop("container:b") == [77]
    assert QuotaIds(state).in_use() == [first + 1]


def _mountinfo(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "mountinfo"
    path.write_text(
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda rw\n30 22 0:40 / /proc rw - proc proc rw\n" + line + "\n"
    )
    return path


@pytest.mark.parametrize(
    ("line", "driver", "reason"),
    [
        ("40 22 0:50 / /srv rw,relatime - btrfs /dev/loop3 rw,space_cache=v2", "btrfs", "btrfs quota groups"),
        ("40 22 7:3 / /srv rw,relatime - xfs /dev/loop3 rw,attr2,prjquota", "prjquota", "xfs project quotas on"),
        ("40 22 7:3 / /srv rw,relatime - ext4 /dev/loop3 rw,prjquota", "prjquota", "ext4 project quotas on"),
        (
            "40 22 0:51 / /srv rw - tmpfs tmpfs rw,size=10k",
            "none",
            "filesystem tmpfs at /srv has no quotas (btrfs, or xfs/ext4 with prjquota)",
        ),
    ],
)
def test_detect_from_the_mount_table(tmp_path: Path, line: str, driver: str, reason: str) -> None:
    support = detect(Path("/srv/pouch/home"), _mountinfo(tmp_path, line))
    assert (support.driver, support.mount_point, support.reason) == (driver, "/srv", reason)


def test_detect_takes_the_deepest_mount(tmp_path: Path) -> None:
    line = "40 22 0:50 / /srv rw - btrfs /dev/loop3 rw\n41 40 0:51 / /srv/pouch rw - tmpfs tmpfs rw"
    support = detect(Path("/srv/pouch/home"), _mountinfo(tmp_path, line))
    assert (support.filesystem, support.mount_point) == ("tmpfs", "/srv/pouch")
