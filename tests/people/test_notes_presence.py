"""Internal notes with @mentions, and the collision indicator (presence in the database)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.enums import Direction, ItemKind
from desktop.services.access import PermissionDenied
from desktop.services.notes import (
    NoteError,
    add_note,
    mark_mentions_seen,
    mentioned_usernames,
    my_mentions,
)
from desktop.services.presence import beat
from desktop.store.audit import recent_events
from desktop.store.models import Item
from desktop.store.presence import leave, present, purge_expired
from tests.people.conftest import World, at


def test_mentions_are_parsed() -> None:
    text = "@ss_duty2 xem giúp, cc @Leader. và @ss_duty2 lần nữa; email a@b.com, @@x"
    assert mentioned_usernames(text) == ["ss_duty2", "leader"]


def test_note_is_an_internal_item_and_mentions_resolve_to_officers(world: World) -> None:
    tid = world.case("TH-SAMSON")
    result = world.db.write_blocking(
        lambda s: add_note(
            s,
            actor_id=world.officers["ss_duty"],
            thread_id=tid,
            text="@ss_duty2 @ss_leader @khongco @ss_duty: người này gọi 0912345678",
            now=at(5),
        )
    )
    assert result.mentioned_ids == (world.officers["ss_duty2"], world.officers["ss_leader"])
    assert result.unresolved == ("khongco",)  # and mentioning oneself is no mention
    item = world.db.read_blocking(lambda s: s.get(Item, result.item_id))
    assert item.kind is ItemKind.NOTE and item.direction is Direction.INTERNAL
    assert item.author_officer_id == world.officers["ss_duty"] and item.external_id is None
    mine = world.db.read_blocking(lambda s: my_mentions(s, actor_id=world.officers["ss_duty2"]))
    assert [(m.item_id, m.thread_id, m.seen) for m in mine] == [(result.item_id, tid, False)]
    assert (
        world.db.write_blocking(
            lambda s: mark_mentions_seen(
                s, actor_id=world.officers["ss_duty2"], thread_id=tid, now=at(6)
            )
        )
        == 1
    )
    assert (
        world.db.read_blocking(lambda s: my_mentions(s, actor_id=world.officers["ss_duty2"])) == []
    )
    event = world.db.read_blocking(lambda s: recent_events(s, limit=1))[0]
    assert event.action == "note_added" and "0912345678" not in str(event.details)


def test_note_rights(world: World) -> None:
    tid = world.case("TH-SAMSON")
    for who in ("auditor", "admin", "bs_duty"):
        with pytest.raises(PermissionDenied):
            world.db.write_blocking(
                lambda s, who=who: add_note(
                    s, actor_id=world.officers[who], thread_id=tid, text="x", now=at(0)
                )
            )
    with pytest.raises(NoteError):
        world.db.write_blocking(
            lambda s: add_note(
                s, actor_id=world.officers["ss_duty"], thread_id=tid, text="   ", now=at(0)
            )
        )


def test_presence_shows_others_on_the_same_case_until_it_expires(world: World) -> None:
    tid = world.case("TH-SAMSON")
    other = world.case("TH-SAMSON")
    ttl = timedelta(seconds=45)

    def beat_(who: str, ws: str, seconds: float, replying: bool = False, thread: int = tid):  # type: ignore[no-untyped-def]
        return world.db.write_blocking(
            lambda s: beat(
                s,
                actor_id=world.officers[who],
                thread_id=thread,
                workstation=ws,
                replying=replying,
                now=at(0) + timedelta(seconds=seconds),
                ttl=ttl,
            )
        )

    assert beat_("ss_duty", "PC-1", 0) == []
    seen = beat_("ss_duty2", "PC-2", 5, replying=True)
    assert [(p.officer_id, p.workstation, p.activity) for p in seen] == [
        (world.officers["ss_duty"], "PC-1", "viewing")
    ]
    beat_("ss_leader", "PC-3", 6, thread=other)  # another case: not a collision
    seen = beat_("ss_duty", "PC-1", 10)
    assert [(p.officer_id, p.activity) for p in seen] == [(world.officers["ss_duty2"], "replying")]
    # The same officer on a second workstation is shown (he may be about to double-reply).
    seen = beat_("ss_duty", "PC-9", 11)
    assert {p.workstation for p in seen} == {"PC-1", "PC-2"}
    # PC-2 stops beating: gone after its ttl.
    later = at(0) + timedelta(seconds=60)
    rows = world.db.read_blocking(lambda s: present(s, thread_id=tid, now=later))
    assert {r.workstation for r in rows} == set()  # every row expired by then
    beat_("ss_duty", "PC-1", 61)
    world.db.write_blocking(
        lambda s: leave(s, officer_id=world.officers["ss_duty"], workstation="PC-1", thread_id=tid)
    )
    assert world.db.read_blocking(lambda s: present(s, thread_id=tid, now=later)) == []
    assert world.db.write_blocking(lambda s: purge_expired(s, at(10))) >= 3
    with pytest.raises(PermissionDenied):  # presence needs sight of the case
        beat_("bs_duty", "PC-5", 70)
