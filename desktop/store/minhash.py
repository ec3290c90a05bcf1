"""Near-copies by word-bigram Jaccard: shingle sets, MinHash band keys, and an LSH index.

A text's *shingles* are the word bigrams of its canonical words (``desktop.text.simhash.
canonical_words``: folded, links → ``url``, e-mails → ``email``, tokens with digits, emoji and
punctuation dropped) with the text's two edges as words, so that an edit at either end costs as
many bigrams as one in the middle. Two copies are near-duplicates when the Jaccard similarity of
their shingle sets is at least ``THRESHOLD`` (0.6). One edited word of a text of n ≥ 8 canonical
words (n + 1 shingles) leaves it at least that close:

- an inserted word replaces one bigram by two: n / (n + 3), 0.73 at n = 8;
- a substituted word replaces two bigrams by two others: (n - 1) / (n + 3), 0.64 at n = 8;
- a deleted word replaces two bigrams by one: (n - 1) / (n + 1), 0.78 at n = 8.

Each shingle is kept as a 32-bit hash (BLAKE2b): an item's set is a few dozen bytes, and the
similarity of two stored sets is computed exactly on them (two different bigrams of a compared
pair of 30-bigram texts share a hash with odds of about one in five million, and a collision
moves the similarity by one bigram).

``MinHashIndex`` finds the candidates without comparing a new text with every recent one:
``NUM_PERM`` (60) min-wise hashes ``min(a·h + b mod 2⁶⁴)`` over the shingle hashes, cut into
``BANDS`` (20) bands of ``ROWS`` (3); a set is bucketed under each band's key, and two sets that
agree on a whole band are candidates. Two sets of Jaccard J agree on one min-hash with
probability J, so they become candidates with probability 1 − (1 − J³)²⁰: 0.992 at J = 0.6,
0.9997 at 0.7, 0.42 at 0.3. Candidates are then checked exactly, so the index never reports a
pair below the threshold; it misses a pair at the threshold about once in 130, and a copy in a
campaign of several earlier copies needs only one of them found.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from hashlib import blake2b
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from desktop.text.simhash import MIN_WORDS, canonical_words

THRESHOLD = 0.6
NUM_PERM = 60
BANDS = 20
ROWS = 3

_HASH = np.dtype("<u4")  # the stored shingle hashes: little-endian 32-bit, sorted, unique
_rng = np.random.default_rng(20261129)  # fixed: the same keys in every run and process
_MUL = (_rng.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_ADD = _rng.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
# Each band's rows are folded into one 64-bit key with odd multipliers; the band number is mixed
# in so that all bands share one dictionary.
_FOLD = (_rng.integers(0, 1 << 63, (BANDS, ROWS), dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_SALT = _rng.integers(0, 1 << 63, BANDS, dtype=np.uint64)


def edge_bigrams(words: list[str]) -> set[str]:
    """Word bigrams of ``words`` with the text's start and end as empty words."""
    return {f"{a} {b}" for a, b in pairwise(["", *words, ""])}


@lru_cache(maxsize=1 << 16)
def _shingle_hash(shingle: str) -> int:
    return int.from_bytes(blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little")


def shingle_hashes(text: str, *, min_words: int = MIN_WORDS) -> bytes | None:
    """The sorted 32-bit hashes of ``text``'s shingles, or None under ``min_words`` words."""
    words = canonical_words(text)
    if len(words) < min_words:
        return None
    return hashes_of(edge_bigrams(words))


def hashes_of(shingles: Iterable[str]) -> bytes:
    """Sorted, unique 32-bit hashes of ``shingles`` (how the index stores a set)."""
    values = np.fromiter({_shingle_hash(s) for s in shingles}, dtype=_HASH)
    values.sort()
    return values.tobytes()


def _as_set(hashes: bytes) -> set[int]:
    return set(np.frombuffer(hashes, dtype=_HASH).tolist())


def jaccard(a: bytes, b: bytes) -> float:
    """Exact Jaccard similarity of two stored shingle sets (``hashes_of``)."""
    n_a, n_b = len(a) // _HASH.itemsize, len(b) // _HASH.itemsize
    if not n_a and not n_b:
        return 1.0
    common = len(_as_set(a).intersection(np.frombuffer(b, dtype=_HASH).tolist()))
    return common / (n_a + n_b - common)


def signature(hashes: bytes) -> npt.NDArray[np.uint64]:
    """The ``NUM_PERM`` min-wise hashes of a stored shingle set (all ones when it is empty)."""
    values = np.frombuffer(hashes, dtype=_HASH).astype(np.uint64)
    if not len(values):
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    permuted: npt.NDArray[np.uint64] = values[:, None] * _MUL + _ADD  # wraps: mod 2⁶⁴
    return permuted.min(axis=0)  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)  # a new item's set is added and then looked up: computed once
def band_keys(hashes: bytes) -> tuple[int, ...]:
    """One key per band; two sets that share a key are LSH candidates."""
    rows = signature(hashes)[: BANDS * ROWS].reshape(BANDS, ROWS)
    keys = (rows * _FOLD).sum(axis=1, dtype=np.uint64) ^ _SALT
    return tuple(keys.tolist())


_BATCH = 8  # from this many candidates on, they are checked in one numpy pass


def similarities(hashes: bytes, others: list[bytes]) -> list[float]:
    """Exact Jaccard similarity of ``hashes`` with each of ``others`` (stored sets)."""
    if len(others) < _BATCH:
        return [jaccard(hashes, other) for other in others]
    mine = np.frombuffer(hashes, dtype=_HASH)
    sizes = np.fromiter(map(len, others), dtype=np.int64, count=len(others)) // _HASH.itemsize
    joined = np.frombuffer(b"".join(others), dtype=_HASH)
    at = np.minimum(np.searchsorted(mine, joined), len(mine) - 1)  # ``mine`` is sorted
    hits = mine[at] == joined
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    common = np.add.reduceat(hits.astype(np.int64), starts)
    union = len(mine) + sizes - common
    result: list[float] = np.where(union > 0, common / np.maximum(union, 1), 1.0).tolist()
    return result


class MinHashIndex:
    """Shingle sets by integer key, found again by Jaccard similarity (module doc).

    ``near`` returns only pairs at or above the threshold (checked exactly); a true pair is
    missed with the small probability the band count allows (0.8 % at the threshold).
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self._sets: dict[int, bytes] = {}
        self._buckets: dict[int, int | set[int]] = {}  # most buckets hold one key: no set for it

    def __len__(self) -> int:
        return len(self._sets)

    def __contains__(self, key: object) -> bool:
        return key in self._sets

    def get(self, key: int) -> bytes | None:
        return self._sets.get(key)

    def add(self, key: int, hashes: bytes) -> None:
        """Store (or replace) the shingle set of ``key``."""
        if key in self._sets:
            self.discard(key)
        self._sets[key] = hashes
        buckets = self._buckets
        for band in band_keys(hashes):
            bucket = buckets.get(band)
            if bucket is None:
                buckets[band] = key
            elif isinstance(bucket, int):
                if bucket != key:
                    buckets[band] = {bucket, key}
            else:
                bucket.add(key)

    def discard(self, key: int) -> None:
        hashes = self._sets.pop(key, None)
        if hashes is None:
            return
        buckets = self._buckets
        for band in band_keys(hashes):  # the keys are recomputed: cheaper than keeping them
            bucket = buckets.get(band)
            if isinstance(bucket, set):
                bucket.discard(key)
                if len(bucket) == 1:
                    buckets[band] = bucket.pop()
            elif bucket == key:
                del buckets[band]

    def candidates(self, hashes: bytes) -> set[int]:
        """Keys that share a band with ``hashes`` (unchecked)."""
        found: set[int] = set()
        buckets = self._buckets
        for band in band_keys(hashes):
            bucket = buckets.get(band)
            if isinstance(bucket, int):
                found.add(bucket)
            elif bucket:
                found |= bucket
        return found

    def near(
        self,
        hashes: bytes,
        threshold: float | None = None,
        *,
        among: Iterable[int] | None = None,
    ) -> list[tuple[int, float]]:
        """``(key, similarity)`` of the stored sets at least ``threshold`` similar, closest first.

        A threshold below the index's is raised to it (the bands were chosen for it). ``among``
        are the keys to check, some of ``candidates(hashes)`` (the caller may drop some cheaply
        first, such as those outside a time window); all of them by default. Copies with the
        same shingles (a campaign's trivially varied copies) are checked once.
        """
        limit = self.threshold if threshold is None else max(threshold, self.threshold)
        sets = self._sets
        alike: dict[bytes, list[int]] = {}
        for key in self.candidates(hashes) if among is None else among:
            alike.setdefault(sets[key], []).append(key)
        others = list(alike)
        found = [
            (key, score)
            for other, score in zip(others, similarities(hashes, others), strict=True)
            if score >= limit
            for key in alike[other]
        ]
        found.sort(key=lambda ks: (-ks[1], ks[0]))
        return found
