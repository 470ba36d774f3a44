"""A sandbox's audiences as the listing answers them: its pages and each child, read safely.

Every value is server text: names and descriptions pass the masking choke point
(``from_server``), ids must look like ids, and times become ISO 8601 UTC whether AEP sends
epoch milliseconds (its usual form) or an ISO string.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

from audience_desktop.core.draft import normalise
from audience_desktop.core.models import SandboxAudience
from audience_desktop.core.text import first_control_char, from_server, printable

# Origins of audiences Experience Platform made itself (segments); any other is external.
_PLATFORM_ORIGINS = frozenset({"", "real_time_customer_profile", "experience platform", "aep"})
_MAX_TEXT = 4000  # a description longer than the create call allows is cut, not refused
_MAX_SHORT = 256


@dataclass(frozen=True)
class RawPage:
    """One answer of the audience listing, its children as the server sent them."""

    children: list[dict[str, Any]]
    index: int
    total: int | None
    last: bool
    cut_short: bool = False


def next_start(data: dict[str, Any]) -> str | None:
    """The next page's ``start``: ``_page.next``, else the ``start`` of ``_links.next``."""
    page = data.get("_page")
    following = page.get("next") if isinstance(page, dict) else None
    if following not in (None, ""):
        return str(following)
    links = data.get("_links")
    link = links.get("next") if isinstance(links, dict) else None
    href = link.get("href") if isinstance(link, dict) else None
    if isinstance(href, str) and href:
        starts = parse_qs(urlsplit(href).query).get("start")
        return starts[0] if starts else None
    return None


def total_count(page: Any) -> int | None:
    total = page.get("totalCount") if isinstance(page, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def read_audience(child: dict[str, Any], id_of: Any) -> SandboxAudience:
    """One child of ``GET /data/core/ups/audiences``; ``id_of`` checks an id (client._opt)."""
    origin = _text(child.get("originName"), _MAX_SHORT)
    kind = str(child.get("type") or "")
    return SandboxAudience(
        name=_exact(child.get("name")),
        audience_id=id_of(child.get("audienceId")),
        id=id_of(child.get("id")),
        namespace=_text(child.get("namespace"), _MAX_SHORT),
        origin_name=origin,
        description=_text(child.get("description"), _MAX_TEXT),
        created=_time(child.get("creationTime", child.get("createdAt"))),
        updated=_time(child.get("updateTime", child.get("updatedAt"))),
        lifecycle=_text(child.get("lifecycleState"), 64),
        external=kind == "ExternalSegment" or origin.casefold() not in _PLATFORM_ORIGINS,
    )


def same_name(server_name: str, name: str) -> bool:
    """The server's name is ``name`` as the duplicate guard compares: trimmed, NFC, exact."""
    return normalise(server_name) == normalise(name)


def _exact(value: Any) -> str:
    """A name, kept exact (secrets masked): it is compared, copied and typed back."""
    return from_server(value) if isinstance(value, str) else ""


def _text(value: Any, limit: int) -> str:
    return printable(value, limit) if isinstance(value, str) else ""


def _time(value: Any) -> str | None:
    """Epoch milliseconds or an ISO string, as ISO 8601 UTC; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            moment = datetime.fromtimestamp(value / 1000, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.isoformat(timespec="milliseconds")
    if isinstance(value, str) and len(value) <= 64 and first_control_char(value) is None:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    return None
