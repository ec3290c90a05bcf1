"""Fold Vietnamese text to a diacritic-free, lower-case form for search.

SQLite 3.40's ``unicode61 remove_diacritics 2`` does not fold ``đ`` to ``d`` (it is a letter of
its own, not ``d`` plus a mark), so folding happens here, in Python, both for the indexed text and
for queries. Order matters: map ``đ``/``Đ`` first, then decompose and drop combining marks.
"""

from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks but keep case: ``Đường`` → ``Duong``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Search form: no diacritics, lower case, compatibility forms unified (full-width → ASCII)."""
    return strip_diacritics(unicodedata.normalize("NFKC", text)).casefold()
