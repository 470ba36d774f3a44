"""Turns any failure into a short sentence for the status area and details for the dialog.

The core's errors and outcomes are message data, rendered here through the same gettext
catalogue the CLI uses (its language follows the window's, set at start-up); the few
sentences that belong to the window itself go through Qt's translator.
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication

from audience_desktop.application import AppError, Attempt, Status

log = logging.getLogger(__name__)


def labelled(label: str, value: object) -> str:
    """"label: value", as the language writes it (French spaces the colon)."""
    # Translators: a label and its value on one line ("Name: Summer buyers").
    return fill(QCoreApplication.translate("Messages", "%1: %2"), label, value)


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated template's %1, %2... in one pass, so a value that
    itself contains "%2" is never substituted again."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


class Failure(NamedTuple):
    """A failure as the window shows it: one sentence, then the facts support asks for.

    ``facts`` are (label, value) pairs (HTTP status, error code, request id, the server's
    words, the history's note), shown by the details dialog and copied by its Copy button.
    """

    summary: str
    facts: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        """Everything, as plain text for the clipboard or a support ticket."""
        lines = [labelled(label, value) for label, value in self.facts]
        return "\n".join([self.summary, *(["", *lines] if lines else [])])


def _facts(error: AppError, attempt: Attempt | None) -> tuple[tuple[str, str], ...]:
    facts = [
        (
            QCoreApplication.translate("Messages", "HTTP status"),
            "" if error.status is None else str(error.status),
        ),
        (QCoreApplication.translate("Messages", "Error code"), error.code or ""),
        (QCoreApplication.translate("Messages", "Request id"), error.request_id or ""),
        (QCoreApplication.translate("Messages", "Adobe's message"), error.server_message or ""),
    ]
    note = attempt.note() if attempt is not None else ""
    if note and note != error.summary():
        facts.append((QCoreApplication.translate("Messages", "History note"), note))
    return tuple((label, value) for label, value in facts if value)


def describe_failure(error: BaseException, attempt: Attempt | None = None) -> Failure:
    """Plain words first; status, code and request id one click away."""
    if isinstance(error, AppError):
        summary = error.summary()
        if attempt is not None and attempt.status is Status.UNKNOWN:
            summary = QCoreApplication.translate(
                "Messages",
                "No clear answer from Adobe: the audience may exist. It is marked Unknown in "
                "the history; check it later (Ctrl+R) before creating it again.",
            )
        elif attempt is not None and attempt.resolution_message() is not None:
            # Settled by a lookup: say what the lookup found, not the transport error.
            summary = attempt.resolution_message().render()  # type: ignore[union-attr]
        return Failure(summary, _facts(error, attempt))
    from audience_desktop.ui.tasks import CancelledError

    if isinstance(error, CancelledError):
        return Failure(
            QCoreApplication.translate("Messages", "Cancelled before it started; nothing was sent.")
        )
    log.error("Unexpected failure", exc_info=(type(error), error, error.__traceback__))
    return Failure(
        QCoreApplication.translate(
            "Messages",
            "Something unexpected went wrong. The details are in the log (Help ▸ Open Log Folder).",
        ),
        ((QCoreApplication.translate("Messages", "Error"), type(error).__name__),),
    )
