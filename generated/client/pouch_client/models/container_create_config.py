from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.container_config_rich_mode import ContainerConfigRichMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_config_disk_quota_type_0 import ContainerConfigDiskQuotaType0
    from ..models.container_config_exposed_ports_type_0 import ContainerConfigExposedPortsType0
    from ..models.container_config_labels_type_0 import ContainerConfigLabelsType0
    from ..models.container_config_spec_annotation_type_0 import ContainerConfigSpecAnnotationType0
    from ..models.container_config_volumes_type_0 import ContainerConfigVolumesType0
    from ..models.host_config import HostConfig
    from ..models.networking_config import NetworkingConfig


T = TypeVar("T", bound="ContainerCreateConfig")


@_attrs_define
class ContainerCreateConfig:
    """ContainerCreateConfig is used for API "POST /containers/create".
    It wraps all kinds of config used in container creation.
    It can be used to encode client params in client and unmarshal request body in daemon side.

        Attributes:
            image (str): The image to create the container from (name or ID); a create needs one.
            args_escaped (bool | Unset): Command is already escaped (Windows only)
            attach_stderr (bool | Unset): Whether to attach to `stderr`. Default: True.
            attach_stdin (bool | Unset): Whether to attach to `stdin`.
            attach_stdout (bool | Unset): Whether to attach to `stdout`. Default: True.
            cmd (list[str] | None | Unset): Command to run specified an array of strings.
            disable_network_files (bool | Unset): Whether to generate the network files(/etc/hostname, /etc/hosts and
                /etc/resolv.conf) for container. Default: False.
            disk_quota (ContainerConfigDiskQuotaType0 | None | Unset): Set disk quota for container.
                Key is the dir in container.
                Value is disk quota size for the dir.
                / means rootfs dir in container.
                .* includes rootfs dir and all volume dir.
            domainname (str | Unset): The domain name to use for the container.
            entrypoint (list[str] | None | Unset): The entry point for the container as a string or an array of strings.
                If the array consists of exactly one empty string (`[""]`) then the entry point is reset to system default.
            env (list[str] | None | Unset): A list of environment variables to set inside the container in the form
                `["VAR=value", ...]`.
                A variable like "A=" means setting env A in container to be empty value.
                And a variable without `=` is removed from the environment, rather than to have an empty value.
            exposed_ports (ContainerConfigExposedPortsType0 | None | Unset): An object mapping ports to an empty object in
                the form:`{<port>/<tcp|udp>: {}}`
            hostname (str | Unset): The hostname to use for the container, as a valid RFC 1123 hostname.
            init_script (str | Unset): Initial script executed in container. The script will be executed before entrypoint
                or command
            labels (ContainerConfigLabelsType0 | None | Unset): User-defined key/value metadata.
            mac_address (str | Unset): MAC address of the container.
            net_priority (int | Unset): net priority.
            network_disabled (bool | Unset): Disable networking for the container.
            on_build (list[str] | None | Unset): `ONBUILD` metadata that were defined.
            open_stdin (bool | Unset): Open `stdin`
            quota_id (str | Unset): Set disk quota by specified quota id.
                If QuotaID <= 0, it means pouchd should allocate a unique quota id by sequence automatically.
                By default, a quota ID is mapped to only one container. And one quota ID can include several mountpoint.
            rich (bool | Unset): Whether to start container in rich container mode. (default false)
            rich_mode (ContainerConfigRichMode | Unset): Choose one rich container mode.(default dumb-init)
            shell (list[str] | None | Unset): Shell for when `RUN`, `CMD`, and `ENTRYPOINT` uses a shell.
            snapshotter (str | Unset): The snapshotter container choose, can be different with
                default snapshotter. The Field only set through hook plugin.
            spec_annotation (ContainerConfigSpecAnnotationType0 | None | Unset): annotations send to runtime spec.
            specific_id (str | Unset): Create container with given id.
                MinLength: 64
                MaxLength: 64
                The characters of given id should be in 0123456789abcdef.
                By default, given id is unnecessary.
            stdin_once (bool | Unset): Close `stdin` after one attached client disconnects
            stop_signal (str | Unset): Signal to stop a container as a string or unsigned integer. Default: 'SIGTERM'.
            stop_timeout (int | Unset): Timeout to stop a container in seconds.
            tty (bool | Unset): Attach standard streams to a TTY, including `stdin` if it is not closed.
            user (str | Unset): The user that commands are run as inside the container.
            volumes (ContainerConfigVolumesType0 | None | Unset): An object mapping mount point paths inside the container
                to empty objects.
            working_dir (str | Unset): The working directory for commands to run in.
            host_config (HostConfig | Unset): Container configuration that depends on the host we are running on
            networking_config (NetworkingConfig | Unset): Configuration for a network used to create a container.
    """

    image: str
    args_escaped: bool | Unset = UNSET
    attach_stderr: bool | Unset = True
    attach_stdin: bool | Unset = UNSET
    attach_stdout: bool | Unset = True
    cmd: list[str] | None | Unset = UNSET
    disable_network_files: bool | Unset = False
    disk_quota: ContainerConfigDiskQuotaType0 | None | Unset = UNSET
    domainname: str | Unset = UNSET
    entrypoint: list[str] | None | Unset = UNSET
    env: list[str] | None | Unset = UNSET
    exposed_ports: ContainerConfigExposedPortsType0 | None | Unset = UNSET
    hostname: str | Unset = UNSET
    init_script: str | Unset = UNSET
    labels: ContainerConfigLabelsType0 | None | Unset = UNSET
    mac_address: str | Unset = UNSET
    net_priority: int | Unset = UNSET
    network_disabled: bool | Unset = UNSET
    on_build: list[str] | None | Unset = UNSET
    open_stdin: bool | Unset = UNSET
    quota_id: str | Unset = UNSET
    rich: bool | Unset = UNSET
    rich_mode: ContainerConfigRichMode | Unset = UNSET
    shell: list[str] | None | Unset = UNSET
    snapshotter: str | Unset = UNSET
    spec_annotation: ContainerConfigSpecAnnotationType0 | None | Unset = UNSET
    specific_id: str | Unset = UNSET
    stdin_once: bool | Unset = UNSET
    stop_signal: str | Unset = "SIGTERM"
    stop_timeout: int | Unset = UNSET
    tty: bool | Unset = UNSET
    user: str | Unset = UNSET
    volumes: ContainerConfigVolumesType0 | None | Unset = UNSET
    working_dir: str | Unset = UNSET
    host_config: HostConfig | Unset = UNSET
    networking_config: NetworkingConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_config_disk_quota_type_0 import ContainerConfigDiskQuotaType0  # noqa: PLC0415
        from ..models.container_config_exposed_ports_type_0 import ContainerConfigExposedPortsType0  # noqa: PLC0415
        from ..models.container_config_labels_type_0 import ContainerConfigLabelsType0  # noqa: PLC0415
        from ..models.container_config_spec_annotation_type_0 import ContainerConfigSpecAnnotationType0  # noqa: PLC0415
        from ..models.container_config_volumes_type_0 import ContainerConfigVolumesType0  # noqa: PLC0415

        image = self.image

        args_escaped = self.args_escaped

        attach_stderr = self.attach_stderr

        attach_stdin = self.attach_stdin

        attach_stdout = self.attach_stdout

        cmd: list[str] | None | Unset
        if isinstance(self.cmd, Unset):
            cmd = UNSET
        elif isinstance(self.cmd, list):
            cmd = self.cmd

        else:
            cmd = self.cmd

        disable_network_files = self.disable_network_files

        disk_quota: dict[str, Any] | None | Unset
        if isinstance(self.disk_quota, Unset):
            disk_quota = UNSET
        elif isinstance(self.disk_quota, ContainerConfigDiskQuotaType0):
            disk_quota = self.disk_quota.to_dict()
        else:
            disk_quota = self.disk_quota

        domainname = self.domainname

        entrypoint: list[str] | None | Unset
        if isinstance(self.entrypoint, Unset):
            entrypoint = UNSET
        elif isinstance(self.entrypoint, list):
            entrypoint = self.entrypoint

        else:
            entrypoint = self.entrypoint

        env: list[str] | None | Unset
        if isinstance(self.env, Unset):
            env = UNSET
        elif isinstance(self.env, list):
            env = self.env

        else:
            env = self.env

        exposed_ports: dict[str, Any] | None | Unset
        if isinstance(self.exposed_ports, Unset):
            exposed_ports = UNSET
        elif isinstance(self.exposed_ports, ContainerConfigExposedPortsType0):
            exposed_ports = self.exposed_ports.to_dict()
        else:
            exposed_ports = self.exposed_ports

        hostname = self.hostname

        init_script = self.init_script

        labels: dict[str, Any] | None | Unset
        if isinstance(self.labels, Unset):
            labels = UNSET
        elif isinstance(self.labels, ContainerConfigLabelsType0):
            labels = self.labels.to_dict()
        else:
            labels = self.labels

        mac_address = self.mac_address

        net_priority = self.net_priority

        network_disabled = self.network_disabled

        on_build: list[str] | None | Unset
        if isinstance(self.on_build, Unset):
            on_build = UNSET
        elif isinstance(self.on_build, list):
            on_build = self.on_build

        else:
            on_build = self.on_build

        open_stdin = self.open_stdin

        quota_id = self.quota_id

        rich = self.rich

        rich_mode: str | Unset = UNSET
        if not isinstance(self.rich_mode, Unset):
            rich_mode = self.rich_mode.value

        shell: list[str] | None | Unset
        if isinstance(self.shell, Unset):
            shell = UNSET
        elif isinstance(self.shell, list):
            shell = self.shell

        else:
            shell = self.shell

        snapshotter = self.snapshotter

        spec_annotation: dict[str, Any] | None | Unset
        if isinstance(self.spec_annotation, Unset):
            spec_annotation = UNSET
        elif isinstance(self.spec_annotation, ContainerConfigSpecAnnotationType0):
            spec_annotation = self.spec_annotation.to_dict()
        else:
            spec_annotation = self.spec_annotation

        specific_id = self.specific_id

        stdin_once = self.stdin_once

        stop_signal = self.stop_signal

        stop_timeout = self.stop_timeout

        tty = self.tty

        user = self.user

        volumes: dict[str, Any] | None | Unset
        if isinstance(self.volumes, Unset):
            volumes = UNSET
        elif isinstance(self.volumes, ContainerConfigVolumesType0):
            volumes = self.volumes.to_dict()
        else:
            volumes = self.volumes

        working_dir = self.working_dir

        host_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.host_config, Unset):
            host_config = self.host_config.to_dict()

        networking_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.networking_config, Unset):
            networking_config = self.networking_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Image": image,
            }
        )
        if args_escaped is not UNSET:
            field_dict["ArgsEscaped"] = args_escaped
        if attach_stderr is not UNSET:
            field_dict["AttachStderr"] = attach_stderr
        if attach_stdin is not UNSET:
            field_dict["AttachStdin"] = attach_stdin
        if attach_stdout is not UNSET:
            field_dict["AttachStdout"] = attach_stdout
        if cmd is not UNSET:
            field_dict["Cmd"] = cmd
        if disable_network_files is not UNSET:
            field_dict["DisableNetworkFiles"] = disable_network_files
        if disk_quota is not UNSET:
            field_dict["DiskQuota"] = disk_quota
        if domainname is not UNSET:
            field_dict["Domainname"] = domainname
        if entrypoint is not UNSET:
            field_dict["Entrypoint"] = entrypoint
        if env is not UNSET:
            field_dict["Env"] = env
        if exposed_ports is not UNSET:
            field_dict["ExposedPorts"] = exposed_ports
        if hostname is not UNSET:
            field_dict["Hostname"] = hostname
        if init_script is not UNSET:
            field_dict["InitScript"] = init_script
        if labels is not UNSET:
            field_dict["Labels"] = labels
        if mac_address is not UNSET:
            field_dict["MacAddress"] = mac_address
        if net_priority is not UNSET:
            field_dict["NetPriority"] = net_priority
        if network_disabled is not UNSET:
            field_dict["NetworkDisabled"] = network_disabled
        if on_build is not UNSET:
            field_dict["OnBuild"] = on_build
        if open_stdin is not UNSET:
            field_dict["OpenStdin"] = open_stdin
        if quota_id is not UNSET:
            field_dict["QuotaID"] = quota_id
        if rich is not UNSET:
            field_dict["Rich"] = rich
        if rich_mode is not UNSET:
            field_dict["RichMode"] = rich_mode
        if shell is not UNSET:
            field_dict["Shell"] = shell
        if snapshotter is not UNSET:
            field_dict["Snapshotter"] = snapshotter
        if spec_annotation is not UNSET:
            field_dict["SpecAnnotation"] = spec_annotation
        if specific_id is not UNSET:
            field_dict["SpecificID"] = specific_id
        if stdin_once is not UNSET:
            field_dict["StdinOnce"] = stdin_once
        if stop_signal is not UNSET:
            field_dict["StopSignal"] = stop_signal
        if stop_timeout is not UNSET:
            field_dict["StopTimeout"] = stop_timeout
        if tty is not UNSET:
            field_dict["Tty"] = tty
        if user is not UNSET:
            field_dict["User"] = user
        if volumes is not UNSET:
            field_dict["Volumes"] = volumes
        if working_dir is not UNSET:
            field_dict["WorkingDir"] = working_dir
        if host_config is not UNSET:
            field_dict["HostConfig"] = host_config
        if networking_config is not UNSET:
            field_dict["NetworkingConfig"] = networking_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_config_disk_quota_type_0 import ContainerConfigDiskQuotaType0  # noqa: PLC0415
        from ..models.container_config_exposed_ports_type_0 import ContainerConfigExposedPortsType0  # noqa: PLC0415
        from ..models.container_config_labels_type_0 import ContainerConfigLabelsType0  # noqa: PLC0415
        from ..models.container_config_spec_annotation_type_0 import ContainerConfigSpecAnnotationType0  # noqa: PLC0415
        from ..models.container_config_volumes_type_0 import ContainerConfigVolumesType0  # noqa: PLC0415
        from ..models.host_config import HostConfig  # noqa: PLC0415
        from ..models.networking_config import NetworkingConfig  # noqa: PLC0415

        d = dict(src_dict)
        image = d.pop("Image")

        args_escaped = d.pop("ArgsEscaped", UNSET)

        attach_stderr = d.pop("AttachStderr", UNSET)

        attach_stdin = d.pop("AttachStdin", UNSET)

        attach_stdout = d.pop("AttachStdout", UNSET)

        def _parse_cmd(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cmd_type_0 = cast(list[str], data)

                return cmd_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        cmd = _parse_cmd(d.pop("Cmd", UNSET))

        disable_network_files = d.pop("DisableNetworkFiles", UNSET)

        def _parse_disk_quota(data: object) -> ContainerConfigDiskQuotaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                disk_quota_type_0 = ContainerConfigDiskQuotaType0.from_dict(data)

                return disk_quota_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigDiskQuotaType0 | None | Unset, data)

        disk_quota = _parse_disk_quota(d.pop("DiskQuota", UNSET))

        domainname = d.pop("Domainname", UNSET)

        def _parse_entrypoint(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                entrypoint_type_0 = cast(list[str], data)

                return entrypoint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        entrypoint = _parse_entrypoint(d.pop("Entrypoint", UNSET))

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

        def _parse_exposed_ports(data: object) -> ContainerConfigExposedPortsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                exposed_ports_type_0 = ContainerConfigExposedPortsType0.from_dict(data)

                return exposed_ports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigExposedPortsType0 | None | Unset, data)

        exposed_ports = _parse_exposed_ports(d.pop("ExposedPorts", UNSET))

        hostname = d.pop("Hostname", UNSET)

        init_script = d.pop("InitScript", UNSET)

        def _parse_labels(data: object) -> ContainerConfigLabelsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                labels_type_0 = ContainerConfigLabelsType0.from_dict(data)

                return labels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigLabelsType0 | None | Unset, data)

        labels = _parse_labels(d.pop("Labels", UNSET))

        mac_address = d.pop("MacAddress", UNSET)

        net_priority = d.pop("NetPriority", UNSET)

        network_disabled = d.pop("NetworkDisabled", UNSET)

        def _parse_on_build(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                on_build_type_0 = cast(list[str], data)

                return on_build_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        on_build = _parse_on_build(d.pop("OnBuild", UNSET))

        open_stdin = d.pop("OpenStdin", UNSET)

        quota_id = d.pop("QuotaID", UNSET)

        rich = d.pop("Rich", UNSET)

        _rich_mode = d.pop("RichMode", UNSET)
        rich_mode: ContainerConfigRichMode | Unset
        if isinstance(_rich_mode, Unset):
            rich_mode = UNSET
        else:
            rich_mode = ContainerConfigRichMode(_rich_mode)

        def _parse_shell(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                shell_type_0 = cast(list[str], data)

                return shell_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        shell = _parse_shell(d.pop("Shell", UNSET))

        snapshotter = d.pop("Snapshotter", UNSET)

        def _parse_spec_annotation(data: object) -> ContainerConfigSpecAnnotationType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                spec_annotation_type_0 = ContainerConfigSpecAnnotationType0.from_dict(data)

                return spec_annotation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigSpecAnnotationType0 | None | Unset, data)

        spec_annotation = _parse_spec_annotation(d.pop("SpecAnnotation", UNSET))

        specific_id = d.pop("SpecificID", UNSET)

        stdin_once = d.pop("StdinOnce", UNSET)

        stop_signal = d.pop("StopSignal", UNSET)

        stop_timeout = d.pop("StopTimeout", UNSET)

        tty = d.pop("Tty", UNSET)

        user = d.pop("User", UNSET)

        def _parse_volumes(data: object) -> ContainerConfigVolumesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                volumes_type_0 = ContainerConfigVolumesType0.from_dict(data)

                return volumes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerConfigVolumesType0 | None | Unset, data)

        volumes = _parse_volumes(d.pop("Volumes", UNSET))

        working_dir = d.pop("WorkingDir", UNSET)

        _host_config = d.pop("HostConfig", UNSET)
        host_config: HostConfig | Unset
        if isinstance(_host_config, Unset):
            host_config = UNSET
        else:
            host_config = HostConfig.from_dict(_host_config)

        _networking_config = d.pop("NetworkingConfig", UNSET)
        networking_config: NetworkingConfig | Unset
        if isinstance(_networking_config, Unset):
            networking_config = UNSET
        else:
            networking_config = NetworkingConfig.from_dict(_networking_config)

        container_create_config = cls(
            image=image,
            args_escaped=args_escaped,
            attach_stderr=attach_stderr,
            attach_stdin=attach_stdin,
            attach_stdout=attach_stdout,
            cmd=cmd,
            disable_network_files=disable_network_files,
            disk_quota=disk_quota,
            domainname=domainname,
            entrypoint=entrypoint,
            env=env,
            exposed_ports=exposed_ports,
            hostname=hostname,
            init_script=init_script,
            labels=labels,
            mac_address=mac_address,
            net_priority=net_priority,
            network_disabled=network_disabled,
            on_build=on_build,
            open_stdin=open_stdin,
            quota_id=quota_id,
            rich=rich,
            rich_mode=rich_mode,
            shell=shell,
            snapshotter=snapshotter,
            spec_annotation=spec_annotation,
            specific_id=specific_id,
            stdin_once=stdin_once,
            stop_signal=stop_signal,
            stop_timeout=stop_timeout,
            tty=tty,
            user=user,
            volumes=volumes,
            working_dir=working_dir,
            host_config=host_config,
            networking_config=networking_config,
        )

        container_create_config.additional_properties = d
        return container_create_config

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
