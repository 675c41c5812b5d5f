from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecCreateConfig")


@_attrs_define
class ExecCreateConfig:
    """is a small subset of the Config struct that holds the configuration.

    Attributes:
        cmd (list[str] | None): Execution commands and args
        attach_stderr (bool | Unset): Attach the standard error
        attach_stdin (bool | Unset): Attach the standard input, makes possible user interaction
        attach_stdout (bool | Unset): Attach the standard output
        detach (bool | Unset): Execute in detach mode
        detach_keys (str | Unset): Escape keys for detach
        env (list[str] | None | Unset): envs for exec command in container
        privileged (bool | Unset): Is the container in privileged mode
        tty (bool | Unset): Attach standard streams to a tty
        user (str | Unset): User that will run the command
    """

    cmd: list[str] | None
    attach_stderr: bool | Unset = UNSET
    attach_stdin: bool | Unset = UNSET
    attach_stdout: bool | Unset = UNSET
    detach: bool | Unset = UNSET
    detach_keys: str | Unset = UNSET
    env: list[str] | None | Unset = UNSET
    privileged: bool | Unset = UNSET
    tty: bool | Unset = UNSET
    user: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cmd: list[str] | None
        if isinstance(self.cmd, list):
            cmd = self.cmd

        else:
            cmd = self.cmd

        attach_stderr = self.attach_stderr

        attach_stdin = self.attach_stdin

        attach_stdout = self.attach_stdout

        detach = self.detach

        detach_keys = self.detach_keys

        env: list[str] | None | Unset
        if isinstance(self.env, Unset):
            env = UNSET
        elif isinstance(self.env, list):
            env = self.env

        else:
            env = self.env

        privileged = self.privileged

        tty = self.tty

        user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Cmd": cmd,
            }
        )
        if attach_stderr is not UNSET:
            field_dict["AttachStderr"] = attach_stderr
        if attach_stdin is not UNSET:
            field_dict["AttachStdin"] = attach_stdin
        if attach_stdout is not UNSET:
            field_dict["AttachStdout"] = attach_stdout
        if detach is not UNSET:
            field_dict["Detach"] = detach
        if detach_keys is not UNSET:
            field_dict["DetachKeys"] = detach_keys
        if env is not UNSET:
            field_dict["Env"] = env
        if privileged is not UNSET:
            field_dict["Privileged"] = privileged
        if tty is not UNSET:
            field_dict["Tty"] = tty
        if user is not UNSET:
            field_dict["User"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_cmd(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cmd_type_0 = cast(list[str], data)

                return cmd_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        cmd = _parse_cmd(d.pop("Cmd"))

        attach_stderr = d.pop("AttachStderr", UNSET)

        attach_stdin = d.pop("AttachStdin", UNSET)

        attach_stdout = d.pop("AttachStdout", UNSET)

        detach = d.pop("Detach", UNSET)

        detach_keys = d.pop("DetachKeys", UNSET)

        def _parse_env(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                env_type_0 = cast(list[str], data)

                return env_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        env = _parse_env(d.pop("Env", UNSET))

        privileged = d.pop("Privileged", UNSET)

        tty = d.pop("Tty", UNSET)

        user = d.pop("User", UNSET)

        exec_create_config = cls(
            cmd=cmd,
            attach_stderr=attach_stderr,
            attach_stdin=attach_stdin,
            attach_stdout=attach_stdout,
            detach=detach,
            detach_keys=detach_keys,
            env=env,
            privileged=privileged,
            tty=tty,
            user=user,
        )

        exec_create_config.additional_properties = d
        return exec_create_config

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
