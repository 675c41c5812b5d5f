"""The generated models, importable as ``pouch.models`` (``from pouch.models import ContainerCreateConfig``)."""

from pouch_client.models import *  # noqa: F403
from pouch_client.models import __all__ as __all__
