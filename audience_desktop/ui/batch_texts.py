"""What the Batch window says, in words and the user's language: counts, progress, questions.

Kept apart from the window so the window is only layout and state; numbers are formatted
in the locale's way (1 000 in French).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from audience_desktop.application import BatchPlan, BatchProgress, BatchSource, Profile, RowStatus
from audience_desktop.ui.messages import fill, labelled


def number(value: float) -> str:
    return QLocale().toString(int(value))


def status_words() -> dict[RowStatus, str]:
    """Each row status in words (the table's Status column and the counts), looked up once
    per window: a paint asks for every visible row's, and each translate() is a call into
    Qt that waits for the GIL while a batch's threads run."""
    return {
        RowStatus.READY: QCoreApplication.translate("BatchTexts", "ready"),
        RowStatus.CREATED: QCoreApplication.translate("BatchTexts", "created"),
        RowStatus.ALREADY_CREATED: QCoreApplication.translate("BatchTexts", "already created"),
        RowStatus.INVALID: QCoreApplication.translate("BatchTexts", "invalid"),
        RowStatus.DUPLICATE_IN_FILE: QCoreApplication.translate(
            "BatchTexts", "repeated in the file"
        ),
        RowStatus.FAILED: QCoreApplication.translate("BatchTexts", "failed"),
        RowStatus.UNKNOWN: QCoreApplication.translate("BatchTexts", "outcome unknown"),
        RowStatus.NOT_SENT: QCoreApplication.translate("BatchTexts", "not sent"),
    }


class BatchTexts(QObject):
    """The Batch window's sentences."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words = status_words()

    def target(self, profile: Profile | None) -> tuple[str, bool]:
        """Where the rows go, and whether that is a production sandbox."""
        if profile is None:
            return self.tr("No profile is selected: choose one in the main window."), False
        if profile.is_production:
            text = self.tr("Goes to profile “%1”, PRODUCTION sandbox %2")
        else:
            text = self.tr("Goes to profile “%1”, sandbox %2")
        return fill(text, profile.name, profile.sandbox_shown), profile.is_production

    def source(self, source: BatchSource) -> str:
        if source.path is None:
            return self.tr("Pasted rows")
        name = source.path.name
        return fill(self.tr("%1, sheet “%2”"), name, source.sheet) if source.sheet else name

    def counts(self, counts: dict[RowStatus, int], total: int) -> str:
        return fill(self.tr("%1 rows — %2"), number(total), self._by_status(counts))

    def run_counts(self, progress: BatchProgress) -> str:
        counts = {RowStatus(value): count for value, count in progress.counts.items()}
        return fill(self.tr("%1 of %2 rows done — %3"), number(progress.done),
                    number(progress.total), self._by_status(counts) or "—")  # fmt: skip

    def _by_status(self, counts: dict[RowStatus, int]) -> str:
        """"created: 18, invalid: 2": the word first, so no plural has to agree with it."""
        return ", ".join(labelled(self.words[status], number(count))
                         for status, count in counts.items() if count)  # fmt: skip

    def progress(self, progress: BatchProgress) -> str:
        if progress.finished:
            return fill(self.tr("%1 of %2 sent."), number(progress.sent), number(progress.to_send))
        if progress.paused:
            return fill(self.tr("Paused: %1 of %2 sent. The rows not started wait for Resume."),
                        number(progress.sent), number(progress.to_send))  # fmt: skip
        left = self.duration(progress.eta) if progress.eta is not None else self.tr("…")
        return fill(self.tr("%1 of %2 sent, %3 per second, about %4 left"),
                    number(progress.sent), number(progress.to_send),
                    QLocale().toString(progress.rate, "f", 1), left)  # fmt: skip

    def duration(self, seconds: float) -> str:
        seconds = max(0, round(seconds))
        if seconds < 60:
            return fill(self.tr("%1 s"), seconds)
        if seconds < 3600:
            return fill(self.tr("%1 min %2 s"), seconds // 60, seconds % 60)
        return fill(self.tr("%1 h %2 min"), seconds // 3600, seconds % 3600 // 60)

    def run_ended(self, final: BatchProgress) -> str:
        not_sent = final.counts.get(RowStatus.NOT_SENT.value, 0)
        if not_sent:
            return fill(self.tr("Stopped: %1 rows not sent. Continue the batch to send them; "
                                "rows created are never sent again."), number(not_sent))  # fmt: skip
        return self.tr("The batch is finished.")

    def start_text(self, plan: BatchPlan | None, *, continuing: bool) -> str:
        if continuing:
            return self.tr("Con&tinue the Batch")
        count = plan.to_send if plan is not None else 0
        return fill(self.tr("&Create %1 Audiences"), number(count))

    def production_question(self, plan: BatchPlan, profile: Profile) -> str:
        return fill(
            self.tr("Create %1 audiences in the PRODUCTION sandbox “%2”?\n\nEveryone who uses "
                    "that sandbox will see them, and none can be created twice."),
            number(plan.to_send), profile.sandbox_shown,
        )  # fmt: skip

    def stop_question(self, plan: BatchPlan | None) -> str:
        return self.tr(
            "The batch is still creating audiences. If you close now, the creates under way "
            "finish, the rows not started stay “not sent”, and running the same rows again "
            "sends them. Stop the batch and close?"
        )

    def results_name(self, source: BatchSource) -> Path:
        """The results file a save suggests: beside the input, in its format."""
        if source.path is None:
            return Path.home() / "pasted-results.csv"
        suffix = ".xlsx" if source.is_xlsx else ".csv"
        return source.path.with_name(f"{source.path.stem}-results{suffix}")
