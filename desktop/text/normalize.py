"""Vietnamese normalisation for classification: one canonical form of what citizens type.

- Unicode NFC, so decomposed input (combining marks) equals precomposed input.
- Tone-mark placement: the same syllable typed "hoà" (new style) or "hòa" (old style), "thuỷ" or
  "thủy", becomes one form (the old style, mark on the first vowel of a final oa/oe/uy).
- Teencode and chat abbreviations expanded where it helps ("ko" → "không", "cs" → "công an").
- Emoji kept as coarse tokens (an angry face carries signal; its exact code point rarely does).
"""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------- tone-mark placement
_TONED = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
    "o": "òóỏõọ",
    "u": "ùúủũụ",
}


def _tone_swaps() -> dict[str, str]:
    """ "oà" → "òa", "oé" → "óe", "uỳ" → "ùy" … (and capitals) at the end of a syllable."""
    swaps: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in range(5):
            new_style = first + _TONED[second][mark]
            old_style = _TONED[first][mark] + second
            swaps[new_style] = old_style
            swaps[new_style.capitalize()] = old_style.capitalize()
            swaps[new_style.upper()] = old_style.upper()
    return swaps


_SWAPS = _tone_swaps()
# Only at the end of a syllable: "hoàn" keeps its mark on the a, "hoà" becomes "hòa".
_SWAP_RE = re.compile("(" + "|".join(sorted(_SWAPS, key=len, reverse=True)) + r")(?!\w)")


def canonical_tones(text: str) -> str:
    return _SWAP_RE.sub(lambda m: _SWAPS[m.group(1)], text)


# ---------------------------------------------------------------- teencode
TEENCODE: dict[str, str] = {
    "ko": "không",
    "k": "không",
    "kh": "không",
    "hk": "không",
    "hok": "không",
    "khg": "không",
    "kg": "không",
    "khong": "không",
    "dc": "được",
    "đc": "được",
    "dk": "được",
    "đk": "được",
    "mn": "mọi người",
    "mng": "mọi người",
    "ae": "anh em",
    "cs": "công an",
    "ca": "công an",
    "sdt": "số điện thoại",
    "sđt": "số điện thoại",
    "dt": "điện thoại",
    "đt": "điện thoại",
    "ib": "nhắn tin",
    "inbox": "nhắn tin",
    "j": "gì",
    "gi": "gì",
    "z": "vậy",
    "v": "vậy",
    "r": "rồi",
    "roi": "rồi",
    "vs": "với",
    "ntn": "như thế nào",
    "bn": "bao nhiêu",
    "ak": "à",
    "a": "anh",
    "e": "em",
    "trc": "trước",
    "tk": "tài khoản",
    "stk": "số tài khoản",
    "ng": "người",
    "ngta": "người ta",
    "nc": "nước",
    "cx": "cũng",
    "cg": "cũng",
    "ms": "mới",
    "bh": "bây giờ",
    "bjo": "bây giờ",
    "h": "giờ",
    "lm": "làm",
    "bt": "biết",
    "bik": "biết",
    "vk": "vợ",
    "ck": "chồng",
    "oke": "ok",
    "okela": "ok",
    "tl": "trả lời",
    "rep": "trả lời",
    "ad": "quản trị",
    "admin": "quản trị",
    "csgt": "cảnh sát giao thông",
    "cccd": "căn cước",
    "cmnd": "chứng minh nhân dân",
    "tks": "cảm ơn",
    "thanks": "cảm ơn",
    "thank": "cảm ơn",
    "camon": "cảm ơn",
    "cam on": "cảm ơn",
    "đm": "địt mẹ",
    "dm": "địt mẹ",
    "dmm": "địt mẹ mày",
    "vl": "vãi lồn",
    "vcl": "vãi cả lồn",
    "clgt": "cái lồn gì thế",
    "cmm": "con mẹ mày",
}
# "a"/"e"/"v"/"h"/"ca" are too ambiguous to expand in isolation inside longer texts: only the
# unambiguous chat forms are expanded by default.
_AMBIGUOUS = {"a", "e", "v", "h", "ca", "gi", "roi", "khong", "cam on"}
_WORD = re.compile(r"\w+", re.UNICODE)


_SAFE_TEENCODE = {k: v for k, v in TEENCODE.items() if k not in _AMBIGUOUS}


def _whole_words(table: dict[str, str]) -> re.Pattern[str]:
    """Any key of ``table`` as a whole word (a ``\\w+`` run) of lower-case text."""
    keys = sorted((k for k in table if _WORD.fullmatch(k)), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")


_TEENCODE_WORDS = {False: _whole_words(_SAFE_TEENCODE), True: _whole_words(TEENCODE)}


def expand_teencode(text: str, *, aggressive: bool = False) -> str:
    table = TEENCODE if aggressive else _SAFE_TEENCODE
    lower = text.lower()
    if len(lower) != len(text):  # rare letters whose lower case is longer: word by word

        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            return table.get(word.lower(), word)

        return _WORD.sub(swap, text)
    # The matches are found in the lower-case text (one pass, no callback for the words that
    # stay) and their offsets are the same in the original.
    out: list[str] = []
    pos = 0
    for m in _TEENCODE_WORDS[aggressive].finditer(lower):
        out.append(text[pos : m.start()])
        out.append(table[m.group()])
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------- emoji
_EMOJI_CLASSES: dict[str, str] = {}
for _chars, _token in (
    ("😡😠🤬👿💢🖕", "emo_angry"),
    ("😂🤣😆😹😝😜", "emo_laugh"),
    ("❤️❤💕💖😍🥰😘💗💓", "emo_love"),
    ("👍👏🙏💪✌", "emo_approve"),
    ("😢😭😞😔🥺💔", "emo_sad"),
    ("😱😨😰🆘🚨⚠", "emo_alarm"),
    ("🤮💩🤡🐶🐷🐕", "emo_insult"),
):
    for _ch in _chars:
        if not unicodedata.category(_ch).startswith("M"):
            _EMOJI_CLASSES[_ch] = _token


_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]"
)


def _emoji_token(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in ("\ufe0f", "\u200d"):
        return ""
    return f" {_EMOJI_CLASSES.get(ch, 'emo_other')} "


def emoji_tokens(text: str) -> str:
    """Emoji replaced by coarse tokens (" emo_angry ") and other pictographs by " emo_other "."""
    if text.isascii():
        return text
    return _EMOJI.sub(_emoji_token, text)


def normalize(text: str) -> str:
    """NFC, canonical tone placement, collapsed whitespace (case kept)."""
    nfc = unicodedata.normalize("NFC", text)
    return " ".join(canonical_tones(nfc).split())


def _marked_letters() -> frozenset[str]:
    from desktop.text.folding import strip_diacritics

    letters = (chr(cp) for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)))
    return frozenset(ch for ch in letters if ch.isalpha() and strip_diacritics(ch) != ch)


_MARKED = _marked_letters()


def has_diacritics(text: str) -> bool:
    """Does the writer use Vietnamese marks at all (decides how strictly words are matched)."""
    return not text.isascii() and not _MARKED.isdisjoint(text)
