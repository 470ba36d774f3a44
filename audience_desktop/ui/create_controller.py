"""Creating an audience from the form: the guard, the production question, the outcome."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from audience_desktop.application import (
    AlreadyAttempted,
    Attempt,
    AudienceDraft,
    Outcome,
    Profile,
    Workspace,
)
from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.form import AudienceForm
from audience_desktop.ui.messages import fill
from audience_desktop.ui.profile_bar import ProfileBar
from audience_desktop.ui.status_area import StatusAction, StatusArea
from audience_desktop.ui.tasks import Lane, Task

if TYPE_CHECKING:  # the models load with the first create, not at start-up
    from audience_desktop.application import (
        AlreadyInSandbox,
        Progress,
        SandboxCheckFailed,
        Stage,
    )


@dataclass(frozen=True)
class CreateJob:
    """What a running create is about: the double-click guard compares these."""

    profile: Profile
    draft: AudienceDraft


class CreateController(QObject):
    """Turns "Create" (button, shortcut, menu) into at most one create per job.

    The guard: Create is disabled while the form's job (profile and cleaned draft) is
    running, so a double click, a repeated Ctrl+Return and the menu all create once; and
    for a draft the history says was already created in that sandbox, saying so, with the
    ways out ("Copy its audienceId", "Show in history") beside the message.

    Messages about a job (a refusal, a failure) go when the form is edited into another
    job: a message belongs to what it describes.

    Signals:
        enabled_changed(bool): whether Create may be pressed now.
        disabled_reason(str): why not, in a few words ("" when it may).
        attempt_recorded(int): a create wrote or ended with this history row (selected).
        show_attempt(int): the user asked to see this history row.
        idle(): the last running create's result was delivered; none runs any more.
    """

    enabled_changed = Signal(bool)
    disabled_reason = Signal(str)
    attempt_recorded = Signal(int)
    show_attempt = Signal(int)
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
        self._waiting = Waiting()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._say_waiting)
        self._refusal: str | None = None  # why no create may start now (the history)
        form.changed.connect(self._on_edited)
        profile_bar.profile_changed.connect(self._on_edited)

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

    def _created_before(self, job: CreateJob | None) -> Attempt | None:
        if job is None:
            return None
        return self._workspace.already_created(job.profile, job.draft)  # None when invalid

    def can_create(self) -> bool:
        job = self._job()
        return self._why_not(job, self._created_before(job)) == ""

    def _why_not(self, job: CreateJob | None, earlier: Attempt | None) -> str:
        """Why Create may not be pressed for ``job`` now, in a few words; "" when it may."""
        if self._refusal is not None:
            return self._refusal
        if job is None:
            return self.tr("Add a profile first (Profiles…)")
        problem = self._form.first_problem()
        if problem:  # the field and its own words, not a colour
            return problem
        if job in self._running.values():
            return self.tr("This audience is being created")
        if earlier is not None:
            return self.tr("Already created in this sandbox: change the name")
        return ""

    @Slot()
    def _on_edited(self) -> None:
        """The user changed the form or the profile: a message about another draft goes."""
        about = self._status.about()
        if isinstance(about, CreateJob) and about != self._job():
            self._status.withdraw(about)  # it described a draft the form no longer holds
        self.update_enabled()

    @Slot()
    def update_enabled(self) -> None:
        """Enable Create or say why not; show a refused repeat with its ways out (and take it
        back once the draft is no longer one)."""
        job = self._job()
        earlier = self._created_before(job)
        repeat = Repeat(job.profile.name, earlier.row_id) if job and earlier else None
        about = self._status.about()
        if isinstance(about, Repeat) and about != repeat:
            self._status.withdraw(about)
        if job is not None and earlier is not None and self._status.about() != repeat:
            self._show_repeat(job, AlreadyAttempted(earlier))
        reason = self._why_not(job, earlier)
        self.enabled_changed.emit(reason == "")
        self.disabled_reason.emit(reason)

    @Slot()
    def create(self) -> None:
        """Start a create for the form's draft, unless it is invalid or already running."""
        self._start(allow_same_name=False)

    @Slot()
    def create_anyway(self) -> None:
        """The form's draft, without asking the sandbox first ("Create Anyway" after it
        holds the name or could not be asked); the history's guard and the production
        question still apply."""
        self._start(allow_same_name=True)

    @Slot(str, object)
    def create_elsewhere(self, profile_name: str, draft: AudienceDraft) -> None:
        """"Create the same in another profile": that profile and the draft in the form,
        then the form's own create, with its checks and the production question."""
        combo = self._profile_bar.combo
        index = combo.findData(profile_name)
        if index < 0:
            return
        combo.setCurrentIndex(index)
        self._form.set_draft(draft)
        self.create()

    def _start(self, *, allow_same_name: bool) -> None:
        job = self._job()
        if self._refusal is not None:  # the shortcut and the menu reach here too
            self._status.show_error(self._refusal, "")
            return
        if job is None or not self.can_create():
            self.update_enabled()  # the history may have changed elsewhere: say why not
            return
        if job.profile.is_production and not self._confirm_production(job):
            return
        create = self._workspace.create
        if allow_same_name:  # for this one job only
            create = partial(create, allow_same_name=True)
        task = self._lane.submit(
            create, job.profile, job.draft, pass_cancel=True, pass_progress=True
        )
        self._running[task] = job
        task.succeeded.connect(self._on_outcome)
        task.failed.connect(self._on_failed)
        task.progress.connect(self._on_progress)
        self._status.track(task)
        self.update_enabled()
        self._waiting = Waiting(job.draft.name, job.profile.sandbox)
        self._say_waiting()

    def _confirm_production(self, job: CreateJob) -> bool:
        return confirm(
            self._window,
            self.tr("Create in production?"),
            fill(
                self.tr(
                    "Create the audience “%1” in the PRODUCTION sandbox “%2”?\n\nEveryone who "
                    "uses that sandbox will see it, and it cannot be created twice."
                ),
                job.draft.name,
                job.profile.sandbox_shown,
            ),
            warning=True,
            yes_text=self.tr("Create in &Production"),
        )

    # -- while it runs ----------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, event: Progress) -> None:
        """Say what the create waits for, in words; select its row once it is written."""
        from audience_desktop.application import Stage

        if event.stage is Stage.RECORDED and event.row_id is not None:
            self.attempt_recorded.emit(event.row_id)
            return
        self._waiting = self._waiting.after(event, time.monotonic())
        self._say_waiting()
        self._ticker.start()

    @Slot()
    def _say_waiting(self) -> None:
        from audience_desktop.application import Stage

        if not self._running:
            self._ticker.stop()
            return
        w = self._waiting
        now = time.monotonic()
        tries = fill(self.tr("try %1 of %2"), w.attempt, w.max_attempts) if w.attempt > 1 else ""
        if w.stage is Stage.WAITING:
            seconds = max(0, math.ceil(w.until - now))
            template = (
                self.tr("Adobe is throttling requests; retrying in %1 s (%2)…")
                if w.throttled
                else self.tr("Adobe could not be reached; retrying in %1 s (%2)…")
            )
            text = fill(template, seconds, tries)
        elif w.stage is Stage.SENDING and now - w.since >= 1:
            text = fill(
                self.tr("Creating “%1” in sandbox %2: waiting for Adobe's answer, %3 s…"),
                w.name, w.sandbox, int(now - w.since),
            )  # fmt: skip
            text += f" ({tries})" if tries else ""
        else:
            text = fill(self.tr("Creating “%1” in sandbox %2…"), w.name, w.sandbox)
        # Each second's count is not announced: only the first sentence of each stage is.
        self._status.set_status(text, announce=not w.announced)
        self._waiting = replace(w, announced=True)

    # -- when it ends -----------------------------------------------------------------------

    def _finished_job(self) -> CreateJob | None:
        """The job of the task whose signal is being delivered; it no longer runs."""
        job = self._running.pop(self.sender(), None)  # type: ignore[call-overload]
        if not self._running:
            self._ticker.stop()
            self.idle.emit()
        return job

    @Slot(object)
    def _on_outcome(self, outcome: Outcome) -> None:
        job = self._finished_job()
        attempt = outcome.attempt
        self.attempt_recorded.emit(attempt.row_id)
        if outcome.error is not None:
            self._status.show_failure(outcome.error, attempt, about=job)
            self.update_enabled()
            return
        if outcome.warning is not None:  # created, but the history could not record it
            self._status.show_failure(outcome.warning, attempt)
        else:
            self._status.set_status(
                fill(
                    self.tr("Created “%1”: audienceId %2"), attempt.name, attempt.audience_id or ""
                )
            )
        if job is not None:
            self._settings.setValue("lastNamespace", job.draft.namespace)
            self._settings.setValue("lastOriginName", job.draft.origin_name)
            if self._form.draft().cleaned() == job.draft:
                self._form.clear_name()
        self.update_enabled()

    @Slot(object)
    def _on_failed(self, error: Any) -> None:
        """Refused before anything was written (invalid, already created) or never started."""
        from audience_desktop.application import AlreadyInSandbox, SandboxCheckFailed

        job = self._finished_job()
        if isinstance(error, AlreadyAttempted) and job is not None:
            self._show_repeat(job, error)
        elif isinstance(error, (AlreadyInSandbox, SandboxCheckFailed)) and job is not None:
            self._show_in_sandbox(job, error)
        else:
            self._status.show_failure(error, about=job)
        self.update_enabled()

    def _show_repeat(self, job: CreateJob, refusal: AlreadyAttempted) -> None:
        """The refusal of a repeat, with its ways out beside it."""
        earlier = refusal.earlier
        actions = []
        if earlier.audience_id:
            actions.append(
                StatusAction(
                    self.tr("Copy its audience&Id"),
                    "copyExistingIdButton",
                    lambda: QGuiApplication.clipboard().setText(earlier.audience_id or ""),
                )
            )
        actions.append(
            StatusAction(
                self.tr("Sho&w in History"),
                "showExistingButton",
                lambda: self.show_attempt.emit(earlier.row_id),
            )
        )
        about = Repeat(job.profile.name, earlier.row_id)  # the same refusal for any namespace
        self._status.show_failure(refusal, about=about, actions=actions)


    def _show_in_sandbox(
        self, job: CreateJob, refusal: AlreadyInSandbox | SandboxCheckFailed
    ) -> None:
        """The sandbox holds the name (or could not be asked): nothing was sent. The ways
        out: its audienceId, and creating anyway, for this same job."""
        actions = []
        existing = getattr(refusal, "existing", [])  # AlreadyInSandbox's
        ids = [a.audience_id for a in existing if a.audience_id]
        if ids:
            actions.append(
                StatusAction(
                    self.tr("Copy its audience&Id"),
                    "copySandboxIdButton",
                    lambda: QGuiApplication.clipboard().setText("\n".join(ids)),
                )
            )
        actions.append(StatusAction(self.tr("Create Any&way"), "createAnywayButton",
                                    partial(self._create_anyway, job)))  # fmt: skip
        self._status.show_failure(refusal, about=job, actions=actions)

    def _create_anyway(self, job: CreateJob) -> None:
        if self._job() == job:  # the message goes when the form changes; this is a guard
            self.create_anyway()


@dataclass(frozen=True)
class Repeat:
    """What a refused repeat's message is about: this profile's earlier success."""

    profile: str
    row_id: int


@dataclass(frozen=True)
class Waiting:
    """What the running create waits for, as the status line says it."""

    name: str = ""
    sandbox: str = ""
    stage: Stage | None = None
    attempt: int = 1
    max_attempts: int = 1
    since: float = 0.0  # monotonic time the send started
    until: float = 0.0  # monotonic time the retry is due
    throttled: bool = False
    announced: bool = False  # to assistive technology, once per stage

    def after(self, event: Progress, now: float) -> Waiting:
        return replace(
            self,
            announced=self.announced and event.stage is self.stage,
            stage=event.stage,
            attempt=event.attempt,
            max_attempts=event.max_attempts,
            since=now,
            until=now + event.delay,
            throttled=event.throttled,
        )
