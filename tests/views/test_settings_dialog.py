"""The settings dialog over a real temporary store: language saved to settings.json, rules
added, dry-run, disabled and replaced, recent hits, retraining through an injected trainer, and
untrusted text (rule names, comments) always shown literally."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.config import load_config
from desktop.domain.enums import ModerationCondition
from desktop.services.moderation.rules_admin import RulesAdmin
from desktop.services.preferences import PreferencesStore
from desktop.services.retraining import RetrainResult, Scores
from desktop.store import moderation as mod
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Item
from desktop.views.settings_dialog import SettingsActions, SettingsDialog
from tests.factories import PAGE2, comment, message, setup_accounts
from tests.views.helpers import emitted, wait_until

RICH = '<b>x</b><img src="http://evil/x.png"> gọi 0912 345 678'
RICH_NAME = "<h1>Quy tắc</h1><a href='http://evil'>bấm</a>"

WITH_PHONE = [
    "Ai nhặt được ví liên hệ em 0912 345 678 với ạ",
    "Bán sim đẹp LH 0385-123-456",
    "sdt: 0988.777.666 cần tìm người thân",
]
WITHOUT_PHONE = ["Xin hỏi thủ tục làm căn cước", "Cảm ơn các anh", "Giá 84.900.000đ một chiếc"]


@pytest.fixture
def store(db: Database) -> Database:
    """Six Page comments (four with a phone number, one of them rich text), one reply with a
    phone number under another Page, a hidden and a deleted one, and a private message."""
    setup_accounts(db)
    items = [comment(t, minutes=n) for n, t in enumerate(WITH_PHONE + WITHOUT_PHONE)]
    root = items[-1]
    items += [
        comment(RICH, minutes=10),
        comment("gọi 0912 000 111", thread=root.external_id, minutes=11, page=PAGE2),
        comment("ẩn 0912 000 222", minutes=12, is_hidden=True),
        comment("xoá 0912 000 333", minutes=13, is_deleted=True),
        message("nhắn riêng 0912 000 444", minutes=14),
    ]
    db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    return db


def make_dialog(qtbot: QtBot, actions: SettingsActions) -> SettingsDialog:
    dialog = SettingsDialog(actions)
    qtbot.addWidget(dialog)
    return dialog


async def _never(_language: str) -> None:
    return None


def rules_actions(db: Database) -> SettingsActions:
    return SettingsActions(language="vi", save_language=_never, rules=RulesAdmin(db))


async def open_rules(qtbot: QtBot, db: Database) -> SettingsDialog:
    dialog = make_dialog(qtbot, rules_actions(db))
    assert dialog.rules is not None
    async with emitted(dialog.rules.loaded):
        dialog.show()
    dialog.tabs.setCurrentWidget(dialog.rules)
    return dialog


@pytest.mark.asyncio
async def test_choosing_english_is_saved_and_takes_effect_after_a_restart(qtbot: QtBot) -> None:
    prefs = PreferencesStore(load_config().paths.settings_file)

    async def save(language: str) -> None:
        await asyncio.to_thread(prefs.set_language, language)

    dialog = make_dialog(qtbot, SettingsActions(language="vi", save_language=save))
    dialog.show()
    page = dialog.language
    assert page.choice.currentData() == "vi"
    async with emitted(page.saved) as saved:
        page.choice.setCurrentIndex(page.choice.findData("en"))
        page.choice.activated.emit(page.choice.currentIndex())
    assert saved == ["en"]
    assert json.loads(prefs.path.read_text(encoding="utf-8"))["language"] == "en"
    assert PreferencesStore(prefs.path).load().language == "en"
    assert "khởi động lại" in page.note.text()

    async with emitted(page.saved):  # back to the running language: no note
        page.choice.setCurrentIndex(page.choice.findData("vi"))
        page.choice.activated.emit(page.choice.currentIndex())
    assert page.note.text() == ""
    assert PreferencesStore(prefs.path).load().language == "vi"


@pytest.mark.asyncio
async def test_the_idle_lock_time_is_saved_for_the_next_sign_in(qtbot: QtBot) -> None:
    prefs = PreferencesStore(load_config().paths.settings_file)

    async def save_language(language: str) -> None:
        await asyncio.to_thread(prefs.set_language, language)

    async def save_idle(minutes: int) -> None:
        await asyncio.to_thread(prefs.set_idle_lock, minutes)

    actions = SettingsActions(
        language="vi", save_language=save_language, idle_lock_minutes=10, save_idle_lock=save_idle
    )
    dialog = make_dialog(qtbot, actions)
    dialog.show()
    page = dialog.language
    assert page.idle.value() == 10 and page.idle.isVisible()
    page.idle.setValue(75)  # beyond the bound: clamped to an hour
    assert page.idle.value() == 60
    page.idle.setValue(5)
    page.idle.editingFinished.emit()
    await wait_until(lambda: PreferencesStore(prefs.path).load().idle_lock_minutes == 5)
    await wait_until(lambda: "lần đăng nhập sau" in page.note.text())


@pytest.mark.asyncio
async def test_a_failed_save_is_shown(qtbot: QtBot) -> None:
    async def broken(_language: str) -> None:
        raise OSError("read-only folder")

    dialog = make_dialog(qtbot, SettingsActions(language="vi", save_language=broken))
    page = dialog.language
    async with emitted(page.failed):
        page.choice.setCurrentIndex(page.choice.findData("en"))
        page.choice.activated.emit(page.choice.currentIndex())
    assert "read-only folder" in page.note.text()


@pytest.mark.asyncio
async def test_add_a_phone_rule_and_dry_run_it(store: Database, qtbot: QtBot) -> None:
    dialog = await open_rules(qtbot, store)
    editor = dialog.rules
    assert editor is not None
    assert editor.table.rowCount() == 0
    assert [editor.scope.itemText(i) for i in range(editor.scope.count())] == [
        "Mọi trang",
        "CA tỉnh",
        "CA Sầm Sơn",
    ]  # Facebook Pages only: Zalo has no comments to moderate

    editor.name.setText("Số điện thoại")
    editor.condition.setCurrentIndex(editor.condition.findData(ModerationCondition.PHONE.value))
    async with emitted(editor.rule_saved) as saved:
        editor.save_button.click()
    rules = store.read_blocking(mod.list_rules)
    assert [(r.id, r.name, r.condition, r.account_id, r.enabled) for r in rules] == [
        (saved[0], "Số điện thoại", ModerationCondition.PHONE, None, True)
    ]
    assert editor.table.rowCount() == 1
    assert editor.table.item(0, 0).text() == "Số điện thoại"
    assert editor.table.item(0, 1).text() == "Mọi trang"

    async with emitted(editor.dry_run_finished):
        editor.dry_run_button.click()
    report = editor.last_report
    assert report is not None and report.complete
    # Moderatable: 8 inbound comments and replies still on the platform (the deleted one and
    # the private message are not). With a phone number: 3 + the rich one + the reply + the
    # hidden one, which is counted but would not be acted on again.
    assert (report.scanned, report.matched, report.already_hidden, report.would_act) == (
        9,
        6,
        1,
        5,
    )
    assert "9 bình luận: 6 khớp quy tắc, trong đó 5 sẽ bị xử lý" in editor.dry_run_summary.text()
    samples = editor.dry_run_samples.toPlainText()
    assert RICH in samples and "CA Sầm Sơn" in samples
    assert "Cảm ơn" not in samples
    assert store.read_blocking(lambda s: s.execute(select(Item.id)).all())  # nothing deleted

    # The same rule limited to one Page matches only there.
    editor.scope.setCurrentIndex(editor.scope.findText("CA Sầm Sơn"))
    async with emitted(editor.dry_run_finished):
        editor.dry_run_button.click()
    assert editor.last_report is not None
    assert (editor.last_report.scanned, editor.last_report.matched) == (1, 1)


@pytest.mark.asyncio
async def test_a_rule_needs_a_name(store: Database, qtbot: QtBot) -> None:
    dialog = await open_rules(qtbot, store)
    editor = dialog.rules
    assert editor is not None
    editor.save_button.click()
    editor.dry_run_button.click()
    assert "tên" in editor.status.text()
    await asyncio.sleep(0.05)
    assert store.read_blocking(mod.list_rules) == []


@pytest.mark.asyncio
async def test_a_category_rule_keeps_its_threshold(store: Database, qtbot: QtBot) -> None:
    dialog = await open_rules(qtbot, store)
    editor = dialog.rules
    assert editor is not None
    editor.name.setText("Rác")
    editor.condition.setCurrentIndex(editor.condition.findData(ModerationCondition.CATEGORY.value))
    assert editor.category.isEnabled() and editor.min_confidence.isEnabled()
    editor.min_confidence.setValue(0.8)
    async with emitted(editor.rule_saved):
        editor.save_button.click()
    (rule,) = store.read_blocking(mod.list_rules)
    assert (rule.category, rule.min_confidence) == ("spam", 0.8)
    assert editor.table.item(0, 2).text() == "Phân loại: Quảng cáo, rác, tin cậy ≥ 0.80"


@pytest.mark.asyncio
async def test_disable_and_edit_a_rule_that_fired(store: Database, qtbot: QtBot) -> None:
    draft = mod.RuleDraft("SĐT", ModerationCondition.PHONE)
    rule = store.write_blocking(lambda s: mod.create_rule(s, draft))
    rich_id = store.read_blocking(
        lambda s: s.execute(select(Item.id).where(Item.text == RICH)).scalar_one()
    )
    store.write_blocking(lambda s: mod.claim(s, rule.id, rich_id))
    dialog = await open_rules(qtbot, store)
    editor = dialog.rules
    assert editor is not None
    assert editor.hits.rowCount() == 1
    assert editor.hits.item(0, 1).text() == "SĐT"
    assert editor.hits.item(0, 2).text() == RICH  # literal, never interpreted
    assert editor.hits.item(0, 3).text() == "Chưa xếp hàng"

    editor.table.selectRow(0)
    assert editor.name.text() == "SĐT" and editor.toggle_button.isEnabled()
    async with emitted(editor.rule_saved):
        editor.toggle_button.click()
    assert not store.read_blocking(lambda s: mod.get_rule(s, rule.id)).enabled
    assert editor.table.item(0, 4).text() == "Đã tắt"

    editor.name.setText("SĐT và Zalo")
    async with emitted(editor.rule_saved) as saved:
        editor.save_button.click()
    assert saved[0] != rule.id  # it fired: replaced, the hit keeps the old definition
    assert f"#{rule.id}" in editor.status.text() and f"#{saved[0]}" in editor.status.text()
    rules = store.read_blocking(mod.list_rules)
    assert [(r.name, r.enabled) for r in rules] == [("SĐT", False), ("SĐT và Zalo", False)]
    assert editor.table.rowCount() == 2
    assert editor.selected_rule() is not None and editor.selected_rule().id == saved[0]


@pytest.mark.asyncio
async def test_untrusted_text_is_shown_literally(store: Database, qtbot: QtBot) -> None:
    dialog = await open_rules(qtbot, store)
    editor = dialog.rules
    assert editor is not None
    editor.name.setText(RICH_NAME)
    async with emitted(editor.rule_saved):
        editor.save_button.click()
    assert editor.table.item(0, 0).text() == RICH_NAME
    assert editor.table.item(0, 0).data(Qt.ItemDataRole.DisplayRole) == RICH_NAME
    assert RICH_NAME in editor.status.text()
    for label in (editor.status, editor.dry_run_summary, editor.form_title):
        assert label.textFormat() is Qt.TextFormat.PlainText
    async with emitted(editor.dry_run_finished):
        editor.dry_run_button.click()
    assert RICH in editor.dry_run_samples.toPlainText()


def _result(swapped: bool, before: Scores | None) -> RetrainResult:
    return RetrainResult(
        corrections=12,
        examples=15000,
        before=before,
        after=Scores(0.874, 0.981, 686),
        swapped=swapped,
        saved_to=Path("/tmp/model/category_model") if swapped else None,
        train_seconds=42.0,
    )


@pytest.mark.asyncio
async def test_retrain_runs_without_blocking_and_shows_the_result(qtbot: QtBot) -> None:
    release = asyncio.Event()
    calls: list[str] = []

    async def retrain() -> RetrainResult:
        calls.append("retrain")
        await release.wait()
        return _result(True, Scores(0.869, 0.977, 686))

    dialog = make_dialog(qtbot, SettingsActions("vi", _never, retrain=retrain))
    dialog.show()
    page = dialog.model_page
    page.button.click()
    await wait_until(lambda: calls == ["retrain"])
    assert not page.button.isEnabled() and "Đang huấn luyện" in page.status.text()
    page.button.click()  # a second click while training does nothing
    async with emitted(page.finished):
        release.set()
    assert calls == ["retrain"]
    assert page.button.isEnabled()
    cells = [[page.scores.item(r, c).text() for c in range(2)] for r in range(2)]
    assert cells == [["0.869", "0.874"], ["0.977", "0.981"]]
    assert "12 chỉnh sửa" in page.status.text()
    assert "được giữ lại" in page.decision.text()


@pytest.mark.asyncio
async def test_a_worse_model_is_reported_as_not_used(qtbot: QtBot) -> None:
    async def retrain() -> RetrainResult:
        return _result(False, Scores(0.9, 0.99, 686))

    dialog = make_dialog(qtbot, SettingsActions("vi", _never, retrain=retrain))
    page = dialog.model_page
    async with emitted(page.finished):
        page.button.click()
    assert "không được dùng" in page.decision.text()


@pytest.mark.asyncio
async def test_a_failed_retrain_is_shown_and_can_be_retried(qtbot: QtBot) -> None:
    async def retrain() -> RetrainResult:
        raise RuntimeError("the training process ended (exit code -9)")

    dialog = make_dialog(qtbot, SettingsActions("vi", _never, retrain=retrain))
    page = dialog.model_page
    async with emitted(page.failed):
        page.button.click()
    assert "exit code -9" in page.status.text() and page.button.isEnabled()


def test_without_retraining_or_rules_their_parts_are_off(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, SettingsActions("en", _never))
    assert dialog.rules is None and dialog.tabs.count() == 2
    assert not dialog.model_page.button.isEnabled()
    assert dialog.language.choice.currentData() == "en"
