"""Helpers for async GUI tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any


async def wait_until(predicate: Callable[[], Any], timeout: float = 5.0) -> None:
    """Await (letting Qt and asyncio run) until ``predicate()`` is truthy."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


@contextlib.asynccontextmanager
async def emitted(signal: Any, timeout: float = 5.0) -> AsyncIterator[list[Any]]:
    """Await ``signal`` after the body ran (no nested Qt loop: safe inside a coroutine)."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def slot(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(slot)
    received: list[Any] = []
    try:
        yield received
        received.extend(await asyncio.wait_for(future, timeout))
    finally:
        signal.disconnect(slot)
