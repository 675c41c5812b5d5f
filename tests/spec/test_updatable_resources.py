"""The engine's list of what POST /containers/{id}/update may change follows the spec's Resources."""

from __future__ import annotations

from pathlib import Path

import yaml

from runtime.containers.updates import UPDATABLE

ROOT = Path(__file__).resolve().parents[2]


def test_updatable_resources_are_the_seeds_resources_but_cgroup_parent() -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "swagger.yml").read_text())
    assert set(UPDATABLE) == set(spec["definitions"]["Resources"]["properties"]) - {"CgroupParent"}
