"""Networks: bridge networks on the CNI plugins, ports, and the name files of containers."""

from runtime.networks.service import NetworkService

__all__ = ["NetworkService"]
