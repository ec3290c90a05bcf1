"""The local store: SQLAlchemy models, migrations, the single-writer executor and queries.

Portable SQL only, except in ``desktop.store.search_sqlite`` (FTS5) and the connection
pragmas in ``desktop.store.engine``.
"""
