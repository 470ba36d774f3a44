"""Faults the built-in server can inject into create calls.

A fault is a value, not behaviour: the server decides how to play it. Keeping the
list here, with one constructor per kind, lets tests, the GUI demo and the HTTP
control endpoint (``POST /__local__/faults``) name exactly the same failures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

FaultKind = Literal[
    "rate_limit",
    "html_502",
    "empty_502",
    "hang",
    "drop_after_create",
    "garbage_json",
    "no_audience_id",
    "expired_token",
    "server_error",
    "forbidden",
]

FAULT_KINDS: tuple[str, ...] = (
    "rate_limit",
    "html_502",
    "empty_502",
    "hang",
    "drop_after_create",
    "garbage_json",
    "no_audience_id",
    "expired_token",
    "server_error",
    "forbidden",
)

# Faults after which the audience exists on the server: the outcome the client
# sees is broken, but the create happened. Clients must not blindly retry these.
PROCESSED_KINDS: frozenset[str] = frozenset({"drop_after_create", "garbage_json", "no_audience_id"})


def _seconds(value: Any, what: str) -> float:
    """Check a duration from Python or JSON, so a typo fails at queue time, not mid-request."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} must be a number of seconds, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be a finite number >= 0, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Fault:
    """One failure to play on the next create call (FIFO, one fault per call)."""

    kind: FaultKind
    retry_after: float | None = None  # rate_limit only: Retry-After header value, None = no header
    seconds: float = 0.0  # hang only: how long to sit on the request

    @property
    def processed(self) -> bool:
        """True when the audience is stored despite the broken answer."""
        return self.kind in PROCESSED_KINDS

    @classmethod
    def rate_limit(cls, retry_after: float | None = 1) -> Fault:
        """429 gateway error, with Retry-After unless None; nothing stored."""
        value = None if retry_after is None else _seconds(retry_after, "retry_after")
        return cls("rate_limit", retry_after=value)

    @classmethod
    def html_502(cls) -> Fault:
        """502 with an HTML gateway page, as a proxy in front of AEP would answer."""
        return cls("html_502")

    @classmethod
    def empty_502(cls) -> Fault:
        """502 with an empty body: the client must not choke on a missing JSON body."""
        return cls("empty_502")

    @classmethod
    def hang(cls, seconds: float = 30) -> Fault:
        """Sit on the request (then 504 HTML); stop() wakes it early; nothing stored."""
        return cls("hang", seconds=_seconds(seconds, "seconds"))

    @classmethod
    def drop_after_create(cls) -> Fault:
        """Store the audience, then close the socket without answering: the unknown outcome."""
        return cls("drop_after_create")

    @classmethod
    def garbage_json(cls) -> Fault:
        """Store the audience, answer 200 with a body that is not JSON."""
        return cls("garbage_json")

    @classmethod
    def no_audience_id(cls) -> Fault:
        """Store the audience, answer 200 without audienceId."""
        return cls("no_audience_id")

    @classmethod
    def expired_token(cls) -> Fault:
        """401013 even for a good token: exercises the client's one re-mint."""
        return cls("expired_token")

    @classmethod
    def server_error(cls) -> Fault:
        """500 service-shape error with code 100970; nothing stored."""
        return cls("server_error")

    @classmethod
    def forbidden(cls) -> Fault:
        """403025 "Profile is not valid": the missing product profile case."""
        return cls("forbidden")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        """Build a fault from JSON such as ``{"kind": "rate_limit", "retry_after": 1}``.

        Raises ValueError on an unknown kind or parameter, so the control endpoint
        can answer 400 instead of queueing something it cannot play.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"a fault must be a JSON object, got {data!r}")
        kind = data.get("kind")
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(FAULT_KINDS)}")
        params = {key: value for key, value in data.items() if key != "kind"}
        allowed = {"rate_limit": {"retry_after"}, "hang": {"seconds"}}.get(kind, set())
        unknown = sorted(set(params) - allowed)
        if unknown:
            raise ValueError(f"fault {kind!r} takes no parameter(s) {', '.join(unknown)}")
        factory = getattr(cls, kind)
        fault: Fault = factory(**params)
        return fault

    def to_dict(self) -> dict[str, Any]:
        """The JSON form accepted by from_dict (used to show what is queued)."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.kind == "rate_limit":
            data["retry_after"] = self.retry_after
        elif self.kind == "hang":
            data["seconds"] = self.seconds
        return data
