"""Throughput of ``find_pii`` and ``mask_pii`` on generated citizen messages.

Run: ``.venv/bin/python bench/pii_bench.py --texts 50000``. Prints texts/s for all messages, for
the typical 100-300 character ones and for those holding personal data, single-threaded.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from _common import machine

from desktop.services.seed.texts import TextGenerator
from desktop.text.pii import find_pii, mask_pii


def rate(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Best of ``repeat`` passes, in texts per second."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    gen = TextGenerator(random.Random(args.seed))
    seeds = [gen.citizen_text(private=i % 2 == 0) for i in range(args.texts)]
    texts = [s.text for s in seeds]
    typical = [t for t in texts if 100 <= len(t) <= 300]
    with_pii = [s.text for s in seeds if s.pii_values]
    mean_len = sum(map(len, texts)) / len(texts)

    print(machine())
    print(f"{len(texts):,} texts, mean length {mean_len:.0f} chars")
    runs = [("all", texts), ("100-300 chars", typical), ("with PII", with_pii)]
    for name, sample in runs:
        speed = rate(find_pii, sample, args.repeat)
        print(f"find_pii {name:>14}: {len(sample):>7,} texts {speed:>10,.0f} texts/s")
    speed = rate(mask_pii, texts, args.repeat)
    print(f"mask_pii {'all':>14}: {len(texts):>7,} texts {speed:>10,.0f} texts/s")


if __name__ == "__main__":
    main()
