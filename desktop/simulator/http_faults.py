"""Network-level faults on a real aiohttp connection: latency, timeouts, resets."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from desktop.simulator.faults import FaultRule

Produce = Callable[[], Awaitable[web.StreamResponse]]


class ConnectionDropped(Exception):
    """Raised after the connection was reset on purpose; nothing more to send."""


def reset_connection(request: web.Request) -> None:
    """Close the client's connection with a TCP RST (the client sees 'connection reset')."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def pause(stopping: asyncio.Event, seconds: float) -> None:
    """Sleep, but wake at once when the server is stopping."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)


async def with_network_fault(
    request: web.Request, rule: FaultRule | None, produce: Produce, stopping: asyncio.Event
) -> web.StreamResponse:
    if rule is None:
        return await produce()
    if rule.kind == "drop_before":
        reset_connection(request)
        return web.Response(status=499)
    if rule.kind == "timeout":
        await pause(stopping, rule.delay_s)
        reset_connection(request)
        return web.Response(status=499)
    if rule.kind == "delay":
        await pause(stopping, rule.delay_s)
        return await produce()
    if rule.kind == "drop_after":
        await produce()
        reset_connection(request)
        return web.Response(status=499)
    return await produce()


def json_response(
    status: int,
    body: Any,
    headers: dict[str, str] | None = None,
    *,
    malformed: bool = False,
    content_type: str = "application/json; charset=UTF-8",
    ascii_only: bool = False,
) -> web.Response:
    """JSON bytes as the platform sends them (Graph escapes non-ASCII as ``\\uXXXX``)."""
    text = json.dumps(body, ensure_ascii=ascii_only, separators=(",", ":"))
    if malformed:
        text = text[: max(1, len(text) // 2)] + '",,{'
    out = dict(headers or {})
    out["Content-Type"] = content_type
    return web.Response(status=status, body=text.encode("utf-8"), headers=out)
