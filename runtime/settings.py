"""The daemon settings POST /daemon/update may change at run time (labels, image proxy),
and the daemon's ID. Flags give the initial values; a later update wins and is kept."""

from __future__ import annotations

import os
import socket
import urllib.parse

from runtime.config import DaemonConfig
from runtime.errors import InvalidParameter
from runtime.events import EventBus
from runtime.store import MetaStore

PROXY_SCHEMES = ("http", "https", "socks5")
_SETTINGS = ("daemon", "settings")


def validate_labels(labels: list[str]) -> list[str]:
    for label in labels:
        key, eq, _value = label.partition("=")
        if not eq or not key:
            raise InvalidParameter(f"invalid label {label!r}: want key=value")
    return labels


def validate_proxy(proxy: str) -> str:
    if proxy == "":
        return proxy
    url = urllib.parse.urlsplit(proxy)
    try:
        port = url.port
    except ValueError:
        port = None
        url = url._replace(netloc="")
    if url.scheme not in PROXY_SCHEMES or not url.hostname or (url.netloc.endswith(":") and port is None):
        raise InvalidParameter(
            f"invalid image proxy {proxy!r}: want scheme://host[:port] with scheme in {PROXY_SCHEMES}"
        )
    return proxy


class DaemonSettings:
    def __init__(self, config: DaemonConfig, store: MetaStore, events: EventBus) -> None:
        self.config = config
        self.store = store
        self.events = events
        saved = store.get(*_SETTINGS) or {}
        self.labels: list[str] = saved.get("Labels", list(config.labels))
        self.image_proxy: str = saved.get("ImageProxy", config.image_proxy)

    def update(self, labels: list[str] | None, image_proxy: str | None) -> None:
        """Validate everything first, then change and persist."""
        new_labels = validate_labels(list(labels)) if labels is not None else self.labels
        new_proxy = validate_proxy(image_proxy) if image_proxy is not None else self.image_proxy
        self.store.put(*_SETTINGS, {"Labels": new_labels, "ImageProxy": new_proxy})
        self.labels, self.image_proxy = new_labels, new_proxy
        self.events.publish("daemon", "reload", self.daemon_id(), {"name": socket.gethostname()})

    def daemon_id(self) -> str:
        path = self.config.home_dir / "daemon-id"
        try:
            return path.read_text().strip()
        except FileNotFoundError:
            ident = os.urandom(16).hex()
            tmp = path.with_suffix(".tmp")
            tmp.write_text(ident)
            os.replace(tmp, path)
            return ident
