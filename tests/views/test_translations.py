"""The English translation: complete, consistent with its Vietnamese sources, up to date with the
code, and loaded by ``install_translator`` (the .ts is read and compiled to a temporary .qm; the
repository's files are never regenerated here)."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.views.i18n import I18N_DIR, catalogue_path, install_translator

ROOT = Path(__file__).resolve().parents[2]
TS = I18N_DIR / "dutydesk_en.ts"
BIN = Path(sys.executable).parent
GONE = {"vanished", "obsolete"}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
BANNER = (
    "CHỈ XỬ LÝ THÔNG TIN KHÔNG MẬT — không lưu, không nhập bí mật nhà nước "
    "trên máy kết nối Internet"
)


def messages(ts: Path) -> Iterator[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) of every message still used by the sources."""
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: {message.findtext('source')!r}"
            if translation.get("type") not in GONE:
                yield name, message.findtext("source") or "", translation


@pytest.fixture
def qm(tmp_path: Path) -> Path:
    """The .ts compiled into a temporary folder, as scripts/translations.sh compiles it."""
    out = tmp_path / "dutydesk_en.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    return tmp_path


@pytest.fixture
def app() -> Iterator[QApplication]:
    application = QApplication.instance() or QApplication([])
    assert isinstance(application, QApplication)
    yield application
    install_translator(application, "vi")  # leave the next test in Vietnamese


def test_every_string_has_an_english_translation() -> None:
    found = list(messages(TS))
    assert len(found) > 100
    open_ones = [
        (context, source)
        for context, source, translation in found
        if translation.get("type") == "unfinished" or not (translation.text or "").strip()
    ]
    assert open_ones == [], "translate these in resources/i18n/dutydesk_en.ts"


def test_translations_keep_placeholders_spacing_and_accelerators() -> None:
    for context, source, translation in messages(TS):
        text = translation.text or ""
        where = f"{context}: {source!r} → {text!r}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        assert (text[:1] == " ") == (source[:1] == " "), where
        assert (text[-1:] == " ") == (source[-1:] == " "), where
        assert text.count("&") == source.count("&"), where


def test_the_ts_holds_exactly_the_strings_of_the_sources(tmp_path: Path) -> None:
    """Fails when tr() strings were added or changed without running scripts/translations.sh."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "translations.sh"), "extract", str(fresh)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    wanted = {(c, s) for c, s, _ in messages(fresh)}
    have = {(c, s) for c, s, _ in messages(TS)}
    assert wanted - have == set(), "new strings: run scripts/translations.sh and translate them"
    assert have - wanted == set(), "strings no source uses: run scripts/translations.sh"
    # The strings lupdate cannot see by itself are there: a `_t` wrapper's and an f-string's.
    assert ("labels", "Tin báo tội phạm") in wanted


def test_english_is_installed_from_the_catalogue(app: QApplication, qm: Path) -> None:
    from desktop.views.main_window import ClassificationBanner

    assert install_translator(app, "en", qm) is not None
    assert QCoreApplication.translate("ClassificationBanner", BANNER) == (
        "UNCLASSIFIED INFORMATION ONLY — never store or enter state secrets on a computer "
        "connected to the Internet"
    )
    assert ClassificationBanner().text().startswith("UNCLASSIFIED INFORMATION ONLY")
    assert QCoreApplication.translate("labels", "Tin báo tội phạm") == "Crime tip"
    assert QCoreApplication.translate("SettingsDialog", "Cài đặt") == "Settings"

    install_translator(app, "vi")  # back to the source language
    assert QCoreApplication.translate("ClassificationBanner", BANNER) == BANNER


def test_vietnamese_translates_qts_own_buttons(app: QApplication) -> None:
    """PySide6 ships no Vietnamese for Qt itself: qt_vi.qm names the standard buttons."""
    from PySide6.QtWidgets import QDialogButtonBox

    assert install_translator(app, "vi") is not None
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    button = box.button(QDialogButtonBox.StandardButton.Close)
    assert button is not None and button.text() == "Đóng"
    assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Chép"


def test_the_generated_catalogue_is_in_place(app: QApplication) -> None:
    """scripts/setup.sh compiles the .qm the application loads (it is not in git)."""
    assert catalogue_path("en").is_file(), "run scripts/translations.sh release"
    assert install_translator(app, "en") is not None
    assert QCoreApplication.translate("SettingsDialog", "Cài đặt") == "Settings"


def test_a_missing_or_unknown_language_leaves_vietnamese(
    app: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="desktop.views.i18n"):
        assert install_translator(app, "en", tmp_path) is None
        assert install_translator(app, "fr") is None
    assert "scripts/translations.sh" in caplog.text and "'fr'" in caplog.text
    assert QCoreApplication.translate("ClassificationBanner", BANNER) == BANNER


def test_the_extractor_finds_what_lupdate_cannot(tmp_path: Path) -> None:
    sys.path.insert(0, str(I18N_DIR))
    try:
        from wrapped_strings import extract
    finally:
        sys.path.remove(str(I18N_DIR))
    source = tmp_path / "sample.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _t(text):\n"
        "    return QCoreApplication.translate('lbl', text)\n"
        "A = _t('Mới')\n"
        "B = _t(A)\n"
        "class Pane:\n"
        "    def f(self, x):\n"
        "        return f\"{self.tr('(không rõ)')} — {x}\" + self.tr('Đóng') + self.tr(x)\n",
        encoding="utf-8",
    )
    pairs, warnings = extract([str(tmp_path)])
    # self.tr('Đóng') outside an f-string is lupdate's own business.
    assert pairs == [("lbl", "Mới"), ("Pane", "(không rõ)")]
    assert [w.split(":")[1] for w in warnings] == ["5", "8"]
