"""Plain domain vocabulary shared by every layer: enums, records and the unit tree.

Nothing here imports Qt, SQLAlchemy or httpx.
"""
