"""The profile bar: which profile (and so which sandbox) a create goes to, and Profiles…."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from audience_desktop.application import Profile
from audience_desktop.ui.messages import fill
from audience_desktop.ui.style import Style, apply_style

BADGE_WIDTH = 420  # px of text at most; the profile selector takes the rest


class ProfileBar(QWidget):
    """The profile selector, a sandbox badge (red for production) and the Profiles… button.

    Signals:
        profile_changed(): another profile is selected, or the list changed.
        manage_requested(): the user asked for the profiles dialog.
    """

    profile_changed = Signal()
    manage_requested = Signal()

    def __init__(self, can_manage: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles: dict[str, Profile] = {}
        label = QLabel(self.tr("P&rofile:"))
        self.combo = QComboBox()
        self.combo.setObjectName("profileCombo")
        self.combo.setAccessibleName(self.tr("Profile"))
        self.combo.setMinimumContentsLength(16)
        label.setBuddy(self.combo)
        self.sandbox_label = QLabel()
        self.sandbox_label.setObjectName("sandboxLabel")
        self.sandbox_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sandbox_label.setAccessibleName(self.tr("Sandbox"))
        self.sandbox_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read by keyboard too
        self.manage_button = QPushButton(self.tr("Profiles…"))
        self.manage_button.setObjectName("profilesButton")
        self.manage_button.setEnabled(can_manage)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.sandbox_label)
        row.addWidget(self.manage_button)
        self.combo.currentIndexChanged.connect(self._on_selected)
        self.manage_button.clicked.connect(self.manage_requested)

    def set_profiles(self, profiles: dict[str, Profile], select: str | None = None) -> None:
        """Show ``profiles``, keeping the current one unless ``select`` names another."""
        self._profiles = dict(profiles)
        current = select or self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for name in sorted(self._profiles):
            self.combo.addItem(name, name)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.combo.blockSignals(False)
        if not self._profiles:
            self.combo.setPlaceholderText(self.tr("No profile yet: add one"))
        self._on_selected()

    def current_profile(self) -> Profile | None:
        name = self.combo.currentData()
        return self._profiles.get(name) if name else None

    @Slot()
    def _on_selected(self) -> None:
        self._show_sandbox(self.current_profile())
        self.profile_changed.emit()

    def _show_sandbox(self, profile: Profile | None) -> None:
        """The badge's text, colours, and what a screen reader says of it."""
        if profile is None:
            sandbox = ""
            text, name = self.tr("No sandbox"), self.tr("No sandbox")
            description = self.tr("No profile is selected: add one to create.")
            style = None
        elif profile.is_production:
            sandbox = profile.sandbox_shown
            text, name = self.tr("PRODUCTION sandbox: %1"), self.tr("Sandbox %1, production")
            description = self.tr(
                "Audiences are created in %1, a production sandbox; each create asks first."
            )
            style = Style.PRODUCTION_BADGE
        else:
            sandbox = profile.sandbox_shown
            text, name = self.tr("Sandbox: %1"), self.tr("Sandbox %1, not production")
            description = self.tr("Audiences are created in %1, which is not a production sandbox.")
            style = Style.SAFE_BADGE
        badge = self.sandbox_label
        full = fill(text, sandbox)
        # A long title is cut in the middle (the PRODUCTION word and the name stay readable),
        # so the window keeps fitting the screen; the whole of it is in the tooltip.
        shown = badge.fontMetrics().elidedText(full, Qt.TextElideMode.ElideMiddle, BADGE_WIDTH)
        badge.setText(shown)
        badge.setToolTip(full if shown != full else "")
        badge.setAccessibleName(fill(name, sandbox))
        badge.setAccessibleDescription(fill(description, sandbox))
        apply_style(badge, style)
