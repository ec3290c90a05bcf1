"""Messaging windows: each closed window says why with a code (no text), every code has the
services' refusal, and the outbox's note round-trips to the code."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.domain.enums import Channel, OutboxKind
from desktop.services.windows import (
    WindowReason,
    closed_note,
    closed_reason,
    refusal,
    reply_window,
)
from tests.factories import T0

DAY = timedelta(days=1)
LATE = T0 + 8 * DAY
MESSAGE, PRIVATE = OutboxKind.MESSAGE_REPLY, OutboxKind.PRIVATE_REPLY
COMMENTS, MESSENGER, ZALO = Channel.FB_COMMENT, Channel.FB_MESSAGE, Channel.ZALO_MESSAGE


@pytest.mark.parametrize(
    ("kind", "channel", "now", "last", "comment", "replied", "reason"),
    [
        (MESSAGE, COMMENTS, T0, T0, None, False, "no_conversation"),
        (MESSAGE, MESSENGER, T0, None, None, False, "no_message_yet"),
        (MESSAGE, MESSENGER, LATE, T0, None, False, "messenger_expired"),
        (MESSAGE, ZALO, LATE, T0, None, False, "zalo_expired"),
        (PRIVATE, MESSENGER, T0, T0, T0, False, "not_a_comment"),
        (PRIVATE, COMMENTS, T0, T0, None, False, "no_comment"),
        (PRIVATE, COMMENTS, T0, T0, T0, True, "already_replied"),
        (PRIVATE, COMMENTS, LATE, T0, T0, False, "private_expired"),
    ],
)
def test_a_closed_window_gives_its_code(
    kind: OutboxKind,
    channel: Channel,
    now: datetime,
    last: datetime | None,
    comment: datetime | None,
    replied: bool,
    reason: str,
) -> None:
    state = reply_window(
        kind,
        channel,
        now,
        last_citizen_at=last,
        comment_created_at=comment,
        already_private_replied=replied,
    )
    assert not state.open and state.reason is WindowReason(reason)


def test_an_open_window_has_no_reason() -> None:
    for kind, channel in (
        (OutboxKind.MESSAGE_REPLY, Channel.FB_MESSAGE),
        (OutboxKind.MESSAGE_REPLY, Channel.ZALO_MESSAGE),
        (OutboxKind.PRIVATE_REPLY, Channel.FB_COMMENT),
        (OutboxKind.PUBLIC_REPLY, Channel.FB_COMMENT),
    ):
        state = reply_window(kind, channel, T0 + DAY / 2, last_citizen_at=T0, comment_created_at=T0)
        assert state.open and state.reason is None, (kind, channel)
    agent = reply_window(
        OutboxKind.MESSAGE_REPLY, Channel.FB_MESSAGE, T0 + 2 * DAY, last_citizen_at=T0
    )
    assert agent.open and agent.human_agent and agent.reason is None


def test_every_code_has_a_vietnamese_refusal_and_round_trips_through_the_outbox_note() -> None:
    for reason in WindowReason:
        code, message = refusal(reason)
        assert code and message and not message.isascii(), reason  # Vietnamese
        note = closed_note(reason)
        assert reason.value in note and closed_reason(note) is reason
    assert closed_reason(None) is None and closed_reason("(#10) outside the window") is None
    assert closed_reason(closed_note(WindowReason.ZALO_EXPIRED) + "x") is None
