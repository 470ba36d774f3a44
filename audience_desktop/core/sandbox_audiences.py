"""A sandbox's audiences as the listing answers them: one child of the answer, read safely.

Every value is server text: names and descriptions pass the masking choke point
(``from_server``), ids must look like ids, and times become ISO 8601 UTC whether AEP sends
epoch milliseconds (its usual form) or an ISO string.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from audience_desktop.core.draft import normalise
from audience_desktop.core.models import SandboxAudience
from audience_desktop.core.text import first_control_char, from_server, printable

# Origins of audiences Experience Platform made itself (segments); any other is external.
_PLATFORM_ORIGINS = frozenset({"", "real_time_customer_profile", "experience platform", "aep"})
_MAX_TEXT = 4000  # a description longer than the create call allows is cut, not refused
_MAX_SHORT = 256


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
