"""Small text checks shared by every validator: control characters and plain-text cleanup."""

from __future__ import annotations

import unicodedata

# Categories that never belong in a name, header or URL: controls, surrogates, private
# use, unassigned, and the line/paragraph separators that break headers and logs.
_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}


def first_control_char(value: str, allowed: str = "") -> str | None:
    """Return the first forbidden character in ``value`` (``allowed`` ones excepted), or None."""
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            return char
    return None


def describe_char(char: str) -> str:
    """Name a character so a person can find it: 'U+0009 (CHARACTER TABULATION)'."""
    name = unicodedata.name(char, "")
    if not name and char in "\t\n\r":
        name = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}[char]
    label = f"U+{ord(char):04X}"
    return f"{label} ({name})" if name else label


def printable(value: str, limit: int = 500) -> str:
    """Make text from a server safe to show: no controls, bounded length."""
    cleaned = "".join(" " if unicodedata.category(c) in _FORBIDDEN_CATEGORIES else c for c in value)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned
