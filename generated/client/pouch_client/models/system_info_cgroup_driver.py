from enum import StrEnum


class SystemInfoCgroupDriver(StrEnum):
    CGROUPFS = "cgroupfs"
    SYSTEMD = "systemd"

    def __str__(self) -> str:
        return str(self.value)
