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
