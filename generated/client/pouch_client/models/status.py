from enum import StrEnum


class Status(StrEnum):
    CREATED = "created"
    DEAD = "dead"
    EXITED = "exited"
    PAUSED = "paused"
    REMOVING = "removing"
    RESTARTING = "restarting"
    RUNNING = "running"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
