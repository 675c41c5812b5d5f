"""Event filters follow dockerd: keys ANDed, values ORed; since/until replay and stop."""

from __future__ import annotations

import asyncio
import time

import pytest

from runtime.errors import InvalidParameter
from runtime.events import EventBus, EventFilter, make_event, parse_timestamp

START = make_event("container", "start", "abc123", {"name": "web", "image": "busybox:latest", "tier": "front"})
PULL = make_event("image", "pull", "busybox:latest", {"name": "busybox:latest"})
VOL = make_event("volume", "create", "data", {"driver": "local"})


@pytest.mark.parametrize(
    ("filters", "matches"),
    [
        ({}, [True, True, True]),
        ({"type": ["container"]}, [True, False, False]),
        ({"type": ["container", "volume"]}, [True, False, True]),
        ({"event": ["start"]}, [True, False, False]),
        ({"container": ["web"]}, [True, False, False]),
        ({"container": ["abc"]}, [True, False, False]),  # ID prefix
        ({"image": ["busybox"]}, [True, True, False]),  # tag stripped on both sides
        ({"label": ["tier"]}, [True, False, False]),
        ({"label": ["tier=front"]}, [True, False, False]),
        ({"label": ["tier=back"]}, [False, False, False]),
        ({"volume": ["data"]}, [False, False, True]),
        ({"type": ["container"], "event": ["die"]}, [False, False, False]),
    ],
)
def test_filters(filters: dict[str, list[str]], matches: list[bool]) -> None:
    flt = EventFilter(filters)
    assert [flt.match(e) for e in (START, PULL, VOL)] == matches


def test_exec_start_matches_on_its_prefix() -> None:
    ev = make_event("container", "exec_start: sh -c true", "abc", {})
    assert EventFilter({"event": ["exec_start"]}).match(ev)


def test_unknown_filter_key_is_refused() -> None:
    with pytest.raises(InvalidParameter):
        EventFilter({"colour": ["red"]})


def test_timestamps() -> None:
    assert parse_timestamp("12", "since") == 12_000_000_000
    assert parse_timestamp("12.5", "since") == 12_500_000_000
    assert parse_timestamp(None, "since") is None
    with pytest.raises(InvalidParameter):
        parse_timestamp("yesterday", "since")


def test_since_replays_and_until_stops() -> None:
    async def go() -> list[str]:
        bus = EventBus()
        before = time.time()
        bus.publish("volume", "create", "a", {})
        bus.publish("volume", "destroy", "a", {})
        got = []
        async for ev in bus.stream(since=f"{before:.9f}", until=f"{time.time() + 0.3:.9f}"):
            got.append(ev["action"])
            if len(got) == 2:
                bus.publish("volume", "create", "b", {})
        return got

    assert asyncio.run(go()) == ["create", "destroy", "create"]


def test_live_events_from_a_thread_reach_subscribers() -> None:
    async def go() -> str:
        bus = EventBus()
        stream = bus.stream(filters={"type": ["network"]})
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.01)
        await asyncio.to_thread(bus.publish, "volume", "create", "x", {})
        await asyncio.to_thread(bus.publish, "network", "connect", "n1", {})
        ev = await asyncio.wait_for(first, 2)
        return str(ev["actor"]["ID"])

    assert asyncio.run(go()) == "n1"
