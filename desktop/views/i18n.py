"""The interface language: Vietnamese source strings, English from a Qt Linguist ``.qm``.

Every UI string is written in Vietnamese inside ``self.tr(...)`` or
``QCoreApplication.translate(context, ...)``; ``resources/i18n/dutydesk_en.ts`` holds the English
and ``scripts/translations.sh`` compiles it into ``dutydesk_en.qm`` (``scripts/setup.sh`` does so
on every machine; the ``.qm`` is not in git). Install the translator before any widget is made:
strings are translated when a widget is built, so a change of language takes effect at the next
start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.services.preferences import LANGUAGES, SOURCE_LANGUAGE

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
CATALOGUE = "dutydesk"  # dutydesk_<language>.qm

_installed: QTranslator | None = None


def catalogue_path(language: str, directory: Path | None = None) -> Path:
    return (directory or I18N_DIR) / f"{CATALOGUE}_{language}.qm"


def install_translator(
    app: QCoreApplication, language: str, directory: Path | None = None
) -> QTranslator | None:
    """Translate the interface into ``language`` (replacing a previous DutyDesk translator).

    Vietnamese needs no translator of ours, only one for Qt's own strings (dialog buttons, the
    text fields' context menu: ``qt_vi.qm``). A missing or unreadable catalogue is logged and
    leaves the interface in Vietnamese rather than stopping the workstation."""
    global _installed  # noqa: PLW0603 - one interface language per application
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed.deleteLater()
        _installed = None
    if language == SOURCE_LANGUAGE:
        qt_strings = QTranslator(app)
        if qt_strings.load(str((directory or I18N_DIR) / "qt_vi.qm")):
            app.installTranslator(qt_strings)
            _installed = qt_strings
            return qt_strings
        log.warning("Qt's own strings stay in English: qt_vi.qm is missing")
        return None
    if language not in LANGUAGES:
        log.warning("unknown interface language %r; the interface stays in Vietnamese", language)
        return None
    path = catalogue_path(language, directory)
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning(
            "no %s translation at %s (run scripts/translations.sh); the interface stays in "
            "Vietnamese",
            language,
            path,
        )
        return None
    app.installTranslator(translator)
    _installed = translator
    return translator
