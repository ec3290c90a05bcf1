"""Canonical words of a text, and its 64-bit SimHash (a campaign's signature).

Coordinated campaigns paste the same text with trivial changes: an emoji, another phone number,
a new link (shorteners and domains rotate as fast as link ids), capitals, marks left off.
``canonical_words`` removes exactly those: the text is folded (no marks, lower case), every link
becomes the word ``url`` and every e-mail address ``email``, every token that holds a digit (phone
numbers, amounts, codes like ``hi88`` or ``xk7q2``) is dropped, and so is everything that is not
a letter (emoji, punctuation). Copies that differ only in these ways have the same words.

Near-duplicates are found by the Jaccard similarity of the words' bigrams
(``desktop.store.minhash``). The SimHash here (Charikar's, over the set of word bigrams: each
bigram votes with its 64-bit hash, each bit is the majority) only labels a campaign with its
founding copy (``campaigns.signature``): it forgives the trivial changes above but moves 8–14 of
its 64 bits for one edited word of a 10–40-word text, which is why it no longer matches copies;
see ``docs/campaigns.md``.
"""

from __future__ import annotations

import re
import sys
from array import array
from functools import lru_cache
from hashlib import blake2b
from itertools import pairwise

from desktop.text.folding import fold

BITS = 64
# Fewer canonical words (Vietnamese: syllables) and a text gets no fingerprint. Thanks, greetings
# and exclamations ("cảm ơn các anh rất nhiều ạ": 7) recur verbatim on many Pages every day; pasted
# spam and propaganda run longer even without their links and numbers ("đăng ký nhận ngay 88k trải
# nghiệm, rút tiền 3 phút ➡️ link" keeps 10).
MIN_WORDS = 8

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A link with a scheme or www., or a bare host followed by a path ("bit.ly/x1").
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}[/?#]\S*")
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")  # letters only: a token with a digit is dropped
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")  # "nhiuuuu" → "nhiu"

_LANE = 16  # bits per counter lane: a text may have up to 32,767 distinct bigrams


def canonical_words(text: str) -> list[str]:
    """The words that identify a text up to trivial variation (see the module doc)."""
    folded = fold(text)
    folded = _EMAIL.sub(" email ", folded)
    folded = _LINK.sub(" url ", folded)
    folded = _REPEATS.sub(r"\1", folded)
    return _WORD.findall(folded)


def _spread(value: int) -> int:
    """Bit i of ``value`` moved to the lowest bit of lane i (lanes of ``_LANE`` bits)."""
    out = 0
    for i in range(BITS):
        if value >> i & 1:
            out |= 1 << (_LANE * i)
    return out


@lru_cache(maxsize=1 << 16)
def _feature_lanes(feature: str) -> int:
    """A feature's 64-bit hash, spread into lanes so that adding features counts votes per bit."""
    digest = blake2b(feature.encode("utf-8"), digest_size=8).digest()
    return _spread(int.from_bytes(digest, "little"))


def simhash_of(features: set[str]) -> int:
    """The SimHash of a set of features: bit i is set when most features' hashes have it set."""
    if not features:
        return 0
    votes = sum(map(_feature_lanes, features))
    counts = array("H")
    counts.frombytes(votes.to_bytes(BITS * _LANE // 8, sys.byteorder))
    half = len(features)
    out = 0
    for i, count in enumerate(counts):
        if 2 * count > half:
            out |= 1 << i
    return out


def shingles(words: list[str]) -> set[str]:
    """Word bigrams (a one-word text is its own shingle)."""
    if len(words) < 2:
        return set(words)
    return {f"{a} {b}" for a, b in pairwise(words)}


def fingerprint(text: str, *, min_words: int = MIN_WORDS) -> int | None:
    """The 64-bit SimHash of ``text``, or None when it has fewer than ``min_words`` words."""
    words = canonical_words(text)
    if len(words) < min_words:
        return None
    return simhash_of(shingles(words))


def hamming(a: int, b: int) -> int:
    """How many of the 64 bits differ."""
    return (a ^ b).bit_count()


def to_hex(value: int) -> str:
    return f"{value:016x}"
