"""Betting and gambling promotion in Vietnamese, with or without marks, in teencode.

A police page hears about gambling in two voices: the promoter ("nhà cái uy tín, nạp đầu tặng
100% 👉 link") and the citizen who reports it ("ở quán net gần chợ có cá độ, đề nghị công an xử
lý"). Only the first is spam; hiding the second would hide a crime tip. So:

- a **strong** term is promotion on its own: a betting brand (``bet88``, ``kubet``, ``sunwin``),
  "nạp đầu", "nổ hũ", "soi kèo", "soi cầu", "game bài đổi thưởng", "<game> online / uy tín";
- a **topic** term (nhà cái, cá độ, cá cược, tài xỉu, xóc đĩa, lô đề, kèo, casino, brand-like
  names ``xx88``/``xxbet`` …) needs a promotion cue as well: a link, "đăng ký", "nạp", "rút
  tiền", "khuyến mãi", "tặng", "uy tín", "code", "thành viên mới" …;
- either is dropped when the text reads as a report: "bị lừa", "tố giác", "công an", "đề nghị",
  "lừa đảo" (but not "không lừa đảo", which is the promoters' own line) …

Words are matched with ``desktop.text.tolerant``: "ca do" and "ká độ" are "cá độ", "cả đó" is not.
"""

from __future__ import annotations

import re

from desktop.classify.links import find_links
from desktop.text.tolerant import BEFORE, compile_phrases, prepare

_GAMES = (
    "casino", "cá cược", "cá độ", "tài xỉu", "xóc đĩa", "lô đề", "đánh đề", "đá gà", "game bài",
    "bắn cá", "nổ hũ", "baccarat",
)  # fmt: skip
STRONG_TERMS = (
    "nạp đầu",
    "khuyến mãi nạp",
    "nổ hũ",
    "soi kèo",
    "kèo nhà cái",
    "soi cầu",
    "game đổi thưởng",
    "cổng game đổi thưởng",
    "nhà cái uy tín",
)
# A game and how it is sold: "tài xỉu online", "game bài đổi thưởng", "casino uy tín".
_SOLD = ("online", "onl", "trực tuyến", "uy tín", "đổi thưởng")
TOPIC_TERMS = (
    "nhà cái",
    "cá cược",
    "cá độ",
    "tài xỉu",
    "xóc đĩa",
    "lô đề",
    "số đề",
    "đánh đề",
    "bao lô",
    "casino",
    "kèo",
    "cờ bạc",
    "đánh bạc",
    "game bài",
    "bắn cá",
    "baccarat",
    "đá gà",
)
PROMO_TERMS = (
    "đăng ký",
    "đăng kí",
    "nạp",
    "rút tiền",
    "nạp rút",
    "khuyến mãi",
    "tặng",
    "uy tín",
    "code",
    "giftcode",
    "thành viên mới",
    "hoàn trả",
    "chơi ngay",
    "vào ngay",
    "tham gia ngay",
    "cược ngay",
    "link",
    "cskh",
    "chăm sóc khách hàng",
    "trả thưởng",
    "tỷ lệ cược",
    "vip",
    "miễn phí",
    "free",
    "anh em vào",
)
REPORT_TERMS = (
    "bị lừa",
    "tố giác",
    "tố cáo",
    "trình báo",
    "công an",
    "cảnh sát",
    "cơ quan chức năng",
    "đề nghị",
    "triệt phá",
    "bắt giữ",
    "chiếm đoạt",
    "mất tiền",
    "nghiện",
)
# Known brands: promotion whatever surrounds them.
_BRANDS = re.compile(
    r"(?<![a-z0-9])(?:"
    r"(?:fb|w|m|fun|jun|hi|new|go|yo|mu|qh|vn|hb|may|ee|ok|33|s)88|ae888|sv388|s666|mb66"
    r"|(?:8x|188|789|ku|sh|f8|v9|i9|12|8k|vn|de|one)bet|bet365|bet88|ku ?casino|kuwin|sunwin"
    r"|iwin|zowin|hit ?club|b52 ?club|789 ?club|rikvip|okvip|thomo|68 ?game ?bai|k8(?:vn|bet)?"
    r")[a-z0-9]{0,4}(?![a-z0-9])"
)
# Brand-like names: a topic term (a nickname "tuan88" must not hide a comment by itself).
_BRANDISH = re.compile(
    r"(?<![a-z0-9@.])(?:[a-z]{1,5}8{2,3}|[a-z0-9]{1,3}bet|bet\d{1,4})[a-z]{0,4}(?![a-z0-9@])"
)
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_STRONG = compile_phrases(STRONG_TERMS, (_GAMES, _SOLD))
_TOPIC = compile_phrases(TOPIC_TERMS)
_PROMO = compile_phrases(PROMO_TERMS)
_REPORT = compile_phrases(REPORT_TERMS)
_SCAM = compile_phrases(("lừa đảo",))
_DENIED = re.compile(BEFORE + r"(?:không|ko|k|kh|hông|chống|nói không với)[\s.]*$")


def _reads_as_report(text: str) -> bool:
    if _REPORT.search(text):
        return True
    # "lừa đảo" is a report, unless denied: "uy tín không lừa đảo" is the promoters' line.
    return any(not _DENIED.search(text, 0, m.start()) for m in _SCAM.finditer(text))


def betting_evidence(text: str) -> str | None:
    """Why ``text`` promotes betting (the words found), or None."""
    prepared = prepare(text)
    if "@" in prepared:
        prepared = _EMAIL.sub(" ", prepared)
    strong = _BRANDS.search(prepared) or _STRONG.search(prepared)
    if strong is not None:
        found = strong.group(0)
    else:
        topic = _TOPIC.search(prepared) or _BRANDISH.search(prepared)
        if topic is None:
            return None
        links = find_links(text)
        promo = _PROMO.search(prepared)
        if promo is None and not links:
            return None
        found = f"{topic.group(0)} + {promo.group(0) if promo else links[0]}"
    if _reads_as_report(prepared):
        return None
    return found
