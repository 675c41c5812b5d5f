"""The event bus behind GET /events.

Every subsystem publishes here (container start, image pull, volume create, network
connect ...). Subscribers get a replay of the recent history (for ``since``) followed by
live events. Filtering follows dockerd's semantics: keys are ANDed, values of one key ORed.
"""

from __future__ import annotations

import asyncio
import collections
import threading
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

from runtime.clock import parse_timestamp
from runtime.errors import InvalidParameter

EVENT_TYPES = ("container", "daemon", "image", "network", "plugin", "volume")
FILTER_KEYS = ("container", "event", "image", "label", "network", "type", "volume")
HISTORY_SIZE = 4096

Event = dict[str, Any]


def make_event(type_: str, action: str, actor_id: str, attributes: dict[str, str] | None = None) -> Event:
    """An EventsMessage as dockerd writes it (status/id/from kept for older clients)."""
    now = time.time_ns()
    attrs = dict(attributes or {})
    ev: Event = {
        "type": type_,
        "action": action,
        "actor": {"ID": actor_id, "Attributes": attrs},
        "time": now // 1_000_000_000,
        "timeNano": now,
    }
    if type_ == "container":
        ev["status"] = action
        ev["id"] = actor_id
        if "image" in attrs:
            ev["from"] = attrs["image"]
    return ev


class EventFilter:
    """Dockerd's event filter over a ``map[string][]string``."""

    def __init__(self, filters: dict[str, list[str]] | None) -> None:
        filters = filters or {}
        for key, values in filters.items():
            if key not in FILTER_KEYS:
                raise InvalidParameter(f"invalid filter {key!r}")
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise InvalidParameter(f"filter {key!r} wants a list of strings")
        self.filters = filters

    def _exact(self, key: str, *sources: str | None) -> bool:
        values = self.filters.get(key)
        if not values:
            return True
        return any(s is not None and s in values for s in sources)

    def _fuzzy(self, key: str, *sources: str | None) -> bool:
        values = self.filters.get(key)
        if not values:
            return True
        return any(s and (s in values or any(s.startswith(v) for v in values)) for s in sources)

    def _labels(self, attrs: dict[str, str]) -> bool:
        for want in self.filters.get("label") or []:
            key, eq, value = want.partition("=")
            if key not in attrs or (eq and attrs[key] != value):
                return False
        return True

    def _for_type(self, key: str, ev: Event, type_: str) -> bool:
        if not self.filters.get(key):
            return True
        if ev["type"] != type_:
            return False
        actor = ev["actor"]
        return self._fuzzy(key, actor["ID"], actor["Attributes"].get("name"))

    def _image(self, ev: Event) -> bool:
        if not self.filters.get("image"):
            return True
        attrs = ev["actor"]["Attributes"]
        name = attrs.get("name" if ev["type"] == "image" else "image")
        ident = ev["actor"]["ID"] if ev["type"] == "image" else None
        candidates = [ident, name]
        candidates += [_strip_tag(c) for c in candidates if c]
        return self._exact("image", *candidates)

    def match(self, ev: Event) -> bool:
        action = ev["action"]
        return (
            self._exact("event", action, action.split(":", 1)[0])
            and self._exact("type", ev["type"])
            and self._for_type("container", ev, "container")
            and self._for_type("network", ev, "network")
            and self._for_type("volume", ev, "volume")
            and self._image(ev)
            and self._labels(ev["actor"]["Attributes"])
        )


def _strip_tag(ref: str) -> str:
    name = ref.split("@", 1)[0]
    slash = name.rfind("/")
    colon = name.rfind(":")
    return name[:colon] if colon > slash else name


class EventBus:
    """Fan-out of events to subscribers, safe to publish from worker threads."""

    def __init__(self) -> None:
        self._history: collections.deque[Event] = collections.deque(maxlen=HISTORY_SIZE)
        self._subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Event]]] = set()
        self._lock = threading.Lock()

    def publish(self, type_: str, action: str, actor_id: str, attributes: dict[str, str] | None = None) -> Event:
        ev = make_event(type_, action, actor_id, attributes)
        with self._lock:
            self._history.append(ev)
            subscribers = list(self._subscribers)
        for loop, queue in subscribers:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, ev)
            except RuntimeError:  # loop closed: the subscriber is gone
                pass
        return ev

    def history(self) -> list[Event]:
        with self._lock:
            return list(self._history)

    def stream(
        self,
        since: str | None = None,
        until: str | None = None,
        filters: dict[str, list[str]] | None = None,
    ) -> AsyncIterator[Event]:
        """Replay from ``since`` then follow live events until ``until`` (or forever).

        Arguments are checked here, before the caller commits to a 200 response."""
        since_ns = parse_timestamp(since, "since")
        until_ns = parse_timestamp(until, "until")
        return self._follow(since_ns, until_ns, EventFilter(filters))

    async def _follow(self, since_ns: int | None, until_ns: int | None, flt: EventFilter) -> AsyncIterator[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            replay: Iterable[Event] = list(self._history) if since_ns is not None else []
            self._subscribers.add(entry)
        try:
            last = 0
            for ev in replay:
                if ev["timeNano"] < since_ns:  # type: ignore[operator]
                    continue
                if until_ns is not None and ev["timeNano"] > until_ns:
                    return
                last = ev["timeNano"]
                if flt.match(ev):
                    yield ev
            if until_ns is not None and until_ns <= time.time_ns():
                return
            while True:
                if until_ns is None:
                    ev = await queue.get()
                else:
                    timeout = max(0.0, (until_ns - time.time_ns()) / 1e9)
                    try:
                        ev = await asyncio.wait_for(queue.get(), timeout)
                    except TimeoutError:
                        return
                if ev["timeNano"] <= last:
                    continue  # already replayed
                if until_ns is not None and ev["timeNano"] > until_ns:
                    return
                if flt.match(ev):
                    yield ev
        finally:
            with self._lock:
                self._subscribers.discard(entry)
