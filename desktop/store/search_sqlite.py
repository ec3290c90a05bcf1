"""Full-text search on SQLite FTS5 — the only module with SQLite-specific SQL.

One FTS5 document per thread (rowid = ``threads.id``): the folded text of its items and authors.
Folding happens in Python (``desktop.text.folding``) because SQLite 3.40's tokenizer leaves ``đ``
alone. Queries are folded the same way and every term is quoted, so no user input is FTS syntax.

Two plans, chosen per query: a rare query collects its (few) matching thread ids from the index
first and sorts them; a common query walks threads in inbox order and probes a set built once
from the match, stopping at the page size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, bindparam, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement, TextClause

from desktop.store.models import Item, Thread
from desktop.text.search_terms import document_text, query_terms

FTS_TABLE = "threads_fts"
# Up to this many matches, filter by an explicit id list; beyond it, check per thread.
RARE_QUERY_LIMIT = 2000
_CHUNK = 500


def fts_match_expression(user_query: str) -> str | None:
    """The FTS5 MATCH string for what the user typed, or None when it holds no searchable word."""
    terms, prefix_last = query_terms(user_query)
    if not terms:
        return None
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    if prefix_last:
        quoted[-1] += "*"
    return " ".join(quoted)


class SqliteSearch:
    def create_schema(self, connection: Connection) -> None:
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} "
            "USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
        )

    def index_threads(
        self, session: Session, known: Mapping[int, list[str]], reread: Iterable[int]
    ) -> None:
        conn = session.connection()
        docs = [{"rowid": tid, "body": document_text(parts)} for tid, parts in known.items()]
        if docs:
            conn.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (:rowid, :body)"), docs)
        self._rebuild(session, reread)

    def _rebuild(self, session: Session, thread_ids: Iterable[int]) -> None:
        ids = sorted(set(thread_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            parts: dict[int, list[str]] = defaultdict(list)
            rows = session.execute(
                select(Item.thread_id, Item.author_name, Item.text)
                .where(Item.thread_id.in_(chunk))
                .order_by(Item.thread_id, Item.created_at, Item.id)
            )
            for thread_id, author, body in rows:
                if author:
                    parts[thread_id].append(author)
                parts[thread_id].append(body)
            conn = session.connection()
            conn.execute(
                text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": chunk},
            )
            docs = [
                {"rowid": tid, "body": document_text(parts[tid])} for tid in chunk if tid in parts
            ]
            if docs:
                conn.execute(
                    text(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (:rowid, :body)"), docs
                )

    def thread_condition(
        self, session: Session, user_query: str
    ) -> ColumnElement[bool] | TextClause | None:
        match = fts_match_expression(user_query)
        if match is None:
            return None
        conn = session.connection()
        ids = [
            row[0]
            for row in conn.execute(
                text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :n"),
                {"q": match, "n": RARE_QUERY_LIMIT + 1},
            )
        ]
        if len(ids) <= RARE_QUERY_LIMIT:
            return Thread.id.in_(ids)
        # The unary + keeps SQLite from driving the query by the (huge) match list: it walks the
        # inbox-order index and probes a set built once from the match, stopping at the page.
        return text(
            f"+threads.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q)"
        ).bindparams(fts_q=match)

    def integrity_check(self, session: Session) -> None:
        session.connection().exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('integrity-check')"
        )
