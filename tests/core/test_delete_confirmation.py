"""What confirms a delete: the name typed back, or the id when the name cannot be typed."""

from __future__ import annotations

from audience_desktop.core.models import SandboxAudience


def audience(name: str) -> SandboxAudience:
    return SandboxAudience(name=name, audience_id="aud-1", id="sys-1")


def test_the_name_confirms_as_names_are_compared() -> None:
    shown = audience("Café lovers")
    assert shown.can_be_typed()
    assert shown.confirmed_by("Café lovers") and shown.confirmed_by(" Cafe\u0301 lovers ")
    assert not shown.confirmed_by("café lovers") and not shown.confirmed_by("")
    assert not shown.confirmed_by("sys-1")


def test_a_blank_name_or_one_with_controls_is_confirmed_by_its_id() -> None:
    for name in ("   ", "", "ev\x1b]0;x\x07il", "a\u202eb"):
        odd = audience(name)
        assert not odd.can_be_typed(), name
        assert not odd.confirmed_by("") and not odd.confirmed_by(" ")
        assert not odd.confirmed_by(name)
        assert odd.confirmed_by("sys-1")
    assert not SandboxAudience(name=" ", audience_id=None, id=None).confirmed_by("")
