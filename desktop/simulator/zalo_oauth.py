"""Zalo OAuth v4 for OAs (platform-apis.md B.1).

``POST /v4/oa/access_token`` (form body, ``secret_key`` header) with
``grant_type=refresh_token`` or ``authorization_code``; refresh tokens are single-use and
rotate on every refresh; ``expires_in`` is a string. ``GET /v4/oa/permission`` redirects back
with a code (the simulator adds an optional ``oa_id`` parameter to choose which OA consents).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from desktop.simulator.settings import SimSettings
from desktop.simulator.tokens import TokenStore, ZaloAccessToken, ZaloRefreshToken, pkce_challenge
from desktop.simulator.world import World


@dataclass(slots=True)
class OAuthResult:
    status: int
    body: dict[str, Any] | None
    location: str | None = None  # a redirect


class OAuthError(Exception):
    def __init__(self, code: int, name: str, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.name = name
        self.description = description

    def body(self) -> dict[str, Any]:
        return {
            "error_name": self.name,
            "error_reason": "",
            "ref_doc": "",
            "error_description": self.description,
            "error": self.code,
        }


class ZaloOAuth:
    def __init__(self, world: World, tokens: TokenStore, settings: SimSettings) -> None:
        self.world = world
        self.tokens = tokens
        self.settings = settings

    def access_token(self, form: dict[str, str], secret_key: str | None) -> OAuthResult:
        now = self.world.now()
        s = self.settings
        grant = form.get("grant_type", "")
        try:
            app = self.tokens.zalo_apps.get(form.get("app_id", ""))
            if app is None:
                raise OAuthError(
                    s.zalo_oauth_err_invalid_app,
                    "Invalid app_id",
                    "app_id is invalid or does not exist",
                )
            if secret_key != app.secret_key:
                raise OAuthError(
                    s.zalo_oauth_err_invalid_secret, "Invalid secret key", "secret_key is invalid"
                )
            if grant == "refresh_token":
                oa_id = self._use_refresh(form.get("refresh_token", ""), app.app_id, now)
            elif grant == "authorization_code":
                oa_id = self._use_code(form, app.app_id, now)
            else:
                raise OAuthError(
                    s.zalo_oauth_err_invalid_param, "Invalid parameter", "grant_type is invalid"
                )
        except OAuthError as err:
            self.world.writes.record(
                at=now,
                platform="zalo",
                action="zalo.oauth.token",
                account="",
                target=grant,
                payload={"grant_type": grant},
                status="rejected",
                result={"error": err.code},
            )
            return OAuthResult(s.zalo_oauth_error_http_status, err.body())
        at, rt = self.issue(oa_id, app.app_id)
        self.world.writes.record(
            at=now,
            platform="zalo",
            action="zalo.oauth.token",
            account=oa_id,
            target=grant,
            payload={"grant_type": grant},
            result={"expires_in": str(int(s.zalo_access_token_ttl_s))},
        )
        return OAuthResult(
            200,
            {
                "access_token": at.token,
                "refresh_token": rt.token,
                "expires_in": str(int(s.zalo_access_token_ttl_s)),
            },
        )

    def issue(self, oa_id: str, app_id: str) -> tuple[ZaloAccessToken, ZaloRefreshToken]:
        s = self.settings
        return self.tokens.issue_zalo_tokens(
            oa_id,
            app_id,
            self.world.now(),
            s.zalo_access_token_ttl_s,
            s.zalo_refresh_token_ttl_s,
            invalidate_access=s.zalo_refresh_invalidates_old_access_token,
        )

    def _use_refresh(self, token: str, app_id: str, now: float) -> str:
        rt = self.tokens.zalo_refresh.get(token)
        if rt is None or rt.used or now >= rt.expires_at or rt.app_id != app_id:
            raise OAuthError(
                self.settings.zalo_oauth_err_invalid_refresh,
                "Invalid refresh token",
                "refresh_token is invalid, expired or already used",
            )
        current = self.tokens.zalo_current.get(rt.oa_id)
        if current is None or current[1] != token:
            raise OAuthError(
                self.settings.zalo_oauth_err_invalid_refresh,
                "Invalid refresh token",
                "refresh_token is invalid, expired or already used",
            )
        rt.used = True
        return rt.oa_id

    def _use_code(self, form: dict[str, str], app_id: str, now: float) -> str:
        code = self.tokens.zalo_codes.get(form.get("code", ""))
        err = OAuthError(
            self.settings.zalo_oauth_err_invalid_code,
            "Invalid authorization code",
            "code is invalid, expired or already used",
        )
        if code is None or code.used or now >= code.expires_at or code.app_id != app_id:
            raise err
        if code.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            if not verifier or pkce_challenge(verifier) != code.code_challenge:
                raise err
        code.used = True
        return code.oa_id

    def permission(self, query: dict[str, str]) -> OAuthResult:
        app = self.tokens.zalo_apps.get(query.get("app_id", ""))
        redirect = query.get("redirect_uri", "")
        if app is None or not redirect:
            err = OAuthError(
                self.settings.zalo_oauth_err_invalid_param,
                "Invalid parameter",
                "app_id or redirect_uri is invalid",
            )
            return OAuthResult(self.settings.zalo_oauth_error_http_status, err.body())
        oa_id = query.get("oa_id") or next(
            (oa.id for oa in self.world.oas.values() if oa.app_id == app.app_id), ""
        )
        if oa_id not in self.world.oas:
            err = OAuthError(
                self.settings.zalo_oauth_err_invalid_param, "Invalid parameter", "oa_id is invalid"
            )
            return OAuthResult(self.settings.zalo_oauth_error_http_status, err.body())
        code = self.tokens.issue_zalo_code(
            oa_id, app.app_id, query.get("code_challenge"), self.world.now()
        )
        back = {"code": code.code, "oa_id": oa_id}
        if "state" in query:
            back["state"] = query["state"]
        sep = "&" if "?" in redirect else "?"
        return OAuthResult(302, None, location=f"{redirect}{sep}{urlencode(back)}")
