"""The built-in server's audience listing (paging, sort, name filter), its 403 mode, reading
one audience and deleting it, as AEP documents them."""

from __future__ import annotations

import httpx

from audience_desktop.core import aep
from audience_desktop.localserver import LocalAepServer, sample_audiences
from tests.localserver.helpers import BODY, assert_gateway, assert_service, create, gateway_headers


def _headers(token: str, sandbox: str = "prod") -> dict[str, str]:
    return {**gateway_headers(token), "x-sandbox-name": sandbox}


def _audience(number: int) -> dict[str, object]:
    return {"id": f"sys-{number:03}", "audienceId": f"aud-{number:03}", "name": f"Team {number:03}",
            "namespace": "crm", "originName": "CRM", "creationTime": number, "updateTime": number,
            "lifecycleState": "published", "type": "ExternalSegment"}  # fmt: skip


def test_listing_pages_with_start_limit_and_next(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.add_audiences("prod", [_audience(n) for n in range(25)])
    seen: list[str] = []
    start: str | None = "0"
    while start is not None:
        params = {"start": start, "limit": "10", "sort": "updateTime:desc"}
        answer = api.get(aep.AUDIENCE_LOOKUP_PATH, params=params, headers=_headers(token))
        assert answer.status_code == 200
        data = answer.json()
        assert data["_page"]["totalCount"] == 25
        seen += [child["name"] for child in data["children"]]
        start = data["_page"].get("next")
        if start is not None:  # the link says the same as _page.next
            assert f"start={start}" in data["_links"]["next"]["href"]
        else:
            assert "_links" not in data
    assert seen == [f"Team {n:03}" for n in reversed(range(25))]  # newest change first


def test_name_filter_is_a_case_insensitive_contains(api: httpx.Client, token: str) -> None:
    for name in ("Summer buyers", "SUMMER sale", "Winter"):
        assert create(api, token, {**BODY, "name": name}).status_code == 200
    found = api.get(aep.AUDIENCE_LOOKUP_PATH, params={"name": "summer"}, headers=_headers(token))
    assert [c["name"] for c in found.json()["children"]] == ["Summer buyers", "SUMMER sale"]
    child = found.json()["children"][0]
    assert child["type"] == "ExternalSegment" and child["lifecycleState"] == "published"
    assert isinstance(child["creationTime"], int) and child["updateTime"] == child["creationTime"]


def test_listing_forbidden_mode_answers_403_to_every_read_but_not_to_create(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.config.listing_forbidden = True
    listing = api.get(aep.AUDIENCE_LOOKUP_PATH, headers=_headers(token))
    assert assert_service(listing, 403)["type"].endswith(aep.EA_NOT_AUTHORIZED + "-403")
    assert api.get(aep.AUDIENCE_LOOKUP_PATH + "/x", headers=_headers(token)).status_code == 403
    assert create(api, token).status_code == 200  # a create-only credential may still create


def test_delete_removes_it_from_the_listing_and_answers_404_after(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    made = create(api, token).json()
    path = f"{aep.AUDIENCE_LOOKUP_PATH}/{made['id']}"
    one = api.get(path, headers=_headers(token))
    assert one.status_code == 200 and one.json()["audienceId"] == made["audienceId"]
    assert api.delete(path, headers=_headers(token, "dev-sandbox")).status_code == 404  # other sandbox
    assert_gateway(api.delete(path), 403, aep.GW_TOKEN_MISSING)
    answer = api.delete(path, headers=_headers(token))
    assert answer.status_code == 204 and answer.content == b""
    assert server.audiences("prod") == []
    assert api.get(aep.AUDIENCE_LOOKUP_PATH, headers=_headers(token)).json()["children"] == []
    assert_service(api.delete(path, headers=_headers(token)), 404)
    assert create(api, token).status_code == 200  # the same name may be created again


def test_sample_audiences_tell_external_from_platform_ones() -> None:
    kinds = {a["name"]: a["type"] for a in sample_audiences()}
    assert sorted(kinds.values()) == ["ExternalSegment", "ExternalSegment", "SegmentDefinition"]
