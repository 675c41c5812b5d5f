"""POST /containers/{id}/update: what the plan refuses, as create refuses it."""

from __future__ import annotations

import pytest

from runtime.containers import updates
from runtime.errors import InvalidParameter


@pytest.mark.parametrize(
    "ulimits",
    [
        [{"Name": "nofile", "Soft": 10}],  # no Hard: was stored, then a KeyError (500) at the next start
        [{"Name": "nofile", "Hard": 10}],
        [{"Name": "nofile", "Soft": 20, "Hard": 10}],
        [{"Name": "no-such-limit", "Soft": 1, "Hard": 1}],
    ],
)
def test_update_refuses_the_ulimits_create_refuses(ulimits: list[dict[str, object]]) -> None:
    with pytest.raises(InvalidParameter):
        updates.plan({"NetworkMode": "none"}, {"Ulimits": ulimits})


def test_update_takes_complete_ulimits() -> None:
    merged, resources, _ = updates.plan({}, {"Ulimits": [{"Name": "nofile", "Soft": 10, "Hard": 20}]})
    assert merged["Ulimits"] == resources["Ulimits"] == [{"Name": "nofile", "Soft": 10, "Hard": 20}]
