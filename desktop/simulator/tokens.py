"""Fake credentials: Facebook Page/user tokens and Zalo app secrets, access and refresh tokens.

Every string is random per run and prefixed ``SIMFB-`` / ``SIMZL-`` so it can never be mistaken
for (or work as) a real credential. Expiry is measured on the simulated clock.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

FB_PAGE_PERMISSIONS = frozenset(
    {
        "pages_show_list",
        "pages_read_engagement",
        "pages_read_user_content",
        "pages_manage_engagement",
        "pages_manage_metadata",
        "pages_messaging",
        "human_agent",  # the Human Agent feature (HUMAN_AGENT tag), approved in App Review
    }
)
FB_PAGE_TASKS = ("ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE", "CREATE_CONTENT", "MANAGE")


def _secret(prefix: str, nbytes: int = 24) -> str:
    return f"{prefix}-{secrets.token_urlsafe(nbytes)}"


class TokenState(Enum):
    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(slots=True)
class FbToken:
    token: str
    kind: Literal["page", "user"]
    page_id: str | None
    expires_at: float | None = None
    revoked: bool = False


@dataclass(slots=True)
class ZaloApp:
    app_id: str
    secret_key: str


@dataclass(slots=True)
class ZaloAccessToken:
    token: str
    oa_id: str
    app_id: str
    expires_at: float
    revoked: bool = False


@dataclass(slots=True)
class ZaloRefreshToken:
    token: str
    oa_id: str
    app_id: str
    expires_at: float
    used: bool = False


@dataclass(slots=True)
class ZaloAuthCode:
    code: str
    oa_id: str
    app_id: str
    code_challenge: str | None
    expires_at: float
    used: bool = False


@dataclass(slots=True)
class TokenStore:
    fb_tokens: dict[str, FbToken] = field(default_factory=dict)
    fb_page_token: dict[str, str] = field(default_factory=dict)  # page id -> current token
    fb_page_permissions: dict[str, set[str]] = field(default_factory=dict)
    fb_user_token: str = ""
    fb_app_id: str = ""
    fb_app_secret: str = ""
    zalo_apps: dict[str, ZaloApp] = field(default_factory=dict)
    zalo_access: dict[str, ZaloAccessToken] = field(default_factory=dict)
    zalo_refresh: dict[str, ZaloRefreshToken] = field(default_factory=dict)
    zalo_current: dict[str, tuple[str, str]] = field(default_factory=dict)  # oa -> (at, rt)
    zalo_codes: dict[str, ZaloAuthCode] = field(default_factory=dict)

    # ------------------------------------------------------------ Facebook
    def setup_fb_app(self, app_id: str) -> None:
        self.fb_app_id = app_id
        self.fb_app_secret = _secret("SIMFB-SECRET", 16)
        user = FbToken(_secret("SIMFB-USER"), "user", None)
        self.fb_tokens[user.token] = user
        self.fb_user_token = user.token

    def issue_fb_page_token(self, page_id: str) -> str:
        tok = FbToken(_secret("SIMFB-PAGE"), "page", page_id)
        self.fb_tokens[tok.token] = tok
        self.fb_page_token[page_id] = tok.token
        self.fb_page_permissions.setdefault(page_id, set(FB_PAGE_PERMISSIONS))
        return tok.token

    def check_fb(self, token: str, now: float) -> tuple[TokenState, FbToken | None]:
        tok = self.fb_tokens.get(token)
        if tok is None:
            return TokenState.UNKNOWN, None
        if tok.revoked:
            return TokenState.REVOKED, tok
        if tok.expires_at is not None and now >= tok.expires_at:
            return TokenState.EXPIRED, tok
        return TokenState.OK, tok

    def fb_has(self, page_id: str, permission: str) -> bool:
        return permission in self.fb_page_permissions.get(page_id, set())

    # ------------------------------------------------------------ Zalo
    def add_zalo_app(self, app_id: str) -> ZaloApp:
        app = self.zalo_apps.get(app_id)
        if app is None:
            app = ZaloApp(app_id, _secret("SIMZL-SECRET", 15))
            self.zalo_apps[app_id] = app
        return app

    def issue_zalo_tokens(
        self,
        oa_id: str,
        app_id: str,
        now: float,
        at_ttl: float,
        rt_ttl: float,
        *,
        invalidate_access: bool = True,
    ) -> tuple[ZaloAccessToken, ZaloRefreshToken]:
        previous = self.zalo_current.get(oa_id)
        if previous is not None:
            old_rt = self.zalo_refresh.get(previous[1])
            if old_rt is not None:
                old_rt.used = True
            old_at = self.zalo_access.get(previous[0])
            if old_at is not None and invalidate_access:
                old_at.revoked = True
        at = ZaloAccessToken(_secret("SIMZL-AT", 32), oa_id, app_id, now + at_ttl)
        rt = ZaloRefreshToken(_secret("SIMZL-RT", 32), oa_id, app_id, now + rt_ttl)
        self.zalo_access[at.token] = at
        self.zalo_refresh[rt.token] = rt
        self.zalo_current[oa_id] = (at.token, rt.token)
        return at, rt

    def check_zalo(self, token: str, now: float) -> tuple[TokenState, ZaloAccessToken | None]:
        tok = self.zalo_access.get(token)
        if tok is None:
            return TokenState.UNKNOWN, None
        if tok.revoked:
            return TokenState.REVOKED, tok
        if now >= tok.expires_at:
            return TokenState.EXPIRED, tok
        return TokenState.OK, tok

    def issue_zalo_code(
        self, oa_id: str, app_id: str, code_challenge: str | None, now: float
    ) -> ZaloAuthCode:
        code = ZaloAuthCode(_secret("SIMZL-CODE", 24), oa_id, app_id, code_challenge, now + 600)
        self.zalo_codes[code.code] = code
        return code


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
