"""Containers and exec on conmon + runc.

Modules, one job each:

- ``service``: ContainerService, the lifecycle state machine (create, start, stop, restart,
  pause, wait, remove, rename, update, upgrade, commit, restart policies, live restore)
- ``table``: the container records, in memory and written through to the store (their one owner)
- ``protocols``: what other subsystems may ask of containers (runtime/README.md)
- ``live``: runtime-only state per container, the restart policy and its back-off
- ``launch``: bringing the process up (rootfs and network, bundle, conmon or checkpoint restore)
- ``defaults``: a new container's config from the request and its image; the new record
- ``updates`` / ``checkpoints`` / ``filters``: update planning, checkpoint dirs, list filters
- ``cgroups``: the container cgroups in every mounted hierarchy, and their removal
- ``streams``: ContainerStreams, what talks to a container (logs, attach, resize, top, stats)
- ``top``: ps narrowed to the container's processes
- ``files``: ContainerFiles, what reads or writes a container's filesystem from outside (changes, archive)
- ``changes`` / ``archive``: docker diff from the overlay upper dir; docker cp's stat, tar out and extract in
- ``records``: the stored record (marshmallow schema), state transitions, list/inspect shapes
- ``hostconfig`` / ``hostcaps``: what the host can honour; 400 or a Warning, never silence
- ``ocispec``: ContainerCreateConfig -> OCI runtime spec (and exec process specs)
- ``driver``: conmon/runc invocation, pidfd exit watches, conmon's attach socket and ctl fifo
- ``execs``: exec instances, one ``conmon --exec`` each
- ``attach``: attach sessions over conmon's SEQPACKET socket, detach keys
- ``logs`` / ``inotify``: the k8s-file log reader, follow without polling
- ``stats``: cgroup v1 usage in the ContainerStats shape, and the stats stream

On disk, per container: ``<home>/containers/<id>/`` holds the bundle (config.json), the log
(container.log), conmon's persist dir (userdata: exit, oom) and its attach socket and ctl
fifo; ``<exec-root>/containers/<id>/`` holds conmon's and runc's pidfiles; runc's state is
under ``<exec-root>/runc`` and conmon writes exit codes to ``<exec-root>/exits/<id>``.
Cgroups are ``/<cgroup-parent>/<id>`` in every v1 hierarchy.
"""
