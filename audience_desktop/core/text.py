"""Small text checks shared by every validator, and the way in for every text a server sends.

``from_server`` is the one choke point for server text: prose (error bodies of AEP and
IMS, a not-JSON snippet) goes through ``printable``, which calls it, and values kept exact
(ids, sandbox titles, lookup results) go through it alone, before anything is shown, stored
or logged, so a server that echoes a token or a client secret back gets it no further.
``terminal_text`` is the last step before a terminal: no escape sequence gets through.
"""

from __future__ import annotations

import unicodedata

from audience_desktop.core.redact import redact

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


# Bidirectional overrides and isolates reorder what a terminal shows ("Trojan source").
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def from_server(value: str) -> str:
    """A value as a server sent it, with every known secret and credential shape masked.

    Nothing else changes, so ids stay exact for ``--json``; use ``printable`` for prose.
    """
    return redact(value)


def printable(value: str, limit: int = 500) -> str:
    """Make text from a server safe to show and store: no secrets, no controls, bounded.

    Redacted before and after the cleanup (a control character could hide a "Bearer" from
    the patterns) and before the cut, so a cut can never leave half a secret unmasked.
    """
    cleaned = "".join(
        " " if unicodedata.category(c) in _FORBIDDEN_CATEGORIES else c for c in from_server(value)
    )
    cleaned = from_server(" ".join(cleaned.split()))
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def terminal_text(value: str) -> str:
    """``value`` made harmless for a terminal: every control (ESC, BEL, C1, newlines, tabs)
    and bidi override becomes "?", so a server value cannot recolour, retitle or rewrite
    the user's terminal or shift the CLI's columns. Nothing else changes."""
    return "".join(
        "?" if c in _BIDI_CONTROLS or unicodedata.category(c) in _FORBIDDEN_CATEGORIES else c
        for c in value
    )
