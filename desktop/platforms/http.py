"""One shared ``httpx.AsyncClient`` for every platform call: send, map transport failures to
``Transient``, parse JSON safely and record rate-limit headers.

The caller owns the ``AsyncClient`` (one per process); ``PlatformHttp`` never closes it.
Platform-specific error envelopes are interpreted by the Graph and Zalo clients.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.platforms.connectivity import Connectivity
from desktop.platforms.errors import (
    MalformedResponse,
    NotFound,
    PlatformError,
    PlatformName,
    RateLimited,
    Scope,
    Transient,
)
from desktop.platforms.usage import UsageTracker, regain_seconds

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_RETRY_AFTER_S: dict[str, float] = {"facebook": 300.0, "zalo": 60.0}

# failures where the request certainly never reached the server
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


@dataclass(frozen=True, slots=True)
class JsonResponse:
    status: int
    headers: Mapping[str, str] = field(repr=False)
    body: Any = field(repr=False)  # the parsed JSON value; None if empty or not JSON
    is_json: bool = False
    what: str = ""  # "GET /path" for messages (never with a query string)
    secrets: tuple[str, ...] = field(default=(), repr=False)
    scrubbed: bool = False  # tokens already removed from paging URLs (done off the loop)


def describe(method: str, url: str) -> str:
    """``METHOD /path`` without scheme, host or query (where tokens could hide)."""
    return f"{method.upper()} {urlsplit(url).path or '/'}"


class PlatformHttp:
    def __init__(
        self,
        client: httpx.AsyncClient,
        usage: UsageTracker | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        connectivity: Connectivity | None = None,
    ) -> None:
        self.client = client
        self.usage = usage if usage is not None else UsageTracker()
        self.timeout = timeout
        self.connectivity = connectivity if connectivity is not None else Connectivity()

    async def request(
        self,
        platform: PlatformName,
        method: str,
        url: str,
        *,
        secrets: Sequence[str] = (),
        account_id: str | None = None,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> JsonResponse:
        """Send one request; raise ``Transient`` if no HTTP answer came back."""
        what = describe(method, url)
        try:
            resp = await self.client.request(
                method,
                url,
                params=params,
                data=data,
                json=json_body,
                headers=headers,
                timeout=self.timeout if timeout is None else timeout,
            )
        except httpx.TransportError as exc:
            if isinstance(exc, (*_NOT_SENT, httpx.TimeoutException)):
                self.connectivity.unreachable(f"{what}: {type(exc).__name__}")
            raise self._transport_error(platform, method, what, exc, secrets) from None
        except httpx.DecodingError:
            raise MalformedResponse(
                f"{what}: the answer could not be decoded",
                platform=platform,
                may_have_applied=method.upper() != "GET",
                secrets=secrets,
            ) from None
        except httpx.RequestError as exc:
            raise Transient(
                f"{what}: request failed ({type(exc).__name__})",
                platform=platform,
                may_have_applied=method.upper() != "GET",
                secrets=secrets,
            ) from None
        content = resp.content
        self.connectivity.answered()
        self.usage.record(platform, resp.headers, account_id)
        body, is_json = await parse_json(content)
        return JsonResponse(resp.status_code, resp.headers, body, is_json, what, tuple(secrets))

    @staticmethod
    def _transport_error(
        platform: PlatformName,
        method: str,
        what: str,
        exc: httpx.TransportError,
        secrets: Sequence[str],
    ) -> Transient:
        sent = not isinstance(exc, _NOT_SENT)
        if isinstance(exc, httpx.TimeoutException):
            reason = "timed out"
        elif sent:
            reason = "connection dropped before the answer arrived"
        else:
            reason = "could not connect"
        write = method.upper() != "GET"
        return Transient(
            f"{what}: {reason} ({type(exc).__name__})",
            platform=platform,
            may_have_applied=sent and write,
            secrets=secrets,
        )

    def throttled(
        self,
        platform: PlatformName,
        resp: JsonResponse,
        message: str,
        *,
        code: int | None = None,
        subcode: int | None = None,
        scope: Scope = "account",
        account_id: str | None = None,
        trace_id: str | None = None,
    ) -> RateLimited:
        """A ``RateLimited`` for this answer (retry time from its headers), noted in ``usage``."""
        retry_after = regain_seconds(resp.headers) or DEFAULT_RETRY_AFTER_S[platform]
        err = RateLimited(
            message,
            retry_after=retry_after,
            scope=scope,
            platform=platform,
            code=code,
            subcode=subcode,
            http_status=resp.status,
            trace_id=trace_id,
            secrets=resp.secrets,
        )
        self.usage.mark_throttled(platform, account_id, err.retry_after, scope=scope)
        return err

    def not_json_error(
        self, platform: PlatformName, resp: JsonResponse, *, write: bool
    ) -> PlatformError:
        """The error for an answer without a usable JSON body, by HTTP status."""
        status = resp.status
        if status == 429:
            return self.throttled(platform, resp, f"{resp.what}: HTTP 429 Too Many Requests")
        if status >= 500:
            return Transient(
                f"{resp.what}: HTTP {status}",
                platform=platform,
                http_status=status,
                may_have_applied=write,
                secrets=resp.secrets,
            )
        if status == 404:
            return NotFound(
                f"{resp.what}: HTTP 404",
                platform=platform,
                http_status=status,
                secrets=resp.secrets,
            )
        if 200 <= status < 300:
            return MalformedResponse(
                f"{resp.what}: the answer is not valid JSON (HTTP {status})",
                platform=platform,
                http_status=status,
                may_have_applied=write,
                secrets=resp.secrets,
            )
        # A 4xx whose body cannot be read (cut off, a proxy's page) says nothing final about
        # the request: treat it as temporary. A rejected request was not applied.
        return MalformedResponse(
            f"{resp.what}: HTTP {status} without a readable error body",
            platform=platform,
            http_status=status,
            may_have_applied=False,
            secrets=resp.secrets,
        )


# Bodies above this are parsed on a worker thread: a Graph batch answer of 50 comment pages is
# 0.5–2 MB, tens of milliseconds of json.loads that would stall the GUI's event loop.
PARSE_INLINE_LIMIT = 16 * 1024


async def parse_json(content: bytes) -> tuple[Any, bool]:
    """``(value, True)``, or ``(None, False)`` for an empty or non-JSON body."""
    if len(content) <= PARSE_INLINE_LIMIT:
        return _parse(content)
    return await asyncio.to_thread(_parse, content)


def _parse(content: bytes) -> tuple[Any, bool]:
    if not content.strip():
        return None, False
    try:
        return json.loads(content), True
    except (ValueError, UnicodeDecodeError):
        return None, False
