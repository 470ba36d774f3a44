"""Creating an audience from the form: the guard, the production question, the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QWidget

from audience_desktop.application import AudienceDraft, Outcome, Profile, Workspace
from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.form import AudienceForm
from audience_desktop.ui.messages import fill
from audience_desktop.ui.profile_bar import ProfileBar
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.tasks import Lane, Task


@dataclass(frozen=True)
class CreateJob:
    """What a running create is about: the double-click guard compares these."""

    profile: Profile
    draft: AudienceDraft


class CreateController(QObject):
    """Turns "Create" (button, shortcut, menu) into at most one create per job.

    The guard: Create is disabled while the form's job (profile and cleaned draft) is
    running, so a double click, a repeated Ctrl+Return and the menu all create once.

    Signals:
        enabled_changed(bool): whether Create may be pressed now.
        attempt_recorded(int): a create ended with this history row (the panel selects it).
        idle(): the last running create's result was delivered; none runs any more.
    """

    enabled_changed = Signal(bool)
    attempt_recorded = Signal(int)
    idle = Signal()

    def __init__(
        self,
        workspace: Workspace,
        lane: Lane,
        form: AudienceForm,
        profile_bar: ProfileBar,
        status: StatusArea,
        settings: QSettings,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._lane = lane
        self._form = form
        self._profile_bar = profile_bar
        self._status = status
        self._settings = settings
        self._window = window
        self._running: dict[Task[Outcome], CreateJob] = {}
        self._refusal: str | None = None  # why no create may start now (the history)
        form.changed.connect(self.update_enabled)
        profile_bar.profile_changed.connect(self.update_enabled)

    def running(self) -> bool:
        """Whether a create is really still waiting for its answer (quitting would abandon it).

        Asked of the workers, not of the results delivered so far: a create whose result
        waits in the event queue has ended, and its outcome is already in the history.
        """
        return any(task.running() for task in self._running)

    def refuse(self, reason: str | None) -> None:
        """Refuse every create with ``reason`` (None: allow them again)."""
        self._refusal = reason
        self.update_enabled()

    def refusal(self) -> str | None:
        return self._refusal

    def _job(self) -> CreateJob | None:
        profile = self._profile_bar.current_profile()
        return CreateJob(profile, self._form.draft().cleaned()) if profile else None

    def can_create(self) -> bool:
        job = self._job()
        return (
            self._refusal is None
            and job is not None
            and self._form.is_valid()
            and job not in self._running.values()
        )

    @Slot()
    def update_enabled(self) -> None:
        self.enabled_changed.emit(self.can_create())

    @Slot()
    def create(self) -> None:
        """Start a create for the form's draft, unless it is invalid or already running."""
        job = self._job()
        if self._refusal is not None:  # the shortcut and the menu reach here too
            self._status.show_error(self._refusal, "")
            return
        if job is None or not self.can_create():
            return
        if job.profile.is_production and not self._confirm_production(job.profile):
            return
        task = self._lane.submit(self._workspace.create, job.profile, job.draft, pass_cancel=True)
        self._running[task] = job
        task.succeeded.connect(self._on_outcome)
        task.failed.connect(self._on_failed)
        self._status.track(task)
        self.update_enabled()
        self._status.set_status(
            fill(self.tr("Creating “%1” in sandbox %2…"), job.draft.name, job.profile.sandbox)
        )

    def _confirm_production(self, profile: Profile) -> bool:
        return confirm(
            self._window,
            self.tr("Create in production?"),
            fill(
                self.tr(
                    "Sandbox “%1” is a PRODUCTION sandbox. The audience will be visible to "
                    "everyone who uses it. Create it there?"
                ),
                profile.sandbox,
            ),
            warning=True,
        )

    def _finished_job(self) -> CreateJob | None:
        """The job of the task whose signal is being delivered; it no longer runs."""
        job = self._running.pop(self.sender(), None)  # type: ignore[call-overload]
        self.update_enabled()
        if not self._running:
            self.idle.emit()
        return job

    @Slot(object)
    def _on_outcome(self, outcome: Outcome) -> None:
        job = self._finished_job()
        attempt = outcome.attempt
        self.attempt_recorded.emit(attempt.row_id)
        if outcome.error is not None:
            self._status.show_failure(outcome.error, attempt)
            return
        if outcome.warning is not None:  # created, but the history could not record it
            self._status.show_failure(outcome.warning, attempt)
        else:
            self._status.set_status(
                fill(
                    self.tr("Created “%1”: audienceId %2"), attempt.name, attempt.audience_id or ""
                )
            )
        if job is None:
            return
        self._settings.setValue("lastNamespace", job.draft.namespace)
        self._settings.setValue("lastOriginName", job.draft.origin_name)
        if self._form.draft().cleaned() == job.draft:
            self._form.clear_name()

    @Slot(object)
    def _on_failed(self, error: Any) -> None:
        """Refused before anything was written (invalid, already created) or never started."""
        self._finished_job()
        self._status.show_failure(error)
