"""Image records (store kind ``image``) and the API views built from them.

A record is keyed by the config digest's hex (so the store's ID-prefix lookup finds
short IDs) and keeps what the API shows plus what the engine needs to find content:
``ManifestDigest``, ``Blobs`` (every blob the image holds) and ``ChainIDs`` (its
snapshots). Tags live in ``RepoTags`` of exactly one record each.
"""

from __future__ import annotations

from typing import Any

import marshmallow
from marshmallow import fields

from runtime.clock import parse_rfc3339

Record = dict[str, Any]


class ImageRecordSchema(marshmallow.Schema):
    class Meta:
        unknown = marshmallow.INCLUDE

    Id = fields.String(required=True)
    RepoTags = fields.List(fields.String(), required=True)
    RepoDigests = fields.List(fields.String(), required=True)
    Config = fields.Dict(required=True)
    RootFS = fields.Dict(required=True)
    ManifestDigest = fields.String(required=True)
    Blobs = fields.List(fields.String(), required=True)
    ChainIDs = fields.List(fields.String(), required=True)
    LayerSizes = fields.List(fields.Integer(), required=True)
    Size = fields.Integer(required=True)
    Seq = fields.Integer(required=True)


def unix_seconds(value: str | None) -> int:
    """An image config's RFC3339 time in UNIX seconds; 0 when absent or unreadable (images from
    elsewhere carry all sorts of values)."""
    try:
        return int(parse_rfc3339(value or ""))
    except ValueError:
        return 0


def created_unix(record: Record) -> int:
    return unix_seconds(record.get("Created"))


def inspect_view(record: Record) -> dict[str, Any]:
    """ImageInfo as GET /images/{id}/json returns it."""
    layers = record["RootFS"].get("Layers") or []
    return {
        "Id": record["Id"],
        "RepoTags": list(record["RepoTags"]),
        "RepoDigests": list(record["RepoDigests"]),
        "Parent": "",
        "Comment": record.get("Comment", ""),
        "Created": record.get("Created", ""),
        "CreatedAt": record.get("Created", ""),
        "Author": record.get("Author", ""),
        # ContainerConfig requires Image: docker shows the config's (parent) Image, "" when it has none.
        "Config": {**record["Config"], "Image": record["Config"].get("Image") or ""},
        "Architecture": record.get("Architecture", ""),
        "Os": record.get("Os", ""),
        "Size": record["Size"],
        "VirtualSize": record["Size"],
        "RootFS": {"Type": "layers", "Layers": list(layers), **({"BaseLayer": layers[0]} if layers else {})},
    }


def list_view(record: Record, digests: bool) -> dict[str, Any]:
    view = inspect_view(record)
    if not digests:
        view.pop("RepoDigests")
    return view


def history_view(record: Record, config: dict[str, Any]) -> list[dict[str, Any]]:
    """HistoryResultItem list, newest first, sizes taken from the layers they made."""
    history = config.get("history") or []
    sizes = list(record["LayerSizes"])
    items = []
    layer = 0
    if not history:
        history = [{"created": record.get("Created"), "created_by": ""} for _ in sizes]
    for h in history:
        empty = bool(h.get("empty_layer"))
        size = 0
        if not empty and layer < len(sizes):
            size = sizes[layer]
            layer += 1
        items.append(
            {
                "ID": "<missing>",
                "Created": unix_seconds(h.get("created")),
                "CreatedBy": h.get("created_by", ""),
                "Author": h.get("author", ""),
                "Comment": h.get("comment", ""),
                "EmptyLayer": empty,
                "Size": size,
            }
        )
    items.reverse()
    if items:
        items[0]["ID"] = record["Id"]
    return items
