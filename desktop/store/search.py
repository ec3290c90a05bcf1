"""What the store needs from a full-text search backend, whatever the database.

``search_sqlite`` implements it with FTS5; a PostgreSQL deployment would add its own module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from sqlalchemy import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement, TextClause


class SearchBackend(Protocol):
    def create_schema(self, connection: Connection) -> None:
        """Create the search index objects (called from a migration)."""

    def index_threads(
        self, session: Session, known: Mapping[int, list[str]], reread: Iterable[int]
    ) -> None:
        """Index new threads whose texts are ``known``; rebuild ``reread`` ones from their items."""

    def thread_condition(
        self, session: Session, user_query: str
    ) -> ColumnElement[bool] | TextClause | None:
        """A condition on ``threads`` keeping those that match; None means no text filter."""
