"""The closed vocabularies of the duty desk (see shared/reference/domain.md).

Values are stored in the database as these strings, so never rename a value:
add a new member and a migration instead.
"""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    FACEBOOK = "facebook"
    ZALO = "zalo"


class Channel(StrEnum):
    """Where a thread lives. A thread is one comment thread or one private conversation."""

    FB_COMMENT = "fb_comment"  # a top-level comment under a Page post and its replies
    FB_MESSAGE = "fb_message"  # a Messenger conversation with the Page
    ZALO_MESSAGE = "zalo_message"  # a Zalo OA chat with one user

    @property
    def platform(self) -> Platform:
        return _CHANNEL_PLATFORM[self]

    @property
    def is_private(self) -> bool:
        return self is not Channel.FB_COMMENT


_CHANNEL_PLATFORM = {
    Channel.FB_COMMENT: Platform.FACEBOOK,
    Channel.FB_MESSAGE: Platform.FACEBOOK,
    Channel.ZALO_MESSAGE: Platform.ZALO,
}


class Category(StrEnum):
    CRIME_TIP = "crime_tip"
    SCAM_REPORT = "scam_report"
    ADMIN_QUESTION = "admin_question"
    COMPLAINT = "complaint"
    FEEDBACK = "feedback"
    HOSTILE = "hostile"
    ABUSIVE = "abusive"
    SPAM = "spam"
    OTHER = "other"


class CategorySource(StrEnum):
    """Who set a thread's or item's category."""

    MODEL = "model"
    RULE = "rule"
    OFFICER = "officer"
    SEED = "seed"  # demo and benchmark data: the label the seed generator wrote the text for


class CaseStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    FORWARDED = "forwarded"
    RESOLVED = "resolved"
    REOPENED = "reopened"


class Direction(StrEnum):
    INBOUND = "in"  # from a citizen
    OUTBOUND = "out"  # from the page / OA (an officer's reply or the page's own post)
    INTERNAL = "internal"  # an internal note, never sent anywhere


class ItemKind(StrEnum):
    COMMENT = "comment"  # a top-level comment under a post
    REPLY = "reply"  # a reply inside a comment thread
    MESSAGE = "message"  # a private message (Messenger or Zalo)
    NOTE = "note"  # an internal note


class UnitLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class OfficerRole(StrEnum):
    DUTY_OFFICER = "duty_officer"
    SHIFT_LEADER = "shift_leader"
    UNIT_ADMIN = "unit_admin"
    AUDITOR = "auditor"


class AccountHealth(StrEnum):
    UNKNOWN = "unknown"
    OK = "ok"
    DEGRADED = "degraded"  # throttled or transient failures; still syncing
    TOKEN_EXPIRED = "token_expired"  # noqa: S105 - a health state, not a secret
    PERMISSION_MISSING = "permission_missing"
    ERROR = "error"


class OutboxKind(StrEnum):
    PUBLIC_REPLY = "public_reply"
    PRIVATE_REPLY = "private_reply"
    MESSAGE_REPLY = "message_reply"
    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"
    BLOCK = "block"


class OutboxState(StrEnum):
    PENDING_APPROVAL = "pending_approval"  # a sensitive reply waits for a shift leader
    REJECTED = "rejected"  # a shift leader refused it: never sent
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


class ModerationCondition(StrEnum):
    """What an auto-moderation rule looks for (``moderation_rules.condition``)."""

    PHONE = "phone"  # a phone number (desktop.text.pii)
    LINK = "link"  # a link, shortened or dodged (desktop.classify.links)
    BETTING = "betting"  # betting promotion (desktop.classify.betting)
    CATEGORY = "category"  # the classifier's category at or above a confidence
