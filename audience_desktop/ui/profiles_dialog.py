"""The profiles dialog: add, edit, remove and test profiles; secrets go to the keyring only."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.application import (
    AppError,
    AuthKind,
    Profile,
    ProfileTest,
    RemovedProfile,
    Workspace,
)
from audience_desktop.ui import profile_sharing as sharing
from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.messages import describe_failure, fill
from audience_desktop.ui.profile_fields import ProfileFields
from audience_desktop.ui.profile_removal import removal_report
from audience_desktop.ui.sandbox_combo import sandbox_label
from audience_desktop.ui.style import Style, apply_style, text_colour
from audience_desktop.ui.tasks import Lanes, Task


class ProfilesDialog(QDialog):
    """Edits ``profiles.json`` and the keyring through the workspace, off the GUI thread.

    Save and Remove run on the local lane, Test connection on its own lane: neither waits
    behind a create. The window keeps one dialog and reopens it (``reset``), so a save that
    ends after the dialog was closed still reaches the profile selector.

    Signals:
        profiles_changed(object): the stored profiles changed; the name to select, or None.
    """

    profiles_changed = Signal(object)

    def __init__(self, workspace: Workspace, lanes: Lanes, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.lanes = lanes
        self.last_saved: str | None = None
        self._tasks: list[Task[object]] = []  # save, test and remove: the buttons wait for these
        self._removing = ""  # the profile being removed
        self._file = Path()  # the file being exported to or imported from
        self.setObjectName("profilesDialog")
        self.setWindowTitle(self.tr("Profiles"))
        self.resize(780, 660)  # room for a long keyring report under the form

        self.keyring_banner = QLabel()
        self.keyring_banner.setObjectName("keyringBanner")
        self.keyring_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_banner.setWordWrap(True)
        apply_style(self.keyring_banner, Style.WARNING_BANNER)
        self.keyring_banner.hide()

        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.list.setAccessibleName(self.tr("Profiles"))
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the PRODUCTION mark stays
        self.list.currentItemChanged.connect(self._load_selected)
        new_button = QPushButton(self.tr("Ne&w"))
        new_button.clicked.connect(self.new_profile)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("removeProfileButton")
        self.remove_button.clicked.connect(self.remove_profile)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setObjectName("exportProfileButton")
        self.export_button.setToolTip(
            self.tr("Write this profile to a file to share, without its secret")
        )
        self.export_button.clicked.connect(lambda: self.export_profile())
        import_button = QPushButton(self.tr("&Import…"))
        import_button.setObjectName("importProfileButton")
        import_button.setToolTip(self.tr("Fill in a new profile from a shared file"))
        import_button.clicked.connect(lambda: self.import_profile())
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QGridLayout()
        for number, button in enumerate(
            (new_button, self.remove_button, import_button, self.export_button)
        ):
            row.addWidget(button, number // 2, number % 2)
        left.addLayout(row)

        self.fields = ProfileFields()
        self.fields.user_changed.connect(self._on_user_changed)
        self.test_button = QPushButton(self.tr("&Test Connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self.tr("Sa&ve"))
        self.save_button.setObjectName("saveProfileButton")
        self.save_button.clicked.connect(self.save_profile)
        self.message = QLabel()
        self.message.setObjectName("profileMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.fields)
        right.addWidget(self.message)
        right.addLayout(buttons)
        right.addStretch(1)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_banner)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        self.reset()

    def reset(self) -> None:
        """Show the stored profiles afresh and check the keyring again (on every opening)."""
        self.last_saved = None
        task = self.lanes.local.submit(self.workspace.keyring_problem)
        task.succeeded.connect(self._on_keyring_checked)
        task.failed.connect(self._on_failed)
        self._fill_list()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    # -- filling ----------------------------------------------------------------------------

    def _fill_list(self, select: str | None = None) -> None:
        """One item per profile: its name, and its sandbox as “Title (name)”, production in
        red and in words; the item's data is the name."""
        try:
            profiles = self.workspace.profiles()
        except ValueError as exc:
            profiles = {}
            self._on_failed(exc)
        names = sorted(profiles)
        self.list.blockSignals(True)
        self.list.clear()
        for name in names:
            profile = profiles[name]
            production = profile.is_production
            shown = sandbox_label(profile.sandbox, profile.sandbox_title, production)
            item = QListWidgetItem(f"{name}\n    {shown}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(fill(self.tr("Sandbox: %1"), shown))
            if production:
                item.setForeground(text_colour(Style.ERROR, self.list.palette()))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if select in names:
            self.list.setCurrentRow(names.index(select))

    def selected_name(self) -> str | None:
        """The name of the profile selected in the list."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def _load_selected(self) -> None:
        name = self.selected_name()
        try:
            profile = self.workspace.profiles().get(name) if name else None
        except ValueError as exc:  # the file changed under us and cannot be read
            self._on_failed(exc)
            return
        if profile is not None:
            self._show(profile, existing=True)

    def _show(self, profile: Profile, existing: bool) -> None:
        if not existing:
            self.list.setCurrentRow(-1)  # none selected: clicking one loads it again
        self.fields.show_profile(profile, existing)
        self.remove_button.setEnabled(existing)
        self.export_button.setEnabled(existing)
        self._say("")

    @Slot()
    def new_profile(self) -> None:
        self._show(Profile(name="", org_id="", client_id="", sandbox=""), existing=False)
        self.fields.name_edit.setFocus()

    # -- actions (run on the worker) --------------------------------------------------------

    def _start(self, task: Task[object]) -> Task[object]:
        """Buttons wait for ``task``; failures are said under the form."""
        self._tasks.append(task)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_task_finished)
        self._set_busy(True)
        return task

    @Slot()
    def _on_task_finished(self) -> None:
        self._tasks = [task for task in self._tasks if not task.done]
        self._set_busy(bool(self._tasks))

    def _set_busy(self, busy: bool) -> None:
        """While saving, testing or removing, those buttons wait (the keyring check does not)."""
        self.save_button.setEnabled(not busy)
        self.test_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self.fields.name_edit.isReadOnly())
        self.export_button.setEnabled(not busy and self.fields.name_edit.isReadOnly())

    @Slot()
    def save_profile(self) -> None:
        try:
            profile = self.fields.edited().validated()
        except ValueError as exc:
            self._on_failed(exc)
            return
        if self.fields.loaded is None and not self._may_replace(profile.name):
            return
        self._say(self.tr("Saving…"))
        task = self.lanes.local.submit(self.workspace.save_profile, profile, self.fields.secret())
        self._start(task).succeeded.connect(self._on_saved)

    @Slot()
    def remove_profile(self) -> None:
        """Remove the profile and its keyring entries, once the user confirmed it by name."""
        name = self.fields.name_edit.text().strip()
        if name and confirm(
            self,
            self.tr("Remove profile?"),
            fill(
                self.tr(
                    "Remove the profile “%1”? Its client secret or access token leaves the "
                    "system keyring too; to use this profile again, you will need the secret "
                    "from Adobe Developer Console. Attempts in the history are kept."
                ),
                name,
            ),
            warning=True,
        ):
            self._removing = name  # the report names it, whatever is selected by then
            task = self.lanes.local.submit(self.workspace.remove_profile, name)
            self._start(task).succeeded.connect(self._on_removed)

    @Slot()
    def test_connection(self) -> None:
        profile = self.fields.edited()
        if not profile.sandbox:  # the point of testing is to find the sandboxes: any will do
            profile = replace(profile, sandbox="prod")
        try:
            profile = profile.validated()
        except ValueError as exc:
            self._on_failed(exc)
            return
        self._say(self.tr("Getting a token and the list of sandboxes…"))
        task = self.lanes.checks.submit(self.workspace.test_profile, profile, self.fields.secret())
        self._start(task).succeeded.connect(self._show_sandboxes)

    def _may_replace(self, name: str) -> bool:
        """A new profile (typed or imported) replaces one of its name only if the user says so."""
        try:
            taken = name in self.workspace.profiles()
        except ValueError:
            taken = False  # the store refuses it anyway, and says why
        return not taken or sharing.confirm_replace(self, name)

    def export_profile(self, path: Path | None = None) -> None:
        """Write the stored profile shown to a file, without its secret (asks where)."""
        name = self.selected_name() if self.fields.loaded is not None else None
        target = path if path is not None or not name else sharing.ask_export_path(self, name)
        if name and target is not None:
            self._file = target
            # The file chooser asked before overwriting.
            export = functools.partial(self.workspace.export_profile, replace=True)
            task = self.lanes.local.submit(export, name, target)
            self._start(task).succeeded.connect(self._on_exported)

    def import_profile(self, path: Path | None = None) -> None:
        """Fill the form for a new profile from a shared file; the user types the secret."""
        source = path if path is not None else sharing.ask_import_path(self)
        if source is not None:
            self._file = source
            task = self.lanes.local.submit(self.workspace.read_shared_profile, source)
            self._start(task).succeeded.connect(self._on_imported)

    @Slot(object)
    def _on_exported(self, profile: Profile) -> None:
        self._say(sharing.exported_text(profile.name, self._file))

    @Slot(object)
    def _on_imported(self, profile: Profile) -> None:
        self._show(profile, existing=False)
        self.fields.secret_edit.setFocus()
        self._say(sharing.imported_text(self._file, profile.auth is AuthKind.TOKEN))

    @Slot(object)
    def _on_keyring_checked(self, problem: AppError | None) -> None:
        self.keyring_banner.setText(describe_failure(problem)[0] if problem else "")
        self.keyring_banner.setVisible(problem is not None)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        summary, _details = describe_failure(error)
        self._say(summary, error=True)
        self.fields.expand_for(error)  # show the field that is wrong

    @Slot(object)
    def _on_saved(self, profile: Profile) -> None:
        self.last_saved = profile.name
        self.fields.secret_edit.clear()
        self._fill_list(select=profile.name)
        self._say(self.tr("Saved. The secret is in the system keyring."))
        self.profiles_changed.emit(profile.name)

    @Slot(object)
    def _on_removed(self, removed: RemovedProfile) -> None:
        """Say what left the profiles file and the keyring, and what may still be there."""
        self._fill_list()
        self.new_profile()
        self._say(*removal_report(self._removing, removed))
        self.profiles_changed.emit(None)

    @Slot(object)
    def _show_sandboxes(self, test: ProfileTest) -> None:
        # Merged: a refused list must not forget that the saved sandbox is a production one.
        self.fields.sandbox_combo.show_list(test.sandboxes)
        if test.problem:
            self._say(
                self.tr(
                    "The token works, but the sandbox list is not permitted; type the "
                    "sandbox's technical name. "
                )
                + describe_failure(test.problem)[0]
            )
        elif not self.fields.sandbox_combo.sandbox():
            self._say(
                fill(
                    self.tr("Connection works: %1 sandboxes. Choose the sandbox for this profile."),
                    len(test.sandboxes),
                )
            )
            self.fields.sandbox_combo.setFocus()
        else:
            self._say(fill(self.tr("Connection works: %1 sandboxes."), len(test.sandboxes)))

    @Slot()
    def _on_user_changed(self) -> None:
        """A message about the profile as it was goes once the user edits it."""
        if self.message.text() and not self._tasks:  # "Saving…" stays while it saves
            self._say("")

    def _say(self, text: str, error: bool = False) -> None:
        apply_style(self.message, Style.ERROR if error else None)
        self.message.setText(text)
