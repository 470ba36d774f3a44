"""The profiles dialog's Export… and Import…: the file choosers and what they say.

The file holds no secret (``core/profile_share.py``): the importer types it, so an import
only fills the dialog for a new profile and Save stores it as any new profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.messages import fill

SUFFIX = ".audience-profile.json"


def _filters() -> str:
    return QCoreApplication.translate("ProfileSharing", "Shared profiles (*.json);;All files (*)")


def ask_export_path(parent: QWidget, name: str) -> Path | None:
    """Where to write the profile ``name``; the chooser itself asks before overwriting."""
    suggested = str(Path.home() / f"{name}{SUFFIX}")
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ProfileSharing", "Export Profile"),
        suggested,
        _filters(),
    )
    return Path(chosen) if chosen else None


def ask_import_path(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ProfileSharing", "Import Profile"),
        str(Path.home()),
        _filters(),
    )
    return Path(chosen) if chosen else None


def exported_text(name: str, path: Path) -> str:
    return fill(
        QCoreApplication.translate(
            "ProfileSharing",
            "Exported “%1” to %2, without its secret: whoever imports it types the secret.",
        ),
        name,
        path,
    )


def imported_text(path: Path, token: bool) -> str:
    if token:
        text = QCoreApplication.translate(
            "ProfileSharing", "Read from %1. Check the name, type the access token, then Save."
        )
    else:
        text = QCoreApplication.translate(
            "ProfileSharing", "Read from %1. Check the name, type the client secret, then Save."
        )
    return fill(text, path)


def confirm_replace(parent: QWidget, name: str) -> bool:
    """Saving a new profile under a name in use replaces that profile: only if asked to."""
    return confirm(
        parent,
        QCoreApplication.translate("ProfileSharing", "Replace profile?"),
        fill(
            QCoreApplication.translate(
                "ProfileSharing",
                "A profile named “%1” exists. Replace it with this one? Its settings and its "
                "secret are replaced; to keep both, choose another name.",
            ),
            name,
        ),
        warning=True,
    )
