"""Run a command in a new container, follow its output (stdout and stderr apart), get its exit code.

    POUCH_HOST=unix:///var/run/pouchd.sock python examples/run_and_logs.py [image]
"""

from __future__ import annotations

import sys

import pouch
from pouch.models import ContainerCreateConfig


def run(client: pouch.Client, image: str, cmd: list[str]) -> tuple[int, bytes, bytes]:
    created = client.containers.create(body=ContainerCreateConfig(image=image, cmd=cmd))
    container = str(created.id)
    try:
        client.containers.start(container)
        out, err = bytearray(), bytearray()
        for frame in client.containers.logs(container, follow=True):  # ends when the container stops
            (err if frame.stream is pouch.StreamType.STDERR else out).extend(frame.data)
        return client.containers.wait(container).status_code, bytes(out), bytes(err)
    finally:
        client.containers.remove(container, force=True)


def main() -> int:
    image = sys.argv[1] if len(sys.argv) > 1 else "busybox:latest"
    with pouch.Client.from_env() as client:
        code, out, err = run(client, image, ["sh", "-c", "echo to stdout; echo to stderr >&2; exit 2"])
    print(f"exit {code}, stdout {out!r}, stderr {err!r}")
    return 0 if (code, out, err) == (2, b"to stdout\n", b"to stderr\n") else 1


if __name__ == "__main__":
    raise SystemExit(main())
