"""Watch events with the asyncio client while a volume is created and removed.

    POUCH_HOST=unix:///var/run/pouchd.sock python examples/watch_events.py
"""

from __future__ import annotations

import asyncio
import uuid

import pouch
from pouch.models import EventsMessage


async def watch(count: int, volume: str) -> list[EventsMessage]:
    async with pouch.AsyncClient.from_env() as client:
        async with await client.system.events(filters={"volume": [volume]}) as events:
            # raw POST: the typed VolumeInfo answer does not parse yet (spec/server mismatch on Status)
            await client.http.post("/volumes/create", json={"Name": volume})
            await client.volumes.delete(volume)
            seen: list[EventsMessage] = []
            async for event in events:
                seen.append(event)
                if len(seen) == count:
                    break
            return seen


def main() -> int:
    seen = asyncio.run(watch(2, f"example-{uuid.uuid4().hex[:8]}"))
    for event in seen:
        print(event.type_, event.action, event.actor.id if event.actor else "")
    return 0 if [e.action for e in seen] == ["create", "destroy"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
