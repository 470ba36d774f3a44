"""Turns any failure into a short sentence for the status area and details for the dialog."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication

from audience_desktop.core.errors import AepError
from audience_desktop.core.history import Attempt, Status

log = logging.getLogger(__name__)


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated template's %1, %2... in one pass, so a value that
    itself contains "%2" is never substituted again."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def describe_failure(error: BaseException, attempt: Attempt | None = None) -> tuple[str, str]:
    """(summary, details): plain words first, status, code and request id one click away."""
    if isinstance(error, AepError):
        summary = error.message.rstrip(".") + "."
        if error.hint:
            summary += " " + error.hint
        if attempt is not None and attempt.status is Status.UNKNOWN:
            summary = _tr(
                "No clear answer from Adobe: the audience may exist. It is marked Unknown in "
                "the history; check it later (Ctrl+R) before creating it again."
            )
        elif (
            attempt is not None
            and attempt.status is Status.FAILED
            and error.kind.value == "uncertain"
        ):
            # Settled by a lookup: say what the lookup found, not the transport error.
            summary = (attempt.error or summary).split(" The server had said:")[0]
        details = error.describe()
        if attempt is not None and attempt.error and attempt.error != details:
            details += "\n\n" + attempt.error
        return summary, details
    from audience_desktop.ui.tasks import CancelledError

    if isinstance(error, CancelledError):
        text = _tr("Cancelled before it started; nothing was sent.")
        return text, text
    if isinstance(error, (ValueError, LookupError)):
        return str(error), str(error)
    log.error("Unexpected failure", exc_info=(type(error), error, error.__traceback__))
    return (
        _tr(
            "Something unexpected went wrong. The details are in the log (Help ▸ Open Log Folder)."
        ),
        f"{type(error).__name__}",
    )
