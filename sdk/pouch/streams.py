"""Streamed responses as iterators (sync) and async iterators, closed when done or on ``close()``.

The request is sent when the stream object is made, so errors (404, 400...) raise at the call
and nothing the server publishes after the call is missed; iteration then decodes the body as
it arrives.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, TypedDict, TypeVar

import httpx

from .errors import ConnectionFailed, StreamError
from .frames import Frame, JSONLineDecoder, stdio_decoder

T = TypeVar("T")


class ProgressMessage(TypedDict, total=False):
    """One line of pull / push / load progress, as the server sends it."""

    status: str
    id: str
    progress: str
    progressDetail: dict[str, Any]
    stream: str
    aux: dict[str, Any]
    error: str
    errorDetail: dict[str, Any]


class Stream(Generic[T]):
    """Items decoded from an open response; iterate it, and ``close()`` it (or use ``with``) to hang up."""

    def __init__(self, response: httpx.Response, decode: Callable[[Iterator[bytes]], Iterator[T]]) -> None:
        self.response = response
        self._items = decode(response.iter_raw())

    def __iter__(self) -> Stream[T]:
        return self

    def __next__(self) -> T:
        try:
            return next(self._items)
        except StopIteration:
            self.close()
            raise
        except httpx.TransportError as exc:
            self.close()
            raise ConnectionFailed(str(exc)) from exc

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """The async twin of :class:`Stream`: ``async for``, ``await aclose()``, ``async with``."""

    def __init__(self, response: httpx.Response, decode: Callable[[AsyncIterator[bytes]], AsyncIterator[T]]) -> None:
        self.response = response
        self._items = decode(response.aiter_raw())

    def __aiter__(self) -> AsyncStream[T]:
        return self

    async def __anext__(self) -> T:
        try:
            return await anext(self._items)
        except StopAsyncIteration:
            await self.aclose()
            raise
        except httpx.TransportError as exc:
            await self.aclose()
            raise ConnectionFailed(str(exc)) from exc

    async def aclose(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()


# -- decoders: bytes chunks -> items ---------------------------------------------------------

def stdio_frames(tty: bool) -> Callable[[Iterator[bytes]], Iterator[Frame]]:
    def decode(chunks: Iterator[bytes]) -> Iterator[Frame]:
        decoder = stdio_decoder(tty)
        for chunk in chunks:
            yield from decoder.feed(chunk)
        decoder.close()

    return decode


def async_stdio_frames(tty: bool) -> Callable[[AsyncIterator[bytes]], AsyncIterator[Frame]]:
    async def decode(chunks: AsyncIterator[bytes]) -> AsyncIterator[Frame]:
        decoder = stdio_decoder(tty)
        async for chunk in chunks:
            for frame in decoder.feed(chunk):
                yield frame
        decoder.close()

    return decode


def json_lines(parse: Callable[[Any], T]) -> Callable[[Iterator[bytes]], Iterator[T]]:
    def decode(chunks: Iterator[bytes]) -> Iterator[T]:
        decoder = JSONLineDecoder()
        for chunk in chunks:
            for doc in decoder.feed(chunk):
                yield parse(doc)
        for doc in decoder.close():
            yield parse(doc)

    return decode


def async_json_lines(parse: Callable[[Any], T]) -> Callable[[AsyncIterator[bytes]], AsyncIterator[T]]:
    async def decode(chunks: AsyncIterator[bytes]) -> AsyncIterator[T]:
        decoder = JSONLineDecoder()
        async for chunk in chunks:
            for doc in decoder.feed(chunk):
                yield parse(doc)
        for doc in decoder.close():
            yield parse(doc)

    return decode


def chunks(source: Iterator[bytes]) -> Iterator[bytes]:
    yield from source


async def async_chunks(source: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    async for chunk in source:
        yield chunk


def progress(doc: Any) -> ProgressMessage:
    """A progress line; an ``error`` line raises :class:`StreamError` (the operation failed midway)."""
    if not isinstance(doc, dict):
        return {"status": str(doc)}
    if doc.get("error") or doc.get("errorDetail"):
        detail = doc.get("errorDetail")
        message = doc.get("error") or (detail.get("message") if isinstance(detail, dict) else None) or str(doc)
        raise StreamError(str(message), detail)
    return ProgressMessage(**doc)  # type: ignore[typeddict-item]
