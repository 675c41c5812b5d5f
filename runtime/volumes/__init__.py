"""Volumes: named/anonymous volumes (drivers local and tmpfs) and the mounts of containers."""
