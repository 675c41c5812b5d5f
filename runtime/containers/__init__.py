"""Containers and exec on conmon + runc (issue 4)."""

from runtime.containers.service import ContainerService

__all__ = ["ContainerService"]
