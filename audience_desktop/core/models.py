"""What AEP answers, as plain frozen dataclasses.

Kept apart from the httpx client so a window or dialog can name them without importing
the network stack on its GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class Created:
    """A successful create: every id the server gave."""

    name: str
    audience_id: str
    id: str | None
    status: int
    request_id: str


@dataclass(frozen=True)
class Sandbox:
    """One sandbox from the sandbox list: ``name`` goes in headers, ``title`` is shown."""

    name: str
    title: str
    type: str
    state: str = ""
    is_default: bool = False

    @property
    def is_production(self) -> bool:
        return self.type == "production"


@dataclass(frozen=True)
class FoundAudience:
    """An audience a lookup found (``raw`` keeps every field the server gave)."""

    name: str
    audience_id: str | None
    id: str | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Lookup:
    """Audiences found by exact name; ``complete`` is False when paging stopped early."""

    audiences: list[FoundAudience]
    complete: bool


class Stage(str, Enum):
    """Where a create stands while the user waits."""

    RECORDED = "recorded"  # the pending row is written; ``row_id`` names it
    SENDING = "sending"  # a send started (``attempt`` of ``max_attempts``)
    WAITING = "waiting"  # paused ``delay`` seconds before a safe retry


@dataclass(frozen=True)
class Progress:
    """What a create is doing now, so a front end can say it in words rather than spin.

    ``throttled`` tells a 429 back-off from a connection that could not be made.
    """

    stage: Stage
    row_id: int | None = None
    attempt: int = 1
    max_attempts: int = 1
    delay: float = 0.0
    throttled: bool = False


@dataclass(frozen=True)
class SandboxAudience:
    """One audience of a sandbox's listing, whoever made it (the app, a colleague, AEP's UI).

    Server text, secrets masked; ``created``/``updated`` are ISO 8601 UTC (or None when the
    server gave none); ``external`` tells audiences made by a create call like this app's
    (type ExternalSegment, or an origin other than Experience Platform) from AEP segments.
    """

    name: str
    audience_id: str | None
    id: str | None
    namespace: str = ""
    origin_name: str = ""
    description: str = ""
    created: str | None = None
    updated: str | None = None
    lifecycle: str = ""
    external: bool = False

    def can_be_typed(self) -> bool:
        """Whether its name can be typed back to confirm a delete: not blank, and shown as it
        is (a name with control characters is shown with "?" and cannot be retyped)."""
        from audience_desktop.core.draft import normalise
        from audience_desktop.core.text import terminal_text

        return bool(normalise(self.name)) and terminal_text(self.name) == self.name

    def confirmed_by(self, typed: str) -> bool:
        """``typed`` confirms deleting it: its name as names are compared, or, for a name
        that cannot be typed, its system id exactly. Nothing typed never confirms."""
        if self.can_be_typed():
            return bool(typed.strip()) and self.is_named(typed)
        return bool(self.id) and typed.strip() == self.id

    def is_named(self, text: str) -> bool:
        """``text`` is this audience's name as names are compared (trimmed, NFC, exact):
        a typed confirmation, the duplicate check."""
        from audience_desktop.core.draft import normalise

        return normalise(text) == normalise(self.name)

    def export(self) -> dict[str, Any]:
        """Under the CLI's JSON keys (``audiences --json``): the scripts' contract."""
        return {
            "name": self.name,
            "audienceId": self.audience_id,
            "id": self.id,
            "namespace": self.namespace,
            "originName": self.origin_name,
            "description": self.description,
            "created": self.created,
            "updated": self.updated,
            "lifecycle": self.lifecycle,
        }


@dataclass(frozen=True)
class AudiencePage:
    """One page of a sandbox's listing, as it arrives.

    ``index`` counts pages from 0; ``total`` the server's count of every match (None when not
    given); ``last`` is True on the final page; ``cut_short`` when paging stopped before the
    end (too many pages, or a page marker that is not one): the listing is incomplete.
    """

    audiences: tuple[SandboxAudience, ...]
    index: int
    total: int | None
    last: bool
    cut_short: bool = False
