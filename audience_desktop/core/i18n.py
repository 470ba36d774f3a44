"""The user's language for everything the core and the CLI say: GNU gettext catalogues.

Why gettext (compiled with Babel) and not Qt's translator: the core and the CLI must not
import Qt, and gettext is Python's own. The window keeps Qt Linguist for its widgets and
renders the core's messages through this same catalogue, so a message reads the same in
both front ends. The language comes from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, in that
order (gettext's own precedence); the window passes Qt's idea of the system language.
"""

from __future__ import annotations

import gettext
import os
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

DOMAIN = "audience-desktop"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_lock = threading.Lock()
_translation: gettext.NullTranslations | None = None


def _normalise(language: str) -> str:
    """'fr-FR' (Qt's form) and 'fr_FR.UTF-8' both become 'fr_FR'."""
    return language.replace("-", "_").split(".")[0].split("@")[0]


def languages_from_environment() -> list[str]:
    """The languages asked for by the environment, with GNU gettext's precedence rules.

    LANGUAGE (a colon-separated list) wins, unless the locale itself (the first of LC_ALL,
    LC_MESSAGES, LANG that is set) is C or POSIX, which asks for untranslated messages.
    """
    locale = next(
        (os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), ""
    )
    if locale in ("C", "POSIX") or locale.startswith(("C.", "POSIX.")):
        return []
    preferred = os.environ.get("LANGUAGE", "")
    if preferred:
        return [_normalise(part) for part in preferred.split(":") if part]
    return [_normalise(locale)] if locale else []


def use_languages(languages: Sequence[str] | None = None) -> None:
    """Choose the catalogue: ``languages`` in order of preference, else the environment's."""
    global _translation
    wanted = [_normalise(lang) for lang in languages] if languages is not None else None
    if wanted is None:
        wanted = languages_from_environment()
    expanded: list[str] = []
    for lang in wanted:  # 'fr_FR' falls back to 'fr'
        for candidate in (lang, lang.split("_")[0]):
            if candidate and candidate not in expanded:
                expanded.append(candidate)
    translation = gettext.translation(
        DOMAIN, LOCALE_DIR, languages=expanded or ["en"], fallback=True
    )
    with _lock:
        _translation = translation


def _current() -> gettext.NullTranslations:
    translation = _translation
    if translation is None:
        use_languages()
        translation = _translation
    assert translation is not None
    return translation


def language() -> str:
    """The language messages come out in: 'fr' or 'en'."""
    info = _current().info()
    return str(info.get("language", "en")).split("_")[0] or "en"


def _(text: str) -> str:
    """Translate ``text`` (an English template) into the current language."""
    return _current().gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current().ngettext(singular, plural, count)


def N_(text: str) -> str:
    """Mark ``text`` for extraction without translating it now (it is translated when shown)."""
    return text


def local_time(iso: str) -> str:
    """An ISO time from the history as every front end shows it: local, in the language's
    date format, with its zone ("2026-11-29 13:42 CET"), so no time is read as the wrong one.

    Anything that is not an ISO time (an old row's "2026-11-29 10:42 UTC") is shown as is.
    """
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return iso
    # Translators: a strftime format for dates in tables (the French one is %d/%m/%Y %H:%M).
    shown = when.strftime(_("%Y-%m-%d %H:%M"))
    return f"{shown} {_zone(when)}"


def _zone(when: datetime) -> str:
    """The zone's abbreviation where the system has a short one (CET, EST, UTC), else its
    offset (Windows names zones in long words, "Romance Standard Time")."""
    name = when.tzname() or ""
    if name.isalpha() and name.isupper() and len(name) <= 5:
        return name
    minutes = int((when.utcoffset() or timedelta(0)).total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"
