"""The running engine, for handlers: set once by the app's lifespan."""

from __future__ import annotations

from runtime.engine import Engine

_engine: Engine | None = None


def set_engine(engine: Engine | None) -> None:
    global _engine
    _engine = engine


def engine() -> Engine:
    if _engine is None:
        raise RuntimeError("engine not started")
    return _engine
