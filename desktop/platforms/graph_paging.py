"""Graph list answers to ``GraphPage``: ``data``, ``summary`` and an opaque next cursor.

The end of a list is the absence of ``paging.next`` (an empty ``data`` may still have one).
The cursor is the ``after`` value of the next URL when that is all that changes (cursor
paging), otherwise ``?`` + the paging parameters of the next URL (time paging: ``until``,
``__paging_token``; or nothing at all when the next URL repeats the same request).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from desktop.platforms.errors import MalformedResponse
from desktop.platforms.models import GraphPage, JsonDict
from desktop.platforms.redact import redact

_PAGING_KEYS = frozenset({"after", "before", "until", "__paging_token", "__previous", "offset"})
_NEVER = frozenset({"access_token", "appsecret_proof"})  # never taken from a cursor


def scrub_paging(value: Any) -> Any:
    """``value`` with the token removed from every ``paging.next``/``previous`` URL (Graph
    puts the access token there); lists and objects are walked, other values kept."""
    if isinstance(value, list):
        return [scrub_paging(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: scrub_paging(v) for k, v in value.items()}
    paging = out.get("paging")
    if isinstance(paging, dict):
        out["paging"] = {
            k: redact(v) if k in ("next", "previous") and isinstance(v, str) else v
            for k, v in paging.items()
        }
    return out


def apply_cursor(params: dict[str, str], after: str | None) -> dict[str, str]:
    """``params`` with the paging position of ``after`` (a cursor from ``GraphPage``)."""
    if after is None:
        return params
    if after.startswith("?"):
        for key, value in parse_qsl(after[1:], keep_blank_values=True):
            if key not in _NEVER:
                params[key] = value
        return params
    params["after"] = after
    return params


def next_cursor(paging: Any, sent: Mapping[str, str], what: str) -> str | None:
    if not isinstance(paging, dict):
        return None
    nxt = paging.get("next")
    if not isinstance(nxt, str) or not nxt:
        return None
    query = dict(parse_qsl(urlsplit(nxt).query, keep_blank_values=True))
    changed = {k: v for k, v in query.items() if k in _PAGING_KEYS}
    if "since" in query and query["since"] != sent.get("since"):
        changed["since"] = query["since"]
    if set(changed) == {"after"}:
        return changed["after"]
    if changed or query:
        return "?" + urlencode(sorted(changed.items()))
    cursors = paging.get("cursors")
    after = cursors.get("after") if isinstance(cursors, dict) else None
    if isinstance(after, str) and after:
        return after
    raise MalformedResponse(f"{what}: paging.next is present but unusable", platform="facebook")


def graph_page(body: Any, sent: Mapping[str, str], what: str) -> GraphPage[JsonDict]:
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise MalformedResponse(f"{what}: the answer has no data list", platform="facebook")
    data = body["data"]
    if not all(isinstance(row, dict) for row in data):
        raise MalformedResponse(f"{what}: data holds a non-object", platform="facebook")
    summary = body.get("summary")
    return GraphPage(
        data=list(data),
        next_cursor=next_cursor(body.get("paging"), sent, what),
        summary=summary if isinstance(summary, dict) else None,
    )
