"""Every knob of the simulator in one dataclass.

Facts that platform-apis.md marks uncertain ([U]) are switches here, with the most plausible
behaviour as the default; the comment on each names the reference section it comes from.
Settings can be patched at run time through ``POST /_sim/settings`` (see control_routes.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

RecentChatMode = Literal["per_message", "per_conversation"]
QuotaStyle = Literal["omit", "type_only", "full"]
FeedPaging = Literal["cursor", "time"]
ReplyParent = Literal["target", "top"]
CountOverMax = Literal["clamp", "error"]

DAY = 86_400.0
HOUR = 3_600.0


@dataclass(slots=True)
class WorldSize:
    """How much history the seeded world holds (per unit unless said otherwise)."""

    posts_per_page: int = 40
    comments_per_post: int = 60  # mean number of top-level comments; actual counts vary
    replies_per_comment: float = 0.6  # mean replies per top-level comment
    conversations_per_page: int = 150
    messages_per_conversation: int = 5  # mean
    zalo_users_per_oa: int = 120
    zalo_chatting_users_per_oa: int = 90  # users with a chat history (the rest only follow)
    zalo_messages_per_chat: int = 5  # mean
    history_days: float = 21.0
    unit_limit: int | None = None  # seed only the first N of the 28 units (tests); None = all
    channels_per_unit: int = 1  # Pages and OAs per unit (larger provinces run 100-600 accounts)

    @classmethod
    def tiny(cls) -> WorldSize:
        """A few hundred items: fast enough for every test."""
        return cls(
            posts_per_page=3,
            comments_per_post=4,
            replies_per_comment=0.5,
            conversations_per_page=4,
            messages_per_conversation=3,
            zalo_users_per_oa=5,
            zalo_chatting_users_per_oa=4,
            zalo_messages_per_chat=3,
            history_days=10.0,
            unit_limit=3,
        )


@dataclass(slots=True)
class SimSettings:
    seed: int = 20261120
    size: WorldSize = field(default_factory=WorldSize)

    # --- clock (clock.py) ---
    start_time: float | None = None  # epoch seconds of the world's "now" at start; None = real now
    frozen_clock: bool = False  # True: time moves only when advanced (tests)

    # --- live stream (livestream.py) ---
    stream_rate_per_minute: float = 0.0  # new inbound comments/messages per real minute
    stream_tick_seconds: float = 0.25
    stream_weights: dict[str, float] = field(
        default_factory=lambda: {
            "comment": 0.50,
            "reply": 0.15,
            "messenger": 0.20,
            "zalo": 0.15,
        }
    )
    stream_new_post_every: int = 200  # one new Page post per N stream events (0 = never)

    # --- Facebook Graph (graph_*.py) ---
    graph_version: str = "v19.0"
    fb_default_limit: int = 25
    fb_max_limit: int = 100  # [U] larger limits are clamped silently
    fb_feed_paging: FeedPaging = "cursor"  # [V FB-4] feed may also page by time (until=...)
    fb_messaging_window_s: float = 24 * HOUR  # [V FB-15]
    fb_human_agent_window_s: float = 7 * DAY  # [C]
    fb_private_reply_window_s: float = 7 * DAY  # [V FB-14]
    fb_legacy_tags_allowed: bool = False  # [U] ACCOUNT_UPDATE etc. still accepted?
    fb_text_limit: int = 2000  # [U]
    fb_reply_to_reply_parent: ReplyParent = "target"  # [U] parent of a reply to a reply
    fb_private_reply_returns_recipient_id: bool = True  # [U for Facebook]
    fb_private_reply_duplicate_error: tuple[int, int | None] = (10900, None)  # [U] code, subcode
    fb_private_reply_expired_error: tuple[int, int | None] = (10, 2018278)  # [U]
    fb_revoked_token_subcode: int = (
        460  # [V FB-1] session invalidated (password change, role removed)
    )
    fb_hide_from_without_user_content: bool = (
        True  # [U] omit `from` without pages_read_user_content
    )

    # rate limits (ratelimit.py); window and limits on the simulated clock
    fb_page_calls_per_window: int = 4800 * 50  # [C] 4800 x engaged users per 24 h
    fb_page_window_s: float = 24 * HOUR
    fb_app_calls_per_window: int = 200 * 1000  # [V FB-2] 200 x users per rolling hour
    fb_app_window_s: float = HOUR
    fb_page_throttle_code: int = (
        80001  # [C] 80001 for Page tokens; 32 for user tokens calling Pages
    )
    fb_page_throttle_status: int = 400  # [U] 80001 arrives as 400, 32/4/17 as 403
    fb_app_throttle_code: int = 4
    fb_app_throttle_status: int = 403  # [C python-social-auth #859]
    fb_usage_header_min_pct: int = 0  # [V FB-2] headers appear "once enough calls are made"

    # --- Zalo (zalo_*.py) ---
    zalo_cs_window_s: float = 7 * DAY  # [C] -230 after 7 days
    zalo_free_window_s: float = 2 * DAY  # [C] 48-h free frame (quota_type "reply")
    zalo_text_limit: int = 2000  # [C]
    zalo_max_chat_count: int = 10  # [U] listrecentchat/conversation count cap
    zalo_max_user_count: int = 50  # [U] user/getlist count cap
    zalo_count_over_max: CountOverMax = "clamp"  # [U]
    zalo_recentchat_mode: RecentChatMode = "per_message"  # [C ZL-3 / U] rows are messages
    zalo_quota_style: QuotaStyle = "type_only"  # [C] remain/total dropped after 2026-03-01
    zalo_cs_requires_follower: bool = False  # [U] -213 for non-followers on CS send
    zalo_detail_requires_follower: bool = True  # [C] user/detail of a non-follower -> -213
    zalo_calls_per_minute: int = 4000  # [C] per app
    zalo_throttle_http_status: int = 200  # [C] some clients saw 429
    zalo_access_token_ttl_s: float = 25 * HOUR  # [C]
    zalo_refresh_token_ttl_s: float = 90 * DAY  # [C]
    zalo_refresh_invalidates_old_access_token: bool = True  # [U] per the mirror doc
    zalo_expired_token_error: int = -216  # [C] live API answers -216; docs also list -220
    zalo_shared_app: bool = True  # one Zalo app authorised by every OA (else one app per OA)
    zalo_oauth_error_http_status: int = 200  # [U]
    zalo_oauth_err_invalid_refresh: int = -14014  # [U]
    zalo_oauth_err_invalid_code: int = -14019  # [U]
    zalo_oauth_err_invalid_app: int = -14002  # [U]
    zalo_oauth_err_invalid_secret: int = -14004  # [U]
    zalo_oauth_err_invalid_param: int = -14001  # [U]

    def patch(self, changes: dict[str, Any]) -> list[str]:
        """Apply ``changes`` (top-level field names only); returns the names changed.

        Raises ``KeyError`` for an unknown name and ``TypeError`` for a value of the wrong type;
        nothing is changed unless every value is acceptable.
        """
        names = {f.name for f in dataclasses.fields(self)} - {"size"}
        coerced: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in names:
                raise KeyError(key)
            coerced[key] = _coerce(key, getattr(self, key), value)
        for key, value in coerced.items():
            setattr(self, key, value)
        return list(coerced)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _coerce(key: str, current: object, value: object) -> object:
    if isinstance(current, tuple) and isinstance(value, list):
        value = tuple(value)
    if current is not None and not _same_kind(current, value):
        raise TypeError(f"{key}: expected {type(current).__name__}")
    if isinstance(current, float) and isinstance(value, int):
        return float(value)
    return value


def _same_kind(current: object, value: object) -> bool:
    if isinstance(current, bool) or isinstance(value, bool):
        return isinstance(current, bool) and isinstance(value, bool)
    if isinstance(current, float):
        return isinstance(value, int | float)
    return isinstance(value, type(current))
