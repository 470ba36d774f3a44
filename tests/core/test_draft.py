"""Draft validation: every bad input gets a plain message naming the field, nothing else."""

from __future__ import annotations

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
