"""An audience draft and its validation: pure and instant, shared by the form, the CLI and batches."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import Message, join, msg
from audience_desktop.core.text import describe_char, first_control_char

# Adobe documents no limits; these keep a slip of the clipboard from reaching the API and
# are far above any name a person types. Change them here, and only here.
MAX_LENGTHS = {"name": 256, "description": 4000, "namespace": 256, "originName": 256}

# Fields that identify an audience and that people compare by eye: no character in them may
# be invisible or make the text display differently from what is sent (look-alike names).
# The description is free text and keeps only the control-character rule.
IDENTIFYING_FIELDS = ("name", "namespace", "originName")

# Bidirectional controls (and marks) reorder or hide what is shown: "Trojan Source" spoofing.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Invisible letters and symbols that are not format characters (category Cf, refused as a
# whole): Hangul fillers, the combining grapheme joiner, the blank Braille pattern.
INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")
# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt) that are not format
# characters: variation selectors (U+FE00-U+FE0F, U+E0100-U+E01EF; "a\ufe0fb" displays as "ab"),
# the Mongolian free variation selectors, the Khmer inherent vowels, and the code points Unicode
# reserves as ignorable (U+2065, U+FFF0-U+FFF8, the rest of plane 14), which show as nothing.
IGNORABLE_RANGES = (
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2060, 0x206F),
    (0xFE00, 0xFE0F),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def is_invisible(char: str) -> bool:
    """True for a character that shows as nothing: format (Cf), default-ignorable, fillers."""
    if char in INVISIBLE_EXTRA or unicodedata.category(char) == "Cf":
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in IGNORABLE_RANGES)


@dataclass(frozen=True)
class FieldError:
    """One problem with one field, as a message the front end renders."""

    field: str
    message: Message

    def labelled(self) -> Message:
        """'Name: This field is required.'"""
        return msg("field.problem", field=msg(f"field.{self.field}"), problem=self.message)


class DraftInvalid(AppError, ValueError):
    """Raised when a draft cannot be sent; carries every field's problem at once."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].labelled(), kind=ErrorKind.CONFIG)
        self.errors = errors

    def summary(self) -> str:
        return join(*(error.labelled() for error in self.errors))


@dataclass(frozen=True)
class AudienceDraft:
    """What the user asks to create. Values are kept as typed; ``cleaned()`` trims them."""

    name: str
    namespace: str
    origin_name: str
    description: str = ""

    def cleaned(self) -> AudienceDraft:
        """Trim surrounding whitespace, which nobody means to send, and normalise to NFC.

        NFC makes "café" one string however it was typed (precomposed é, or e + combining
        accent), so the sent body, the history row and the duplicate guard all agree.
        """
        return AudienceDraft(
            name=normalise(self.name),
            namespace=normalise(self.namespace),
            origin_name=normalise(self.origin_name),
            description=normalise(self.description),
        )

    def values(self) -> dict[str, str]:
        """The fields under their API names."""
        return {
            "name": self.name,
            "description": self.description,
            "namespace": self.namespace,
            "originName": self.origin_name,
        }

    def errors(self) -> list[FieldError]:
        """Every problem, per field, in form order; empty when the draft can be sent."""
        problems: list[FieldError] = []
        for key, value in self.values().items():
            message = _field_problem(key, value)
            if message:
                problems.append(FieldError(key, message))
        return problems

    def validated(self) -> AudienceDraft:
        """The cleaned draft, or DraftInvalid listing every problem."""
        problems = self.errors()
        if problems:
            raise DraftInvalid(problems)
        return self.cleaned()

    def body(self) -> dict[str, str]:
        """The JSON body: only the fields the user set (description is optional)."""
        return {key: value for key, value in self.values().items() if value}


def normalise(value: str) -> str:
    """Trimmed and NFC: how names are compared (the duplicate guard, the sandbox check)."""
    return unicodedata.normalize("NFC", value.strip())


def _field_problem(key: str, value: str) -> Message | None:
    stripped = normalise(value)
    if key != "description" and not stripped:
        return msg("field.required") if not value else msg("field.only_spaces")
    bad = first_control_char(stripped, allowed="\n\t" if key == "description" else "")
    if bad is not None:
        return msg("field.control_char", char=describe_char(bad))
    if key in IDENTIFYING_FIELDS:
        problem = _lookalike_problem(stripped)
        if problem is not None:
            return problem
    limit = MAX_LENGTHS[key]
    if len(stripped) > limit:
        return msg("field.too_long", length=len(stripped), limit=limit)
    return None


def _lookalike_problem(value: str) -> Message | None:
    """Refuse what would make two names look the same but differ, naming the character.

    Ordinary spaces are fine. Every other space (no-break, thin, figure, ideographic...) is
    refused rather than silently replaced: it looks like a space but is a different name.
    """
    for char in value:
        if char in BIDI_CONTROLS:
            return msg("field.bidi_char", char=describe_char(char))
        if is_invisible(char):
            return msg("field.invisible_char", char=describe_char(char))
        if char != " " and unicodedata.category(char) == "Zs":
            return msg("field.odd_space", char=describe_char(char))
    return None
