"""Contains all the data models used in inputs/outputs"""

from .auth_config import AuthConfig
from .auth_response import AuthResponse
from .blkio_stat_entry import BlkioStatEntry
from .blkio_stats import BlkioStats
from .checkpoint import Checkpoint
from .checkpoint_create_options import CheckpointCreateOptions
from .checkpoint_delete_options import CheckpointDeleteOptions
from .checkpoint_list_options import CheckpointListOptions
from .commit import Commit
from .container import Container
from .container_change import ContainerChange
from .container_change_kind import ContainerChangeKind
from .container_commit_options import ContainerCommitOptions
from .container_commit_resp import ContainerCommitResp
from .container_config import ContainerConfig
from .container_config_disk_quota_type_0 import ContainerConfigDiskQuotaType0
from .container_config_exposed_ports_type_0 import ContainerConfigExposedPortsType0
from .container_config_exposed_ports_type_0_additional_property import (
    ContainerConfigExposedPortsType0AdditionalProperty,
)
from .container_config_labels_type_0 import ContainerConfigLabelsType0
from .container_config_rich_mode import ContainerConfigRichMode
from .container_config_spec_annotation_type_0 import ContainerConfigSpecAnnotationType0
from .container_config_volumes_type_0 import ContainerConfigVolumesType0
from .container_config_volumes_type_0_additional_property import ContainerConfigVolumesType0AdditionalProperty
from .container_create_config import ContainerCreateConfig
from .container_create_resp import ContainerCreateResp
from .container_exec_inspect import ContainerExecInspect
from .container_json import ContainerJSON
from .container_labels import ContainerLabels
from .container_list_options import ContainerListOptions
from .container_list_options_filter import ContainerListOptionsFilter
from .container_logs_options import ContainerLogsOptions
from .container_network_settings import ContainerNetworkSettings
from .container_process_list import ContainerProcessList
from .container_remove_options import ContainerRemoveOptions
from .container_start_options import ContainerStartOptions
from .container_state import ContainerState
from .container_stats import ContainerStats
from .container_stats_networks import ContainerStatsNetworks
from .container_upgrade_config import ContainerUpgradeConfig
from .container_wait_response_200 import ContainerWaitResponse200
from .cpu_stats import CPUStats
from .cpu_usage import CPUUsage
from .daemon_update_config import DaemonUpdateConfig
from .device_mapping import DeviceMapping
from .endpoint_ipam_config_type_0 import EndpointIPAMConfigType0
from .endpoint_resource import EndpointResource
from .endpoint_settings import EndpointSettings
from .endpoint_settings_driver_opts_type_0 import EndpointSettingsDriverOptsType0
from .error import Error
from .event_type import EventType
from .events_actor import EventsActor
from .events_actor_attributes import EventsActorAttributes
from .events_message import EventsMessage
from .exec_create_config import ExecCreateConfig
from .exec_create_resp import ExecCreateResp
from .exec_start_config import ExecStartConfig
from .graph_driver_data import GraphDriverData
from .graph_driver_data_data import GraphDriverDataData
from .history_result_item import HistoryResultItem
from .host_config import HostConfig
from .host_config_isolation import HostConfigIsolation
from .host_config_rich_mode import HostConfigRichMode
from .host_config_storage_opt_type_0 import HostConfigStorageOptType0
from .host_config_sysctls_type_0 import HostConfigSysctlsType0
from .host_config_tmpfs_type_0 import HostConfigTmpfsType0
from .image_info import ImageInfo
from .image_info_root_fs import ImageInfoRootFS
from .index_info import IndexInfo
from .ip_address import IPAddress
from .ipam import IPAM
from .ipam_config import IPAMConfig
from .ipam_config_aux_address_type_0 import IPAMConfigAuxAddressType0
from .ipam_options_type_0 import IPAMOptionsType0
from .log_config import LogConfig
from .log_config_config_type_0 import LogConfigConfigType0
from .log_config_type import LogConfigType
from .memory_stats import MemoryStats
from .memory_stats_stats import MemoryStatsStats
from .mount_point import MountPoint
from .network_connect import NetworkConnect
from .network_create import NetworkCreate
from .network_create_config import NetworkCreateConfig
from .network_create_labels_type_0 import NetworkCreateLabelsType0
from .network_create_options_type_0 import NetworkCreateOptionsType0
from .network_create_resp import NetworkCreateResp
from .network_disconnect import NetworkDisconnect
from .network_inspect_resp import NetworkInspectResp
from .network_inspect_resp_labels import NetworkInspectRespLabels
from .network_inspect_resp_options import NetworkInspectRespOptions
from .network_resource import NetworkResource
from .network_resource_containers import NetworkResourceContainers
from .network_resource_index_configs import NetworkResourceIndexConfigs
from .network_resource_labels import NetworkResourceLabels
from .network_resource_options import NetworkResourceOptions
from .network_settings import NetworkSettings
from .network_settings_networks import NetworkSettingsNetworks
from .network_stats import NetworkStats
from .networking_config import NetworkingConfig
from .networking_config_endpoints_config_type_0 import NetworkingConfigEndpointsConfigType0
from .nvidia_config import NvidiaConfig
from .pids_stats import PidsStats
from .port import Port
from .port_binding import PortBinding
from .port_map import PortMap
from .port_type import PortType
from .process_config import ProcessConfig
from .registry_service_config import RegistryServiceConfig
from .registry_service_config_index_configs import RegistryServiceConfigIndexConfigs
from .resize_options import ResizeOptions
from .resources import Resources
from .restart_policy import RestartPolicy
from .runtime import Runtime
from .search_result_item import SearchResultItem
from .snapshotter_data import SnapshotterData
from .snapshotter_data_data import SnapshotterDataData
from .status import Status
from .system_info import SystemInfo
from .system_info_cgroup_driver import SystemInfoCgroupDriver
from .system_info_runtimes import SystemInfoRuntimes
from .system_version import SystemVersion
from .throttle_device import ThrottleDevice
from .throttling_data import ThrottlingData
from .ulimit import Ulimit
from .update_config import UpdateConfig
from .update_config_disk_quota_type_0 import UpdateConfigDiskQuotaType0
from .update_config_spec_annotation_type_0 import UpdateConfigSpecAnnotationType0
from .volume_create_config import VolumeCreateConfig
from .volume_create_config_driver_opts_type_0 import VolumeCreateConfigDriverOptsType0
from .volume_create_config_labels_type_0 import VolumeCreateConfigLabelsType0
from .volume_info import VolumeInfo
from .volume_info_labels import VolumeInfoLabels
from .volume_info_status import VolumeInfoStatus
from .volume_info_status_additional_property import VolumeInfoStatusAdditionalProperty
from .volume_list_resp import VolumeListResp
from .weight_device import WeightDevice

__all__ = (
    "AuthConfig",
    "AuthResponse",
    "BlkioStatEntry",
    "BlkioStats",
    "Checkpoint",
    "CheckpointCreateOptions",
    "CheckpointDeleteOptions",
    "CheckpointListOptions",
    "Commit",
    "Container",
    "ContainerChange",
    "ContainerChangeKind",
    "ContainerCommitOptions",
    "ContainerCommitResp",
    "ContainerConfig",
    "ContainerConfigDiskQuotaType0",
    "ContainerConfigExposedPortsType0",
    "ContainerConfigExposedPortsType0AdditionalProperty",
    "ContainerConfigLabelsType0",
    "ContainerConfigRichMode",
    "ContainerConfigSpecAnnotationType0",
    "ContainerConfigVolumesType0",
    "ContainerConfigVolumesType0AdditionalProperty",
    "ContainerCreateConfig",
    "ContainerCreateResp",
    "ContainerExecInspect",
    "ContainerJSON",
    "ContainerLabels",
    "ContainerListOptions",
    "ContainerListOptionsFilter",
    "ContainerLogsOptions",
    "ContainerNetworkSettings",
    "ContainerProcessList",
    "ContainerRemoveOptions",
    "ContainerStartOptions",
    "ContainerState",
    "ContainerStats",
    "ContainerStatsNetworks",
    "ContainerUpgradeConfig",
    "ContainerWaitResponse200",
    "CPUStats",
    "CPUUsage",
    "DaemonUpdateConfig",
    "DeviceMapping",
    "EndpointIPAMConfigType0",
    "EndpointResource",
    "EndpointSettings",
    "EndpointSettingsDriverOptsType0",
    "Error",
    "EventsActor",
    "EventsActorAttributes",
    "EventsMessage",
    "EventType",
    "ExecCreateConfig",
    "ExecCreateResp",
    "ExecStartConfig",
    "GraphDriverData",
    "GraphDriverDataData",
    "HistoryResultItem",
    "HostConfig",
    "HostConfigIsolation",
    "HostConfigRichMode",
    "HostConfigStorageOptType0",
    "HostConfigSysctlsType0",
    "HostConfigTmpfsType0",
    "ImageInfo",
    "ImageInfoRootFS",
    "IndexInfo",
    "IPAddress",
    "IPAM",
    "IPAMConfig",
    "IPAMConfigAuxAddressType0",
    "IPAMOptionsType0",
    "LogConfig",
    "LogConfigConfigType0",
    "LogConfigType",
    "MemoryStats",
    "MemoryStatsStats",
    "MountPoint",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkCreateConfig",
    "NetworkCreateLabelsType0",
    "NetworkCreateOptionsType0",
    "NetworkCreateResp",
    "NetworkDisconnect",
    "NetworkingConfig",
    "NetworkingConfigEndpointsConfigType0",
    "NetworkInspectResp",
    "NetworkInspectRespLabels",
    "NetworkInspectRespOptions",
    "NetworkResource",
    "NetworkResourceContainers",
    "NetworkResourceIndexConfigs",
    "NetworkResourceLabels",
    "NetworkResourceOptions",
    "NetworkSettings",
    "NetworkSettingsNetworks",
    "NetworkStats",
    "NvidiaConfig",
    "PidsStats",
    "Port",
    "PortBinding",
    "PortMap",
    "PortType",
    "ProcessConfig",
    "RegistryServiceConfig",
    "RegistryServiceConfigIndexConfigs",
    "ResizeOptions",
    "Resources",
    "RestartPolicy",
    "Runtime",
    "SearchResultItem",
    "SnapshotterData",
    "SnapshotterDataData",
    "Status",
    "SystemInfo",
    "SystemInfoCgroupDriver",
    "SystemInfoRuntimes",
    "SystemVersion",
    "ThrottleDevice",
    "ThrottlingData",
    "Ulimit",
    "UpdateConfig",
    "UpdateConfigDiskQuotaType0",
    "UpdateConfigSpecAnnotationType0",
    "VolumeCreateConfig",
    "VolumeCreateConfigDriverOptsType0",
    "VolumeCreateConfigLabelsType0",
    "VolumeInfo",
    "VolumeInfoLabels",
    "VolumeInfoStatus",
    "VolumeInfoStatusAdditionalProperty",
    "VolumeListResp",
    "WeightDevice",
)
