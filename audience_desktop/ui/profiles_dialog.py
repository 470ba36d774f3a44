"""The profiles dialog: add, edit, remove and test profiles; secrets go to the keyring only."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
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
    Sandbox,
    Workspace,
    aep,
)
from audience_desktop.application.workspace import MAX_TIMEOUT
from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.messages import describe_failure, fill
from audience_desktop.ui.profile_removal import removal_report
from audience_desktop.ui.style import Style, apply_style
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
        self._sandbox_types: dict[str, str] = {}
        # The profile shown, as loaded: what the dialog does not edit is kept from it.
        self._loaded: Profile | None = None
        self._removing = ""  # the profile being removed
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
        self.list.currentTextChanged.connect(self._load_selected)
        new_button = QPushButton(self.tr("Ne&w"))
        new_button.clicked.connect(self.new_profile)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("removeProfileButton")
        self.remove_button.clicked.connect(self.remove_profile)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(new_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.name_edit = self._edit("profileNameEdit", self.tr("Profile name"))
        self.org_edit = self._edit("orgIdEdit", self.tr("Organization id"), "ABC123@AdobeOrg")
        self.client_edit = self._edit("clientIdEdit", self.tr("Client id"))
        self.auth_combo = QComboBox()
        self.auth_combo.setObjectName("authCombo")
        self.auth_combo.setAccessibleName(self.tr("Credential type"))
        self.auth_combo.addItem(self.tr("OAuth Server-to-Server (client secret)"), AuthKind.OAUTH)
        self.auth_combo.addItem(
            self.tr("Access token pasted from Developer Console"), AuthKind.TOKEN
        )
        self.auth_combo.currentIndexChanged.connect(self._on_auth_changed)
        self.secret_edit = self._edit("secretEdit", self.tr("Client secret"))
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = QLabel(self.tr("Client &secret:"))
        self.sandbox_combo = QComboBox()
        self.sandbox_combo.setObjectName("sandboxCombo")
        self.sandbox_combo.setEditable(True)  # the free-text fallback
        self.sandbox_combo.setAccessibleName(self.tr("Sandbox"))
        self.sandbox_combo.setToolTip(self.tr("Use Test connection to pick from your sandboxes"))
        self.scopes_edit = self._edit("scopesEdit", self.tr("Scopes"))
        self.platform_edit = self._edit("platformUrlEdit", self.tr("Platform URL"))
        self.path_combo = QComboBox()
        self.path_combo.setEditable(True)
        self.path_combo.setObjectName("aisPathCombo")
        self.path_combo.setAccessibleName(self.tr("API path"))
        self.path_combo.addItems(list(aep.KNOWN_AIS_PATHS))
        self.ims_edit = self._edit("imsUrlEdit", self.tr("IMS token URL"))
        self.connect_timeout_spin = self._seconds("connectTimeoutSpin", self.tr("Connect timeout"))
        self.read_timeout_spin = self._seconds("readTimeoutSpin", self.tr("Read timeout"))
        self.total_timeout_spin = self._seconds("totalTimeoutSpin", self.tr("Total timeout"))
        self.total_timeout_spin.setToolTip(
            self.tr("The whole request: connecting, sending and every byte of the answer")
        )

        form = QFormLayout()
        for label, widget in (
            (self.tr("&Name:"), self.name_edit),
            (self.tr("&Organization id:"), self.org_edit),
            (self.tr("&Client id:"), self.client_edit),
            (self.tr("Credential t&ype:"), self.auth_combo),
            (None, self.secret_edit),
            (self.tr("Sand&box:"), self.sandbox_combo),
            (self.tr("Sco&pes:"), self.scopes_edit),
        ):
            label_widget = self.secret_label if label is None else QLabel(label)
            label_widget.setBuddy(widget)
            form.addRow(label_widget, widget)
        advanced = QGroupBox(self.tr("Advanced"))
        advanced_form = QFormLayout(advanced)
        for label, widget in (
            (self.tr("Platform &URL:"), self.platform_edit),
            (self.tr("API pat&h:"), self.path_combo),
            (self.tr("&IMS token URL:"), self.ims_edit),
            (self.tr("Connect ti&meout:"), self.connect_timeout_spin),
            (self.tr("Rea&d timeout:"), self.read_timeout_spin),
            (self.tr("Tot&al timeout:"), self.total_timeout_spin),
        ):
            label_widget = QLabel(label)
            label_widget.setBuddy(widget)
            advanced_form.addRow(label_widget, widget)

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
        right.addLayout(form)
        right.addWidget(advanced)
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

    def _edit(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _seconds(self, name: str, accessible: str) -> QDoubleSpinBox:
        """Seconds, within what ``Profile.validated()`` accepts (above 0, at most 600)."""
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setDecimals(2)
        spin.setRange(0.01, MAX_TIMEOUT)
        spin.setSingleStep(1.0)
        spin.setSuffix(self.tr(" s"))
        return spin

    # -- filling ----------------------------------------------------------------------------

    def _fill_list(self, select: str | None = None) -> None:
        try:
            names = sorted(self.workspace.profiles())
        except ValueError as exc:
            names = []
            self._on_failed(exc)
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(names)
        self.list.blockSignals(False)
        if select in names:
            self.list.setCurrentRow(names.index(select))

    @Slot(str)
    def _load_selected(self, name: str) -> None:
        try:
            profile = self.workspace.profiles().get(name)
        except ValueError as exc:  # the file changed under us and cannot be read
            self._on_failed(exc)
            return
        if profile is not None:
            self._show(profile, existing=True)

    def _show(self, profile: Profile, existing: bool) -> None:
        self._loaded = profile if existing else None
        self.name_edit.setText(profile.name)
        self.name_edit.setReadOnly(existing)  # renaming would orphan the keyring entry
        self.org_edit.setText(profile.org_id)
        self.client_edit.setText(profile.client_id)
        self.auth_combo.setCurrentIndex(self.auth_combo.findData(profile.auth))
        self.secret_edit.clear()  # secrets are never shown back
        self.secret_edit.setPlaceholderText(
            self.tr("Stored in the keyring; type a new one to replace it") if existing else ""
        )
        self.sandbox_combo.clear()
        self.sandbox_combo.setEditText(profile.sandbox)
        self._sandbox_types = {profile.sandbox: profile.sandbox_type}
        self.scopes_edit.setText(profile.scopes)
        self.platform_edit.setText(profile.platform_url)
        self.path_combo.setEditText(profile.ais_path)
        self.ims_edit.setText(profile.ims_url)
        self.connect_timeout_spin.setValue(profile.connect_timeout)
        self.read_timeout_spin.setValue(profile.read_timeout)
        self.total_timeout_spin.setValue(profile.total_limit)
        self.remove_button.setEnabled(existing)
        self._on_auth_changed()
        self._say("")

    @Slot()
    def new_profile(self) -> None:
        self.list.clearSelection()
        self._show(Profile(name="", org_id="", client_id="", sandbox=""), existing=False)
        self.name_edit.setFocus()

    @Slot()
    def _on_auth_changed(self) -> None:
        token = self.auth_combo.currentData() == AuthKind.TOKEN
        self.secret_label.setText(
            self.tr("Access to&ken:") if token else self.tr("Client &secret:")
        )
        self.secret_edit.setAccessibleName(
            self.tr("Access token") if token else self.tr("Client secret")
        )
        self.scopes_edit.setEnabled(not token)

    def _selected_sandbox(self) -> str:
        """The technical name of the sandbox shown: a listed item's, or the text typed."""
        text = self.sandbox_combo.currentText().strip()
        index = self.sandbox_combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0 and self.sandbox_combo.itemData(index):
            return str(self.sandbox_combo.itemData(index))
        return text

    def _profile(self) -> Profile:
        """The profile as edited: the loaded one with the fields this dialog shows replaced,
        so a field it does not show (one added later, or written by the CLI) is kept."""
        sandbox = self._selected_sandbox()
        base = self._loaded or Profile(name="", org_id="", client_id="", sandbox="")
        total: float | None = self.total_timeout_spin.value()
        if base.total_timeout is None and abs(total - base.total_limit) < 0.005:
            total = None  # left as shown: still not set, so it follows the read timeout
        return replace(
            base,
            name=self.name_edit.text(),
            org_id=self.org_edit.text(),
            client_id=self.client_edit.text(),
            sandbox=sandbox,
            scopes=self.scopes_edit.text(),
            auth=self.auth_combo.currentData(),
            platform_url=self.platform_edit.text(),
            ais_path=self.path_combo.currentText(),
            ims_url=self.ims_edit.text(),
            sandbox_type=self._sandbox_types.get(sandbox, ""),
            connect_timeout=self.connect_timeout_spin.value(),
            read_timeout=self.read_timeout_spin.value(),
            total_timeout=total,
        )

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
        self.remove_button.setEnabled(not busy and self.name_edit.isReadOnly())

    def _secret(self) -> str | None:
        return self.secret_edit.text() or None

    @Slot()
    def save_profile(self) -> None:
        try:
            profile = self._profile().validated()
        except ValueError as exc:
            self._on_failed(exc)
            return
        self._say(self.tr("Saving…"))
        task = self.lanes.local.submit(self.workspace.save_profile, profile, self._secret())
        self._start(task).succeeded.connect(self._on_saved)

    @Slot()
    def remove_profile(self) -> None:
        """Remove the profile and its keyring entries, once the user confirmed it by name."""
        name = self.name_edit.text().strip()
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
        profile = self._profile()
        if not profile.sandbox:  # the point of testing is to find the sandboxes: any will do
            profile = replace(profile, sandbox="prod")
        try:
            profile = profile.validated()
        except ValueError as exc:
            self._on_failed(exc)
            return
        self._say(self.tr("Getting a token and the list of sandboxes…"))
        task = self.lanes.checks.submit(self.workspace.test_profile, profile, self._secret())
        self._start(task).succeeded.connect(self._show_sandboxes)

    @Slot(object)
    def _on_keyring_checked(self, problem: AppError | None) -> None:
        self.keyring_banner.setText(describe_failure(problem)[0] if problem else "")
        self.keyring_banner.setVisible(problem is not None)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        summary, _details = describe_failure(error)
        self._say(summary, error=True)

    @Slot(object)
    def _on_saved(self, profile: Profile) -> None:
        self.last_saved = profile.name
        self.secret_edit.clear()
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
        current = self._selected_sandbox()
        self.sandbox_combo.clear()
        # Merge: a refused list must not forget that the saved sandbox is a production one.
        self._sandbox_types.update({box.name: box.type for box in test.sandboxes})
        for box in test.sandboxes:
            self.sandbox_combo.addItem(_sandbox_label(box), box.name)
        index = self.sandbox_combo.findData(current)
        if index >= 0:
            self.sandbox_combo.setCurrentIndex(index)
        elif current:
            self.sandbox_combo.setEditText(current)
        if test.problem:
            self._say(
                self.tr(
                    "The token works, but the sandbox list is not permitted; type the "
                    "sandbox's technical name. "
                )
                + describe_failure(test.problem)[0]
            )
        else:
            self._say(fill(self.tr("Connection works: %1 sandboxes."), len(test.sandboxes)))

    def _say(self, text: str, error: bool = False) -> None:
        apply_style(self.message, Style.ERROR if error else None)
        self.message.setText(text)


def _sandbox_label(box: Sandbox) -> str:
    if box.type == "production":
        return fill(
            QCoreApplication.translate("ProfilesDialog", "%1 (%2) — PRODUCTION"),
            box.title,
            box.name,
        )
    return f"{box.title} ({box.name})"
