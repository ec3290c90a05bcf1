"""The two views of a text the model reads: accented (character n-grams) and folded (words)."""

from __future__ import annotations

from desktop.text.folding import fold
from desktop.text.normalize import emoji_tokens, expand_teencode, normalize


def accented_view(text: str) -> str:
    """Canonical tones, teencode expanded, emoji as tokens, lower case."""
    return emoji_tokens(expand_teencode(normalize(text))).lower()


def views(text: str) -> tuple[str, str]:
    accented = accented_view(text)
    return accented, fold(accented)
