"""Links in citizens' messages, as spammers write them.

Found: ``http(s)://…`` and ``www.…``; bare domains on a known top-level domain (``abc.com``,
``abc.com/xyz``, ``nhacai.vip``) and any domain followed by a path (``bet88x.example/abc``);
Facebook, Messenger, Zalo and Telegram links (``fb.com/…``, ``m.me/…``, ``zalo.me/g/…``,
``t.me/…``); URL shorteners (``bit.ly/…``, ``goo.gl``, ``rb.gy``, ``s.id``, ``t.co`` …); dots
written to dodge filters (``abc(.)com``, ``abc[.]com``, ``abc chấm com``). Not links: e-mail
addresses, ``tp.hcm``, ``Q.1``, ``15.000đ``, and ``cơm`` is not ``com``.

Government sites (``*.gov.vn``: the public-service portal, the ministry) are trusted: a citizen
pointing another to ``dichvucong.gov.vn`` is not spam.
"""

from __future__ import annotations

import re

from desktop.text.tolerant import prepare

TRUSTED_SUFFIXES = ("gov.vn",)

_TLDS = (
    "com|net|org|info|biz|vn|edu|gov|io|cc|tv|xyz|top|vip|club|bet|win|live|site|online|shop"
    "|store|app|link|click|pro|fun|asia|life|today|space|website|tk|ml|ga|cf|gq|icu|cyou|sbs"
    "|one|games|casino|poker|buzz|mobi|ws|bio|us|uk|ee"
)
# TLDs still recognised after a spelled-out dot ("bet88 chấm com").
_SPELLED_TLDS = "com|net|vn|xyz|vip|top|club|bet|win|me|io|cc|online|site"
_SHORTENERS = (
    r"bit\.ly|bitly\.com|cutt\.ly|ow\.ly|rebrand\.ly|t\.ly|goo\.gl|rb\.gy|is\.gd|v\.gd"
    r"|shorturl\.at|tiny\.cc|tinyurl\.com|t\.co|s\.id|bom\.so|linktr\.ee"
)
_DOT = r"(?:\.|[ ]?(?:\(\.\)|\[\.\]|\{\.\}|\((?:dot|chấm|cham)\)|\[(?:dot|chấm|cham)\])[ ]?)"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
_PATH = r"(?:/[^\s]*)?"
_LINK = re.compile(
    r"(?:(?:https?|hxxps?|tg)://|www\.)[^\s]+"  # with a scheme or www.
    rf"|(?<![\w@.\-/])(?:{_SHORTENERS}|[tm]\.me|zalo\.me|telegram\.me|fb\.(?:me|com|watch|gg))(?![a-z0-9])(?:/[^\s]*)?"
    rf"|(?<![\w@.\-/]){_LABEL}(?:{_DOT}{_LABEL})*{_DOT}(?:{_TLDS})(?![a-z0-9\-@]){_PATH}"
    rf"|(?<![\w@.\-/]){_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,12}}/[^\s]+"  # any domain with a path
    rf"|(?<![\w@.\-/])[a-z0-9\-]{{3,}}[ ](?:chấm|cham|dot)[ ](?:{_SPELLED_TLDS})(?![a-z0-9])"
)
# Nothing can be a link without one of these (most texts have none: a cheap first check).
_MAYBE = re.compile(r"://|www|[a-z0-9]\.[a-z]|[(\[{](?:\.|dot|ch)| (?:chấm|cham|dot) ")
_HOST = re.compile(r"^(?:(?:https?|hxxps?|tg)://)?([^/\s?#:]+)")


def find_links(text: str) -> list[str]:
    """The links in ``text`` as written (lower case), trusted government sites left out."""
    prepared = prepare(text)
    if not _MAYBE.search(prepared):
        return []
    found = []
    for match in _LINK.finditer(prepared):
        link = match.group(0).rstrip(".,;:!?)]}>\"'")
        host = _HOST.match(link)
        name = host.group(1) if host else link
        if any(name == s or name.endswith("." + s) for s in TRUSTED_SUFFIXES):
            continue
        found.append(link)
    return found


def has_link(text: str) -> bool:
    return bool(find_links(text))
