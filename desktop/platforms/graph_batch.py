"""Graph batch operations (platform-apis.md A.9): the JSON of one operation (its own Page
token inside), and the ``BatchResult`` of one answer item (``body`` is JSON text; ``null`` for an
operation that did not finish; failures become error values, never raised)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from desktop.platforms.errors import MalformedResponse, PlatformError, Transient
from desktop.platforms.fb_errors import answer_or_raise
from desktop.platforms.graph_paging import scrub_paging
from desktop.platforms.http import JsonResponse, PlatformHttp
from desktop.platforms.models import BatchRequest, BatchResult, JsonDict

MAX_BATCH = 50


def operation_payload(op: BatchRequest) -> JsonDict:
    relative = op.relative_url.lstrip("/")
    if op.token:
        joiner = "&" if "?" in relative else "?"
        relative = f"{relative}{joiner}{urlencode({'access_token': op.token})}"
    out: JsonDict = {"method": op.method.upper(), "relative_url": relative}
    if op.body:
        out["body"] = urlencode(dict(op.body))
    if op.name:
        out["name"] = op.name
    return out


def decode_items(items: Sequence[Any]) -> list[tuple[Any, bool]]:
    """Every operation's JSON body parsed and its paging URLs scrubbed of tokens: CPU work for a
    worker thread (``asyncio.to_thread``), not the event loop."""
    decoded = []
    for item in items:
        parsed, is_json = _loads(item.get("body") if isinstance(item, dict) else None)
        decoded.append((scrub_paging(parsed) if is_json else parsed, is_json))
    return decoded


def operation_result(
    http: PlatformHttp,
    op: BatchRequest,
    item: Any,
    secrets: Sequence[str],
    account: str | None,
    decoded: tuple[Any, bool] | None = None,
) -> BatchResult:
    """``decoded``: the item's body as ``decode_items`` made it (else parsed here)."""
    write = op.method.upper() != "GET"
    what = f"{op.method.upper()} /{urlsplit(op.relative_url).path}"
    if item is None:
        unfinished: PlatformError = Transient(
            f"{what}: the batch operation did not complete",
            platform="facebook",
            may_have_applied=write,
        )
        return BatchResult(None, {}, None, unfinished)
    if not isinstance(item, dict) or not isinstance(item.get("code"), int):
        bad = MalformedResponse(
            f"{what}: malformed batch item", platform="facebook", may_have_applied=write
        )
        return BatchResult(None, {}, None, bad)
    headers = _headers(item.get("headers"))
    http.usage.record("facebook", httpx.Headers(headers), account)
    parsed, is_json = decoded if decoded is not None else _loads(item.get("body"))
    resp = JsonResponse(
        item["code"],
        httpx.Headers(headers),
        parsed,
        is_json,
        what,
        tuple(secrets),
        scrubbed=decoded is not None,
    )
    try:
        body = answer_or_raise(http, resp, write=write, account_id=account)
    except PlatformError as err:
        return BatchResult(resp.status, headers, parsed, err)
    return BatchResult(resp.status, headers, body)


def _headers(raw: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(raw, list):
        for row in raw:
            if isinstance(row, dict):
                name, value = row.get("name"), row.get("value")
                if isinstance(name, str) and isinstance(value, str):
                    out[name] = value
    return out


def _loads(raw: Any) -> tuple[Any, bool]:
    if not isinstance(raw, str):
        return None, False
    try:
        return json.loads(raw), True
    except ValueError:
        return None, False
