"""Alembic environment, run programmatically by ``desktop.store.migrate`` with a connection."""

from __future__ import annotations

from alembic import context

from desktop.store.migrations.env_filters import include_object
from desktop.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic CLI
    raise RuntimeError("run migrations through desktop.store.migrate, not the alembic CLI")


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,  # SQLite ALTER TABLE support for later migrations
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
