"""One attempt at creating an audience, as the history keeps it: statuses, outcome, export.

Plain data with no SQL, so the service, the read side, the front ends and the exports all
share one definition of what an attempt is and how its outcome reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.messages import Message, join, msg
from audience_desktop.core.process_owner import Owner


class Status(str, Enum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"

    def label(self) -> Message:
        """The word shown to a person (the value itself is the scripts' contract)."""
        return msg(f"status.{self.value}")


class Resolution(str, Enum):
    """What a later check of an uncertain outcome concluded (the ``resolution`` column)."""

    FOUND = "found"  # a lookup found it: succeeded
    FOUND_SEVERAL = "found_several"  # succeeded, but more than one exists under that name
    OTHER_DETAILS = "other_details"  # same name, other namespace or origin: still unknown
    NOT_FOUND_YET = "not_found_yet"  # too soon (or lookup incomplete) to call it failed
    NOT_FOUND = "not_found"  # settled: it was not created
    CHECK_FAILED = "check_failed"  # the lookup itself failed
    MARKED = "marked"  # the user checked AEP and released it
    DELETED = "deleted"  # created, then deleted from the sandbox: it may be created again


UNRESOLVED = (Status.PENDING, Status.UNKNOWN)

# The export columns: the CLI's stable contract (``history --json`` / ``--csv``).
EXPORT_COLUMNS = (
    "created_at", "profile", "sandbox", "name", "description", "namespace", "originName",
    "status", "audienceId", "id", "http_status", "error_code", "request_id", "error",
)  # fmt: skip


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Attempt:
    """One row of the history."""

    row_id: int
    created_at: str
    updated_at: str
    profile: str
    sandbox: str
    endpoint: str
    name: str
    description: str
    namespace: str
    origin_name: str
    status: Status
    audience_id: str | None = None
    aep_id: str | None = None
    http_status: int | None = None
    error_code: str | None = None
    request_id: str | None = None
    legacy_note: str | None = None  # prose written by schema 2; shown as is, never parsed
    uncertain_since: str | None = None  # when the outcome became unknown (not exported)
    server_message: str | None = None  # the server's own words about a failure
    failure: str | None = None  # what went wrong: a message kind...
    failure_args: str | None = None  # ...and its parameters (JSON)
    failure_hint: str | None = None  # what to do about it: a message kind...
    failure_hint_args: str | None = None  # ...and its parameters (JSON)
    resolution: str | None = None  # what a later check concluded (a Resolution value)...
    resolution_args: str | None = None  # ...and its parameters (JSON)
    checked_at: str | None = None  # when that check ran
    owner_pid: int | None = None  # the process that wrote the pending row (schema 4)...
    owner_started: str | None = None  # ...its start time (clock ticks since boot, Linux)...
    owner_host: str | None = None  # ...its host...
    owner_boot: str | None = None  # ...and its boot id
    org_id: str | None = None  # what a later lookup needs, kept from the profile at claim
    client_id: str | None = None
    platform_url: str | None = None
    ims_url: str | None = None
    ais_path: str | None = None
    auth_kind: str | None = None
    scopes: str | None = None
    batch_id: int | None = None  # the batch this attempt is a row of (schema 6)...
    batch_row: int | None = None  # ...and its row number in the file

    def owner(self) -> Owner | None:
        """The process that claimed this row, when recorded (rows before schema 4: None)."""
        if self.owner_pid is None or self.owner_host is None:
            return None
        return Owner(self.owner_pid, self.owner_started, self.owner_host, self.owner_boot)

    @property
    def draft(self) -> AudienceDraft:
        return AudienceDraft(self.name, self.namespace, self.origin_name, self.description)

    def failure_message(self) -> Message | None:
        return Message.from_columns(self.failure, self.failure_args)

    def resolution_message(self) -> Message | None:
        if not self.resolution:
            return None
        return Message.from_columns(f"resolution.{self.resolution}", self.resolution_args)

    def notes(self) -> list[Message | str]:
        """What is known about the outcome, in order: what failed, what the server said,
        what a later check found (and an older version's note)."""
        parts: list[Message | str | None] = [
            self.failure_message(),
            msg("http.server_said", text=self.server_message) if self.server_message else None,
            None
            if self.resolution
            else Message.from_columns(self.failure_hint, self.failure_hint_args),
            self.resolution_message(),
            self.legacy_note,
        ]
        return [part for part in parts if part]

    def note(self) -> str:
        """The notes rendered in the current language ('' when there are none)."""
        return join(*self.notes())

    def export(self) -> dict[str, Any]:
        """The row under the CLI's export column names."""
        return {
            "created_at": self.created_at,
            "profile": self.profile,
            "sandbox": self.sandbox,
            "name": self.name,
            "description": self.description,
            "namespace": self.namespace,
            "originName": self.origin_name,
            "status": self.status.value,
            "audienceId": self.audience_id,
            "id": self.aep_id,
            "http_status": self.http_status,
            "error_code": self.error_code,
            "request_id": self.request_id,
            "error": self.note() or None,
        }
