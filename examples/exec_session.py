"""An interactive exec over the hijacked connection: write stdin, half-close, read demuxed output;
then a Tty session with a resize.

    POUCH_HOST=unix:///var/run/pouchd.sock python examples/exec_session.py [image]
"""

from __future__ import annotations

import sys
import time

import pouch
from pouch.models import ContainerCreateConfig, ExecCreateConfig


def exec_id(client: pouch.Client, container: str, cmd: list[str], tty: bool) -> str:
    created = client.execs.create(container, body=ExecCreateConfig(
        cmd=cmd, tty=tty, attach_stdin=True, attach_stdout=True, attach_stderr=True))
    return str(created.id)


def main() -> int:
    image = sys.argv[1] if len(sys.argv) > 1 else "busybox:latest"
    with pouch.Client.from_env() as client:
        container = str(client.containers.create(body=ContainerCreateConfig(image=image, cmd=["sleep", "60"])).id)
        try:
            client.containers.start(container)
            plain = exec_id(client, container, ["sh", "-c", "wc -l; echo bye >&2"], tty=False)
            with client.execs.start(plain) as session:
                for line in (b"one\n", b"two\n", b"three\n"):
                    session.write(line)
                session.close_write()  # wc sees EOF and prints its count
                out, err = session.output()
            print("lines counted:", out.strip().decode(), "stderr:", err)

            tty = exec_id(client, container, ["sh", "-c", "read _; stty size"], tty=True)
            with client.execs.start(tty) as session:
                deadline = time.monotonic() + 10
                while not client.execs.inspect(tty).running and time.monotonic() < deadline:
                    time.sleep(0.01)
                session.resize(40, 132)
                session.write(b"\r")
                raw, _ = session.output()
            print("tty size:", raw.split()[-2:])
            ok = out.strip() == b"3" and err == b"bye\n" and b"40 132" in raw
        finally:
            client.containers.remove(container, force=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
