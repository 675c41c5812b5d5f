"""Volumes: named/anonymous volumes (drivers local and tmpfs) and the mounts of containers."""

from runtime.volumes.service import VolumeService

__all__ = ["VolumeService"]
