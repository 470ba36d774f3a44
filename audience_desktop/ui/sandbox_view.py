"""The Sandbox view: every audience in the current profile's sandbox, whoever made it.

Beside the history (a tab): colleagues, scripts and AEP's UI create in the same sandbox, and
the analyst sees what exists before creating. The listing loads a page at a time on its own
lane (``sandbox_listing``) and is cached per profile and sandbox for the session: switching
profile shows the cached list with the time it was read; Refresh reads it again.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.ui.actions import make_action
from audience_desktop.ui.history_header import id_column_width
from audience_desktop.ui.messages import describe_failure, fill
from audience_desktop.ui.sandbox_listing import Listing, PaintTurns, SandboxListings, key_of
from audience_desktop.ui.sandbox_model import SandboxModel
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.style import Style, apply_style
from audience_desktop.ui.tasks import Lanes

if TYPE_CHECKING:  # the sandbox's model loads with the first listing, not at start-up
    from audience_desktop.application import (
        AudienceDraft,
        Deletion,
        Profile,
        SandboxAudience,
        Workspace,
    )

SEARCH_DELAY_MS = 350  # a search starts once typing pauses, not at every keystroke
_WIDTHS = (220, 80, 150, 150, 120, 120, 180, 130, 130, 80)
AUDIENCE_ID_COLUMN = 2  # fixed: no measuring 5,000 rows


class SandboxView(QWidget):
    """The current profile's sandbox audiences, their search, and what to do with them.

    Signals:
        template_requested(AudienceDraft): "Use as Template" on the selected audience.
        create_elsewhere(str, AudienceDraft): create this draft with the named profile.
    """

    template_requested = Signal(object)
    create_elsewhere = Signal(str, object)

    def __init__(
        self, workspace: Workspace, lanes: Lanes, status: StatusArea, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxPanel")
        self._workspace = workspace
        self._lanes = lanes
        self._status = status
        self._profile: Profile | None = None
        self._shown: Listing | None = None
        self._deleting: set[str | None] = set()  # ids whose delete is running
        self.listings = SandboxListings(workspace, self)
        self.listings.page_added.connect(self._on_page)
        self.listings.changed.connect(self._on_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build()
        self._build_actions()

    def _build(self) -> None:
        search_label = QLabel(self.tr("S&earch the sandbox:"))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("sandboxSearchEdit")
        self.search_edit.setPlaceholderText(self.tr("Names containing… (any case)"))
        self.search_edit.setAccessibleName(self.tr("Search the sandbox's audiences by name"))
        search_label.setBuddy(self.search_edit)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("sandboxRefreshButton")
        self.refresh_button.setToolTip(self.tr("Read the sandbox's audiences again (F5)"))
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("sandboxAsOfLabel")
        self.as_of_label.setTextFormat(Qt.TextFormat.PlainText)
        self.as_of_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Wide enough for "Reading… 4,900 of 5,000": the row is not laid out again per page.
        self.as_of_label.setMinimumWidth(self.as_of_label.fontMetrics().horizontalAdvance("M") * 18)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.as_of_label)
        # A 403 (a credential that may create but not read) is said here, not in a dialog.
        self.problem_label = QLabel()
        self.problem_label.setObjectName("sandboxProblemLabel")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        apply_style(self.problem_label, Style.ERROR)
        self.problem_label.hide()

        self.model = SandboxModel(self)
        view = self.view = QTableView()
        view.setObjectName("sandboxView")
        view.setAccessibleName(self.tr("Audiences in the sandbox"))
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        for column, width in enumerate(_WIDTHS):
            view.setColumnWidth(column, width)
        # The audienceId is what the analyst came for: whole, as in the history (one id
        # measured once, not 5,000 rows).
        view.setColumnWidth(AUDIENCE_ID_COLUMN, id_column_width(view.fontMetrics()))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._turns = PaintTurns(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        layout.addWidget(view, 1)
        self.search_edit.textEdited.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        view.customContextMenuRequested.connect(self._context_menu)
        view.selectionModel().selectionChanged.connect(self._update_actions)
        view.doubleClicked.connect(self._on_activated)

    def _build_actions(self) -> None:
        self.refresh_action = make_action(self, self.tr("&Refresh"), self.refresh, "F5")
        self.copy_id_action = make_action(
            self, self.tr("Copy &audienceId"), self.copy_audience_ids, QKeySequence.StandardKey.Copy
        )
        self.template_action = make_action(self, self.tr("&Use as Template"), self.use_as_template)
        self.delete_action = make_action(
            self, self.tr("&Delete from the Sandbox…"), self.delete_selected,
            QKeySequence.StandardKey.Delete, name="sandboxDeleteAction",
        )  # fmt: skip
        self.elsewhere_menu = QMenu(self.tr("Create the Same in Another &Profile"), self)
        self.elsewhere_menu.setObjectName("createElsewhereMenu")
        self.elsewhere_menu.aboutToShow.connect(self._fill_elsewhere_menu)
        for action in (self.refresh_action, self.copy_id_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)  # where the view has focus; elsewhere, Ctrl+C copies text
        self._update_actions()

    def row_actions(self) -> list[QAction]:
        """What can be done with the selected audiences (Sandbox menu and context menu)."""
        return [self.copy_id_action, self.template_action, self.elsewhere_menu.menuAction(),
                self.delete_action]  # fmt: skip

    # -- which sandbox ----------------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile``'s sandbox: its cached listing, or read it when this tab shows."""
        if profile == self._profile:
            return
        self._profile = profile
        listing = self.listings.cached(profile) if profile else None
        if listing is None and profile is not None and self.isVisible():
            listing = self.listings.load(profile, "")
        self._show(listing)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        """Read the sandbox the first time the tab is shown (never at start-up)."""
        super().showEvent(event)  # type: ignore[arg-type]
        if self._profile is not None and self.listings.cached(self._profile) is None:
            self._show(self.listings.load(self._profile, self.search_edit.text()))

    @Slot()
    def refresh(self) -> None:
        """Read the sandbox again, with the search as typed."""
        self._search_timer.stop()
        if self._profile is not None:
            self._show(self.listings.load(self._profile, self.search_edit.text()))

    def _show(self, listing: Listing | None) -> None:
        self._shown = listing
        self.model.set_audiences(listing.audiences if listing else ())
        if listing is not None and listing.search != self.search_edit.text().strip():
            self.search_edit.setText(listing.search)  # setText: not an edit, no new search
        self._say_state()
        self._update_actions()

    @Slot(object, object)
    def _on_page(self, listing: Listing, audiences: tuple[SandboxAudience, ...]) -> None:
        """A page arrived: shown, then the reader reads on (see ``sandbox_listing``)."""
        if listing is not self._shown:
            listing.shown.set()
            return
        self.model.append(audiences)
        self._say_state()
        self._turns.after_paint(listing.shown)

    @Slot(object)
    def _on_changed(self, listing: Listing) -> None:
        if listing is self._shown:
            self._say_state()

    def _say_state(self) -> None:
        """"As of 10:42", the count, loading, or why nothing can be shown."""
        listing = self._shown
        problem = listing.problem if listing else None
        self.problem_label.setVisible(problem is not None)
        if problem is not None:
            self.problem_label.setText(describe_failure(problem).summary)
        if listing is None or listing.as_of is None:
            self.as_of_label.setText(
                self.tr("No profile") if self._profile is None else self.tr("Not read yet")
            )
            return
        count = len(listing.audiences)
        if listing.loading():
            total = listing.total if listing.total is not None else "…"
            text = fill(self.tr("Reading… %1 of %2"), count, total)
        else:
            time = listing.as_of.strftime("%H:%M")
            text = fill(self.tr("As of %1: %2 audience(s)"), time, count)
            if listing.incomplete:
                text = fill(self.tr("As of %1: %2 audience(s), not all (Refresh)"), time, count)
        self.as_of_label.setText(text)
        self.as_of_label.setAccessibleName(text)

    # -- the selection ----------------------------------------------------------------------

    def selected_audiences(self) -> list[SandboxAudience]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [a for a in map(self.model.audience, rows) if a is not None]

    def selected_audience(self) -> SandboxAudience | None:
        selected = self.selected_audiences()
        return selected[0] if len(selected) == 1 else None

    @Slot()
    def _update_actions(self) -> None:
        one = self.selected_audience() is not None
        self.copy_id_action.setEnabled(any(a.audience_id for a in self.selected_audiences()))
        self.template_action.setEnabled(one)
        self.elsewhere_menu.setEnabled(one)
        audience = self.selected_audience()
        # Not while its delete runs: a second delete would only fail, after asking again.
        self.delete_action.setEnabled(audience is not None and audience.id not in self._deleting)
        self.refresh_action.setEnabled(self._profile is not None)
        self.refresh_button.setEnabled(self._profile is not None)

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in self.row_actions():
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        self.use_as_template()

    # -- what to do with them ---------------------------------------------------------------

    @Slot()
    def copy_audience_ids(self) -> None:
        """The selected audiences' audienceIds, one per line."""
        self._status.copy_ids([a.audience_id for a in self.selected_audiences() if a.audience_id])

    @Slot()
    def use_as_template(self) -> None:
        audience = self.selected_audience()
        if audience is not None:
            self.template_requested.emit(draft_of(audience))

    @Slot()
    def _fill_elsewhere_menu(self) -> None:
        """The other profiles, read when the menu opens (they change in the dialog)."""
        self.elsewhere_menu.clear()
        try:
            profiles = self._workspace.profiles()
        except ValueError:  # unreadable: the window's bar says so
            profiles = {}
        current = self._profile.name if self._profile else None
        others = [p for name, p in sorted(profiles.items()) if name != current]
        for profile in others:
            text = fill(self.tr("%1 (sandbox %2)"), profile.name, profile.sandbox)
            if profile.is_production:
                text = fill(self.tr("%1 (PRODUCTION sandbox %2)"), profile.name, profile.sandbox)
            action = self.elsewhere_menu.addAction(text.replace("&", "&&"))
            action.setObjectName(f"createIn:{profile.name}")
            action.triggered.connect(partial(self.create_in, profile.name))
        if not others:
            self.elsewhere_menu.addAction(self.tr("No other profile")).setEnabled(False)

    def create_in(self, profile_name: str) -> None:
        """Create the selected audience again with another profile (the window's create path:
        its checks and the production question apply)."""
        audience = self.selected_audience()
        if audience is not None:
            self.create_elsewhere.emit(profile_name, draft_of(audience))

    @Slot()
    def delete_selected(self) -> None:
        """Ask for the name to be typed, then delete on the network lane (it writes)."""
        from audience_desktop.ui.delete_dialog import DeleteDialog

        audience, profile = self.selected_audience(), self._profile
        if audience is None or profile is None or audience.id in self._deleting:
            return
        dialog = DeleteDialog(profile, audience, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(partial(self._delete, profile, audience))
        dialog.open()

    def _delete(self, profile: Profile, audience: SandboxAudience) -> None:
        if audience.id in self._deleting:  # a second dialog confirmed meanwhile
            return
        task = self._lanes.network.submit(
            self._workspace.delete_audience, profile, audience, pass_cancel=True
        )
        self._deleting.add(audience.id)
        task.finished.connect(partial(self._delete_ended, audience.id))
        task.succeeded.connect(partial(self._on_deleted, profile))
        task.failed.connect(self._status.show_failure)
        self._update_actions()
        self._status.track(task)
        self._status.set_status(fill(self.tr("Deleting “%1”…"), audience.name))

    def _delete_ended(self, audience_id: str | None) -> None:
        self._deleting.discard(audience_id)
        self._update_actions()

    def _on_deleted(self, profile: Profile, deletion: Deletion) -> None:
        listing = self.listings.cached(profile)
        if listing is not None:
            self.listings.forget(listing, deletion.aep_id)
        if self._profile is not None and key_of(self._profile) == key_of(profile):
            self.model.remove(deletion.aep_id)
            self._say_state()
        self._status.set_status(
            fill(self.tr("Deleted “%1” from sandbox %2; the history records it."),
                 deletion.name, deletion.sandbox)
        )  # fmt: skip

    def stop(self) -> None:
        """Stop reading (the window closes): a listing in flight is abandoned."""
        self._search_timer.stop()
        self.listings.shutdown()


def draft_of(audience: SandboxAudience) -> AudienceDraft:
    """The audience as a form's draft (what "Use as Template" and "Create the same" fill)."""
    from audience_desktop.application import AudienceDraft

    return AudienceDraft(
        audience.name, audience.namespace, audience.origin_name, audience.description
    )
