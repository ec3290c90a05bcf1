#!/usr/bin/env python3
"""Check that the hand-written corpus does not copy the seed generator.

Run from the repository root with the project's environment (it imports the generator):
    .venv/bin/python resources/corpus/check_generator_overlap.py [N]

1. Draws N citizen texts (default 300 000, comments and messages alternately) from
   ``desktop.services.seed.texts.TextGenerator`` and counts corpus items whose folded text
   (no diacritics, lower case, punctuation dropped) equals a generated one. Expected: 0.
2. Counts corpus items sharing at least one word 6-gram with a generator template (slots
   removed), and lists the worst ones: shared 6-grams are stock phrases ("cho em hỏi làm căn
   cước", "giấy chứng nhận đủ điều kiện"), not copied sentences.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.services.seed import texts as T  # noqa: E402
from desktop.text.folding import fold  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "dutydesk_corpus.jsonl"
N_GRAM = 6


def toks(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(s))


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    gen = T.TextGenerator(random.Random(5))
    generated = {" ".join(toks(gen.citizen_text(private=bool(i % 2)).text)) for i in range(n)}
    exact = [c for c in corpus if " ".join(toks(c["text"])) in generated]
    print(f"corpus items equal (folded) to one of {n} generated texts: {len(exact)}")
    for c in exact:
        print(f"   {c['category']}: {c['text']!r}")

    grams: set[tuple[str, ...]] = set()
    for name in (
        "_CRIME",
        "_SCAM",
        "_ADMIN",
        "_COMPLAINT",
        "_FEEDBACK",
        "_HOSTILE",
        "_ABUSIVE",
        "_SPAM",
        "_OTHER",
    ):
        for raw in getattr(T, name):
            t = toks(re.sub(r"\{\w+\}", " slot ", re.sub(r"^[!@#]+", "", raw)))
            grams.update(
                g
                for i in range(len(t) - N_GRAM + 1)
                if "slot" not in (g := tuple(t[i : i + N_GRAM]))
            )
    hits = []
    for c in corpus:
        t = toks(c["text"])
        k = sum(tuple(t[i : i + N_GRAM]) in grams for i in range(len(t) - N_GRAM + 1))
        if k:
            hits.append((k, c))
    hits.sort(key=lambda h: -h[0])
    print(
        f"corpus items sharing a word {N_GRAM}-gram with a generator template: {len(hits)}"
        f" of {len(corpus)}; max shared {N_GRAM}-grams in one item: "
        f"{hits[0][0] if hits else 0}"
    )
    for k, c in hits[:10]:
        print(f"   {k}  {c['category']}: {c['text'][:90]!r}")
    return 1 if exact else 0


if __name__ == "__main__":
    sys.exit(main())
