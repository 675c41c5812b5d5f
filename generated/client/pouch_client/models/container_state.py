from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerState")


@_attrs_define
class ContainerState:
    """
    Attributes:
        dead (bool): Whether this container is dead.
        error (str): The error message of this container
        exit_code (int): The last exit code of this container
        finished_at (str): The time when this container last exited.
        oom_killed (bool): Whether this container has been killed because it ran out of memory.
        paused (bool): Whether this container is paused.
        pid (int): The process ID of this container
        restarting (bool): Whether this container is restarting.
        running (bool): Whether this container is running.

            Note that a running container can be _paused_. The `Running` and `Paused`
            booleans are not mutually exclusive:

            When pausing a container (on Linux), the cgroups freezer is used to suspend
            all processes in the container. Freezing the process requires the process to
            be running. As a result, paused containers are both `Running` _and_ `Paused`.

            Use the `Status` field instead to determine if a container's state is "running".
        started_at (str): The time when this container was last started.
        status (Status): The status of the container. For example, "running" or "exited".
        exited (bool | Unset): Whether this container is abnormal stopped. So that we can distinguish whether
            a container stoppped by API or abnormal.

            This flag can be used on the circumstances that when the host restart and try to pull up
            the containers that are running before host down. If we have a container with `RestartPolicy`
            is `always` but the `Status` is `Stopped`, should we start it or not?

            So with the `Exited` flag being set, we can make sure that this container is exited by abnormal,
            we should pull it up. But with status is `Stopped`, we should not pull it up because it is stopped
            by API.
    """

    dead: bool
    error: str
    exit_code: int
    finished_at: str
    oom_killed: bool
    paused: bool
    pid: int
    restarting: bool
    running: bool
    started_at: str
    status: Status
    exited: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dead = self.dead

        error = self.error

        exit_code = self.exit_code

        finished_at = self.finished_at

        oom_killed = self.oom_killed

        paused = self.paused

        pid = self.pid

        restarting = self.restarting

        running = self.running

        started_at = self.started_at

        status = self.status.value

        exited = self.exited

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Dead": dead,
                "Error": error,
                "ExitCode": exit_code,
                "FinishedAt": finished_at,
                "OOMKilled": oom_killed,
                "Paused": paused,
                "Pid": pid,
                "Restarting": restarting,
                "Running": running,
                "StartedAt": started_at,
                "Status": status,
            }
        )
        if exited is not UNSET:
            field_dict["Exited"] = exited

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dead = d.pop("Dead")

        error = d.pop("Error")

        exit_code = d.pop("ExitCode")

        finished_at = d.pop("FinishedAt")

        oom_killed = d.pop("OOMKilled")

        paused = d.pop("Paused")

        pid = d.pop("Pid")

        restarting = d.pop("Restarting")

        running = d.pop("Running")

        started_at = d.pop("StartedAt")

        status = Status(d.pop("Status"))

        exited = d.pop("Exited", UNSET)

        container_state = cls(
            dead=dead,
            error=error,
            exit_code=exit_code,
            finished_at=finished_at,
            oom_killed=oom_killed,
            paused=paused,
            pid=pid,
            restarting=restarting,
            running=running,
            started_at=started_at,
            status=status,
            exited=exited,
        )

        container_state.additional_properties = d
        return container_state

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
