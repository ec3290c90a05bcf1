"""Facebook Graph API and Zalo OA API clients, their typed errors, the normalisers that turn
platform JSON into ``IncomingItem``s, and token storage. No Qt, no SQL.

One ``httpx.AsyncClient`` (owned by the caller) serves every call: wrap it once with
``build_clients`` and share the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from desktop.config import PlatformUrls
from desktop.platforms.credentials import (
    CredentialStore,
    CredentialStoreError,
    ZaloCredentials,
    ZaloTokenManager,
)
from desktop.platforms.errors import (
    AlreadyDone,
    MalformedResponse,
    NotFound,
    Permanent,
    PermissionMissing,
    PlatformError,
    RateLimited,
    RecipientUnavailable,
    TokenError,
    TokenExpired,
    TokenInvalid,
    Transient,
    WindowClosed,
)
from desktop.platforms.graph import GraphClient
from desktop.platforms.http import DEFAULT_TIMEOUT_S, PlatformHttp
from desktop.platforms.keyring_select import NoSecureKeyringError, select_keyring
from desktop.platforms.models import BatchRequest, BatchResult, GraphPage, SendResult, TokenPair
from desktop.platforms.usage import UsagePolicy, UsageTracker
from desktop.platforms.zalo import ZaloClient


@dataclass(frozen=True, slots=True)
class PlatformClients:
    http: PlatformHttp
    graph: GraphClient
    zalo: ZaloClient

    @property
    def usage(self) -> UsageTracker:
        return self.http.usage


def build_clients(
    client: httpx.AsyncClient,
    urls: PlatformUrls,
    *,
    usage: UsageTracker | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> PlatformClients:
    """Graph and Zalo clients sharing ``client`` and one ``UsageTracker``."""
    http = PlatformHttp(client, usage, timeout=timeout)
    return PlatformClients(
        http, GraphClient(http, urls.graph), ZaloClient(http, urls.zalo, urls.zalo_oauth)
    )


__all__ = [
    "AlreadyDone",
    "BatchRequest",
    "BatchResult",
    "CredentialStore",
    "CredentialStoreError",
    "GraphClient",
    "GraphPage",
    "MalformedResponse",
    "NoSecureKeyringError",
    "NotFound",
    "Permanent",
    "PermissionMissing",
    "PlatformClients",
    "PlatformError",
    "PlatformHttp",
    "RateLimited",
    "RecipientUnavailable",
    "SendResult",
    "TokenError",
    "TokenExpired",
    "TokenInvalid",
    "TokenPair",
    "Transient",
    "UsagePolicy",
    "UsageTracker",
    "WindowClosed",
    "ZaloClient",
    "ZaloCredentials",
    "ZaloTokenManager",
    "build_clients",
    "select_keyring",
]
