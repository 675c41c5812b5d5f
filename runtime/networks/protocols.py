"""What the container lifecycle asks of the networks subsystem.

The network part of a container record (``NetworkSettings``) is written by these calls on the
record passed in; the caller persists the record afterwards.
"""

from __future__ import annotations

from typing import Any, Protocol

Record = dict[str, Any]


class NetworkAttach(Protocol):
    async def prepare(self, record: Record) -> None:
        """At create: check NetworkMode and NetworkingConfig, fill NetworkSettings.Networks."""
        ...

    async def setup(self, record: Record) -> str | None:
        """Before the process starts: the netns file the OCI spec joins (None: the host's)."""
        ...

    def network_files(self, record: Record) -> dict[str, str]:
        """Container path -> host file for /etc/hosts, /etc/hostname, /etc/resolv.conf
        (blocking: run it in a thread)."""
        ...

    async def teardown(self, record: Record) -> None:
        """After the process exited: addresses, ports, the netns."""
        ...

    async def release(self, record: Record) -> None:
        """At remove: whatever is still set up, and the name files."""
        ...
