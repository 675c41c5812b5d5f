from enum import StrEnum


class LogConfigType(StrEnum):
    AWSLOGS = "awslogs"
    ETWLOGS = "etwlogs"
    FLUENTD = "fluentd"
    GELF = "gelf"
    JOURNALD = "journald"
    JSON_FILE = "json-file"
    NONE = "none"
    SPLUNK = "splunk"
    SYSLOG = "syslog"
    VALUE_9 = ""

    def __str__(self) -> str:
        return str(self.value)
