"""Bring a store file to the code's schema: back up first, refuse a newer schema.

Run once at start-up (and by every headless command) before the store is used.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreError(RuntimeError):
    """A store problem the officer or the IT officer must act on; the message says what to do."""


class MigrationFailed(StoreError):
    """An upgrade ran but left the store inconsistent (the backup is the way back)."""


class SchemaTooNewError(StoreError):
    pass


class ForeignDatabaseError(StoreError):
    pass


@dataclass(frozen=True, slots=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    cfg.set_main_option("path_separator", "os")
    return cfg


def head_revision(cfg: Config | None = None) -> str:
    head = ScriptDirectory.from_config(cfg or alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise StoreError("no migrations are packaged with this build")
    return head


def backup_file(db_path: Path, backup_dir: Path, label: str) -> Path:
    """A consistent copy through SQLite's online backup API (safe with WAL and other readers)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{db_path.stem}-{stamp}-{label}.sqlite3"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(
    engine: Engine, db_path: Path, backup_dir: Path, cfg: Config | None = None
) -> MigrationReport:
    """Upgrade the store at ``db_path`` (through ``engine``) to the head revision."""
    cfg = cfg or alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = head_revision(cfg)
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
        conn.rollback()

    if current == head:
        return MigrationReport(current, head, None)
    if current is None and tables - {"alembic_version"}:
        raise ForeignDatabaseError(
            f"{db_path} holds tables but no DutyDesk schema version; it is not a DutyDesk store. "
            "Nothing was changed. Point DUTYDESK_HOME at another folder."
        )
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise SchemaTooNewError(
            f"The database {db_path} was written by a newer DutyDesk (schema {current}); this "
            f"version understands schemas up to {head}. Nothing was changed. Install the newer "
            "DutyDesk, or restore a backup made before the upgrade."
        )

    backup = None
    if current is not None:
        backup = backup_file(db_path, backup_dir, f"before-{head}")
        log.info("backed up the store to %s before migrating %s -> %s", backup, current, head)

    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it (batch mode) and dropping the original, which
            # foreign keys forbid while rows point at it. The pragma only works outside a
            # transaction: set it on the driver connection before anything begins.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            if sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                conn.rollback()
                if broken:
                    raise MigrationFailed(
                        f"The upgrade of {db_path} left {len(broken)} broken references "
                        f"(first: {tuple(broken[0])}). Restore the backup {backup} and report "
                        "this to the developers."
                    )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return MigrationReport(current, head, backup)
