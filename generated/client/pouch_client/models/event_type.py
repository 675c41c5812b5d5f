from enum import StrEnum


class EventType(StrEnum):
    CONTAINER = "container"
    DAEMON = "daemon"
    IMAGE = "image"
    NETWORK = "network"
    PLUGIN = "plugin"
    VOLUME = "volume"

    def __str__(self) -> str:
        return str(self.value)
