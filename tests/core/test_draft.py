"""Draft validation: every bad input gets a plain message naming the field, nothing else."""

from __future__ import annotations

import unicodedata

import pytest

from audience_desktop.core.draft import MAX_LENGTHS, AudienceDraft, DraftInvalid


def draft(**overrides: str) -> AudienceDraft:
    values = {"name": "Summer buyers", "namespace": "agora", "origin_name": "Agora_Collab"}
    values.update(overrides)
    return AudienceDraft(**values)


def test_valid_draft_is_trimmed_and_body_has_only_set_fields() -> None:
    cleaned = draft(name="  Summer buyers  ").validated()
    assert cleaned.name == "Summer buyers"
    assert cleaned.body() == {
        "name": "Summer buyers",
        "namespace": "agora",
        "originName": "Agora_Collab",
    }
    with_description = draft(description="Bought in July").validated()
    assert with_description.body()["description"] == "Bought in July"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", "", "Name: This field is required."),
        ("name", "   \t ", "Name: This field cannot be only spaces."),
        ("namespace", "", "Namespace: This field is required."),
        ("origin_name", "  ", "Origin name: This field cannot be only spaces."),
        ("name", "bad\x00name", "Name: It contains an invisible control character, U+0000"),
        ("name", "tab\there", "Name: It contains an invisible control character, U+0009"),
        (
            "namespace",
            "line\u2028sep",
            "Namespace: It contains an invisible control character, U+2028",
        ),
        ("name", "x" * 10_000, "Name: It is 10000 characters long; the limit is 256."),
    ],
)
def test_bad_fields_give_plain_messages(field: str, value: str, expected: str) -> None:
    with pytest.raises(DraftInvalid) as caught:
        draft(**{field: value}).validated()
    assert str(caught.value).startswith(expected)


def test_every_problem_is_reported_at_once() -> None:
    errors = AudienceDraft(name="", namespace=" ", origin_name="\x07").errors()
    assert [e.field for e in errors] == ["name", "namespace", "originName"]


def test_description_may_hold_line_breaks_but_not_other_controls() -> None:
    assert draft(description="line one\nline two\tend").errors() == []
    assert draft(description="bell\x07").errors()[0].field == "description"
    long = draft(description="d" * (MAX_LENGTHS["description"] + 1)).errors()
    assert "limit is 4000" in long[0].message.render()


def test_unicode_names_are_fine() -> None:
    assert draft(name="Acheteurs d’été — 2026 🎉").errors() == []


# --- look-alike names ----------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
BIDI += ["\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
ODD_SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"]


@pytest.mark.parametrize("field", ["name", "namespace", "origin_name"])
@pytest.mark.parametrize("char", INVISIBLE + BIDI + ODD_SPACES)
def test_invisible_bidi_and_odd_spaces_are_refused_naming_the_character(
    field: str, char: str
) -> None:
    with pytest.raises(DraftInvalid) as caught:
        draft(**{field: f"Summer{char}buyers"}).validated()
    text = str(caught.value)
    assert f"U+{ord(char):04X}" in text
    if char in BIDI:
        assert "direction" in text
    elif char in ODD_SPACES:
        assert "looks like a space" in text
    else:
        assert "invisible character" in text


# Default-ignorable code points that are not format characters: variation selectors (both
# blocks), a Mongolian free variation selector, a Khmer inherent vowel, a reserved one.
IGNORABLE = ["\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef", "\u180b", "\u17b4", "\u2065"]
IGNORABLE += ["\ufff0", "\U000e0fff"]


@pytest.mark.parametrize("field", ["name", "namespace", "origin_name"])
@pytest.mark.parametrize("char", IGNORABLE)
def test_variation_selectors_and_default_ignorables_are_refused_naming_the_character(
    field: str, char: str
) -> None:
    with pytest.raises(DraftInvalid) as caught:
        draft(**{field: f"a{char}b"}).validated()
    text = str(caught.value)
    assert f"U+{ord(char):04X}" in text and "invisible" in text  # unassigned: "control"
    if unicodedata.category(char) != "Cn":  # free text: not an identifier
        assert draft(description=f"a{char}b").errors() == []


def test_only_identifying_fields_are_checked_and_ordinary_spaces_are_fine() -> None:
    free_text = "Prix\u00a0: 10\u202f€ \u200e"
    assert [e.field for e in draft(name=free_text, description=free_text).errors()] == ["name"]
    assert draft(name="Summer  buyers 2026", origin_name="Agora Collab").errors() == []


def test_names_are_normalised_to_nfc_everywhere() -> None:
    decomposed = draft(
        name="cafe\u0301", namespace="e\u0301te\u0301", description="re\u0301sume\u0301"
    )
    cleaned = decomposed.validated()
    assert cleaned.name == "caf\u00e9" and len(cleaned.name) == 4
    assert cleaned.namespace == "\u00e9t\u00e9"
    assert cleaned.body()["name"] == "caf\u00e9" and cleaned.description == "r\u00e9sum\u00e9"
    assert cleaned == draft(
        name="caf\u00e9", namespace="\u00e9t\u00e9", description="r\u00e9sum\u00e9"
    )
    assert decomposed.cleaned() == cleaned  # what the form compares against the running job


def test_length_is_counted_after_normalisation() -> None:
    assert draft(name="e\u0301" * 256).errors() == []  # 512 code points typed, 256 sent
