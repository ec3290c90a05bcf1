"""Outbox drill: 500 actions under injected faults (among them connections dropped after the
write was applied) while the sending process is SIGKILLed at random moments, again and again.

Every action ends applied exactly once on the simulator, or left ``unknown``/``failed`` for the
officer; no action is ever applied twice. The sender runs in a child process
(``outbox_sender.py``) against the same store file and the simulator's URLs: real crashes, with
``recover()`` at every restart.

Below the drill, the crash and fault cases it found, reduced to one action each.
"""

from __future__ import annotations

import asyncio
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.commands.common import credential_store
from desktop.composition import build_platform_services
from desktop.config import Config, load_config
from desktop.domain.enums import Channel, Direction, OutboxKind, OutboxState
from desktop.platforms.credentials import CredentialStore
from desktop.services.accounts import from_manifest, import_accounts
from desktop.services.outbox import OutboxService
from desktop.simulator import SimulatorThread, WorldSize
from desktop.store import outbox
from desktop.store.database import Database
from desktop.store.models import Item, Thread
from desktop.store.outbox import OutboxRow
from tests.drills.helpers import Rig, future_start, in_process, sim_datetime, world

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
SENDER = Path(__file__).with_name("outbox_sender.py")
ACTIONS = 500
KILLS = 12  # the first lives are all killed, at random moments (then they run till idle)
ROUND_ADVANCE_S = 400.0  # > the outbox's longest retry / re-check delay (300 s)
MAX_ROUNDS = 60
TEXT_ACTIONS = {"fb.comment.reply", "fb.message.send", "zalo.message.cs"}

# (kind, surface, method, probability, extra fields); rules are tried in this order.
FAULTS: list[tuple[str, str, str | None, float, dict[str, Any]]] = [
    ("drop_after", "graph", "POST", 0.10, {}),
    ("drop_after", "zalo", "POST", 0.10, {}),
    ("drop_before", "graph", None, 0.05, {}),
    ("drop_before", "zalo", None, 0.05, {}),
    ("http_error", "graph", None, 0.05, {"status": 503}),
    ("http_error", "zalo", None, 0.05, {"status": 502}),
    ("throttle", "graph", None, 0.03, {}),
    ("throttle", "zalo", None, 0.03, {}),
    ("malformed_json", "graph", "POST", 0.03, {}),
    ("malformed_json", "zalo", "POST", 0.03, {}),
    ("timeout", "graph", "POST", 0.01, {"delay_s": 0.2}),
    ("timeout", "zalo", "POST", 0.01, {"delay_s": 0.2}),
]


@dataclass(frozen=True, slots=True)
class Targets:
    comments: list[int]  # threads under a citizen's top-level comment
    messenger: list[int]
    zalo: list[int]
    page_replies: list[tuple[int, int]]  # (thread id, item id): the Page's own replies


@pytest.fixture
def sim() -> Iterator[SimulatorThread]:
    with world(WorldSize.tiny(), future_start()) as runner:
        yield runner


def _targets(session: Session, now: datetime) -> Targets:
    comments = list(
        session.execute(
            select(Thread.id)
            .join(Item, Item.external_id == Thread.external_id)
            .where(Thread.channel == Channel.FB_COMMENT, Item.direction == Direction.INBOUND)
            .order_by(Thread.id)
        ).scalars()
    )
    recent = now - timedelta(days=6)  # inside Messenger's HUMAN_AGENT and Zalo's 7-day windows

    def open_threads(channel: Channel) -> list[int]:
        return list(
            session.execute(
                select(Thread.id)
                .where(Thread.channel == channel, Thread.last_citizen_at >= recent)
                .order_by(Thread.id)
            ).scalars()
        )

    page_replies = [
        (thread_id, item_id)
        for thread_id, item_id in session.execute(
            select(Thread.id, Item.id)
            .join(Item, Item.thread_id == Thread.id)
            .where(Thread.channel == Channel.FB_COMMENT, Item.direction == Direction.OUTBOUND)
            .order_by(Item.id)
        )
    ]
    return Targets(
        comments,
        open_threads(Channel.FB_MESSAGE),
        open_threads(Channel.ZALO_MESSAGE),
        page_replies,
    )


async def _prepare(
    sim: SimulatorThread, config: Config, db: Database, creds: CredentialStore
) -> None:
    """Sync the world into the store, then queue ``ACTIONS`` actions in random threads."""
    rng = random.Random(20261129)
    control = sim.control
    for account in control.manifest()["accounts"]:
        unit = account["unit_code"]
        for n in range(3):  # fresh conversations: their messaging windows are open
            if account["platform"] == "facebook":
                control.add_message(unit, text=f"Cho em hỏi việc {n}", new_thread=True)
            else:
                control.add_zalo_message(unit, text=f"cho em hoi viec {n}", new_user=True)
    async with httpx.AsyncClient() as client:
        services = build_platform_services(
            config, db, client, creds, clock=lambda: sim_datetime(sim)
        )
        summary = await services.sync.sync_once()
        assert summary.ok, [(o.name, o.detail) for o in summary.outcomes if not o.ok]
        targets = db.read_blocking(lambda s: _targets(s, sim_datetime(sim)))
        assert len(targets.comments) >= 30 and targets.messenger and targets.zalo, targets
        assert targets.page_replies, targets
        moderated = targets.comments[:12]  # hidden and unhidden, and replied to as well
        sender = services.outbox
        for i in range(ACTIONS):
            # unique texts: the write log tells how often each action was applied
            text = f"[{i:03d}] Công an đã tiếp nhận phản ánh, cảm ơn bạn ({rng.random():.6f})"
            roll = rng.random()
            if roll < 0.45:
                await sender.queue(OutboxKind.PUBLIC_REPLY, rng.choice(targets.comments), text=text)
            elif roll < 0.66:
                await sender.queue(
                    OutboxKind.MESSAGE_REPLY, rng.choice(targets.messenger), text=text
                )
            elif roll < 0.83:
                await sender.queue(OutboxKind.MESSAGE_REPLY, rng.choice(targets.zalo), text=text)
            elif roll < 0.98:
                kind = rng.choice((OutboxKind.HIDE, OutboxKind.UNHIDE))
                await sender.queue(kind, rng.choice(moderated))
            else:  # refused for good: a Page cannot hide its own comment
                thread_id, item_id = rng.choice(targets.page_replies)
                await sender.queue(OutboxKind.HIDE, thread_id, item_id=item_id)


def _rows(db: Database) -> list[OutboxRow]:
    return db.read_blocking(lambda s: outbox.list_actions(s, limit=10 * ACTIONS))


def _settled(rows: list[OutboxRow]) -> bool:
    """Nothing left for the sender: no action sending, unknown with a check to come, or queued
    (unless it waits behind an action of its thread that is left for the officer)."""
    parked = {
        r.thread_id for r in rows if r.state is OutboxState.UNKNOWN and r.next_attempt_at is None
    }
    for r in rows:
        if r.state is OutboxState.SENDING:
            return False
        if r.state is OutboxState.UNKNOWN and r.next_attempt_at is not None:
            return False
        if r.state is OutboxState.QUEUED and r.thread_id not in parked:
            return False
    return True


def _write_text(payload: dict[str, Any]) -> str | None:
    message = payload.get("message")
    if isinstance(message, dict):  # Zalo: {"message": {"text": ...}}
        text = message.get("text")
        return text if isinstance(text, str) else None
    if isinstance(message, str):  # a public reply
        return message
    text = payload.get("text")  # the Send API
    return text if isinstance(text, str) else None


def _applied_texts(sim: SimulatorThread) -> dict[str | None, list[str]]:
    """Per text, the ids the platform created for it (one per applied write)."""
    created: dict[str | None, list[str]] = {}
    for w in sim.control.writes(status="applied"):
        if w.action in TEXT_ACTIONS:
            new_id = w.result.get("id") or w.result.get("message_id")
            created.setdefault(_write_text(w.payload), []).append(str(new_id))
    return created


def _run_sender(
    sim: SimulatorThread, env: dict[str, str], log: Path, kill_after: float | None
) -> bool:
    """One life of the sender; True if it was SIGKILLed, ``kill_after`` seconds after it was
    ready to run (None: it runs until nothing is due)."""
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, str(SENDER), repr(sim.control.now())],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        assert proc.stdout is not None
        with selectors.DefaultSelector() as waiting:
            waiting.register(proc.stdout, selectors.EVENT_READ)
            assert waiting.select(timeout=60.0), "the sender did not start"
        assert proc.stdout.readline().strip() == "ready", log.read_text(encoding="utf-8")
        deadline = time.monotonic() + (60.0 if kill_after is None else kill_after)
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)  # no cleanup, no finally blocks
        proc.wait()
        proc.stdout.close()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert killed or proc.returncode == 0, text[-4000:]
    assert "Traceback" not in text and "ERROR" not in text, text[-4000:]
    return killed


def _check(
    rows: list[OutboxRow], created: dict[str | None, list[str]], store_texts: Counter[str]
) -> list[str]:
    problems: list[str] = []
    for r in rows:
        if r.kind not in {OutboxKind.PUBLIC_REPLY, OutboxKind.MESSAGE_REPLY}:
            continue
        text = r.payload["message"]
        ids = created.get(text, [])
        if len(ids) > 1:
            problems.append(f"action {r.id} ({r.state.value}) applied {len(ids)} times: {text}")
        if r.state is OutboxState.SENT:
            if len(ids) != 1:
                problems.append(f"action {r.id} is sent but was applied {len(ids)} times")
            elif r.result_external_id != ids[0]:
                problems.append(f"action {r.id}: result {r.result_external_id}, created {ids}")
            if store_texts[text] != 1:
                problems.append(f"action {r.id} is sent but {store_texts[text]}× in the store")
        if r.state is OutboxState.FAILED and ids:
            problems.append(f"action {r.id} failed ({r.last_error}) but was applied")
    return problems


def _check_moderation(
    sim: SimulatorThread, db: Database, rows: list[OutboxRow]
) -> tuple[int, list[str]]:
    """Hides/unhides are idempotent: where every action on a comment is sent, the platform and
    the store show what the last one asked for; where every one failed, none was applied."""
    by_comment: dict[str, list[OutboxRow]] = {}
    for r in rows:
        if r.kind in {OutboxKind.HIDE, OutboxKind.UNHIDE}:
            by_comment.setdefault(r.payload["comment_id"], []).append(r)
    applied = Counter(
        w.target
        for w in sim.control.writes(status="applied")
        if w.action in {"fb.comment.hide", "fb.comment.unhide"}
    )
    problems: list[str] = []
    checked = 0
    core = sim.control.core
    for comment_id, actions in by_comment.items():
        if all(a.state is OutboxState.FAILED for a in actions):
            if applied[comment_id]:
                problems.append(f"{comment_id}: failed, but applied {applied[comment_id]} times")
            checked += 1
            continue
        if any(a.state is not OutboxState.SENT for a in actions):
            continue
        want = actions[-1].kind is OutboxKind.HIDE
        with core.lock:
            on_platform = core.world.comment(comment_id).is_hidden
        in_store = db.read_blocking(
            lambda s, c=comment_id: s.execute(
                select(Item.is_hidden).where(Item.external_id == c)
            ).scalar_one()
        )
        if on_platform != want or in_store != want:
            problems.append(f"{comment_id}: hidden {on_platform} / store {in_store}, want {want}")
        checked += 1
    return checked, problems


def test_500_actions_faults_and_kills_no_duplicates(
    sim: SimulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.monotonic()
    urls = sim.urls
    assert urls is not None
    env = {
        **os.environ,
        "DUTYDESK_HOME": str(tmp_path / "home"),
        "DUTYDESK_GRAPH_URL": urls.graph,
        "DUTYDESK_ZALO_URL": urls.zalo,
        "DUTYDESK_ZALO_OAUTH_URL": urls.zalo_oauth,
        "DUTYDESK_ALLOW_INSECURE_KEYRING": "1",
        # never an OS keyring in the child: the plain-text file the parent filled
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT),
    }
    for key, value in env.items():
        if key.startswith("DUTYDESK_"):
            monkeypatch.setenv(key, value)
    config = load_config()
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    db.open()
    try:
        creds = credential_store(config)
        import_accounts(db, creds, from_manifest(sim.control.manifest()["accounts"]))
        asyncio.run(_prepare(sim, config, db, creds))
        assert len(_rows(db)) == ACTIONS

        control = sim.control
        for kind, surface, method, probability, extra in FAULTS:
            control.add_fault(
                kind=kind,
                surface=surface,
                method=method,
                count=None,
                probability=probability,
                **extra,
            )
        rng = random.Random(7)
        kills = mid_send_kills = rounds = 0
        while not _settled(_rows(db)):  # every action meets the faults
            rounds += 1
            assert rounds <= MAX_ROUNDS, Counter(r.state.value for r in _rows(db))
            life = rng.uniform(0.0, 1.0) if kills < KILLS else None  # recover() included
            if _run_sender(sim, env, tmp_path / f"sender-{rounds:02d}.log", life):
                kills += 1
                mid_send_kills += any(r.state is OutboxState.SENDING for r in _rows(db))
            control.advance_clock(ROUND_ADVANCE_S)  # retries and re-checks come due
        before_calm = Counter(r.state.value for r in _rows(db))
        injected: Counter[str] = Counter()
        for rule in control.faults():
            injected[rule.kind] += rule.hits
        control.clear_faults()  # the last lives run undisturbed: every check can succeed
        while not _settled(_rows(db)):
            rounds += 1
            assert rounds <= MAX_ROUNDS, Counter(r.state.value for r in _rows(db))
            _run_sender(sim, env, tmp_path / f"sender-{rounds:02d}.log", None)
            control.advance_clock(ROUND_ADVANCE_S)

        rows = _rows(db)
        created = _applied_texts(sim)
        store_texts = Counter(
            db.read_blocking(
                lambda s: list(
                    s.execute(
                        select(Item.text).where(Item.direction == Direction.OUTBOUND)
                    ).scalars()
                )
            )
        )
        problems = _check(rows, created, store_texts)
        checked, moderation_problems = _check_moderation(sim, db, rows)
        states = Counter(r.state.value for r in rows)
        duplicates = sum(1 for ids in created.values() if len(ids) > 1)
        print(
            f"\noutbox drill: {len(rows)} actions; final states {dict(states)} (when the faults "
            f"stopped: {dict(before_calm)}); {kills} kills ({mid_send_kills} with an action in "
            f"'sending'), {rounds} sender lives; faults injected {dict(injected)}; "
            f"{sum(len(v) for v in created.values())} text "
            f"writes applied, {duplicates} duplicated; {checked} moderated comments checked; "
            f"{time.monotonic() - started:.1f} s"
        )
        for r in rows:
            if r.state in {OutboxState.UNKNOWN, OutboxState.FAILED}:
                print(f"  {r.state.value} #{r.id} {r.kind.value}: {r.last_error}")
        assert not problems + moderation_problems, "\n".join((problems + moderation_problems)[:50])
        assert kills >= KILLS and mid_send_kills >= 2
        assert states[OutboxState.SENT.value] >= ACTIONS * 0.9, states
    finally:
        db.close()


# -- the cases the drill found, one action each ---------------------------------------------------


async def _comment_thread(rig: Rig) -> int:
    summary = await rig.services.sync.sync_once()
    assert summary.ok
    return rig.db.read_blocking(lambda s: _targets(s, sim_datetime(rig.sim)).comments[0])


def _reply_writes(sim: SimulatorThread, text: str) -> int:
    return sum(
        1 for w in sim.control.writes(action="fb.comment.reply") if _write_text(w.payload) == text
    )


async def _wait_for_state(db: Database, action_id: int, state: OutboxState) -> None:
    for _ in range(500):
        if db.read_blocking(lambda s: outbox.get(s, action_id)).state is state:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"action {action_id} never became {state.value}")


@pytest.mark.asyncio
async def test_a_crash_during_the_platform_check_leaves_the_action_checkable(
    sim: SimulatorThread, tmp_path: Path
) -> None:
    """The write was applied, the connection dropped, and the app died while it was reading
    back: after the restart the action is checked again automatically (found: sent once),
    instead of waiting for an officer with every later action of its thread."""
    async with in_process(sim, tmp_path) as rig:
        thread_id = await _comment_thread(rig)
        control = sim.control
        control.add_fault(kind="drop_after", surface="graph", method="POST", path="*/comments")
        control.add_fault(
            kind="timeout", surface="graph", method="GET", path="*/comments", delay_s=5.0
        )
        service = rig.services.outbox
        service.check_delay_s = 0.0  # read back at once: the crash must hit the check
        text = "Đã chuyển công an phường xử lý"
        row = await service.queue(OutboxKind.PUBLIC_REPLY, thread_id, text=text)
        later = await service.queue(OutboxKind.PUBLIC_REPLY, thread_id, text="Cảm ơn bạn")
        await service.send_next()  # the answer is lost: unknown, to be checked
        await _wait_for_state(rig.db, row.id, OutboxState.UNKNOWN)
        step = asyncio.ensure_future(service.send_next())  # the check, which will hang
        for _ in range(500):  # until the check's request hangs on the simulator
            if not any(rule.kind == "timeout" for rule in control.faults()):
                break
            await asyncio.sleep(0.01)
        step.cancel()  # the process dies
        await asyncio.gather(step, return_exceptions=True)

        services = rig.services
        restarted = OutboxService(
            rig.db,
            services.graph,
            services.zalo,
            services.credentials,
            services.zalo_tokens,
            clock=lambda: sim_datetime(sim),
        )
        await restarted.recover()
        while await restarted.send_next() is not None:
            pass
        states = [
            rig.db.read_blocking(lambda s, a=a: outbox.get(s, a)).state for a in (row.id, later.id)
        ]
        assert states == [OutboxState.SENT, OutboxState.SENT]
        assert _reply_writes(sim, text) == 1


@pytest.mark.asyncio
async def test_an_empty_page_during_the_check_does_not_send_twice(
    sim: SimulatorThread, tmp_path: Path
) -> None:
    async with in_process(sim, tmp_path) as rig:
        thread_id = await _comment_thread(rig)
        control = sim.control
        control.add_fault(kind="drop_after", surface="graph", method="POST", path="*/comments")
        control.add_fault(kind="empty_page", surface="graph", method="GET", path="*/comments")
        text = "Chỉ gửi một lần"
        await rig.services.outbox.queue(OutboxKind.PUBLIC_REPLY, thread_id, text=text)
        for _ in range(5):
            await rig.services.outbox.send_next()
            control.advance_clock(ROUND_ADVANCE_S)
        assert _reply_writes(sim, text) == 1


@pytest.mark.asyncio
async def test_a_write_applied_after_the_client_timed_out_is_not_sent_twice(
    sim: SimulatorThread, tmp_path: Path
) -> None:
    async with in_process(sim, tmp_path, http_timeout=0.3) as rig:
        thread_id = await _comment_thread(rig)
        control = sim.control
        control.add_fault(
            kind="delay", surface="graph", method="POST", path="*/comments", delay_s=1.0
        )
        text = "Chậm nhưng đã nhận"
        await rig.services.outbox.queue(OutboxKind.PUBLIC_REPLY, thread_id, text=text)
        for _ in range(5):
            await rig.services.outbox.send_next()
            await asyncio.sleep(1.0)  # the slow write lands meanwhile
            control.advance_clock(ROUND_ADVANCE_S)
        assert _reply_writes(sim, text) == 1


@pytest.mark.asyncio
async def test_a_reply_under_a_deleted_comment_is_not_checked_for_ever(
    sim: SimulatorThread, tmp_path: Path
) -> None:
    async with in_process(sim, tmp_path) as rig:
        thread_id = await _comment_thread(rig)
        root = rig.db.read_blocking(lambda s: s.get(Thread, thread_id).external_id)
        row = await rig.services.outbox.queue(OutboxKind.PUBLIC_REPLY, thread_id, text="Đã nhận")
        sim.control.platform_delete(root)  # the citizen deleted the comment meanwhile
        sim.control.add_fault(kind="drop_after", surface="graph", method="POST", path="*/comments")
        for _ in range(8):
            await rig.services.outbox.send_next()
            sim.control.advance_clock(ROUND_ADVANCE_S)
        done = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
        assert _reply_writes(sim, "Đã nhận") == 0
        # settled: failed, or left for the officer (unknown without a next check)
        assert done.state is OutboxState.FAILED or done.next_attempt_at is None, done
