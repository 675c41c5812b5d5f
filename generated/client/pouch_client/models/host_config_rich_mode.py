from enum import StrEnum


class HostConfigRichMode(StrEnum):
    DUMB_INIT = "dumb-init"
    SBIN_INIT = "sbin-init"
    SYSTEMD = "systemd"

    def __str__(self) -> str:
        return str(self.value)
