"""Checkpoints (runc checkpoint/restore through criu). A checkpoint is a criu image directory
kept under the container's own directory: the API never creates or deletes directories
anywhere else on the host."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from runtime.containers.driver import ContainerPaths, Driver, RuntimeFailure
from runtime.containers.records import Record
from runtime.errors import Conflict, EngineError, InvalidParameter, NotFound


def base_dir(paths: ContainerPaths, directory: str | None) -> Path:
    """Where the checkpoints of a CheckpointDir live (the container's default one without it)."""
    if not directory:
        return paths.checkpoints
    parts = Path(directory).parts
    if directory.startswith("/") or "\0" in directory or any(p in ("..", ".") for p in parts):
        raise InvalidParameter(
            f"invalid checkpoint dir {directory!r}: it must be a relative path without '.' or '..' "
            "(checkpoint dirs are kept under the container's own directory)"
        )
    return paths.home / "checkpoint-dirs" / directory


def check_name(name: str | None) -> str:
    if not name or not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
        raise InvalidParameter(f"invalid checkpoint ID {name!r}")
    return name


def existing(paths: ContainerPaths, name: str, directory: str | None) -> Path:
    image = base_dir(paths, directory) / check_name(name)
    if not image.is_dir():
        raise NotFound(f"No such checkpoint: {name}")
    return image


async def create(
    driver: Driver, paths: ContainerPaths, rec: Record, name: str, directory: str | None, exit_after: bool
) -> None:
    """runc checkpoint of a running container (left running unless ``exit_after``)."""
    image = base_dir(paths, directory) / name
    if image.exists():
        raise Conflict(f"checkpoint {name} already exists for container {rec['Id']}")
    image.mkdir(parents=True)
    args = ["checkpoint", "--image-path", str(image), "--work-path", str(image)]
    if not exit_after:
        args.append("--leave-running")
    if rec["Config"].get("Tty"):
        args.append("--shell-job")
    try:
        await driver.runc_cmd(*args, rec["Id"])
    except RuntimeFailure as exc:
        shutil.rmtree(image, ignore_errors=True)
        if await driver.stopped(rec["Id"]):  # it exited meanwhile: as if it had before
            raise Conflict(f"Container {rec['Id']} is not running") from None
        raise EngineError(f"checkpoint of {rec['Id']} failed (criu): {exc.message}") from None


def listing(paths: ContainerPaths, container_id: str, directory: str | None) -> list[dict[str, str]]:
    base = base_dir(paths, directory)
    if not base.is_dir():
        return []
    return [{"CheckpointName": d.name, "ContainerID": container_id} for d in sorted(base.iterdir()) if d.is_dir()]


def delete(paths: ContainerPaths, name: str, directory: str | None) -> None:
    shutil.rmtree(existing(paths, name, directory))
