"""The status area: a busy indicator and Cancel while work runs, one line of news, Details…."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from audience_desktop.application import Attempt
from audience_desktop.ui.messages import Failure, describe_failure, fill
from audience_desktop.ui.style import Style, applied, apply_style
from audience_desktop.ui.tasks import Task


class StatusArea(QWidget):
    """Where every part reports: what is running, what happened, and why it failed.

    Parts hand it the tasks the user waits for (``track``); it shows the busy indicator and
    Cancel while any of them runs, and Cancel asks all of them to stop.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tracked: list[Task[Any]] = []
        self._about: object = None
        self._failure = Failure("")
        self._action_buttons: list[QPushButton] = []
        self.busy_indicator = QProgressBar()
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip(
            self.tr("Stop waiting: retries stop at once; a request already sent is checked later")
        )
        self.cancel_button.clicked.connect(self.cancel_all)
        self.cancel_button.hide()
        self.label = QLabel()
        self.label.setObjectName("statusLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Status"))
        # Reachable with Tab and selectable by keyboard: the only feedback after Create.
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Room for three lines from the start: a message appearing does not push the history.
        self.label.setMinimumHeight(3 * self.label.fontMetrics().lineSpacing())
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setObjectName("errorDetailsButton")
        self.details_button.clicked.connect(self.show_details)
        self.details_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.busy_indicator)
        row.addWidget(self.cancel_button)
        row.addWidget(self.label, 1)
        self._actions_row = QHBoxLayout()
        self._actions_row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(self._actions_row)
        row.addWidget(self.details_button)

    # -- work in progress -------------------------------------------------------------------

    def track(self, task: Task[Any]) -> None:
        """Show the busy indicator and Cancel until ``task`` (and every other) has finished."""
        self._tracked.append(task)
        task.finished.connect(self._on_tracked_finished)
        self._show_busy()

    def busy(self) -> bool:
        return bool(self._tracked)

    @Slot()
    def cancel_all(self) -> None:
        for task in self._tracked:
            task.cancel()
        self.set_status(self.tr("Cancelling…"))

    @Slot()
    def _on_tracked_finished(self) -> None:
        self._tracked = [task for task in self._tracked if not task.done]
        self._show_busy()

    def _show_busy(self) -> None:
        busy = self.busy()
        self.busy_indicator.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # -- news -------------------------------------------------------------------------------

    def text(self) -> str:
        return self.label.text()

    def about(self) -> object:
        """What the message shown describes (a create job, say), or None."""
        return self._about

    @Slot(str)
    def set_status(self, text: str, about: object = None, *, announce: bool = True) -> None:
        """News in plain words; ``about`` ties it to what it describes (see ``withdraw``)."""
        self._show(text, Failure(text), about, (), error=False, announce=announce)

    def show_error(
        self,
        summary: str,
        details: Failure | str = "",
        about: object = None,
        actions: Sequence[StatusAction] = (),
    ) -> None:
        """Plain words in the status area; the facts one click away (Details…), and the
        ``actions`` that get the user out of it as buttons beside the message."""
        if isinstance(details, str):
            details = Failure(summary, ((self.tr("Details"), details),) if details else ())
        self._show(summary, details, about, actions, error=True)

    @Slot(object)
    def show_failure(
        self,
        error: BaseException,
        attempt: Attempt | None = None,
        about: object = None,
        actions: Sequence[StatusAction] = (),
    ) -> None:
        """Any task's failure, in the words ``describe_failure`` chooses."""
        failure = describe_failure(error, attempt)
        self.show_error(failure.summary, failure, about, actions)

    def withdraw(self, about: object) -> None:
        """Clear the message if it still describes ``about``: a message goes with its subject
        (a refusal once the draft is edited into another, say)."""
        if about is not None and self._about == about:
            self.clear()

    def clear(self) -> None:
        self._show("", Failure(""), None, (), error=False, announce=False)

    def _show(
        self,
        text: str,
        failure: Failure,
        about: object,
        actions: Sequence[StatusAction],
        *,
        error: bool,
        announce: bool = True,
    ) -> None:
        unchanged = (
            not actions and not self._action_buttons and text == self.label.text()
            and (applied(self.label) is Style.ERROR) == error
        )  # fmt: skip
        self._about = about
        self._failure = failure
        if unchanged:  # the same words again (a progress tick): no restyle, no relayout
            self.details_button.setVisible(error and bool(failure.facts))
            return
        apply_style(self.label, Style.ERROR if error else None)
        self.label.setText(text)
        self.label.setAccessibleDescription(self.tr("Error") if error else "")
        self.details_button.setVisible(error and bool(failure.facts))
        for button in self._action_buttons:
            button.hide()
            button.setParent(None)  # out of the window at once (mnemonics, Tab order)
            button.deleteLater()
        self._action_buttons = []
        previous: QWidget = self.label
        for action in actions:
            button = QPushButton(action.text)
            button.setObjectName(action.name)
            button.clicked.connect(action.callback)
            self._actions_row.addWidget(button)
            button.show()  # now, not when the layout gets round to it: Tab reaches it at once
            self._action_buttons.append(button)
            QWidget.setTabOrder(previous, button)  # right after the message they belong to
            previous = button
        QWidget.setTabOrder(previous, self.details_button)
        if announce and text:
            _announce(self.label, text)

    def copy_ids(self, ids: list[str]) -> None:
        """Put audienceIds on the clipboard, one per line, and say so (the history and the
        sandbox view both copy this way)."""
        if not ids:
            return
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText("\n".join(ids))
        if len(ids) == 1:
            self.set_status(fill(self.tr("Copied audienceId %1."), ids[0]))
        else:
            self.set_status(fill(self.tr("Copied %1 audienceIds."), len(ids)))

    def action_buttons(self) -> list[QPushButton]:
        """The buttons offered with the message shown, in order."""
        return list(self._action_buttons)

    def failure(self) -> Failure:
        """What Details… shows for the message on display."""
        return self._failure

    @Slot()
    def show_details(self) -> None:
        from audience_desktop.ui.failure_dialog import FailureDialog

        dialog = FailureDialog(self._failure, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept as the window's child
        dialog.exec()


@dataclass(frozen=True)
class StatusAction:
    """A way out offered beside a message: "Copy its audienceId", "Show in history"."""

    text: str
    name: str  # the button's object name (tests and accessibility tools find it by it)
    callback: Callable[[], object]


def _announce(label: QLabel, text: str) -> None:
    """Tell assistive technology the news (a screen reader speaks it), when one listens."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(label, text))
