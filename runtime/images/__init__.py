"""The image store: OCI content, layer snapshots, container root filesystems, registry I/O."""
