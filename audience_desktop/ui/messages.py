"""Turns any failure into a short sentence for the status area and details for the dialog.

The core's errors and outcomes are message data, rendered here through the same gettext
catalogue the CLI uses (its language follows the window's, set at start-up); the few
sentences that belong to the window itself go through Qt's translator.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication

from audience_desktop.application import AppError, Attempt, Status

log = logging.getLogger(__name__)


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated template's %1, %2... in one pass, so a value that
    itself contains "%2" is never substituted again."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


def describe_failure(error: BaseException, attempt: Attempt | None = None) -> tuple[str, str]:
    """(summary, details): plain words first, status, code and request id one click away."""
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
        details = error.describe()
        note = attempt.note() if attempt is not None else ""
        if note and note not in details:
            details += "\n\n" + note
        return summary, details
    from audience_desktop.ui.tasks import CancelledError

    if isinstance(error, CancelledError):
        text = QCoreApplication.translate(
            "Messages", "Cancelled before it started; nothing was sent."
        )
        return text, text
    log.error("Unexpected failure", exc_info=(type(error), error, error.__traceback__))
    return (
        QCoreApplication.translate(
            "Messages",
            "Something unexpected went wrong. The details are in the log (Help ▸ Open Log Folder).",
        ),
        f"{type(error).__name__}",
    )
