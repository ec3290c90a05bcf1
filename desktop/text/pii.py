"""Find and mask personal data in Vietnamese messages: phones, CCCD, bank accounts, plates,
e-mails and house addresses (``domain.md``, "Personal data in messages").

Pure functions over ``str``; no Qt, no SQL, only ``re``. Detection runs on a *view* of the text
folded one character to one character (lower case, no diacritics, ``đ`` → ``d``, full-width digits
→ ASCII, dashes and no-break spaces unified), so offsets found in the view are offsets into the
original text. Text holding combining marks or zero-width characters (rare: NFD input, numbers
broken up on purpose) takes a slower path that composes or drops them and maps offsets back.
About 50,000 typical messages a second on one core (``bench/pii_bench.py``).

Kinds, as ``PiiSpan.kind``:

``phone``
    Mobiles (``0[35789]`` + 8 digits, pre-2018 ``01xx`` + 7) and landlines (``02`` + 9 digits,
    ``0237.3852.123``), with ``+84``, ``84``, ``(+84)``, ``0084`` or a leading ``0``, digits
    grouped by spaces, dots or dashes. Money (``84.900.000.000đ``), dates and longer runs of
    digits are refused.
``cccd``
    12-digit citizen ids starting with a province code 001–096, contiguous or in groups
    (``038 090 123 456``); old 9-digit CMND numbers only right after ``cmnd``, ``cmt`` or
    ``chứng minh``.
``bank_account``
    6–19 digits right after ``stk``/``tk``/``(số) tài khoản``/a bank name, or right before a bank
    name (``0123456789 - Vietcombank``). Wins over ``phone``/``cccd`` for the same digits.
``plate``
    ``36A-123.45``, ``36A 12345``, ``36B1-234.56``, ``36-B1 234.56``, ``29X1 123.45``; province
    codes 11–99.
``email``
    The usual ``local@domain.tld``.
``address``
    A house number (``số 12``, ``số nhà 12``, ``nhà số 12``, ``12/3``) or a lane in a lane
    (``ngõ 5 ngách 12``) followed by street, hamlet and administrative parts (``ngõ 5 đường Bà
    Triệu, phường Đông Thọ``). Precision first: a place name alone (``phường Đông Thọ``, ``chợ
    Vườn Hoa``) is never an address; lower-case free-form addresses are often missed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain

from desktop.text.folding import fold, strip_diacritics

PII_KINDS = ("phone", "cccd", "bank_account", "plate", "email", "address")


@dataclass(frozen=True, slots=True)
class PiiSpan:
    kind: str  # one of PII_KINDS
    start: int  # offsets into the original text: text[start:end] == value
    end: int
    value: str


# ---------------------------------------------------------------------------------------------
# The folded view: one character for one character.
# ---------------------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    latin = chain(range(0x41, 0x5B), range(0xA0, 0x250), range(0x1E00, 0x1F00))
    for cp in chain(latin, range(0xFF01, 0xFF5F)):  # full-width ASCII forms
        ch = chr(cp)
        folded = fold(ch)
        if len(folded) == 1 and folded != ch:
            table[cp] = folded
    for cp in (0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x3000):  # odd spaces
        table[cp] = " "
    for cp in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xFE63, 0xFF0D):  # dashes
        table[cp] = "-"
    return table


_FOLD = _build_fold_table()
# Characters the fast path cannot keep one-for-one: combining marks, zero-width characters,
# soft hyphens. The slow path drops them.
_DROPPED = re.compile(r"[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]")
# Nothing to find without a digit or an "@" (all kinds need one).
_TRIGGER = re.compile(r"[0-9@\uff10-\uff19\uff20]")

# ---------------------------------------------------------------------------------------------
# Patterns (all run on the folded view).
# ---------------------------------------------------------------------------------------------

_SEP = r"(?:[ .\-]|\) ?)?"  # between digits of a phone number
# Every pattern over digits starts with a lookahead on its first character: it lets the regex
# engine skip to candidate positions instead of trying the lookbehinds everywhere (4x faster).
_NSN = rf"(?:[35789](?:{_SEP}[0-9]){{8}}|2(?:{_SEP}[0-9]){{9}})"  # mobile or landline, no 0
_PHONE = re.compile(
    r"(?=[0-9(+])(?:(?:"
    r"(?<![0-9a-z+])(?:\+|00)84[ .\-]?"  # +84 912..., 0084...
    r"|(?<![0-9a-z+])\(\+?84\)[ .\-]?"  # (+84) 912...
    r"|(?<![0-9a-z+(])84[ .\-]?"  # 84912345678
    r")(?:\(0\)[ .\-]?|0[ .\-]?)?"  # a stray trunk 0 after the country code
    r"|(?<![0-9+])\(?0"  # domestic: leading 0 (landline area code maybe in parentheses)
    rf"){_NSN}(?![0-9]|[.\-][0-9])"
    rf"|(?<![0-9+])01[2689](?:{_SEP}[0-9]){{8}}(?![0-9]|[.\-][0-9])"  # pre-2018 01xx mobiles
)
_CCCD = re.compile(
    r"(?=0)(?<![0-9])(?:"
    r"0[0-9]{2}(?:[ .\-]?[0-9]{3}){3}"  # 038090123456, 038 090 123 456
    r"|0[0-9]{3}[ .\-][0-9]{4}[ .\-][0-9]{4}"  # 0380 9012 3456
    r"|0[0-9]{5}[ .\-][0-9]{6}"  # 038090 123456
    r")(?![0-9]|[.\-][0-9])"
)
_CMND = re.compile(
    r"(?<![a-z])(?:cmnd|cmtnd|cmt|chung minh(?: nhan dan| thu)?)"
    r"[^0-9\n]{0,20}?(?<![0-9])([0-9](?:[ .]?[0-9]){8})(?![0-9]|[.\-][0-9])"
)
_PLATE = re.compile(
    r"(?=[1-9])(?<![0-9a-z.,/])(1[1-9]|[2-9][0-9])"  # province code 11-99
    r"( ?- ?| )?([a-z]{1,2})([0-9]?)"  # series: A, LD, B1, X1
    r"( ?- ?| )?([0-9]{3}\.[0-9]{2}|[0-9]{5}|[0-9]{4})"
    r"(?![0-9a-z]|[.,][0-9])"
)
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+\-])[a-z0-9](?:[a-z0-9._%+\-]{0,62}[a-z0-9_])?"
    r"@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}(?![a-z0-9])"
)
# A run of digits for a bank account: groups of at least two digits joined by a space or dash.
_DIGITS_RUN = re.compile(
    r"(?=[0-9])(?<![0-9.,])[0-9]{2,19}(?:(?: ?- ?| )[0-9]{2,19}){0,9}(?![0-9]|[.,][0-9])"
)
_BANKS = (
    r"(?:vietcombank|vcb|techcombank|tcb|bidv|agribank|vietinbank|viettinbank|mbbank|mb bank|mb"
    r"|acb|vpbank|tpbank|sacombank|shb|hdbank|vib|ocb|msb|scb|seabank|eximbank|lpbank|abbank"
    r"|pvcombank|ncb|vietbank|bac ?a ?bank|nam ?a ?bank|viet ?a ?bank|timo|cake|[a-z]{2,}bank)"
)
_BANK_BEFORE = re.compile(
    rf"(?<![a-z0-9])(?:stk|so tk|tk|so tai khoan|tai khoan|account|acc|ngan hang|{_BANKS})"
    r"(?![a-z0-9])"
)
_BANK_AFTER = re.compile(rf"[ ]*(?:[\-:(,/|][ ]*)?(?:(?:ngan hang|nh)[ ]+)?{_BANKS}(?![a-z0-9])")
# Words between a bank keyword and the number that say it is another kind of account.
_BANK_BREAK = re.compile(
    r"(?<![a-z])(?:zalo|zl|fb|facebook|face|tiktok|tele|telegram|vneid|game|email|gmail|momo"
    r"|sdt|dt|dien thoai|goi|lien he|lh|cccd|cmnd|hotline|so dien)(?![a-z])"
)
_GAP_STOP = frozenset(".!?;\n")
_CURRENCY_AFTER = re.compile(
    r"[ ]?(?:d|dong|vnd|k|tr|trieu|nghin|ngan(?! hang)|ty|xu|usd|\$|%)(?![a-z])"
)
_DATE_LIKE = re.compile(r"[0-3]?[0-9][./\-][01]?[0-9][./\-](?:19|20)?[0-9]{2}(?![0-9])")
_PHONE_GLUE = re.compile(r"(?:sdt|dt|so|zalo|zl|lh|tel|hotline|phone|call|goi)[:.]?$")
_MONEY_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")

# -- addresses --------------------------------------------------------------------------------

_NUM = r"[0-9]{1,4}[a-z]?(?:/[0-9]{1,4}[a-z]?){0,3}"
_ADDR_START = re.compile(
    r"(?=[nshk0-9])(?<![a-z0-9])(?:(nha so|so nha|so|sn|nha)[ ]*[:.]?[ ]*"
    rf"({_NUM})|({_NUM}/[0-9]{{1,4}}[a-z]?)|(ngo|ngach|hem|kiet)[ ]+({_NUM}))(?![0-9a-z/])"
)
# Address parts: keyword as written (accented) → level. Streets and hamlets are level 0, then
# ward/commune (1), district (2), province (3); the parts of an address only go up.
_KEYWORDS: dict[str, int] = {
    "ngõ": 0, "ngách": 0, "hẻm": 0, "kiệt": 0, "đường": 0, "phố": 0, "đại lộ": 0,
    "quốc lộ": 0, "ql": 0, "tỉnh lộ": 0, "tl": 0,
    "thôn": 0, "xóm": 0, "ấp": 0, "bản": 0, "làng": 0, "tổ dân phố": 0, "tổ": 0,
    "khu phố": 0, "kp": 0, "khu": 0, "khối": 0, "cụm": 0, "đội": 0, "lô": 0,
    "phường": 1, "p": 1, "xã": 1, "thị trấn": 1, "tt": 1,
    "quận": 2, "q": 2, "huyện": 2, "h": 2, "thị xã": 2, "tx": 2, "thành phố": 2, "tp": 2,
    "tỉnh": 3,
}  # fmt: skip
_STREETS = frozenset({"ngo", "ngach", "hem", "kiet", "duong", "pho", "dai lo", "quoc lo", "ql"})
_KW_LEVEL = {strip_diacritics(k): v for k, v in _KEYWORDS.items()}
# The spellings accepted for a keyword: its own and without marks ("bán" is not "bản").
_KW_FORMS: dict[str, frozenset[str]] = {
    strip_diacritics(k): frozenset({k, strip_diacritics(k)}) for k in _KEYWORDS
}
_COMPONENT = re.compile(
    r"[ ]*(?:[,;][ ]*|[ ]-[ ]+)?("
    + "|".join(sorted(map(re.escape, _KW_LEVEL), key=len, reverse=True))
    + r")(?:\.[ ]*|[ ]+|(?=[0-9]))"
)
_MAX_PARTS = 8  # street, lane, alley, hamlet, ward, district, province: never more
_NEEDS_DOT = frozenset({"p", "q", "h"})  # P. Nam Ngạn, Q.1, H. Quảng Xương
_NEEDS_NUMBER = frozenset({"to", "doi", "lo", "kp", "tl", "ql", "quoc lo", "tinh lo"})
_NUMNAME = re.compile(r"(?:so[ ]?)?[0-9]{1,4}[a-z]{0,2}(?:/[0-9]{1,4}[a-z]?)*(?![0-9a-z])")
_WORD = re.compile(r"[^\W\d_]+")
_CUE_BEFORE = re.compile(r"(?<![a-z])(?:o|tai|dia chi|d/c|dc|tru|nha)[ ]*:?[ ]*$")
_DATE_BEFORE = re.compile(
    r"(?<![a-z])(?:ngay|hom|dem|toi|sang|chieu|trua|tu|den|luc|truoc|sau|thang)[ ]*$"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end a name: function words people write after an address. Accented forms are
# checked from the second word of a name on, plain forms (which may also be name syllables
# once the marks are gone) from the third.
_STOP_ACCENTED = _words(
    "thì cần những là bán rồi ạ nhé nhá bị có không đang để và với của ở tại gần đó đấy đây này"
    " kia mà nhưng hay hoặc còn đã sẽ vừa cũng rất xin giúp ơi hả em anh chị tôi tao mày nó họ"
    " bọn chúng mình tui đi đến về ra vào lúc khi sau trước ngay luôn gọi nhà thuê trọ cho bắt"
    " đánh chém mở hôm nay tối sáng chiều đêm các mọi người đề nghị kiểm tra xử giấy tờ gì đc"
    " được ko k j e ad cs ae mn nhờ liệu thế vậy"
)
_STOP_PLAIN = _words(
    "thi can nhung la ban roi nhe nha bi co khong dang va voi cua o tai gan day nay kia ma hay"
    " hoac con se vua cung rat xin giup oi em toi tao no bon tui di den ve ra vao luc khi sau"
    " truoc ngay luon goi thue tro bat danh chem hom dem cac moi nguoi kiem xu giay gi dc duoc"
    " ko k j e ad ae mn nho lieu the vay"
)
# Lower-case words after "đường", "phố", "xã"... that make a phrase, not a place name.
_NOT_A_NAME = _words(
    "day loi dua truyen ong bay sat mon tat vong link tieu huyet ray ham dan kinh cheo sua co di"
    " bo xa hoi nha nuoc nay do kia nhieu"
)
# Words that start the next part of an address, ending the name before them.
_BREAK_ACCENTED = _words(
    "phường huyện quận xã thị tp tx tt tỉnh đường phố ngõ ngách hẻm kiệt thôn xóm ấp tổ khu khối"
)
_BREAK_PLAIN = _words("phuong huyen tp tx tt ngo ngach hem kiet thon xom")

_PRIORITY = {
    "email": 7,
    "bank_account": 6,
    "cmnd": 5,
    "plate": 4,
    "cccd": 3,
    "phone": 2,
    "address": 1,
}

# A candidate: (priority, start, end, kind) in view offsets.
_Cand = tuple[int, int, int, str]


# ---------------------------------------------------------------------------------------------
# Detection.
# ---------------------------------------------------------------------------------------------


def find_pii(text: str) -> list[PiiSpan]:
    """Personal data in ``text``, sorted by start, non-overlapping.

    Where two candidates overlap the more specific kind wins (e-mail, then a bank account in
    bank context, CMND after its keyword, plate, CCCD, phone, address), then the longer one.
    """
    if not isinstance(text, str) or not _TRIGGER.search(text):
        return []
    index: list[int] | None = None
    view = text
    if _DROPPED.search(text):
        view, index = _compose(text)
    folded = view.lower() if view.isascii() else view.translate(_FOLD)
    if len(folded) != len(view):  # cannot happen with a one-to-one table; be safe anyway
        return []
    cands = _candidates(view, folded)
    if not cands:
        return []
    chosen = _resolve(cands)
    spans: list[PiiSpan] = []
    for start, end, kind in chosen:
        if index is None:
            s, e = start, end
        else:
            s = index[start]
            e = index[end - 1] + 1
            while e < len(text) and "\u0300" <= text[e] <= "\u036f":  # marks of the last letter
                e += 1
        spans.append(PiiSpan(kind, s, e, text[s:e]))
    return spans


def _compose(text: str) -> tuple[str, list[int]]:
    """``text`` with combining marks composed onto their letters where NFC can (``đ`` + marks →
    ``đ``, ``u`` + horn + grave → ``ừ``) and dropped otherwise, zero-width characters dropped;
    with the offset in ``text`` of every character kept."""
    chars: list[str] = []
    index: list[int] = []
    i = 0
    size = len(text)
    while i < size:
        ch = text[i]
        if _DROPPED.match(ch):  # a stray mark or a zero-width character
            i += 1
            continue
        j = i + 1
        while j < size and "\u0300" <= text[j] <= "\u036f":
            j += 1
        if j > i + 1:
            composed = unicodedata.normalize("NFC", text[i:j])
            if len(composed) == 1:
                ch = composed
        chars.append(ch)
        index.append(i)
        i = j
    return "".join(chars), index


def _candidates(view: str, folded: str) -> list[_Cand]:
    cands: list[_Cand] = []
    if "@" in folded:
        for m in _EMAIL.finditer(folded):
            cands.append((_PRIORITY["email"], m.start(), m.end(), "email"))
    _phones(folded, cands)
    for m in _CCCD.finditer(folded):
        digits = _digits(m.group())
        if 1 <= int(digits[:3]) <= 96:
            cands.append((_PRIORITY["cccd"], m.start(), m.end(), "cccd"))
    if "cm" in folded or "chung minh" in folded:
        for m in _CMND.finditer(folded):
            cands.append((_PRIORITY["cmnd"], m.start(1), m.end(1), "cccd"))
    _plates(folded, cands)
    _bank_accounts(folded, cands)
    _addresses(view, folded, cands)
    return cands


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "\uff10" <= ch <= "\uff19"  # ASCII or full-width


def _digits(value: str) -> str:
    return "".join(ch for ch in value if _is_digit(ch))


def _phones(folded: str, cands: list[_Cand]) -> None:
    for m in _PHONE.finditer(folded):
        start, end = m.start(), m.end()
        value = m.group()
        if value.count("(") != value.count(")"):
            if value.startswith("(") and value.count("(") > value.count(")"):
                start += 1  # "(0912345678" with the closing parenthesis elsewhere
                value = value[1:]
            if value.count("(") != value.count(")"):
                continue
        glued = start > 0 and folded[start - 1].isalpha()  # only "sdt0912..." may be glued
        if glued and not _PHONE_GLUE.search(folded, max(0, start - 12), start):
            continue
        if _CURRENCY_AFTER.match(folded, end):
            continue
        if _DATE_LIKE.match(value):
            continue
        if value[0] == "8" and _MONEY_GROUPS.fullmatch(value):  # 84.900.000.000
            continue
        cands.append((_PRIORITY["phone"], start, end, "phone"))


_UNIT_SERIES = frozenset(
    {"k", "tr", "h", "g", "m", "d", "p", "s", "kg", "km", "cm", "mm", "ml", "ty", "gb", "mb", "x"}
)


def _plates(folded: str, cands: list[_Cand]) -> None:
    for m in _PLATE.finditer(folded):
        sep1, series, series_digit = m.group(2) or "", m.group(3), m.group(4)
        sep2, number = (m.group(5) or "").strip(), m.group(6)
        dotted = "." in number
        if not dotted:
            # "20k 12345", "12tr 5000": amounts and units look like plates without the dot
            if series in _UNIT_SERIES and not series_digit:
                continue
            if len(number) == 4 and sep2 != "-":  # old four-digit plates: 36A-1234 only
                continue
            if _CURRENCY_AFTER.match(folded, m.end()):
                continue
        if sep1 == " " and not (dotted or series_digit):
            continue  # "12 tr 50000"
        cands.append((_PRIORITY["plate"], m.start(), m.end(), "plate"))


def _bank_accounts(folded: str, cands: list[_Cand]) -> None:
    for m in _DIGITS_RUN.finditer(folded):
        start, end = m.start(), m.end()
        value = m.group()
        n = len(_digits(value))
        if _CURRENCY_AFTER.match(folded, end):
            # "stk 123456789 10 triệu": drop the amount at the end of the run
            cut = max(value.rfind(" "), value.rfind("-"))
            if cut <= 0:
                continue
            value = value[:cut].rstrip(" -")
            end = start + len(value)
            n = len(_digits(value))
        if not 6 <= n <= 19:
            continue
        if _bank_context(folded, start, end):
            cands.append((_PRIORITY["bank_account"], start, end, "bank_account"))


def _bank_context(folded: str, start: int, end: int) -> bool:
    if _BANK_AFTER.match(folded, end):
        return True
    lo = max(0, start - 40)
    last = None
    for k in _BANK_BEFORE.finditer(folded, lo, start):
        last = k
    if last is None:
        return False
    gap = folded[last.end() : start]
    if len(gap) > 28 or any(ch in _GAP_STOP or "0" <= ch <= "9" for ch in gap):
        return False  # another number or the end of a sentence in between
    return not _BANK_BREAK.search(gap)


# -- addresses --------------------------------------------------------------------------------


def _addresses(view: str, folded: str, cands: list[_Cand]) -> None:
    pos = 0
    n = len(folded)
    while pos < n:
        m = _ADDR_START.search(folded, pos)
        if m is None:
            return
        end = _address_at(view, folded, m)
        if end > 0:
            cands.append((_PRIORITY["address"], m.start(), end, "address"))
            pos = end
        else:
            pos = m.end()


@dataclass(slots=True)
class _Parts:
    """What follows a house number: how far, and which parts were seen."""

    end: int
    low: int = 0  # streets, lanes, hamlets
    admin: int = 0  # ward, commune, district, city, province
    bare_name: bool = False  # "12/3 Lê Lợi": a street name without "đường"
    bare_closed: bool = False  # ... of two words or more, ending the sentence
    capitalised: bool = False  # a capitalised name seen: no lower-case names after it


def _address_at(view: str, folded: str, m: re.Match[str]) -> int:
    """End of the address that starts with house number ``m``, or -1."""
    house_kw = m.group(1)
    lane = m.group(4)  # "ngõ 5 ngách 12 phố Huế": no house number, but a lane in a lane
    slash = m.group(3) is not None or "/" in (m.group(2) or m.group(5) or "")
    start = m.start()
    if lane is not None and view[start : m.start(5)].rstrip().lower() not in _KW_FORMS[lane]:
        return -1  # "Ngô 5" is a name
    if slash and _DATE_BEFORE.search(folded, max(0, start - 8), start):
        return -1  # "ngày 12/3 ..."
    parts = _Parts(m.end())
    _bare_street(view, folded, parts)
    _address_parts(view, folded, parts)
    if house_kw in ("so nha", "nha so"):
        ok = parts.low + parts.admin > 0 or parts.bare_name
    elif lane is not None or (house_kw is not None and not slash):  # "số 12", "ngõ 5"
        ok = parts.low > 0 or (parts.bare_name and parts.admin > 0)
    else:  # "12/3 Lê Lợi", "số 12/3 Lê Lợi"
        cue = _CUE_BEFORE.search(folded, max(0, start - 12), start) is not None
        ok = (parts.bare_name or parts.low > 0) and (
            parts.admin + parts.low > 0 or cue or house_kw is not None or parts.bare_closed
        )
    return parts.end if ok else -1


def _bare_street(view: str, folded: str, parts: _Parts) -> None:
    """A street name right after the house number: ``12/3 Lê Lợi``, ``số 12 Lê Lợi``."""
    end = parts.end
    if end >= len(view) or view[end] != " ":
        return
    name_end = _name_end(view, folded, end + 1, 5, lowercase_ok=False)
    if name_end > 0:
        parts.bare_name = parts.capitalised = True
        parts.bare_closed = " " in view[end + 1 : name_end] and (
            name_end == len(view) or view[name_end] in ",.;!?)\n"
        )
        parts.end = name_end


def _address_parts(view: str, folded: str, parts: _Parts) -> None:
    """Streets, hamlets and administrative units after the house number, in rising order."""
    level = 0
    for _ in range(_MAX_PARTS):
        c = _COMPONENT.match(folded, parts.end)
        if c is None:
            return
        kw = c.group(1)
        if view[c.start(1) : c.end(1)].lower() not in _KW_FORMS[kw]:
            return  # "bán" is not "bản", "dương" not "đường"
        if kw in _NEEDS_DOT and "." not in c.group():
            return
        kw_level = _KW_LEVEL[kw]
        if kw == "tp" and level >= 2:
            kw_level = 3  # "quận 1, TP Hồ Chí Minh"
        if kw_level < level or (kw_level > 0 and kw_level == level and parts.admin):
            return  # parts of an address only go up: "TP Sầm Sơn bán hàng" is not an address
        name_end = _part_name_end(view, folded, kw, kw_level, c.end(), parts)
        if name_end < 0:
            return
        if kw_level == 0:
            parts.low += 1
        else:
            parts.admin += 1
        level = kw_level
        parts.end = name_end


def _part_name_end(view: str, folded: str, kw: str, kw_level: int, pos: int, parts: _Parts) -> int:
    """End of the name after keyword ``kw`` (``5``, ``5 Bà Triệu``, ``Đông Thọ``), or -1."""
    number = _NUMNAME.match(folded, pos)
    if number is not None:
        end = number.end()
        if kw in _STREETS and end < len(view) and view[end] == " ":
            after = _name_end(view, folded, end + 1, 5, lowercase_ok=False)
            if after > 0:  # "ngõ 5 Bà Triệu"
                end = after
        return end
    if kw in _NEEDS_NUMBER:
        return -1
    max_words = 5 if kw in _STREETS else 3
    end = _name_end(
        view, folded, pos, max_words, lowercase_ok=not parts.capitalised, admin=kw_level > 0
    )
    if end > 0 and view[pos].isupper():
        parts.capitalised = True
    return end


def _name_end(
    view: str,
    folded: str,
    pos: int,
    max_words: int,
    *,
    lowercase_ok: bool,
    admin: bool = False,
) -> int:
    """End of a place name starting at ``pos`` (capitalised words), or -1 if there is none."""
    first = _WORD.match(view, pos)
    if first is None:
        return -1
    if not first.group()[0].isupper():
        return _lower_name_end(view, folded, pos, 2 if admin else 3) if lowercase_ok else -1
    caps = first.group().isupper() and len(first.group()) > 1
    if admin and caps:
        max_words = 2  # ward, commune and district names have two syllables, mostly
    end = -1
    count = 0
    while count < max_words:
        w = _WORD.match(view, pos)
        if w is None:
            break
        word = w.group()
        if not word[0].isupper():
            break
        lower = word.lower()
        plain = folded[w.start() : w.end()]
        if lower in _BREAK_ACCENTED or plain in _BREAK_PLAIN:
            break  # the next part of the address
        if count >= 1 and lower in _STOP_ACCENTED:
            break
        if count >= 2 and plain in _STOP_PLAIN:
            break
        count += 1
        end = w.end()
        if end + 1 < len(view) and view[end] == " ":
            pos = end + 1
        else:
            break
    return end


def _lower_name_end(view: str, folded: str, pos: int, max_words: int) -> int:
    """A name written in lower case (``duong ba trieu``): two words or more, accepted only if
    something clearly ends it (punctuation, the end, a function word or the next part of the
    address), and not a common phrase (``đường dây``, ``phố đi bộ``)."""
    first = _WORD.match(view, pos)
    if first is None or folded[first.start() : first.end()] in _NOT_A_NAME:
        return -1
    end = -1
    count = 0
    while True:
        w = _WORD.match(view, pos)
        if w is None:
            break
        word = w.group()
        plain = folded[w.start() : w.end()]
        if not word.islower() or plain in _STOP_PLAIN or word in _STOP_ACCENTED:
            break
        if word in _BREAK_ACCENTED or plain in _BREAK_PLAIN:
            break
        if count == max_words:
            return -1  # runs on: not clearly a name
        count += 1
        end = w.end()
        if end + 1 < len(view) and view[end] == " " and view[end + 1].isalpha():
            pos = end + 1
        else:
            break
    return end if count >= 2 else -1


def _resolve(cands: list[_Cand]) -> list[tuple[int, int, str]]:
    """Greedy by priority, then length: keep a candidate unless it overlaps one kept already."""
    cands.sort(key=lambda c: (-c[0], -(c[2] - c[1]), c[1]))
    starts: list[int] = []  # kept spans, sorted by start (they never overlap)
    kept: list[tuple[int, int, str]] = []
    for _, start, end, kind in cands:
        if end <= start:
            continue
        i = bisect_right(starts, start)
        if i > 0 and kept[i - 1][1] > start:
            continue
        if i < len(kept) and kept[i][0] < end:
            continue
        starts.insert(i, start)
        kept.insert(i, (start, end, kind))
    return kept


# ---------------------------------------------------------------------------------------------
# Masking.
# ---------------------------------------------------------------------------------------------

_DOT = "•"
_LABELS = {
    "phone": "SĐT",
    "cccd": "CCCD",
    "bank_account": "STK",
    "plate": "Biển số",
    "email": "Email",
    "address": "Địa chỉ",
}
_PLATE_HEAD = re.compile(r"[0-9]{2}(?: ?- ?| )?[^\W\d_]{1,2}[0-9]?")
_MAX_SHOWN = 0.4  # at most this share of a number's significant digits is ever shown


def mask_pii(text: str, spans: list[PiiSpan] | None = None, *, keep_last: int = 0) -> str:
    """``text`` with every span replaced by a bracketed label and a masked shape.

    ``0912 345 678`` → ``[SĐT 09•• ••• •••]``, ``038090123456`` → ``[CCCD 038•••••••••]``,
    ``36A-123.45`` → ``[Biển số 36A-•••.••]``, ``0123456789`` (account) → ``[STK ••••••••••]``,
    ``hung.le@gmail.com`` → ``[Email h•••@•••.com]``, an address → ``[Địa chỉ]``.

    ``keep_last`` shows that many trailing digits of phones, bank accounts and plates (as banks
    show the last four), but never more than 40 % of a number's significant digits including
    the kept prefix; CCCD/CMND numbers, e-mails and addresses never show more than above.
    ``spans=None`` runs ``find_pii``; given spans are clamped to the text and overlapping ones
    merged, so a sloppy caller cannot make part of a value leak.
    """
    if spans is None:
        spans = find_pii(text)
    if not spans:
        return text
    regions: list[tuple[int, int, str]] = []
    size = len(text)
    for span in sorted(spans, key=lambda sp: (sp.start, sp.end)):
        start = min(max(span.start, 0), size)
        end = min(max(span.end, 0), size)
        if end <= start:
            continue
        if regions and start < regions[-1][1]:  # overlapping: mask the union
            first, last, kind = regions[-1]
            regions[-1] = (first, max(last, end), kind)
            continue
        regions.append((start, end, span.kind))
    out: list[str] = []
    pos = 0
    for start, end, kind in regions:
        out.append(text[pos:start])
        out.append(_mask_value(kind, text[start:end], max(0, keep_last)))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _mask_value(kind: str, value: str, keep_last: int) -> str:
    label = _LABELS.get(kind, "Dữ liệu cá nhân")
    if kind == "phone":
        return f"[{label} {_mask_digits(value, _phone_prefix(value), keep_last)}]"
    if kind == "cccd":
        n = len(_digits(value))
        if n == 9:
            return f"[CMND {_mask_digits(value, 0, 0)}]"
        return f"[{label} {_mask_digits(value, 3 if n == 12 else 0, 0)}]"
    if kind == "bank_account":
        return f"[{label} {_mask_digits(value, 0, keep_last)}]"
    if kind == "plate":
        return f"[{label} {_mask_plate(value, keep_last)}]"
    if kind == "email":
        return f"[{label} {_mask_email(value)}]"
    return f"[{label}]"


def _phone_prefix(value: str) -> int:
    """Leading digits shown: the trunk ``0`` or country code plus the first digit after it."""
    digits = _digits(value)
    lead = value.lstrip("(+ ")
    if lead.startswith("0084"):
        shown = 5
    elif lead.startswith("84") and len(digits) >= 11:
        shown = 3
    else:
        shown = 2
    if len(digits) > shown and digits[shown - 1] == "0" and shown > 2:  # +84 0912...
        shown += 1
    return shown


def _mask_digits(value: str, prefix: int, keep_last: int) -> str:
    """Digits after the first ``prefix`` replaced by dots, except the last ``keep_last``
    (capped); separators and signs stay, so the shape remains readable."""
    total = sum(1 for ch in value if _is_digit(ch))
    significant = max(total - max(prefix - 1, 0), 1)
    shown_prefix = min(prefix, total)
    budget = int(significant * _MAX_SHOWN) - (1 if prefix else 0)
    last = max(0, min(keep_last, budget, total - shown_prefix))
    out: list[str] = []
    seen = 0
    for ch in value:
        if _is_digit(ch):
            seen += 1
            out.append(ch if seen <= shown_prefix or seen > total - last else _DOT)
        elif ch.isalnum():
            out.append(_DOT)
        else:
            out.append(ch)
    return "".join(out)


def _mask_plate(value: str, keep_last: int) -> str:
    """Province code and series stay (``36B1``), the registration number is masked."""
    m = _PLATE_HEAD.match(value)
    head = m.end() if m else 0
    return value[:head] + _mask_digits(value[head:], 0, keep_last)


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    tld = domain.rsplit(".", 1)[-1] if "." in domain else ""
    first = local[:1] if len(local) > 3 else ""
    return f"{first}{_DOT * 3}@{_DOT * 3}.{tld}" if tld else f"{first}{_DOT * 3}@{_DOT * 3}"
