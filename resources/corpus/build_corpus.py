#!/usr/bin/env python3
"""Build and check the DutyDesk hand-written corpus.

Reads ``src/<category>.txt`` (one hand-written item per line, ``FLAGS|text``), writes
``dutydesk_corpus.jsonl`` and prints a summary (the one quoted in README.md).

Flags before the first ``|``:
    c  public comment        m  private message (Messenger / Zalo)   (exactly one of them)
    u  urgent
    x  publish without diacritics (the line was typed with them; ``đ`` → ``d``)
Lines starting with ``#`` and blank lines are ignored.

Styles are derived from the final text, not declared: accented / unaccented (share of words
carrying Vietnamese marks), teencode (chat abbreviations as whole tokens), caps, emoji, pii
(phone, CCCD, plate, bank account, e-mail), short (<= 30 chars), long (>= 300 chars), and typo
(for the ~6 % of items that get one or two keyboard slips, chosen with a fixed seed).

Usage:  python3 build_corpus.py            # build + checks + summary
        python3 build_corpus.py --check    # checks + summary only, the JSONL is not rewritten
Exit status 1 if a check fails. Standard library only.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "dutydesk_corpus.jsonl"

CATEGORIES = (
    "crime_tip",
    "scam_report",
    "admin_question",
    "complaint",
    "feedback",
    "hostile",
    "abusive",
    "spam",
    "other",
)
URGENT_ALLOWED = {"crime_tip", "scam_report", "abusive", "other"}
MIN_PER_CATEGORY = 320
SEED = 267  # plan 267/KH-CAT-PV01
TYPO_SHARE = 0.06

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from desktop.text.folding import strip_diacritics  # noqa: E402 - the project's own folding


def fold(text: str) -> str:
    """Comparison key for near-exact duplicates: no marks, lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", " ", strip_diacritics(text).lower()).strip()


# --- style detection -------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)
_TEEN = frozenset(
    [
        "ko",
        "k",
        "kh",
        "khum",
        "hk",
        "hok",
        "hem",
        "khong0",
        "dc",
        "đc",
        "đk",
        "dk",
        "mn",
        "mng",
        "ae",
        "cs",
        "sdt",
        "sđt",
        "ib",
        "inb",
        "j",
        "z",
        "r",
        "rùi",
        "rui",
        "vs",
        "ntn",
        "bn",
        "ak",
        "ah",
        "oke",
        "okela",
        "trc",
        "dt",
        "đt",
        "mk",
        "mik",
        "bt",
        "bít",
        "bik",
        "ng",
        "ns",
        "nt",
        "tl",
        "cx",
        "đag",
        "dag",
        "wa",
        "wá",
        "thui",
        "hum",
        "nhìu",
        "nhiu",
        "lun",
        "bh",
        "bjo",
        "ck",
        "vk",
        "tk",
        "gđ",
        "gd",
        "kb",
        "rep",
        "e",
        "đm",
        "dm",
        "đcm",
        "dcm",
        "đcmm",
        "dmm",
        "vl",
        "vcl",
        "vkl",
        "clgt",
        "cmt",
        "hqua",
        "hnay",
        "tks",
        "thx",
        "ad5",
        "acc",
        "h",
        "chx",
        "cccd0",
        "mem",
        "ctv0",
        "lm",
        "iu",
        "hix",
    ]
) - {"khong0", "cccd0", "ad5", "ctv0"}
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x2190, 0x21FF),
    (0x1F1E6, 0x1F1FF),
)
_PII = {
    "phone": re.compile(r"(?<!\d)(?:\+84[ .]?|0)(?:\d[ .]?){8,9}\d(?!\d)"),
    "cccd": re.compile(r"(?<!\d)0\d{2}[ .]?\d{3}[ .]?\d{3}[ .]?\d{3}(?!\d)"),
    "plate": re.compile(r"\b\d{2}[A-Z]{1,2}\d?-\d{3}\.\d{2}\b"),
    "bank": re.compile(
        r"(?i)(?:stk|tk|tài khoản|tai khoan|vietcombank|techcombank|bidv|agribank|"
        r"vietinbank|vpbank|tpbank|acb|sacombank|mb)\D{0,25}\d[\d ]{7,18}\d"
    ),
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
}
_MARKED = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _EMOJI_RANGES)


def styles_of(text: str, typo: bool) -> list[str]:
    # Whole tokens made of letters only: "500k" or "10h" are not the teencode "k" / "h".
    words = [t for t in _TOKEN.findall(text) if not any(c.isdigit() or c == "_" for c in t)]
    out: list[str] = []
    if words:
        marked = sum(1 for w in words if _MARKED.search(w))
        out.append("accented" if marked / len(words) >= 0.2 else "unaccented")
        if any(w.lower() in _TEEN for w in words):
            out.append("teencode")
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) >= 0.7:
            out.append("caps")
    if any(_is_emoji(c) for c in text):
        out.append("emoji")
    if typo:
        out.append("typo")
    if any(rx.search(text) for rx in _PII.values()):
        out.append("pii")
    if len(text) <= 30:
        out.append("short")
    if len(text) >= 300:
        out.append("long")
    return out


# --- deterministic keyboard slips ------------------------------------------------------------


def add_typos(text: str, rng: random.Random) -> str:
    # Only plain ASCII letter pairs, never the first letter of a word: dropping a marked vowel
    # can turn a word into another one ("ngầu" -> "ngu"), which would change the label.
    words = [
        m
        for m in re.finditer(r"[^\W\d_]{4,}", text)
        if any(
            c.isascii() and n.isascii()
            for c, n in zip(m.group()[1:-1], m.group()[2:], strict=False)
        )
    ]
    if not words:
        return text
    chars = list(text)
    for m in rng.sample(words, min(len(words), rng.choice((1, 1, 2)))):
        spots = [
            i
            for i in range(m.start() + 1, m.end() - 1)
            if text[i].isascii() and text[i + 1].isascii()
        ]
        i = rng.choice(spots)
        kind = rng.random()
        if kind < 0.4:  # swap two letters
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif kind < 0.7:  # drop a letter
            chars[i] = ""
        else:  # double a letter
            chars[i] = chars[i] * 2
    return "".join(chars)


# --- build -----------------------------------------------------------------------------------


def read_sources() -> tuple[list[dict], list[str]]:
    items: list[dict] = []
    errors: list[str] = []
    for cat in CATEGORIES:
        path = SRC / f"{cat}.txt"
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            flags, sep, text = line.partition("|")
            if not sep or not set(flags) <= set("cmux") or (("c" in flags) == ("m" in flags)):
                errors.append(f"{path.name}:{n}: bad flags {flags!r}")
                continue
            text = text.strip().replace("\\n", "\n")
            if "x" in flags:
                text = strip_diacritics(text)
            items.append(
                {
                    "text": text,
                    "category": cat,
                    "urgent": "u" in flags,
                    "channel": "message" if "m" in flags else "comment",
                    "_src": f"{path.name}:{n}",
                }
            )
    return items, errors


def build() -> tuple[list[dict], list[str]]:
    items, errors = read_sources()
    rng = random.Random(SEED)
    for it in items:
        typo = False
        if rng.random() < TYPO_SHARE and len(it["text"]) > 25:
            slipped = add_typos(it["text"], rng)
            typo = slipped != it["text"]
            it["text"] = slipped
        it["style"] = styles_of(it["text"], typo)
    rng.shuffle(items)
    return items, errors


def check(items: list[dict], errors: list[str]) -> list[str]:
    problems = list(errors)
    for it in items:
        if it["category"] not in CATEGORIES:
            problems.append(f"{it['_src']}: unknown category")
        if it["urgent"] and it["category"] not in URGENT_ALLOWED:
            problems.append(f"{it['_src']}: urgent not allowed for {it['category']}")
    texts = Counter(it["text"] for it in items)
    for t, n in texts.items():
        if n > 1:
            problems.append(f"exact duplicate x{n}: {t[:60]!r}")
    folded: dict[str, dict] = {}
    for it in items:
        key = fold(it["text"])
        if key and key in folded:
            other = folded[key]
            what = (
                "conflicting labels"
                if (other["category"], other["urgent"]) != (it["category"], it["urgent"])
                else "near-duplicate"
            )
            problems.append(f"{what}: {other['_src']} / {it['_src']}: {it['text'][:50]!r}")
        folded.setdefault(key, it)
    per_cat = Counter(it["category"] for it in items)
    for cat in CATEGORIES:
        if per_cat[cat] < MIN_PER_CATEGORY:
            problems.append(f"{cat}: only {per_cat[cat]} items (< {MIN_PER_CATEGORY})")
    return problems


def summary(items: list[dict]) -> str:
    n = len(items)
    per_cat = Counter(it["category"] for it in items)
    urg = Counter(it["category"] for it in items if it["urgent"])
    chan = Counter((it["category"], it["channel"]) for it in items)
    styles = Counter(s for it in items for s in it["style"])
    lens = sorted(len(it["text"]) for it in items)
    lines = [f"items: {n}   urgent: {sum(urg.values())} ({100 * sum(urg.values()) / n:.1f} %)", ""]
    lines.append(f"{'category':<15}{'items':>6}{'urgent':>8}{'comment':>9}{'message':>9}")
    for cat in CATEGORIES:
        lines.append(
            f"{cat:<15}{per_cat[cat]:>6}{urg[cat]:>8}{chan[cat, 'comment']:>9}"
            f"{chan[cat, 'message']:>9}"
        )
    lines.append("")
    lines.append("style counts (an item can have several):")
    for s in (
        "accented",
        "unaccented",
        "teencode",
        "caps",
        "emoji",
        "typo",
        "pii",
        "short",
        "long",
    ):
        lines.append(f"  {s:<11}{styles[s]:>6}  {100 * styles[s] / n:5.1f} %")
    lines.append("")
    lines.append(
        f"length in characters: min {lens[0]}, median {lens[n // 2]}, max {lens[-1]}; "
        f">= 400: {sum(1 for x in lens if x >= 400)}"
    )
    return "\n".join(lines)


def main() -> int:
    items, errors = build()
    problems = check(items, errors)
    if "--check" not in sys.argv:
        with OUT.open("w", encoding="utf-8") as fh:
            for it in items:
                rec = {k: it[k] for k in ("text", "category", "urgent", "style", "channel")}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    # Re-read the written file: valid JSON on every line, exact key set.
    for n, line in enumerate(OUT.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        if set(rec) != {"text", "category", "urgent", "style", "channel"}:
            problems.append(f"{OUT.name}:{n}: keys {sorted(rec)}")
    print(summary(items))
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
