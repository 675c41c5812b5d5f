from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerLogsOptions")


@_attrs_define
class ContainerLogsOptions:
    """The parameters to filter the log.

    Attributes:
        details (bool | Unset): Show extra details provided to logs
        follow (bool | Unset): Return logs as a stream
        show_stderr (bool | Unset): Return logs from `stderr`
        show_stdout (bool | Unset): Return logs from `stdout`
        since (str | Unset): Only return logs after this time, as a UNIX timestamp
        tail (str | Unset): Only reture this number of log lines from the end of the logs. Specify as an integer or
            `all` to output all log lines.
        timestamps (bool | Unset): Add timestamps to every log line
        until (str | Unset): Only reture logs before this time, as a UNIX timestamp
    """

    details: bool | Unset = UNSET
    follow: bool | Unset = UNSET
    show_stderr: bool | Unset = UNSET
    show_stdout: bool | Unset = UNSET
    since: str | Unset = UNSET
    tail: str | Unset = UNSET
    timestamps: bool | Unset = UNSET
    until: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        details = self.details

        follow = self.follow

        show_stderr = self.show_stderr

        show_stdout = self.show_stdout

        since = self.since

        tail = self.tail

        timestamps = self.timestamps

        until = self.until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if details is not UNSET:
            field_dict["Details"] = details
        if follow is not UNSET:
            field_dict["Follow"] = follow
        if show_stderr is not UNSET:
            field_dict["ShowStderr"] = show_stderr
        if show_stdout is not UNSET:
            field_dict["ShowStdout"] = show_stdout
        if since is not UNSET:
            field_dict["Since"] = since
        if tail is not UNSET:
            field_dict["Tail"] = tail
        if timestamps is not UNSET:
            field_dict["Timestamps"] = timestamps
        if until is not UNSET:
            field_dict["Until"] = until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        details = d.pop("Details", UNSET)

        follow = d.pop("Follow", UNSET)

        show_stderr = d.pop("ShowStderr", UNSET)

        show_stdout = d.pop("ShowStdout", UNSET)

        since = d.pop("Since", UNSET)

        tail = d.pop("Tail", UNSET)

        timestamps = d.pop("Timestamps", UNSET)

        until = d.pop("Until", UNSET)

        container_logs_options = cls(
            details=details,
            follow=follow,
            show_stderr=show_stderr,
            show_stdout=show_stdout,
            since=since,
            tail=tail,
            timestamps=timestamps,
            until=until,
        )

        container_logs_options.additional_properties = d
        return container_logs_options

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
