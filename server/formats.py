"""Integer formats the spec uses, checked where connexion validates requests.

connexion validates with jsonschema's Draft 4 format checker, which knows no ``int32`` or
``int64``: a body value of 2**63 in an int64 field was accepted and silently became
whatever the engine made of it. Registering the two OpenAPI formats on that checker makes
every such field, in bodies and parameters alike, a 400. (The spec's uintNN formats are
descriptive only: docker clients send -1 in some of them.)
"""

from __future__ import annotations

from jsonschema import Draft4Validator

_RANGES = {"int32": 32, "int64": 64}


def register_integer_formats() -> None:
    checker = Draft4Validator.FORMAT_CHECKER
    for name, bits in _RANGES.items():
        low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1

        def in_range(value: object, low: int = low, high: int = high) -> bool:
            if isinstance(value, bool) or not isinstance(value, int):
                return True  # other types are the "type" keyword's business
            return low <= value <= high

        checker.checks(name)(in_range)
