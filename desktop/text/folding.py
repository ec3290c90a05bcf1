"""Fold Vietnamese text to a diacritic-free, lower-case form for search.

SQLite 3.40's ``unicode61 remove_diacritics 2`` does not fold ``đ`` to ``d`` (it is a letter of
its own, not ``d`` plus a mark), so folding happens here, in Python, both for the indexed text and
for queries. Order matters: map ``đ``/``Đ`` first, then decompose and drop combining marks.

Folding runs for every ingested item, so the common case is a single ``str.translate`` with a
table precomputed from the slow, general path; text that still holds non-ASCII characters after it
(other scripts, emoji, stray combining marks) takes the general path.
"""

from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks but keep case: ``Đường`` → ``Duong``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _slow_fold(text: str) -> str:
    return strip_diacritics(unicodedata.normalize("NFKC", text)).casefold()


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin-1, Latin Extended-A/B and Latin Extended Additional hold every Vietnamese letter.
    for cp in (*range(0x80, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        folded = _slow_fold(ch)
        if folded != ch and folded.isascii():
            table[cp] = folded
    return table


_FAST = _build_table()


def _folds_by_case_alone(text: str) -> bool:
    """True when the general path would only change case: already NFKC and NFD (so neither
    composition nor decomposition applies) and without combining marks to drop."""
    return (
        unicodedata.is_normalized("NFKC", text)
        and unicodedata.is_normalized("NFD", text)
        and not any(unicodedata.combining(ch) for ch in text if ch > "\x7f")
    )


def fold(text: str) -> str:
    """Search form: no diacritics, lower case, compatibility forms unified (full-width → ASCII)."""
    if text.isascii():
        return text.lower()
    fast = text.translate(_FAST)
    if fast.isascii():
        return fast.lower()
    if _folds_by_case_alone(fast):  # emoji and other leftovers that fold by case alone
        return fast.casefold()
    return _slow_fold(text)
