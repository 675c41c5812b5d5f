"""The image store: OCI content, layer snapshots, container root filesystems, registry I/O."""

from runtime.images.service import ImageService

__all__ = ["ImageService"]
