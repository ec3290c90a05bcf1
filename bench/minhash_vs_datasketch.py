"""The campaign index against datasketch, on the same shingles: items/s and bytes per item.

Run: ``.venv/bin/pip install datasketch==2.0.0 && .venv/bin/python bench/minhash_vs_datasketch.py``
(datasketch is not a dependency: this is how it was measured and why it was not taken).

Both index 30,000 edge-bigram sets in a sliding window of 14,000 (a day of the campaign bench),
each new set first queried, with the same 60 permutations in 20 bands of 3 and the same exact
Jaccard check of the candidates: ``desktop.store.minhash.MinHashIndex`` (numpy) against
datasketch's ``MinHash`` (``update_batch``) + ``LeanMinHash`` + ``MinHashLSH`` (insert, query,
remove). Two sets of texts: the seed generator's (``distinct``: many near-duplicates) and word
salad from its vocabulary (no near-duplicates). Memory is ``tracemalloc``'s count at the end
(the bigram-hash cache included) divided by the items held.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from _common import machine

from desktop.services.seed.texts import TextGenerator
from desktop.store.minhash import BANDS, NUM_PERM, ROWS, MinHashIndex, edge_bigrams, hashes_of
from desktop.store.minhash import jaccard as exact
from desktop.text.simhash import MIN_WORDS, canonical_words

ITEMS = 30_000
WINDOW = 14_000


def ours(sets: list[list[str]]) -> tuple[int, Any]:
    index = MinHashIndex()
    found = 0
    for i, shingles in enumerate(sets):
        hashes = hashes_of(shingles)
        found += len(index.near(hashes))
        index.add(i, hashes)
        if i >= WINDOW:
            index.discard(i - WINDOW)
    return found, index


def theirs(sets: list[list[str]]) -> tuple[int, Any]:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    proto = MinHash(num_perm=NUM_PERM)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    stored: dict[int, bytes] = {}
    found = 0
    for i, shingles in enumerate(sets):
        sketch = MinHash(num_perm=NUM_PERM, permutations=proto.permutations, scheme="affine32")
        sketch.update_batch([s.encode("utf-8") for s in shingles])
        lean = LeanMinHash(sketch)
        hashes = hashes_of(shingles)  # the exact check needs the shingles all the same
        found += sum(exact(hashes, stored[k]) >= 0.6 for k in lsh.query(lean))
        lsh.insert(i, lean)
        stored[i] = hashes
        if i >= WINDOW:
            lsh.remove(i - WINDOW)
            del stored[i - WINDOW]
    return found, (lsh, stored)


def measure(
    name: str, run: Callable[[list[list[str]]], tuple[int, Any]], sets: list[list[str]]
) -> None:
    began = time.perf_counter()
    found, _ = run(sets)
    speed = len(sets) / (time.perf_counter() - began)
    tracemalloc.start()
    _, index = run(sets)  # held while counted
    size = tracemalloc.get_traced_memory()[0] / WINDOW
    tracemalloc.stop()
    del index
    print(f"  {name}: {speed:,.0f} items/s, {size:,.0f} bytes/item, {found:,} pairs >= 0.6")


def main() -> None:
    print(machine())
    gen = TextGenerator(random.Random(5))
    seen: set[tuple[str, ...]] = set()
    generated: list[list[str]] = []
    while len(generated) < ITEMS:
        words = canonical_words(gen.citizen_text(private=False).text)
        if len(words) >= MIN_WORDS and tuple(words) not in seen:
            seen.add(tuple(words))
            generated.append(sorted(edge_bigrams(words)))
    vocabulary = sorted({w for s in generated for g in s for w in g.split()})
    rng = random.Random(9)
    salad = [
        sorted(edge_bigrams(rng.choices(vocabulary, k=rng.randint(10, 40)))) for _ in range(ITEMS)
    ]
    for title, sets in (("generator texts (distinct)", generated), ("word salad", salad)):
        print(title)
        measure("MinHashIndex (numpy)", ours, sets)
        measure("datasketch", theirs, sets)


if __name__ == "__main__":
    main()
