"""The settings dialog, created on first use and kept (a retrain outlives its closing)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from desktop.config import Config
from desktop.services.moderation.rules_admin import RulesAdmin
from desktop.services.preferences import PreferencesStore
from desktop.services.retraining import RetrainingService
from desktop.store.database import Database
from desktop.views.settings_dialog import SettingsActions, SettingsDialog


class SettingsOpener:
    """Opens the dialog for the signed-in officer (rule changes are checked and audited as his)."""

    def __init__(self, make: Callable[[int | None], SettingsDialog]) -> None:
        self._make = make
        self.dialog: SettingsDialog | None = None
        self.officer_id: int | None = None

    def set_officer(self, officer_id: int | None) -> None:
        if officer_id != self.officer_id:
            self.shutdown()  # another officer: a new dialog acting for him
            self.officer_id = officer_id

    def open(self) -> None:
        if self.dialog is None:
            self.dialog = self._make(self.officer_id)  # no parent: it outlives one desk
        self.dialog.open()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()
            self.dialog.deleteLater()
            self.dialog = None


def settings_opener(
    config: Config, db: Database, prefs: PreferencesStore, language: str
) -> SettingsOpener:
    def make(officer_id: int | None) -> SettingsDialog:
        saved = prefs.load()
        actions = SettingsActions(
            language=saved.language,
            running_language=language,
            save_language=lambda lang: asyncio.to_thread(prefs.set_language, lang),
            idle_lock_minutes=saved.idle_lock_minutes,
            save_idle_lock=lambda minutes: asyncio.to_thread(prefs.set_idle_lock, minutes),
            retrain=RetrainingService(db, config.paths.home).retrain,
            rules=RulesAdmin(db, officer_id=officer_id),
        )
        return SettingsDialog(actions)

    return SettingsOpener(make)
