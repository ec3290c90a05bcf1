"""Masking: informants' identities and personal data are need-to-know; every reveal of a crime
tip is in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from desktop.domain.enums import Category
from desktop.services.access import PermissionDenied
from desktop.services.assignment import assign_case
from desktop.services.disclosure import INFORMANT_LABEL, case_items, reveal_case_items
from desktop.store.audit import recent_events, verify_chain
from desktop.store.ingest import ingest_items
from desktop.store.models import Contact, Thread
from tests.factories import PAGE2, comment
from tests.people.conftest import World, at

TIP = "Ở số 12 đường Lê Lợi có bán ma túy, gọi tôi 0912 345 678"


def _ingest(world: World, text: str, category: Category | None) -> int:
    item = comment(text, page=PAGE2, author_name="Lê Văn Báo")  # Sầm Sơn's page
    result = world.db.write_blocking(
        lambda s: ingest_items(s, items=[item], search=world.db.search)
    )
    tid = next(iter(result.new_thread_ids))
    world.db.write_blocking(
        lambda s: s.execute(update(Thread).where(Thread.id == tid).values(category=category))
    )
    return tid


def _view(world: World, who: str, tid: int):  # type: ignore[no-untyped-def]
    return world.db.read_blocking(
        lambda s: case_items(s, actor_id=world.officers[who], thread_id=tid)
    )


def _reveal(world: World, who: str, tid: int):  # type: ignore[no-untyped-def]
    return world.db.write_blocking(
        lambda s: reveal_case_items(
            s, actor_id=world.officers[who], thread_id=tid, now=at(1), reason="verify"
        )
    )


def test_a_crime_tip_is_masked_for_everyone_until_revealed(world: World) -> None:
    tid = _ingest(world, TIP, Category.CRIME_TIP)
    for who in ("ss_duty", "ss_leader", "auditor", "admin"):
        view = _view(world, who, tid)
        assert view.protected and view.masked
        (item,) = view.items
        assert "0912" not in item.text and "345 678" not in item.text and "[SĐT" in item.text
        assert item.author == INFORMANT_LABEL and "Lê Văn Báo" not in item.author
    assert _view(world, "ss_leader", tid).can_reveal
    assert not _view(world, "ss_duty", tid).can_reveal  # not his case
    assert not _view(world, "auditor", tid).can_reveal
    for who in ("ss_duty", "auditor", "admin"):
        with pytest.raises(PermissionDenied):
            _reveal(world, who, tid)
    revealed = _reveal(world, "ss_leader", tid)
    assert not revealed.masked and revealed.items[0].text == TIP
    assert revealed.items[0].author == "Lê Văn Báo"
    events = world.db.read_blocking(lambda s: recent_events(s, action="protected_viewed"))
    assert [(e.actor_id, e.subject_id) for e in events] == [(world.officers["ss_leader"], str(tid))]
    assert "0912" not in str(events[0].details)
    # Assigned to the duty officer, he needs to know too: his reveal is recorded as well.
    world.db.write_blocking(
        lambda s: assign_case(
            s,
            actor_id=world.officers["ss_leader"],
            thread_id=tid,
            assignee_id=world.officers["ss_duty"],
            expected_version=world.thread(tid).version,
            now=at(2),
        )
    )
    assert _view(world, "ss_duty", tid).can_reveal
    _reveal(world, "ss_duty", tid)
    assert len(world.db.read_blocking(lambda s: recent_events(s, action="protected_viewed"))) == 2
    assert world.db.read_blocking(verify_chain).ok


def test_an_informant_is_protected_whatever_the_category(world: World) -> None:
    tid = _ingest(world, "Cảm ơn các anh, số tôi 0987654321", Category.FEEDBACK)
    assert not _view(world, "ss_duty", tid).masked
    world.db.write_blocking(lambda s: s.execute(update(Contact).values(is_informant=True)))
    view = _view(world, "ss_duty", tid)
    assert view.protected and view.masked and view.items[0].author == INFORMANT_LABEL


def test_ordinary_cases_show_personal_data_to_handlers_only(world: World) -> None:
    tid = _ingest(
        world, "Tôi bị lừa chuyển khoản vào stk 0123456789 Vietcombank", Category.SCAM_REPORT
    )
    handler = _view(world, "ss_duty", tid)
    assert not handler.masked and "0123456789" in handler.items[0].text
    assert handler.items[0].author == "Lê Văn Báo"
    auditor = _view(world, "auditor", tid)
    assert auditor.masked and "0123456789" not in auditor.items[0].text
    assert auditor.items[0].author == "Lê Văn Báo"  # a public commenter's name is not hidden
    with pytest.raises(PermissionDenied):  # outside Bỉm Sơn's scope
        _view(world, "bs_duty", tid)
