from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.process_config import ProcessConfig


T = TypeVar("T", bound="ContainerExecInspect")


@_attrs_define
class ContainerExecInspect:
    """holds information about a running process started.

    Attributes:
        can_remove (bool):
        container_id (str): The ID of this container
        detach_keys (str):
        exit_code (int): The last exit code of this container
        id (str): The ID of this exec
        open_stderr (bool):
        open_stdin (bool):
        open_stdout (bool):
        process_config (ProcessConfig): ExecProcessConfig holds information about the exec process.
        running (bool):
    """

    can_remove: bool
    container_id: str
    detach_keys: str
    exit_code: int
    id: str
    open_stderr: bool
    open_stdin: bool
    open_stdout: bool
    process_config: ProcessConfig
    running: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        can_remove = self.can_remove

        container_id = self.container_id

        detach_keys = self.detach_keys

        exit_code = self.exit_code

        id = self.id

        open_stderr = self.open_stderr

        open_stdin = self.open_stdin

        open_stdout = self.open_stdout

        process_config = self.process_config.to_dict()

        running = self.running

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "CanRemove": can_remove,
                "ContainerID": container_id,
                "DetachKeys": detach_keys,
                "ExitCode": exit_code,
                "ID": id,
                "OpenStderr": open_stderr,
                "OpenStdin": open_stdin,
                "OpenStdout": open_stdout,
                "ProcessConfig": process_config,
                "Running": running,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.process_config import ProcessConfig  # noqa: PLC0415

        d = dict(src_dict)
        can_remove = d.pop("CanRemove")

        container_id = d.pop("ContainerID")

        detach_keys = d.pop("DetachKeys")

        exit_code = d.pop("ExitCode")

        id = d.pop("ID")

        open_stderr = d.pop("OpenStderr")

        open_stdin = d.pop("OpenStdin")

        open_stdout = d.pop("OpenStdout")

        process_config = ProcessConfig.from_dict(d.pop("ProcessConfig"))

        running = d.pop("Running")

        container_exec_inspect = cls(
            can_remove=can_remove,
            container_id=container_id,
            detach_keys=detach_keys,
            exit_code=exit_code,
            id=id,
            open_stderr=open_stderr,
            open_stdin=open_stdin,
            open_stdout=open_stdout,
            process_config=process_config,
            running=running,
        )

        container_exec_inspect.additional_properties = d
        return container_exec_inspect

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
