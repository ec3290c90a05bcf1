"""Migrations: from empty, refusing a newer schema, backing up before an upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.store.database import Database
from desktop.store.engine import create_sqlite_engine
from desktop.store.migrate import (
    MIGRATIONS_DIR,
    ForeignDatabaseError,
    SchemaTooNewError,
    alembic_config,
    head_revision,
    migrate,
)
from desktop.store.models import Base

NEXT_REVISION = '''
"""Test-only: a later schema that adds a column."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("motto", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.drop_column("motto")
'''


def _newer_scripts(tmp_path: Path) -> Path:
    scripts = tmp_path / "newer_migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test_next.py").write_text(
        NEXT_REVISION.format(head=head_revision()), encoding="utf-8"
    )
    return scripts


def test_from_empty_creates_every_table_and_the_search_index(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    db = Database(path)
    report = db.open()
    db.close()
    assert report.from_revision is None and report.backup is None
    engine = create_sqlite_engine(path, writer=False)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert "threads_fts" in tables
    assert mode == "wal" and fks == 1


def test_reopening_at_head_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Database(path).open()
    db = Database(path)
    report = db.open()
    db.close()
    assert report.from_revision == report.to_revision == head_revision()
    assert report.backup is None


def test_upgrade_backs_up_first_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    db = Database(path)
    db.open()
    db.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO units(code, name, level) VALUES ('TH', 'Công an tỉnh', 'province')"
        )
    engine = create_sqlite_engine(path, writer=True)
    cfg = alembic_config(_newer_scripts(tmp_path))
    report = migrate(engine, path, tmp_path / "backups", cfg)
    engine.dispose()
    assert report.from_revision == head_revision() and report.to_revision == "9999"
    assert report.backup is not None and report.backup.exists()
    with sqlite3.connect(report.backup) as conn:  # the backup is the old schema, with the data
        cols = [r[1] for r in conn.execute("PRAGMA table_info(units)")]
        assert "motto" not in cols
        assert conn.execute("SELECT name FROM units").fetchone() == ("Công an tỉnh",)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name, motto FROM units").fetchone() == ("Công an tỉnh", None)


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    engine = create_sqlite_engine(path, writer=True)
    migrate(engine, path, tmp_path / "b", alembic_config(_newer_scripts(tmp_path)))
    engine.dispose()
    before = path.read_bytes()
    db = Database(path)
    with pytest.raises(SchemaTooNewError, match="newer DutyDesk"):
        db.open()
    db.close()
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes(x)")
    db = Database(path)
    with pytest.raises(ForeignDatabaseError, match="not a DutyDesk store"):
        db.open()
    db.close()


def test_migrations_match_the_models(tmp_path: Path) -> None:
    """Autogenerate against a migrated store finds nothing to do: no model change lacks a script."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desktop.store.migrations.env_filters import include_object

    path = tmp_path / "s.sqlite3"
    Database(path).open()
    engine = create_sqlite_engine(path, writer=False)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"render_as_batch": True, "include_object": include_object}
        )
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == []


def test_a_populated_store_upgrades_from_the_first_schema(tmp_path: Path) -> None:
    """Rows pointing at a table the upgrade rebuilds (threads ← items) must not stop it."""
    from alembic import command
    from alembic.migration import MigrationContext

    from desktop.store.ingest import ingest_items
    from tests.factories import comment, message, setup_accounts

    path = tmp_path / "s.sqlite3"
    db = Database(path)
    db.open()
    setup_accounts(db)
    items = [comment("Có trộm ở chợ", minutes=1), message("Em bị lừa", thread="t_x", minutes=2)]
    db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    db.close()
    # take it back to the first schema (foreign keys off, as the upgrade itself does)
    engine = create_sqlite_engine(path, writer=True)
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        conn.commit()
        assert MigrationContext.configure(conn).get_current_revision() == "0001"
        conn.rollback()
    engine.dispose()

    db = Database(path, backup_dir=tmp_path / "backups")
    report = db.open()
    try:
        assert report.from_revision == "0001" and report.to_revision == head_revision()
        assert report.backup is not None and report.backup.exists()
        texts = db.read_blocking(
            lambda s: sorted(t for (t,) in s.execute(text("SELECT text FROM items")))
        )
        assert texts == ["Có trộm ở chợ", "Em bị lừa"]
    finally:
        db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
