"""Closed messaging windows as the officer reads them: one Vietnamese label per code (in the
reply pane and in a failed action's advice), translated to English from the catalogue."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.domain.enums import OutboxKind, OutboxState
from desktop.services.windows import WindowReason, closed_note
from desktop.store.outbox import OutboxRow
from desktop.views.case_labels import outbox_advice, window_closed_label
from desktop.views.i18n import I18N_DIR, install_translator
from tests.factories import T0

ENGLISH_WORDS = ("days", "citizen", "window", "comment", "message", "reply")


def _failed(last_error: str) -> OutboxRow:
    return OutboxRow(
        1, 1, 1, None, OutboxKind.MESSAGE_REPLY, {"message": "x"}, OutboxState.FAILED, 1,
        None, last_error, False, None, None, T0, T0, None,
    )  # fmt: skip


@pytest.fixture
def app() -> Iterator[QApplication]:
    application = QApplication.instance() or QApplication([])
    assert isinstance(application, QApplication)
    yield application
    install_translator(application, "vi")  # leave the next test in Vietnamese


def test_every_code_has_its_own_vietnamese_label(app: QApplication) -> None:
    labels = {reason: window_closed_label(reason) for reason in WindowReason}
    assert len(set(labels.values())) == len(WindowReason)
    for reason, label in labels.items():
        assert label and not label.isascii(), reason
        assert not any(w in label.lower().split() for w in ENGLISH_WORDS), (reason, label)
    assert "-230" in labels[WindowReason.ZALO_EXPIRED]


def test_a_reply_whose_window_closed_in_the_queue_is_explained_in_vietnamese(
    app: QApplication,
) -> None:
    advice = outbox_advice(_failed(closed_note(WindowReason.MESSENGER_EXPIRED)))
    assert advice.startswith("Không gửi được: Messenger: quá 7 ngày từ tin nhắn cuối")
    assert "messaging window" not in advice and "messenger_expired" not in advice
    # Other failures still show what the platform said.
    assert "(#10) outside" in outbox_advice(_failed("(#10) outside the allowed window"))


def test_the_labels_have_english(app: QApplication, tmp_path: Path) -> None:
    qm = tmp_path / "dutydesk_en.qm"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyside6-lrelease"),
            "-silent",
            str(I18N_DIR / "dutydesk_en.ts"),
            "-qm",
            str(qm),
        ],
        check=True,
        capture_output=True,
    )
    vietnamese = {reason: window_closed_label(reason) for reason in WindowReason}
    assert install_translator(app, "en", tmp_path) is not None
    for reason in WindowReason:
        english = window_closed_label(reason)
        assert english != vietnamese[reason] and "người dân" not in english, (reason, english)
    assert window_closed_label(WindowReason.ALREADY_REPLIED).startswith("This comment")
