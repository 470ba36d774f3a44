"""What removing a profile did, in words: every keyring entry named, none guessed.

The sentences keep the profiles dialog's translation context ("ProfilesDialog"), where they
were written and translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from audience_desktop.application import RemovedProfile
from audience_desktop.ui.messages import fill


def removal_report(name: str, removed: RemovedProfile) -> tuple[str, bool]:
    """(text, whether it is an error) for the profiles dialog's message line."""
    if removed.existed:
        first = fill(
            QCoreApplication.translate(
                "ProfilesDialog", "Removed the profile “%1” from the profiles file."
            ),
            name,
        )
    else:
        first = fill(
            QCoreApplication.translate(
                "ProfilesDialog", "The profile “%1” was no longer in the profiles file."
            ),
            name,
        )
    if removed.secrets_removed:
        gone = fill(
            QCoreApplication.translate("ProfilesDialog", "Removed from the system keyring: %1."),
            _secret_names(removed.secrets_removed),
        )
    else:
        gone = QCoreApplication.translate(
            "ProfilesDialog", "The system keyring held nothing else for it."
        )
    if removed.complete:
        return f"{first} {gone}", False
    left = fill(
        QCoreApplication.translate(
            "ProfilesDialog",
            "The system keyring could not be reached (%1), so these may still be stored "
            "there, under the service “audience-desktop” and the name “%2”: %3. Remove "
            "them with your system's keyring tool, or they stay there.",
        ),
        removed.keyring_error or QCoreApplication.translate("ProfilesDialog", "unknown error"),
        name,
        _secret_names(removed.secrets_not_removed),
    )
    parts = [first, gone if removed.secrets_removed else "", left]
    return " ".join(part for part in parts if part), True


def _secret_names(kinds: tuple[str, ...]) -> str:
    """The keyring entries' kinds in words ("client-secret" is the client secret...)."""
    words = {
        "client-secret": QCoreApplication.translate("ProfilesDialog", "the client secret"),
        "access-token": QCoreApplication.translate("ProfilesDialog", "the access token"),
        "token-cache": QCoreApplication.translate("ProfilesDialog", "the cached access token"),
    }
    return ", ".join(words.get(kind, kind) for kind in kinds)
