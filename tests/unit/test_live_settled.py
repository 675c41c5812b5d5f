"""Live.settled: observers (inspect, list) wait for an exit's cleanup only briefly after the
exit, so a cleanup that hangs cannot hold every later inspect; wait keeps the long bound."""

from __future__ import annotations

import asyncio
import time

import pytest

from runtime.containers import live


def test_an_observer_waits_for_a_quick_cleanup() -> None:
    async def go() -> bool:
        lv = live.Live()
        done = asyncio.Event()

        async def cleanup() -> None:
            await asyncio.sleep(0.05)
            done.set()

        lv.start_cleanup(cleanup())
        await lv.settled(observer=True)
        return done.is_set()

    assert asyncio.run(go())


def test_a_hung_cleanup_holds_observers_only_within_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "OBSERVER_WAIT", 0.2)

    async def go() -> tuple[float, float, float]:
        lv, lives = live.Live(), live.Lives()
        lives._live["c"] = lv
        lv.start_cleanup(asyncio.Event().wait())  # never ends
        t = time.monotonic()
        await lv.settled(observer=True)
        first = time.monotonic() - t
        t = time.monotonic()
        await lv.settled(observer=True)  # the bound has passed: at once
        await lives.settled()
        later = time.monotonic() - t
        t = time.monotonic()
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(lv.settled(), 0.3)  # wait's own bound is the long one
        waited = time.monotonic() - t
        assert lv.cleanup is not None
        lv.cleanup.cancel()
        return first, later, waited

    first, later, waited = asyncio.run(go())
    assert 0.15 < first < 1.0 and later < 0.05 and waited >= 0.3
