"""The settings dialog, created on first use and kept (a retrain outlives its closing)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.config import Config
from desktop.services.moderation.rules_admin import RulesAdmin
from desktop.services.preferences import PreferencesStore
from desktop.services.retraining import RetrainingService
from desktop.store.database import Database
from desktop.views.settings_dialog import SettingsActions, SettingsDialog


class SettingsOpener:
    def __init__(self, make: Callable[[QWidget | None], SettingsDialog]) -> None:
        self._make = make
        self.dialog: SettingsDialog | None = None

    def open(self) -> None:
        if self.dialog is None:
            self.dialog = self._make(None)  # not a child of one officer's window: it outlives it
        self.dialog.open()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()
            self.dialog.deleteLater()
            self.dialog = None


def settings_opener(
    config: Config, db: Database, prefs: PreferencesStore, language: str
) -> SettingsOpener:
    def make(parent: QWidget | None) -> SettingsDialog:
        actions = SettingsActions(
            language=prefs.load().language,
            running_language=language,
            save_language=lambda lang: asyncio.to_thread(prefs.set_language, lang),
            retrain=RetrainingService(db, config.paths.home).retrain,
            rules=RulesAdmin(db),
        )
        return SettingsDialog(actions, parent)

    return SettingsOpener(make)
