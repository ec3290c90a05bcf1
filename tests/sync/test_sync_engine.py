"""The sync engine against the simulator: everything once, quiet passes are cheap, changes
arrive, one account's failure never stops the others."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desktop.domain.enums import AccountHealth, Channel, Platform
from desktop.store.models import Account, Item, Thread
from tests.sync.conftest import SyncRig

pytestmark = pytest.mark.asyncio


def _count(rig: SyncRig, model: type) -> int:
    return rig.db.read_blocking(
        lambda s: s.execute(select(func.count()).select_from(model)).scalar_one()
    )


async def test_first_pass_brings_every_item_once(rig: SyncRig) -> None:
    stats = rig.sim.control.stats()
    platform_items = (
        stats["comments"] + stats["replies"] + stats["messages"] + stats["zalo_messages"]
    )
    summary = await rig.services.sync.sync_once()
    assert summary.ok, [(o.name, o.detail) for o in summary.outcomes]
    assert summary.inserted == platform_items == _count(rig, Item)
    again = await rig.services.sync.sync_once()
    assert again.ok and again.inserted == 0 and again.updated == 0
    assert _count(rig, Item) == platform_items
    channels = rig.db.read_blocking(lambda s: set(s.execute(select(Thread.channel)).scalars()))
    assert channels == set(Channel)


async def test_a_quiet_pass_costs_at_most_one_request_per_account(rig: SyncRig) -> None:
    engine = rig.services.sync
    # Fewer inline messages than conversations hold: a quiet pass must still not page them.
    engine.update_settings(replace(engine.settings, inline_messages=2))
    await rig.services.sync.sync_once()
    rig.requests.clear()
    summary = await rig.services.sync.sync_once()
    accounts = len(summary.outcomes)
    assert summary.ok and accounts >= 4
    zalo = sum(1 for a in rig.sim.control.manifest()["accounts"] if a["platform"] == "zalo")
    # Facebook: every Page's probe rides in one batch request; Zalo: one request per OA.
    assert len(rig.requests) == 1 + zalo <= accounts


async def test_new_comments_messages_and_replies_arrive(rig: SyncRig) -> None:
    await rig.services.sync.sync_once()
    control = rig.sim.control
    comment = control.add_comment("TH", text="Có người đánh nhau ở chợ Vườn Hoa")
    reply = control.add_comment("TH", text="Ở chỗ nào vậy", parent_id=comment["comment_id"])
    nested = control.add_comment("TH", text="Cổng chợ phía Lê Lợi", parent_id=reply["comment_id"])
    control.add_message("TH", text="Em muốn tố giác đường dây cá độ")
    control.add_zalo_message("TH", text="cho em hoi lam can cuoc o dau a")
    summary = await rig.services.sync.sync_once()
    assert summary.ok and summary.inserted == 5
    roots = rig.db.read_blocking(
        lambda s: dict(
            (i, t)
            for i, t in s.execute(
                select(Item.external_id, Thread.external_id)
                .join(Thread)
                .where(
                    Item.external_id.in_(
                        [comment["comment_id"], reply["comment_id"], nested["comment_id"]]
                    )
                )
            )
        )
    )
    # A reply to a reply stays in the top-level comment's thread.
    assert set(roots.values()) == {comment["comment_id"]}


async def test_edits_hides_and_deletions_are_reflected_on_rescan(rig: SyncRig) -> None:
    await rig.services.sync.sync_once()
    control = rig.sim.control
    a = control.add_comment("TH", text="số tài khoản kẻ lừa 1903")
    b = control.add_comment("TH", text="link cá độ uy tín")
    c = control.add_comment("TH", text="bình luận sẽ bị xóa")
    await rig.services.sync.sync_once()
    control.platform_edit(a["comment_id"], "đã sửa nội dung")
    control.platform_hide(b["comment_id"], True)
    control.platform_delete(c["comment_id"])
    engine = rig.services.sync
    engine.update_settings(replace(engine.settings, rescan_every_s=0))  # rescan now
    summary = await rig.services.sync.sync_once()
    assert summary.ok
    rows = rig.db.read_blocking(
        lambda s: {
            r.external_id: r
            for r in s.execute(
                select(Item.external_id, Item.text, Item.is_hidden, Item.is_deleted).where(
                    Item.external_id.in_([a["comment_id"], b["comment_id"], c["comment_id"]])
                )
            )
        }
    )
    assert rows[a["comment_id"]].text == "đã sửa nội dung"
    assert rows[b["comment_id"]].is_hidden
    assert rows[c["comment_id"]].is_deleted and rows[c["comment_id"]].text == "bình luận sẽ bị xóa"


async def test_one_expired_token_does_not_stop_the_others(rig: SyncRig) -> None:
    control = rig.sim.control
    page = next(a for a in control.manifest()["accounts"] if a["platform"] == "facebook")
    control.expire_token("facebook", page["external_id"])
    summary = await rig.services.sync.sync_once()
    bad = [o for o in summary.outcomes if not o.ok]
    assert [o.health for o in bad] == [AccountHealth.TOKEN_EXPIRED]
    assert all(o.inserted > 0 for o in summary.outcomes if o.ok)
    health = rig.db.read_blocking(
        lambda s: s.execute(
            select(Account.health, Account.health_detail).where(
                Account.platform == Platform.FACEBOOK,
                Account.external_id == page["external_id"],
            )
        ).one()
    )
    assert health.health is AccountHealth.TOKEN_EXPIRED
    assert page["access_token"] not in (health.health_detail or "")


async def test_an_expired_zalo_access_token_is_refreshed_and_rotated(rig: SyncRig) -> None:
    control = rig.sim.control
    oa = next(a for a in control.manifest()["accounts"] if a["platform"] == "zalo")
    before = rig.services.credentials.get_zalo(oa["external_id"])
    control.expire_token("zalo", oa["external_id"])
    summary = await rig.services.sync.sync_once()
    assert summary.ok, [(o.name, o.detail) for o in summary.outcomes if not o.ok]
    after = rig.services.credentials.get_zalo(oa["external_id"])
    assert before is not None and after is not None
    assert after.refresh_token != before.refresh_token  # rotated, stored before use


async def test_throttling_marks_the_account_and_waits(rig: SyncRig) -> None:
    control = rig.sim.control
    oa = next(a for a in control.manifest()["accounts"] if a["platform"] == "zalo")
    control.add_fault(kind="throttle", surface="zalo", account=oa["external_id"], count=1)
    summary = await rig.services.sync.sync_once()
    throttled = [o for o in summary.outcomes if not o.ok]
    assert len(throttled) == 1 and throttled[0].health is AccountHealth.DEGRADED
    assert throttled[0].retry_after and throttled[0].retry_after > 0
    again = await rig.services.sync.sync_once()  # the throttled account sits this pass out
    assert throttled[0].account_id not in {o.account_id for o in again.outcomes}
    assert again.ok


async def test_the_first_pass_backfills_posts_beyond_the_recent_ones(rig: SyncRig) -> None:
    stats = rig.sim.control.stats()
    platform_items = (
        stats["comments"] + stats["replies"] + stats["messages"] + stats["zalo_messages"]
    )
    engine = rig.services.sync
    # Probe only the newest post; the tiny world has three per Page.
    engine.update_settings(replace(engine.settings, recent_posts=1))
    summary = await engine.sync_once()
    assert summary.ok and summary.inserted == platform_items


async def test_high_usage_slows_an_account_down_before_throttling(rig: SyncRig) -> None:
    control = rig.sim.control
    control.patch_settings({"fb_page_calls_per_window": 10})  # usage headers climb fast
    engine = rig.services.sync
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    engine.sleep = record  # type: ignore[method-assign]
    await engine.sync_once()
    await engine.sync_once()
    assert waits and max(waits) > 0
    usage = rig.services.http.usage
    page = next(a for a in control.manifest()["accounts"] if a["platform"] == "facebook")
    reading = usage.account_usage(page["external_id"])
    assert reading is not None and reading.pct >= 50


async def test_every_new_item_is_classified_on_arrival(rig: SyncRig) -> None:
    await rig.services.sync.sync_once()
    control = rig.sim.control
    urgent = control.add_comment("TH", text="Cứu với, có người cầm dao đuổi chém ở chợ Vườn Hoa!")
    control.add_message("TH", text="cho em hoi lam can cuoc gan chip o dau a")
    await rig.services.sync.sync_once()

    def look(session):  # type: ignore[no-untyped-def]
        unclassified = session.execute(
            select(func.count()).where(
                Item.direction == "in", Item.category.is_(None), Item.text != ""
            )
        ).scalar_one()
        thread = session.execute(
            select(Thread).where(Thread.external_id == urgent["comment_id"])
        ).scalar_one()
        return unclassified, thread

    unclassified, thread = rig.db.read_blocking(look)
    assert unclassified == 0
    assert thread.urgent and thread.category is not None and thread.confidence is not None
    assert thread.category_source is not None and thread.category_source.value in {"model", "rule"}


async def test_the_same_text_on_three_pages_becomes_one_campaign(rig: SyncRig) -> None:
    from desktop.store.models import Campaign

    await rig.services.sync.sync_once()
    text = (
        "Chia sẻ ngay: công an Thanh Hóa đang bao che cho đường dây buôn lậu, "
        "người dân cần biết sự thật 😡 https://tinmat.example/a1"
    )
    pages = [a for a in rig.sim.control.manifest()["accounts"] if a["platform"] == "facebook"]
    posted = [rig.sim.control.add_comment(p["unit_code"], text=text)["comment_id"] for p in pages]
    assert len(posted) == 3
    await rig.services.sync.sync_once()

    def look(session):  # type: ignore[no-untyped-def]
        campaigns = session.execute(select(Campaign)).scalars().all()
        members = (
            session.execute(select(Thread.external_id).where(Thread.campaign_id.is_not(None)))
            .scalars()
            .all()
        )
        return campaigns, set(members)

    campaigns, members = rig.db.read_blocking(look)
    assert len(campaigns) == 1 and campaigns[0].account_count == 3
    assert members == set(posted)
