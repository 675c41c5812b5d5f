"""Disk quotas enforced by the filesystem under --home-dir.

One interface (``base.QuotaBackend``), two implementations: btrfs quota groups
(``btrfs.BtrfsQgroups``) and xfs/ext4 project quotas (``prjquota.ProjectQuotas``).
``detect.detect(home_dir)`` says at start-up which one the home filesystem can enforce, or
why none can; ``manager.DiskQuotas`` is the one owner of quota IDs (persisted, shared by
several directories, released with their last owner) and the entry point for the engine.
"""

from runtime.quota.base import QuotaBackend, QuotaSupport, QuotaUsage
from runtime.quota.detect import detect
from runtime.quota.manager import DiskQuotas
from runtime.quota.rules import QuotaRequest, QuotaTarget, VolumeDir
from runtime.quota.sizes import parse_size

__all__ = [
    "DiskQuotas",
    "QuotaBackend",
    "QuotaRequest",
    "QuotaSupport",
    "QuotaTarget",
    "QuotaUsage",
    "VolumeDir",
    "detect",
    "parse_size",
]
