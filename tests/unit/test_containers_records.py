"""Container records: state transitions, list/inspect shapes, status text, ps parsing."""

from __future__ import annotations

import time

from runtime.containers import records
from runtime.containers.service import parse_ps


def make() -> records.Record:
    return {
        "Id": "c" * 64, "Name": "web", "Created": records.now_rfc3339(), "Image": "sha256:" + "1" * 64,
        "Path": "sh", "Args": ["-c", "x"], "Config": {"Image": "busybox", "Labels": {"a": "b"}},
        "HostConfig": {}, "State": records.new_state(), "RestartCount": 0, "ConmonPid": 5,
    }


def test_schema_accepts_a_record_and_rejects_a_bad_status() -> None:
    rec = make()
    assert records.ContainerRecordSchema().validate(rec) == {}
    rec["State"]["Status"] = "sleeping"
    assert "State" in records.ContainerRecordSchema().validate(rec)


def test_transitions_and_status_text() -> None:
    rec = make()
    assert records.status_text(rec) == "Created"
    records.set_running(rec, 42)
    assert rec["State"]["Running"] and rec["State"]["Pid"] == 42
    assert records.status_text(rec).startswith("Up ")
    records.set_exited(rec, 3, oom=True)
    st = rec["State"]
    assert not st["Running"] and st["ExitCode"] == 3 and st["OOMKilled"] and st["Pid"] == 0
    assert records.status_text(rec).startswith("Exited (3) ")


def test_rfc3339_round_trip() -> None:
    now = time.time_ns()
    assert abs(records.parse_rfc3339(records.rfc3339(now)) - now / 1e9) < 1e-5
    assert records.parse_rfc3339(records.ZERO_TIME) == 0.0


def test_views_hide_internal_fields() -> None:
    rec = make()
    view = records.inspect_view(rec)
    assert view["Name"] == "web" and "ConmonPid" not in view  # pouchd: no leading "/"
    row = records.list_view(rec)
    assert row["Names"] == ["web"] and row["Command"] == "sh -c x" and row["Labels"] == {"a": "b"}
    assert row["ImageID"] == rec["Image"] and row["Image"] == "busybox"


def test_event_attributes_follow_dockerd() -> None:
    attrs = records.labels_attrs(make(), exitCode=0)
    assert attrs == {"a": "b", "name": "web", "image": "busybox", "exitCode": "0"}


def test_human_durations() -> None:
    assert records.human_duration(0.5) == "Less than a second"
    assert records.human_duration(30) == "30 seconds"
    assert records.human_duration(90) == "About a minute"
    assert records.human_duration(7200) == "2 hours"


def test_parse_ps_keeps_the_containers_processes() -> None:
    out = ("UID PID PPID C STIME TTY TIME CMD\n"
           "root 10 1 0 10:00 ? 00:00:00 sleep 100\nroot 11 1 0 10:00 ? 00:00:00 other\n")
    top = parse_ps(out, {10})
    assert top["Titles"][1] == "PID"
    assert top["Processes"] == [["root", "10", "1", "0", "10:00", "?", "00:00:00", "sleep 100"]]
