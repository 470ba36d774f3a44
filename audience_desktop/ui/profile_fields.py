"""The profiles dialog's form: every field of one profile, Advanced folded away.

Advanced (URLs, API path, timeouts) opens only when one of its fields is not the default
or is wrong (issue 9 item 12); long values show their start.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.application import AppError, AuthKind, Profile, aep
from audience_desktop.application.workspace import MAX_TIMEOUT
from audience_desktop.ui.collapsible import Collapsible
from audience_desktop.ui.sandbox_combo import SandboxCombo


class ProfileFields(QWidget):
    """The fields of one profile; ``edited()`` is the profile as shown, ``loaded`` the stored
    one it started from (kept for what the form does not show).

    Signals:
        user_changed(): the user changed a field (not the dialog filling them): a message
            about the profile as it was is out of date.
    """

    user_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded: Profile | None = None
        self._loading = False
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
        self.sandbox_combo = SandboxCombo()
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
        self.check_sandbox_box = QCheckBox(
            self.tr("Look the name up in the sandbox be&fore each create")
        )
        self.check_sandbox_box.setObjectName("checkSandboxBox")
        self.check_sandbox_box.setToolTip(
            self.tr(
                "Colleagues and the AEP UI create audiences too: refuse a name that already "
                "exists in the sandbox (one request before each create)"
            )
        )
        # The line edit inside an editable combo box is what a screen reader lands on.
        self.sandbox_combo.lineEdit().setAccessibleName(self.sandbox_combo.accessibleName())
        self.path_combo.lineEdit().setAccessibleName(self.path_combo.accessibleName())

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
        advanced_body = QWidget()
        advanced_form = QFormLayout(advanced_body)
        advanced_form.setContentsMargins(0, 0, 0, 0)
        self.advanced = Collapsible(self.tr("Advanc&ed"), advanced_body)
        self.advanced.setObjectName("advancedSection")
        for label, widget in (
            (self.tr("Platform &URL:"), self.platform_edit),
            (self.tr("API pat&h:"), self.path_combo),
            (self.tr("IMS token UR&L:"), self.ims_edit),
            (self.tr("Connect ti&meout:"), self.connect_timeout_spin),
            (self.tr("Rea&d timeout:"), self.read_timeout_spin),
            (self.tr("Tot&al timeout:"), self.total_timeout_spin),
        ):
            label_widget = QLabel(label)
            label_widget.setBuddy(widget)
            advanced_form.addRow(label_widget, widget)
        advanced_form.addRow(self.check_sandbox_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.advanced)
        self._report_user_changes()  # once every field is a child of this widget

    def _report_user_changes(self) -> None:
        """``user_changed`` on what the user does; the dialog's own filling is not reported
        (line edits' ``textEdited`` and combo boxes' ``activated`` are the user's alone)."""
        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(self.user_changed)
        for combo in (self.auth_combo, self.sandbox_combo, self.path_combo):
            combo.activated.connect(self.user_changed)
        for spin in (self.connect_timeout_spin, self.read_timeout_spin, self.total_timeout_spin):
            spin.valueChanged.connect(self._on_value_changed)
        self.check_sandbox_box.clicked.connect(self.user_changed)

    @Slot()
    def _on_value_changed(self) -> None:
        if not self._loading:
            self.user_changed.emit()

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

    def show_profile(self, profile: Profile, existing: bool) -> None:
        """Show ``profile``: a stored one (its name fixed, its secret kept) or a new one."""
        self._loading = True
        try:
            self._fill(profile, existing)
        finally:
            self._loading = False

    def _fill(self, profile: Profile, existing: bool) -> None:
        self.loaded = profile if existing else None
        self.name_edit.setText(profile.name)
        self.name_edit.setReadOnly(existing)  # renaming would orphan the keyring entry
        self.org_edit.setText(profile.org_id)
        self.client_edit.setText(profile.client_id)
        self.auth_combo.setCurrentIndex(self.auth_combo.findData(profile.auth))
        self.secret_edit.clear()  # secrets are never shown back
        self.secret_edit.setPlaceholderText(
            self.tr("In the keyring; type to replace") if existing else ""
        )
        self.secret_edit.setToolTip(
            self.tr("Stored in the keyring; type a new one to replace it") if existing else ""
        )
        self.sandbox_combo.show_saved(profile)
        self.scopes_edit.setText(profile.scopes)
        self.platform_edit.setText(profile.platform_url)
        self.path_combo.setEditText(profile.ais_path)
        self.ims_edit.setText(profile.ims_url)
        for edit in (self.org_edit, self.client_edit, self.scopes_edit, self.platform_edit,
                     self.ims_edit, self.path_combo.lineEdit()):  # fmt: skip
            edit.setCursorPosition(0)  # a long value shows its start, not its end
        self.connect_timeout_spin.setValue(profile.connect_timeout)
        self.read_timeout_spin.setValue(profile.read_timeout)
        self.total_timeout_spin.setValue(profile.total_limit)
        self.check_sandbox_box.setChecked(profile.check_sandbox_before_create)
        self.advanced.set_expanded(_advanced_differs(profile))
        self._on_auth_changed()

    def secret(self) -> str | None:
        return self.secret_edit.text() or None

    def expand_for(self, error: BaseException) -> None:
        """Open Advanced when ``error`` is about one of its fields."""
        if isinstance(error, AppError) and _about_advanced(error):
            self.advanced.set_expanded(True)

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

    def edited(self) -> Profile:
        """The profile as edited: the loaded one with the fields this form shows replaced,
        so a field it does not show (one added later, or written by the CLI) is kept."""
        sandbox = self.sandbox_combo.sandbox()
        known = self.sandbox_combo.chosen()
        base = self.loaded or Profile(name="", org_id="", client_id="", sandbox="")
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
            sandbox_type=known.type if known else "",
            sandbox_title=known.title if known else "",
            connect_timeout=self.connect_timeout_spin.value(),
            read_timeout=self.read_timeout_spin.value(),
            total_timeout=total,
            check_sandbox_before_create=self.check_sandbox_box.isChecked(),
        )


_ADVANCED = ("platform_url", "ais_path", "ims_url", "connect_timeout", "read_timeout",
             "total_timeout", "check_sandbox_before_create")  # fmt: skip
_DEFAULT = Profile(name="", org_id="", client_id="", sandbox="")


def _advanced_differs(profile: Profile) -> bool:
    """Whether a field under Advanced is not its default: then the section starts open."""
    return any(getattr(profile, name) != getattr(_DEFAULT, name) for name in _ADVANCED)


def _about_advanced(error: AppError) -> bool:
    """Whether the error is about a field under Advanced (the URLs, the path, a timeout)."""
    key = error.message.key
    return key.startswith("url.") or key in ("profile.bad_path", "profile.bad_timeout")
