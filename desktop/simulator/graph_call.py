"""One Graph API call, independent of HTTP (a real request or one operation of a batch)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop.simulator.faults import FaultRule
from desktop.simulator.graph_errors import GraphError
from desktop.simulator.graph_fields import FieldSpec, FieldSyntaxError, parse_fields

Json = dict[str, Any]


@dataclass(slots=True)
class GraphCall:
    method: str  # GET | POST | DELETE
    path: str  # without prefix and version, no leading slash: "1040.../feed", "" for batch
    params: dict[str, Any]  # query and body merged; JSON bodies keep their structure
    base_url: str  # where paging URLs point: http://127.0.0.1:PORT/graph/v19.0
    token: str | None
    forced: FaultRule | None = None  # an operation-level fault chosen for this call
    action: str | None = None  # set by write handlers: logged as rejected if an error follows
    target: str = ""
    account: str = ""

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.params.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        return json.dumps(value)

    def structured(self, name: str) -> Any:
        """A parameter that may arrive as a JSON object or as JSON text in a form body."""
        value = self.params.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as exc:
                raise GraphError(100, f"Invalid parameter: {name} must be JSON") from exc
        return value

    def flag(self, name: str) -> bool | None:
        raw = self.text(name)
        if raw is None:
            return None
        return raw.lower() in ("true", "1")

    def integer(self, name: str, default: int) -> int:
        raw = self.text(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError as exc:
            raise GraphError(100, f"Invalid parameter: {name}") from exc

    def fields(self) -> tuple[FieldSpec, ...] | None:
        raw = self.text("fields")
        if raw is None or raw.strip() == "":
            return None
        try:
            return parse_fields(raw)
        except FieldSyntaxError as exc:
            raise GraphError(2500, str(exc)) from exc

    def request_params(self) -> dict[str, str]:
        """The caller's query parameters to repeat in ``paging`` URLs."""
        skip = {"access_token", "after", "before", "__paging_token", "__previous"}
        out: dict[str, str] = {}
        for key in self.params:
            if key not in skip:
                text = self.text(key)
                if text is not None:
                    out[key] = text
        return out


@dataclass(slots=True)
class GraphResult:
    status: int
    body: Any  # JSON value
    headers: dict[str, str] = field(default_factory=dict)
    malformed: bool = False  # send truncated JSON (fault)
