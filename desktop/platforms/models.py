"""Values the platform clients return: a page of a Graph list, batch operations and their
results, the result of a send, a Zalo token pair. Secrets never show in a repr."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from desktop.platforms.errors import PlatformError

T = TypeVar("T")
JsonDict = dict[str, Any]


@dataclass(frozen=True, slots=True)
class GraphPage(Generic[T]):
    """One page of a Graph list edge.

    ``next_cursor`` is None only when the answer had no ``paging.next``: an empty ``data`` with a
    ``next`` is not the end. Pass ``next_cursor`` back as ``after=`` with the same arguments.
    Cursors are opaque (they may be a plain Graph cursor or ``?``-prefixed paging parameters)
    and only valid for a short time: do not persist them across runs.
    """

    data: list[T]
    next_cursor: str | None
    summary: JsonDict | None = None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


@dataclass(frozen=True, slots=True)
class BatchRequest:
    """One operation of a Graph batch. ``token`` (a Page token) goes into the operation itself,
    so one batch can serve many Pages; without it the batch's own token applies."""

    method: str
    relative_url: str  # "{page-id}/feed?fields=id,updated_time&limit=25" (no version, no token)
    body: Mapping[str, str] | None = None  # form fields of a POST
    token: str | None = field(default=None, repr=False)
    name: str | None = None

    @classmethod
    def get(
        cls,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        token: str | None = None,
        name: str | None = None,
    ) -> BatchRequest:
        query = f"?{urlencode(dict(params))}" if params else ""
        return cls("GET", f"{path.lstrip('/')}{query}", None, token, name)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The answer to one batch operation: ``error`` is set (not raised) when it failed;
    ``status`` is None when the operation did not complete (batch timeout)."""

    status: int | None
    headers: dict[str, str]
    body: Any
    error: PlatformError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class SendResult:
    recipient_id: str | None  # the PSID / Zalo user id (Graph may omit it for private replies)
    message_id: str


@dataclass(frozen=True, slots=True, repr=False)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_at: datetime  # when the access token expires (aware, UTC)

    def __repr__(self) -> str:
        return f"TokenPair(access_token='***', refresh_token='***', expires_at={self.expires_at!r})"
