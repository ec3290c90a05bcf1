"""Near-duplicate fingerprints: a 64-bit SimHash of a text's canonical words, and an index.

Coordinated campaigns paste the same text with trivial changes: an emoji, another phone number,
a new link (shorteners and domains rotate as fast as link ids), capitals, marks left off.
``canonical_words`` removes exactly those: the text is folded (no marks, lower case), every link
becomes the word ``url`` and every e-mail address ``email``, every token that holds a digit (phone
numbers, amounts, codes like ``hi88`` or ``xk7q2``) is dropped, and so is everything that is not
a letter (emoji, punctuation). Copies that differ only in these ways get the *same* fingerprint.

The fingerprint is Charikar's SimHash over the set of word bigrams: each bigram votes with its
64-bit hash, each bit is the majority. A changed word moves few bits of a long text and many of a
short one (a bigram set of n elements changes by 2 of n), so beyond the canonical form SimHash
only forgives small edits of long texts; see ``docs/campaigns.md``.

``SimIndex`` finds every stored fingerprint within ``max_distance`` bits of a query: the 64 bits
are cut into ``max_distance + 1`` bands and a fingerprint is bucketed under each band's value.
Two fingerprints that differ in at most ``max_distance`` bits agree on at least one whole band
(pigeonhole), so the band buckets hold every true neighbour, and candidates are checked exactly.
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
MAX_DISTANCE = 3  # 4 bands of 16 bits

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


class SimIndex:
    """Fingerprints by integer key, found again by Hamming distance (complete up to the bound).

    ``max_distance`` 3 gives 4 bands of 16 bits: a query looks in 4 buckets, which at 100,000
    random fingerprints hold about 1.5 strangers each besides the true neighbours.
    """

    def __init__(self, max_distance: int = MAX_DISTANCE) -> None:
        if not 0 <= max_distance < BITS:
            raise ValueError("max_distance must be between 0 and 63")
        self.max_distance = max_distance
        bands = max_distance + 1
        edges = [BITS * i // bands for i in range(bands + 1)]
        self._bands = [(lo, (1 << (hi - lo)) - 1) for lo, hi in pairwise(edges)]
        self._buckets: list[dict[int, int | set[int]]] = [{} for _ in self._bands]
        self._prints: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def __contains__(self, key: object) -> bool:
        return key in self._prints

    def get(self, key: int) -> int | None:
        return self._prints.get(key)

    def add(self, key: int, value: int) -> None:
        """Store (or replace) the fingerprint of ``key``."""
        if key in self._prints:
            self.discard(key)
        self._prints[key] = value
        for (shift, mask), buckets in zip(self._bands, self._buckets, strict=True):
            band = value >> shift & mask
            bucket = buckets.get(band)
            if bucket is None:
                buckets[band] = key  # most buckets hold one key: no set for it
            elif isinstance(bucket, int):
                buckets[band] = {bucket, key}
            else:
                bucket.add(key)

    def discard(self, key: int) -> None:
        value = self._prints.pop(key, None)
        if value is None:
            return
        for (shift, mask), buckets in zip(self._bands, self._buckets, strict=True):
            band = value >> shift & mask
            bucket = buckets.get(band)
            if isinstance(bucket, set):
                bucket.discard(key)
                if len(bucket) == 1:
                    buckets[band] = bucket.pop()
            elif bucket == key:
                del buckets[band]

    def near(self, value: int, max_distance: int | None = None) -> list[tuple[int, int]]:
        """``(key, distance)`` of every stored fingerprint within the distance, nearest first."""
        limit = self.max_distance if max_distance is None else min(max_distance, self.max_distance)
        seen: set[int] = set()
        for (shift, mask), buckets in zip(self._bands, self._buckets, strict=True):
            bucket = buckets.get(value >> shift & mask)
            if isinstance(bucket, int):
                seen.add(bucket)
            elif bucket:
                seen |= bucket
        prints = self._prints
        found = [(key, (prints[key] ^ value).bit_count()) for key in seen]
        return sorted(((k, d) for k, d in found if d <= limit), key=lambda kd: (kd[1], kd[0]))
