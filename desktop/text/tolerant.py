"""Match Vietnamese phrases the way people type them, without losing what the marks say.

``tolerant("cá độ")`` builds a regex that accepts ``cá độ``, ``ca do`` (no marks), ``cá đô``
(tone left out), ``cá đổ``/``cá đỗ`` confusions of hỏi and ngã, ``ká độ``/``c4 d0`` (teencode and
digits for letters), ``c.á đ.ộ``/``cado`` (separators or none) and ``cáaa độ`` (stretched
letters) — but not ``cả đó``: a mark that is *there* must be the right one. Folding both sides to
plain letters would match ``tất cả đó`` as "cá độ".

Patterns run on ``prepare(text)``: NFKC (composed letters, full-width forms → ASCII), lower case,
zero-width characters dropped. Pure standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_HOI_NGA = {"\u0309": "\u0303", "\u0303": "\u0309"}
# Digits and symbols typed for letters, and teencode spellings of single letters.
_LOOKALIKES = {
    "a": "4@",
    "e": "3",
    "i": "1!",
    "o": "0",
    "s": "5$",
    "c": "k",
    "đ": "d",
}
_INTRA = r"[._\-*]?"  # "n.h.à c.á.i"
_BETWEEN = r"[\s._\-*/|+~]*"  # "nhà cái", "nhà_cái", "nhàcái"
_LETTER = r"[^\W\d_]"
BEFORE = rf"(?<!{_LETTER})"
AFTER = rf"(?!{_LETTER})"


def prepare(text: str) -> str:
    """The form tolerant patterns run on (offsets differ from ``text`` when it was not NFKC)."""
    return unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", text)).lower()


def _variants(ch: str) -> set[str]:
    """The spellings accepted for one letter of a phrase."""
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    marks = decomposed[1:]
    forms = {ch, "d" if ch == "đ" else base}
    untoned = "".join(m for m in marks if m not in _TONES)
    forms.add(unicodedata.normalize("NFC", base + untoned))  # "đô" for "độ"
    swapped = "".join(_HOI_NGA.get(m, m) for m in marks)
    forms.add(unicodedata.normalize("NFC", base + swapped))  # "đỗ" for "đổ"
    forms.update(_LOOKALIKES.get(base, ""))
    forms.update(_LOOKALIKES.get(ch, ""))
    return forms


def _letter_class(ch: str, following: str) -> str:
    forms = _variants(ch)
    if ch == "c" and following == "h":
        forms.discard("k")  # "ch" is never "kh"
    return "[" + "".join(sorted(re.escape(f) for f in forms)) + "]+"


def tolerant(phrase: str) -> str:
    """Regex source (no boundaries) for a lower-case accented ``phrase``."""
    words = prepare(phrase).split()
    parts = []
    for word in words:
        letters = [
            _letter_class(ch, word[i + 1 : i + 2]) if ch.isalpha() else re.escape(ch)
            for i, ch in enumerate(word)
        ]
        parts.append(_INTRA.join(letters))
    return _BETWEEN.join(parts)


def any_of(phrases: Iterable[str]) -> str:
    """Regex source (no boundaries) for any of ``phrases``, longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(tolerant(p) for p in ordered) + ")"


def compile_phrases(phrases: Iterable[str], *combined: Sequence[Iterable[str]]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases``, or a phrase of each list of a ``combined``
    sequence in order (``(["cá độ", "tài xỉu"], ["online", "uy tín"])`` for "tài xỉu online"),
    whole words only."""
    phrases = list(phrases)
    branches = [any_of(phrases)] if phrases else []
    firsts = set(phrases)
    for parts in combined:
        lists = [list(part) for part in parts]
        branches.append(_BETWEEN.join(any_of(part) for part in lists))
        firsts.update(lists[0])
    # A lookahead on the possible first characters lets the engine skip to candidate positions.
    first = sorted({f for p in firsts for f in _variants(prepare(p)[0])})
    lead = "(?=[" + "".join(re.escape(f) for f in first) + "])"
    return re.compile(lead + BEFORE + "(?:" + "|".join(branches) + ")" + AFTER)
