"""Batch requests (platform-apis.md A.9): ``POST /`` with ``batch=[...]``, at most 50
operations, each with its own token (or the top-level one), answered in order as
``{"code", "headers", "body": "<JSON text>"}``; unfinished operations are ``null``.
Named operations may be referenced as ``{result=name:$.data.*.id}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from desktop.simulator.faults import FaultRule
from desktop.simulator.graph_api import GraphApi, trace_id
from desktop.simulator.graph_call import GraphCall, GraphResult
from desktop.simulator.graph_errors import GraphError, invalid_param

MAX_OPS = 50
_REF = re.compile(r"\{result=([^:}]+):([^}]+)\}")
_VERSION = re.compile(r"^v\d+\.\d+(/|$)")

FaultPicker = Callable[[str, str, str | None], FaultRule | None]


def strip_version(path: str) -> str:
    path = path.lstrip("/")
    return _VERSION.sub("", path, count=1)


def _jsonpath(value: Any, expr: str) -> list[Any]:
    if not expr.startswith("$"):
        return []
    current = [value]
    for part in [p for p in expr[1:].split(".") if p]:
        nxt: list[Any] = []
        for item in current:
            if part == "*" and isinstance(item, list):
                nxt.extend(item)
            elif isinstance(item, dict) and part in item:
                nxt.append(item[part])
            elif isinstance(item, list) and part.isdigit() and int(part) < len(item):
                nxt.append(item[int(part)])
        current = nxt
    return current


def _substitute(text: str, named: dict[str, Any], used: set[str]) -> str:
    def repl(match: re.Match[str]) -> str:
        name, expr = match.group(1), match.group(2)
        used.add(name)
        values = _jsonpath(named.get(name), expr.strip())
        return ",".join(str(v) for v in values)

    return _REF.sub(repl, text)


def _operations(call: GraphCall) -> list[Any]:
    raw = call.structured("batch")
    if raw is None:
        raise invalid_param("The parameter batch is required")
    if not isinstance(raw, list):
        raise invalid_param("The parameter batch must be a JSON array")
    if len(raw) > MAX_OPS:
        raise invalid_param(f"Too many requests in batch message. Maximum batch size is {MAX_OPS}")
    return raw


def run_batch(
    api: GraphApi, call: GraphCall, pick: FaultPicker, *, complete: int | None = None
) -> GraphResult:
    try:
        ops = _operations(call)
    except GraphError as err:
        return GraphResult(err.status, err.body(trace_id()))
    include_headers = call.flag("include_headers")
    include_headers = True if include_headers is None else include_headers
    named: dict[str, Any] = {}
    used: set[str] = set()
    results: list[dict[str, Any] | None] = []
    omit: list[bool] = []
    names: list[str | None] = []
    for index, op in enumerate(ops):
        if complete is not None and index >= complete:
            results.append(None)
            omit.append(False)
            names.append(None)
            continue
        if not isinstance(op, dict):
            bad = invalid_param("Each batch operation must be a JSON object")
            results.append({"code": 400, "headers": [], "body": json.dumps(bad.body(trace_id()))})
            omit.append(False)
            names.append(None)
            continue
        result = _run_op(api, call, op, named, used, pick)
        body_text = json.dumps(result.body)
        if result.malformed:
            body_text = body_text[: max(1, len(body_text) // 2)]
        headers = [
            {"name": "Content-Type", "value": "text/javascript; charset=UTF-8"},
            {"name": "Cache-Control", "value": "private, no-cache, no-store, must-revalidate"},
        ]
        headers += [{"name": k, "value": v} for k, v in result.headers.items()]
        item: dict[str, Any] = {"code": result.status, "body": body_text}
        if include_headers:
            item = {"code": result.status, "headers": headers, "body": body_text}
        name = op.get("name")
        if isinstance(name, str) and result.status == 200:
            named[name] = result.body
        results.append(item)
        flag = op.get("omit_response_on_success")
        omit.append(flag is not False and isinstance(name, str) and result.status == 200)
        names.append(name if isinstance(name, str) else None)
    final = [None if omit[i] and names[i] in used else results[i] for i in range(len(results))]
    return GraphResult(200, final)


def _run_op(
    api: GraphApi,
    call: GraphCall,
    op: dict[str, Any],
    named: dict[str, Any],
    used: set[str],
    pick: FaultPicker,
) -> GraphResult:
    method = str(op.get("method", "GET")).upper()
    relative = _substitute(str(op.get("relative_url", "")), named, used)
    parts = urlsplit(relative)
    path = strip_version(parts.path)
    params: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
    body = op.get("body")
    if isinstance(body, str) and body:
        params.update(parse_qsl(_substitute(body, named, used), keep_blank_values=True))
    elif isinstance(body, dict):
        params.update(body)
    token = params.pop("access_token", None) or call.token
    account = api.tokens.fb_tokens[token].page_id if token in api.tokens.fb_tokens else None
    forced = pick(method, "/" + path, account)
    op_call = GraphCall(method, path, params, call.base_url, token, forced=forced)
    return api.handle(op_call)
