"""Reading one child of the audience listing: times, masking, external or not, names."""

from __future__ import annotations

from audience_desktop.core.client import sandbox_audience
from audience_desktop.core.sandbox_audiences import next_start, same_name


def test_times_ids_and_kind_are_read_safely() -> None:
    audience = sandbox_audience({
        "name": "Café", "id": "sys-1", "audienceId": True, "creationTime": 0,
        "updateTime": "2024-06-01T10:00:00Z", "lifecycleState": "published",
        "originName": "REAL_TIME_CUSTOMER_PROFILE", "description": "a\x1b[31mb",
    })  # fmt: skip
    assert audience.created == "1970-01-01T00:00:00.000+00:00"
    assert audience.updated == "2024-06-01T10:00:00.000+00:00"
    assert audience.audience_id is None and audience.id == "sys-1"  # a boolean is not an id
    assert not audience.external and "\x1b" not in audience.description
    assert sandbox_audience({"name": "x", "type": "ExternalSegment", "creationTime": 1e300}).external
    assert sandbox_audience({"name": "x", "creationTime": 1e300}).created is None


def test_names_compare_trimmed_and_nfc_but_exact() -> None:
    assert same_name(" Cafe\u0301 ", "Café") and not same_name("café", "Café")
    assert sandbox_audience({"name": "Café"}).is_named("Cafe\u0301\n")


def test_the_next_page_comes_from_page_next_or_links_next() -> None:
    assert next_start({"_page": {"next": 100}}) == "100"
    assert next_start({"_links": {"next": {"href": "/x?limit=5&start=abc"}}}) == "abc"
    assert next_start({"_page": {"next": ""}, "_links": {}}) is None
