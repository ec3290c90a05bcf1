"""The seed text generator: deterministic, varied, realistic in mix, honest about its labels."""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import pytest

from desktop.domain.enums import Category
from desktop.services.seed import texts as seed_texts
from desktop.services.seed.texts import (
    CATEGORY_WEIGHTS,
    PII_KINDS,
    STYLES,
    URGENT_CATEGORIES,
    SeedText,
    TextGenerator,
)
from desktop.text.folding import fold, strip_diacritics

DRAWS = 5000


@pytest.fixture(scope="module")
def sample() -> list[SeedText]:
    gen = TextGenerator(random.Random(2020))
    return [gen.citizen_text(private=i % 2 == 0) for i in range(DRAWS)]


def test_same_seed_same_texts() -> None:
    def run(seed: int) -> list[str]:
        gen = TextGenerator(random.Random(seed))
        out: list[str] = []
        for i in range(300):
            first = gen.citizen_text(private=i % 3 == 0)
            out += [first.text, gen.citizen_followup(first).text, gen.person_name()]
            out.append(gen.officer_reply(first.category, "Công an TP Sầm Sơn"))
            if i % 10 == 0:
                out.append(gen.post_text())
        return out

    assert run(5) == run(5)
    assert run(5) != run(6)


def test_categories_follow_the_weights(sample: list[SeedText]) -> None:
    counts = Counter(t.category for t in sample)
    assert set(counts) == set(Category)
    assert math.isclose(sum(CATEGORY_WEIGHTS.values()), 1.0)
    for cat, weight in CATEGORY_WEIGHTS.items():
        expected = DRAWS * weight
        sigma = math.sqrt(DRAWS * weight * (1 - weight))
        assert abs(counts[cat] - expected) < 5 * sigma, (cat, counts[cat], expected)
    assert CATEGORY_WEIGHTS[Category.HOSTILE] == min(CATEGORY_WEIGHTS.values())


def test_every_style_appears_and_styles_are_known(sample: list[SeedText]) -> None:
    seen: set[str] = set()
    for t in sample:
        assert t.styles <= STYLES
        assert ("accented" in t.styles) != ("unaccented" in t.styles)
        seen |= t.styles
    assert seen == STYLES


def test_accent_styles_match_the_text(sample: list[SeedText]) -> None:
    for t in sample:
        plain = strip_diacritics(t.text)
        if "unaccented" in t.styles:
            assert plain == t.text, t.text
        else:
            assert plain != t.text, t.text


def test_caps_short_and_long_styles_match_the_text(sample: list[SeedText]) -> None:
    for t in sample:
        assert ("caps" in t.styles) <= (t.text == t.text.upper())
        assert ("short" in t.styles) == (len(t.text) <= seed_texts.SHORT_MAX_LEN)
        assert ("long" in t.styles) == (len(t.text) >= seed_texts.LONG_MIN_LEN)


def test_lengths_span_short_to_long(sample: list[SeedText]) -> None:
    lengths = [len(t.text) for t in sample]
    assert min(lengths) < 25
    assert max(lengths) > 400
    assert sum(n > 400 for n in lengths) > DRAWS * 0.01


_PII_PATTERNS = {
    "phone": re.compile(
        r"^(0\d{9}|0\d{2}\.\d{3}\.\d{4}|0\d{3}[ .]\d{3}[ .]\d{3}|\+84 \d{3} \d{3} \d{3}|\+84\d{9})$"
    ),
    "cccd": re.compile(r"^038[0-3]\d{8}$"),
    "bank_account": re.compile(r"^\d{8,14}$"),
    "plate": re.compile(r"^36[A-Z]\d?-\d{3}\.\d{2}$"),
    "email": re.compile(r"^[a-z0-9.]+@[a-z]+\.com$", re.IGNORECASE),
    "address": re.compile(r"\d+.*(phường|phuong|P\.|xã|xa) ", re.IGNORECASE),
}
_BANKS = ("stk", "ngân hàng", "ngan hang", "tài khoản", "tai khoan", "bank", "tk")


def test_personal_data_is_labelled_and_present(sample: list[SeedText]) -> None:
    kinds: Counter[str] = Counter()
    with_pii = 0
    for t in sample:
        assert t.pii_kinds == {kind for kind, _ in t.pii_values}
        assert t.pii_kinds <= PII_KINDS
        assert ("pii" in t.styles) == bool(t.pii_kinds)
        with_pii += bool(t.pii_kinds)
        for kind, value in t.pii_values:
            kinds[kind] += 1
            assert value in t.text, (kind, value, t.text)
            assert _PII_PATTERNS[kind].search(value), (kind, value)
            if kind == "bank_account":
                before = fold(t.text[: t.text.index(value) + len(value) + 15])
                assert any(word in before for word in _BANKS) or "bank" in before, t.text
    assert set(kinds) == PII_KINDS
    assert 0.10 < with_pii / DRAWS < 0.25


def test_private_messages_carry_more_personal_data() -> None:
    gen = TextGenerator(random.Random(9))
    public = sum(bool(gen.citizen_text().pii_kinds) for _ in range(3000))
    private = sum(bool(gen.citizen_text(private=True).pii_kinds) for _ in range(3000))
    assert private > public * 1.3


def test_urgent_share_is_plausible(sample: list[SeedText]) -> None:
    urgent = [t for t in sample if t.urgent]
    assert 0.02 < len(urgent) / DRAWS < 0.07
    assert {t.category for t in urgent} <= set(URGENT_CATEGORIES)


def test_forced_urgent() -> None:
    gen = TextGenerator(random.Random(3))
    drawn = [gen.citizen_text(urgent=True, private=i % 2 == 0) for i in range(300)]
    assert all(t.urgent for t in drawn)
    assert {t.category for t in drawn} == set(URGENT_CATEGORIES)
    for cat in Category:
        t = gen.citizen_text(cat, urgent=True)
        assert t.urgent
        assert t.category in URGENT_CATEGORIES
        if cat in URGENT_CATEGORIES:
            assert t.category is cat
    assert not any(gen.citizen_text(Category.CRIME_TIP, urgent=False).urgent for _ in range(200))


def test_forced_category_is_respected() -> None:
    gen = TextGenerator(random.Random(4))
    for cat in Category:
        for private in (False, True):
            assert all(gen.citizen_text(cat, private=private).category is cat for _ in range(50))


def test_followup_keeps_the_thread() -> None:
    gen = TextGenerator(random.Random(8))
    firsts: list[int] = []
    follows: list[int] = []
    for i in range(2000):
        first = gen.citizen_text(private=i % 2 == 0)
        follow = gen.citizen_followup(first)
        assert follow.category is first.category
        assert follow.urgent == first.urgent
        assert follow.styles <= STYLES
        assert all(value in follow.text for _, value in follow.pii_values)
        firsts.append(len(first.text))
        follows.append(len(follow.text))
    firsts.sort()
    follows.sort()
    assert follows[len(follows) // 2] < firsts[len(firsts) // 2]


def test_knife_in_urgent_violence_and_scam_words_in_scams() -> None:
    gen = TextGenerator(random.Random(12))
    violence = [fold(gen.citizen_text(Category.CRIME_TIP, urgent=True).text) for _ in range(300)]
    assert sum("dao" in t.split() or "dao," in t for t in violence) > 60
    scams = [fold(gen.citizen_text(Category.SCAM_REPORT).text) for _ in range(600)]
    assert sum("lua dao" in t for t in scams) > 60


def test_templates_are_broad() -> None:
    for cat, raws in seed_texts._CITIZEN.items():
        assert len(raws) >= 40, cat
        assert len(set(raws)) == len(raws), cat
    gen = TextGenerator(random.Random(1))
    for cat in Category:
        distinct = {gen.citizen_text(cat).text for _ in range(300)}
        assert len(distinct) > 150, cat


def test_officer_reply_post_and_names() -> None:
    gen = TextGenerator(random.Random(2))
    unit = "Công an huyện Hoằng Hóa"
    for cat in Category:
        reply = gen.officer_reply(cat, unit)
        assert reply and reply[0].isupper()
        assert "{" not in reply
        assert strip_diacritics(reply) != reply
    assert TextGenerator.hotline(unit) == TextGenerator.hotline(unit)
    assert TextGenerator.hotline(unit).startswith("0237.")
    assert any(unit in gen.officer_reply(Category.FEEDBACK, unit) for _ in range(30))
    posts = {gen.post_text() for _ in range(100)}
    assert len(posts) > 30
    assert all(len(p) > 80 and "{" not in p for p in posts)
    names = [gen.person_name() for _ in range(300)]
    assert len(set(names)) > 150
    assert all(name.strip() == name and len(name) >= 3 for name in names)
