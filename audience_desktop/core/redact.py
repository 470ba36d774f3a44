"""Keeps secrets out of everything shown, stored or logged: known values and credential shapes.

``core.credentials`` and ``core.auth`` register each secret and token before it can be sent,
so a server that echoes one back (a gateway's "Bad header Authorization: Bearer ...", an IMS
``error_description`` repeating the client secret) has it masked on the way in: every server
text passes through ``core.text.from_server``, which calls ``redact``. A long secret's base64,
base64url and hex forms are masked too; a secret echoed reversed, re-cased, split in pieces
shorter than ``MIN_FRAGMENT`` or in other encodings (HTML entities...) is out of reach. The
log filter below is the second net, for anything that reaches a log line by another road.
"""

from __future__ import annotations

import base64
import functools
import logging
import re
import threading
from urllib.parse import quote, quote_plus

MASK = "***"
_PATTERN_TEXTS = (
    r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+",
    r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:basic|bearer|token|negotiate)?\s*)[^\"'\s,}]+",
    r"(?i)((?:client_secret|access_token|refresh_token|id_token|password)[\"']?\s*[:=]\s*"
    r"[\"']?)[^\"'&\s,}]+",
    r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*",  # JWTs
)
# A run of credential characters: a server that echoes only part of a secret (cut at some
# length, or with "..." appended) still has that part masked when it is long enough.
MIN_FRAGMENT = 12  # shorter pieces of a secret are too likely to be ordinary words
_RUN_TEXT = r"[A-Za-z0-9._~+/=-]{12,}"


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """The patterns, compiled on the first redaction (about 1 ms, not at start-up)."""
    return tuple(re.compile(text) for text in _PATTERN_TEXTS), re.compile(_RUN_TEXT)


_known: set[str] = set()
_lock = threading.Lock()


# Encoded forms only for secrets this long: the hex or base64 of a short one is everyday text.
MIN_ENCODED = MIN_FRAGMENT


def register_secret(value: str | None) -> None:
    """Remember a secret (its URL-encoded forms, and for a long one its base64, base64url
    and hex forms) so that ``redact`` masks it anywhere."""
    if value and len(value) >= 4:
        forms = {value, quote(value, safe=""), quote_plus(value)}
        if len(value) >= MIN_ENCODED:
            forms.update(_encoded_forms(value.encode("utf-8")))
        with _lock:
            _known.update(forms)


def _encoded_forms(raw: bytes) -> set[str]:
    """The base64 (standard and URL-safe) and hex (both cases) forms of ``raw``.

    Base64 depends on where the secret starts in what was encoded ("client-id:secret" in a
    Basic header shifts it by one or two bytes), so for each of the three alignments the
    characters that carry only the secret's own bits are kept; a mask may leave the one or
    two edge characters that mix in the neighbours' bits.
    """
    forms = {raw.hex(), raw.hex().upper()}
    standard = base64.b64encode(raw).decode("ascii")
    forms.update({standard, standard.rstrip("=")})
    for shift in range(3):
        encoded = base64.b64encode(bytes(shift) + raw).decode("ascii")
        first = -(-8 * shift // 6)  # the first character whose bits are all the secret's
        last = 8 * (shift + len(raw)) // 6  # one past the last such character
        forms.add(encoded[first:last])
    forms |= {form.replace("+", "-").replace("/", "_") for form in forms}
    return {form for form in forms if len(form) >= MIN_FRAGMENT}


def redact(text: str) -> str:
    """Return ``text`` with registered secrets, their long fragments and credential-shaped
    values masked."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    patterns, run = _compiled()
    for pattern in patterns:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    tokens, grams = _fragments()
    if tokens:
        text = run.sub(lambda m: _mask_fragment(m.group(0), tokens, grams), text)
    return text


_fragment_cache: tuple[frozenset[str], list[str], frozenset[str]] = (frozenset(), [], frozenset())


def _fragments() -> tuple[list[str], frozenset[str]]:
    """Token-like secrets and every MIN_FRAGMENT-long piece of them (a quick first check).

    Only token-like secrets: a structured one (the token cache's JSON) would mask ordinary
    words such as "access_token".
    """
    global _fragment_cache
    with _lock:
        known = frozenset(_known)
        if _fragment_cache[0] != known:
            run = _compiled()[1]
            tokens = [value for value in known if run.fullmatch(value)]
            grams = frozenset(
                value[i : i + MIN_FRAGMENT]
                for value in tokens
                for i in range(len(value) - MIN_FRAGMENT + 1)
            )
            _fragment_cache = (known, tokens, grams)
        return _fragment_cache[1], _fragment_cache[2]


def _mask_fragment(run: str, tokens: list[str], grams: frozenset[str]) -> str:
    core = run.strip(".")
    if (
        len(core) >= MIN_FRAGMENT
        and core[:MIN_FRAGMENT] in grams
        and any(core in value for value in tokens)
    ):
        return MASK
    return run


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites each record's final message through ``redact``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = redact(record.getMessage())
        record.msg, record.args = message, None
        if record.exc_info:
            import traceback

            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        return True
