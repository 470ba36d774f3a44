"""The profiles dialog's sandbox field: “Title (name)”, production marked, never pre-chosen.

A sandbox from Test connection's list shows its title and technical name, and a production
one says so in words and in red, here and in the profile list. The list never picks a
production sandbox for the user (issue 9 item 2): it keeps the profile's own sandbox, else
the account's default development sandbox, else nothing, so the choice is the user's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from audience_desktop.application import Profile, Sandbox, sandbox_text
from audience_desktop.ui.messages import fill
from audience_desktop.ui.style import Style, apply_style, text_colour


def sandbox_label(name: str, title: str, production: bool) -> str:
    """“Title (name)”, or the name alone when the title is not known; marked if production."""
    shown = sandbox_text(name, title)
    if production:
        return fill(QCoreApplication.translate("SandboxCombo", "%1 — PRODUCTION"), shown)
    return shown


def is_production(box: Sandbox) -> bool:
    """As ``Profile.is_production``: the listed type, else a name like “prod”."""
    return Profile(name="", org_id="", client_id="", sandbox=box.name,
                   sandbox_type=box.type).is_production  # fmt: skip


class SandboxCombo(QComboBox):
    """An editable list of sandboxes: an item's data is its technical name; a typed name is
    the fallback when listing is not permitted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxCombo")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # A long sandbox title must not widen the dialog past the screen: the list pops up wide.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.setAccessibleName(self.tr("Sandbox"))
        self.setToolTip(self.tr("Use Test connection to pick from your sandboxes"))
        self.lineEdit().setPlaceholderText(self.tr("Choose one after Test connection"))
        self._known: dict[str, Sandbox] = {}
        self.currentTextChanged.connect(self._mark)

    def show_saved(self, profile: Profile) -> None:
        """Show the profile's own sandbox (a new profile: none)."""
        self.clear()
        box = Sandbox(profile.sandbox, profile.sandbox_title, profile.sandbox_type)
        self._known = {box.name: box} if box.name else {}
        if box.name:
            self._add(box)
            self.setCurrentIndex(0)
        self._mark()

    def show_list(self, boxes: list[Sandbox]) -> None:
        """Offer ``boxes``; keep the sandbox shown, else pre-select only a default
        development one: a production sandbox is never chosen for the user."""
        current = self.sandbox()
        self.blockSignals(True)
        self.clear()
        self._known.update({box.name: box for box in boxes})
        for box in boxes:
            self._add(box)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        default = next((b for b in boxes if b.is_default and not b.is_production), None)
        index = self.findData(current or (default.name if default else None))
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(current)  # typed and not listed: kept as typed; or empty
        self._mark()

    def sandbox(self) -> str:
        """The technical name shown: a listed item's, or the text typed."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0 and self.itemData(index):
            return str(self.itemData(index))
        return text

    def chosen(self) -> Sandbox | None:
        """What is known of the sandbox shown (title, type), when it came from a list."""
        return self._known.get(self.sandbox())

    def _add(self, box: Sandbox) -> None:
        production = is_production(box)
        self.addItem(sandbox_label(box.name, box.title, production), box.name)
        if production:
            red = text_colour(Style.ERROR, self.palette())
            self.setItemData(self.count() - 1, red, Qt.ItemDataRole.ForegroundRole)

    @Slot()
    def _mark(self) -> None:
        box = self.chosen() or Sandbox(self.sandbox(), "", "")
        apply_style(self, Style.ERROR if is_production(box) else None)
