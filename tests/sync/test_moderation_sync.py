"""Auto-moderation end to end: a betting comment arrives on the simulated Page, sync ingests it,
the rule hides it through the outbox, and the platform's write log shows the hide."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.domain.enums import ModerationCondition, OutboxState
from desktop.services.moderation.engine import ModerationEngine
from desktop.store import moderation as mod
from desktop.store import outbox
from desktop.store.models import Item
from tests.sync.conftest import SyncRig

pytestmark = pytest.mark.asyncio

BET = "🔥 NHA CAI UY TIN 🔥 nạp đầu tặng 100%, vào ngay bet88x.vip/dk"
CLEAN = "Cho em hỏi làm căn cước cho con ở đâu ạ"


def _item_id(rig: SyncRig, external_id: str) -> int:
    return rig.db.read_blocking(
        lambda s: s.execute(select(Item.id).where(Item.external_id == external_id)).scalar_one()
    )


async def test_a_betting_comment_is_hidden_on_the_platform(rig: SyncRig) -> None:
    await rig.services.sync.sync_once()  # the backfill: old comments are not moderated here
    rule = rig.db.write_blocking(
        lambda s: mod.create_rule(s, mod.RuleDraft("Cá cược", ModerationCondition.BETTING))
    )
    bet = rig.sim.control.add_comment("TH", text=BET)
    clean = rig.sim.control.add_comment("TH", text=CLEAN)
    summary = await rig.services.sync.sync_once()
    assert summary.inserted >= 2
    bet_id, clean_id = _item_id(rig, bet["comment_id"]), _item_id(rig, clean["comment_id"])

    # Sync itself ran the rules on what it brought: one hit, on the betting comment.
    [hit] = rig.db.read_blocking(lambda s: mod.hits_for_item(s, bet_id))
    assert hit.rule_id == rule.id and hit.outbox_action_id is not None
    assert rig.db.read_blocking(lambda s: mod.hits_for_item(s, clean_id)) == []
    sender = rig.services.outbox
    while await sender.send_next() is not None:
        pass

    hides = [w for w in rig.sim.control.writes() if w.action == "fb.comment.hide"]
    assert [w.target for w in hides] == [bet["comment_id"]]
    action = rig.db.read_blocking(lambda s: outbox.get(s, hit.outbox_action_id or 0))
    assert action.state is OutboxState.SENT
    assert rig.db.read_blocking(lambda s: s.get(Item, bet_id).is_hidden)
    assert not rig.db.read_blocking(lambda s: s.get(Item, clean_id).is_hidden)

    # The next pass sees the hidden comment: nothing fires again, the evidence stays.
    await rig.services.sync.sync_once()
    engine = ModerationEngine(rig.db, sender, clock=sender.clock)
    again = await engine.on_new_items([bet_id, clean_id])
    assert again.fired == ()
    seen = rig.db.read_blocking(lambda s: mod.evidence(s, hit.id))
    assert seen is not None and seen.text == BET
