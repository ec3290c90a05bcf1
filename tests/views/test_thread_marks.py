"""Marks in the thread pane: offensive words (wavy underline on a light background), personal
data (orange background), both where they overlap; positions right after emoji; the legend and
tooltips in fixed wording; the text itself unchanged and plain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.classify.classifier import Classifier
from desktop.composition import offensive_words_with
from desktop.domain.enums import Direction, ItemKind
from desktop.services.cases import CaseService, OffensiveFinding, PiiFinding
from desktop.services.demo_roster import ensure_demo_officers
from desktop.services.outbox import OutboxService
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Thread
from desktop.store.threads import ItemView
from desktop.views.case_panel import CasePanel
from desktop.views.thread_pane import (
    OFFENSIVE_BACKGROUND,
    OFFENSIVE_UNDERLINE_STYLE,
    PII_BACKGROUND,
    ThreadPane,
)
from tests.factories import T0, comment, setup_accounts
from tests.views.helpers import emitted

EMOJI = "👮\u200d♂️😡 thằng này ngu như chó"
EMAIL = "gửi vào nguvl@gmail.com đi"
NONE = QTextCharFormat.UnderlineStyle.NoUnderline


def _item(item_id: int, text: str, direction: Direction = Direction.INBOUND) -> ItemView:
    return ItemView("Nguyễn Văn A", direction, ItemKind.COMMENT, text, T0, False, False, item_id)


def _word(item_id: int, text: str, word: str) -> OffensiveFinding:
    start = text.index(word)
    return OffensiveFinding(item_id, start, start + len(word), 0.9)


def _format_at(doc: QTextDocument, needle: str, offset: int = 0) -> QTextCharFormat:
    """The character format of ``needle``'s character ``offset`` (Qt positions: UTF-16)."""
    found = doc.find(needle)
    assert not found.isNull(), needle
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + offset + 1)
    return cursor.charFormat()


def _offensive(fmt: QTextCharFormat) -> bool:
    return fmt.underlineStyle() == OFFENSIVE_UNDERLINE_STYLE


def test_offensive_words_personal_data_and_both(qtbot: QtBot) -> None:
    pane = ThreadPane()
    qtbot.addWidget(pane)
    pii_start = EMAIL.index("nguvl")
    pii = [PiiFinding(2, "email", pii_start, pii_start + len("nguvl@gmail.com"), "nguvl@gmail.com")]
    words = [_word(1, EMOJI, "ngu"), _word(1, EMOJI, "chó"), _word(2, EMAIL, "nguvl")]
    pane.show_items(7, [_item(1, EMOJI), _item(2, EMAIL)], pii=pii, offensive=words)
    doc = pane.text.document()
    assert EMOJI in doc.toPlainText() and EMAIL in doc.toPlainText()  # the text as written

    # After the emoji (8 UTF-16 units, 5 code points) the mark sits on "ngu", not 3 units early.
    ngu = _format_at(doc, " ngu ", 1)
    assert _offensive(ngu) and ngu.background().color() == OFFENSIVE_BACKGROUND
    for clean in (" này ", "thằng"):  # a clean word of the same comment
        fmt = _format_at(doc, clean, 1)
        assert fmt.underlineStyle() == NONE and fmt.background().color() != OFFENSIVE_BACKGROUND
    assert _format_at(doc, " ngu ", 0).underlineStyle() == NONE  # the space before it
    assert _offensive(_format_at(doc, "chó"))

    # Overlap: the personal-data background wins, the offensive underline stays.
    both = _format_at(doc, "nguvl")
    assert _offensive(both) and both.background().color() == PII_BACKGROUND
    only_pii = _format_at(doc, "@gmail")
    assert only_pii.background().color() == PII_BACKGROUND and only_pii.underlineStyle() == NONE
    assert _format_at(doc, " đi").underlineStyle() == NONE

    # Legend and tooltips: fixed wording, no citizen text, nothing Qt could take for markup.
    assert pane.legend.isVisibleTo(pane)
    legend = pane.legend.text()
    assert "từ ngữ xúc phạm (3;" in legend and "dữ liệu cá nhân" in legend
    tips = {ngu.toolTip(), both.toolTip(), only_pii.toolTip()}
    assert len(tips) == 3
    for text in (legend, *tips):
        assert text and "<" not in text
        assert not any(w in text for w in ("ngu ", "nguvl", "chó", "gmail", "thằng"))


def test_masked_findings_and_spans_outside_the_text_mark_nothing(qtbot: QtBot) -> None:
    pane = ThreadPane()
    qtbot.addWidget(pane)
    masked = "số [SĐT 09•• ••• •••] nhé"
    pii = [PiiFinding(1, "phone", -1, -1, "[SĐT 09•• ••• •••]")]  # as a masked detail holds
    words = [OffensiveFinding(1, 3, len(masked) + 4, 0.9), OffensiveFinding(9, 0, 2, 0.9)]
    pane.show_items(7, [_item(1, masked)], pii=pii, offensive=words)
    doc = pane.text.document()
    assert masked in doc.toPlainText()
    for needle in ("số", "SĐT", "nhé"):
        fmt = _format_at(doc, needle)
        assert fmt.underlineStyle() == NONE
        assert fmt.background().color() not in (PII_BACKGROUND, OFFENSIVE_BACKGROUND)
    assert not pane.legend.isVisibleTo(pane)


@pytest.mark.asyncio
async def test_the_case_panel_shows_the_models_marks(db: Database, qtbot: QtBot) -> None:
    setup_accounts(db)
    root = comment("Cho hỏi làm căn cước ở đâu ạ", minutes=0)
    reply = comment(EMOJI, thread=root.external_id, minutes=5)
    db.write_blocking(lambda s: ingest_items(s, items=[root, reply], search=db.search))
    officer = db.write_blocking(ensure_demo_officers)
    clock = lambda: T0 + timedelta(hours=1)  # noqa: E731
    outbox = OutboxService(db, None, None, None, None, clock)  # type: ignore[arg-type]
    words = offensive_words_with(Classifier.load())
    service = CaseService(db, outbox, clock, officer_id=officer, offensive=words)
    thread_id = db.read_blocking(
        lambda s: s.execute(
            select(Thread.id).where(Thread.external_id == root.external_id)
        ).scalar_one()
    )
    panel = CasePanel(service, clock)
    qtbot.addWidget(panel)
    panel.show()
    async with emitted(panel.case_loaded):
        panel.show_case(thread_id)
    assert panel.detail is not None and panel.detail.offensive
    doc = panel.thread_pane.text.document()
    assert _offensive(_format_at(doc, " ngu ", 1))
    assert not _offensive(_format_at(doc, "căn cước"))  # the clean comment
    assert panel.thread_pane.legend.isVisibleTo(panel)
