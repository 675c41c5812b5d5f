"""Networks: bridge networks on the CNI plugins, ports, and the name files of containers."""
