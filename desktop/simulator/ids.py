"""Identifier formats that imitate the platforms' (platform-apis.md A.0 and B.2).

Facebook: numeric Page/post/comment local ids, ``{page}_{post}`` posts, ``{post}_{comment}``
comments, ``t_...`` conversations, ``m_...`` messages. Zalo: 18-19 digit user/OA/app ids
(beyond 2^53, so always strings) and 20-hex-digit message ids.
Deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import random
import string

_B64ISH = string.ascii_letters + string.digits + "-_"


class IdFactory:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._local = 10_158_000_000_000_000 + rng.randrange(10**12)
        self._used: set[str] = set()

    def numeric(self, digits: int, first: str = "1") -> str:
        while True:
            rest = "".join(self._rng.choice(string.digits) for _ in range(digits - len(first)))
            value = first + rest
            if value not in self._used:
                self._used.add(value)
                return value

    def page_id(self) -> str:
        return self.numeric(15, "10")

    def psid(self) -> str:
        return self.numeric(16, "7")

    def local_id(self) -> str:
        """Increasing 17-digit local id (posts, comments) like ``10158407654328553``."""
        self._local += self._rng.randrange(1, 5000)
        return str(self._local)

    def conversation_id(self) -> str:
        return "t_" + self.numeric(15, "5")

    def message_id(self) -> str:
        body = "".join(self._rng.choice(_B64ISH) for _ in range(58))
        return "m_" + body

    def zalo_id(self) -> str:
        return self.numeric(19, str(self._rng.randrange(1, 9)))

    def zalo_message_id(self) -> str:
        return "".join(self._rng.choice("0123456789abcdef") for _ in range(20))

    def hex32(self) -> str:
        return "".join(self._rng.choice("0123456789abcdef") for _ in range(32))

    def fbtrace_id(self) -> str:
        return "A" + "".join(self._rng.choice(_B64ISH) for _ in range(22))
