"""The Batch window: a spreadsheet's rows checked, previewed, then created one by one.

Non-modal, beside the main window (which stays usable: the batch has its own lane). Steps:
a source (a CSV or XLSX file, a sheet of a workbook, or rows pasted from a spreadsheet);
the mapping step when the headers do not name every field; the preview (every row, each
problem on its cell, the counts, the plan's warnings, where it goes); the run (progress,
rate, time left, Pause/Resume/Cancel, rows updated as they finish); the results saved.
Closing mid-run asks first: rows not started stay "not sent", and running the same rows
again continues the batch.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.application import (
    BatchOptions,
    BatchPlan,
    BatchProgress,
    BatchSource,
    ColumnsInvalid,
    Profile,
    RowStatus,
    SandboxCheckFailed,
    Workspace,
)
from audience_desktop.ui.actions import make_action
from audience_desktop.ui.batch_mapping import BatchMapping
from audience_desktop.ui.batch_preview_model import BatchPreviewModel, Result, preview_table
from audience_desktop.ui.batch_run import BatchWork
from audience_desktop.ui.batch_texts import BatchTexts
from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.messages import describe_failure, fill
from audience_desktop.ui.style import Style, apply_style

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

SPREADSHEETS = "*.csv *.tsv *.txt *.xlsx *.xlsm"


class BatchWindow(QMainWindow):
    """Creates the audiences of a spreadsheet's rows in one profile's sandbox."""

    def __init__(self, workspace: Workspace, profile: Profile | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("batchWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.work = BatchWork(workspace, self)
        self.work.progressed.connect(self._on_progress)
        self.texts = BatchTexts(self)
        self.profile = profile
        self.source: BatchSource | None = None
        self.plan: BatchPlan | None = None
        self._headers: list[str] = []
        self._check_sandbox = True
        self._continue_after_check = False
        self._close_after_run = False
        self._shut = False  # the main window quit: close without asking
        self._shown_paused = False
        self._build()
        self.set_profile(profile)
        self._set_state()
        self.resize(980, 640)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Create from a Spreadsheet"))
        central = QWidget()
        outer = QVBoxLayout(central)
        self.open_button = self._button(self.tr("&Open a File…"), "batchOpenButton",
                                        self.choose_file)  # fmt: skip
        self.paste_button = self._button(self.tr("&Paste Rows"), "batchPasteButton",
                                         self.paste_rows)  # fmt: skip
        self.paste_button.setToolTip(self.tr("Rows copied from a spreadsheet, header row "
                                             "first (Ctrl+V)"))  # fmt: skip
        self.source_label = self._label("batchSourceLabel")
        self.sheet_label = QLabel(self.tr("S&heet:"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("batchSheetCombo")
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        top = QHBoxLayout()
        for widget in (self.open_button, self.paste_button, self.source_label):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        outer.addLayout(top)
        self.target_label = self._label("batchTargetLabel")
        self.target_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        outer.addWidget(self.target_label)
        self.mapping = BatchMapping()
        self.mapping.apply_requested.connect(self.check_rows)
        self.mapping.hide()
        outer.addWidget(self.mapping)
        self.warnings_label = self._label("batchWarningsLabel")
        apply_style(self.warnings_label, Style.WARNING_BANNER)
        outer.addWidget(self.warnings_label)
        self.counts_label = self._label("batchCountsLabel")
        outer.addWidget(self.counts_label)
        self.model = BatchPreviewModel(self)
        self.model.read_failed.connect(self._on_failed)
        self.table = preview_table(self.model)
        outer.addWidget(self.table, 1)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("batchProgressBar")
        self.progress_bar.setFormat(self.tr("%v of %m rows"))
        self.progress_label = self._label("batchProgressLabel")
        outer.addWidget(self.progress_bar)
        outer.addWidget(self.progress_label)
        self.status_label = self._label("batchStatusLabel")
        outer.addWidget(self.status_label)
        self.skip_sandbox_button = self._button(
            self.tr("Check &Without the Sandbox"), "batchSkipSandboxButton", self._skip_sandbox
        )
        self.start_button = self._button("", "batchStartButton", self.start)
        self.pause_button = self._button(self.tr("Pa&use"), "batchPauseButton", self.toggle_pause)
        self.cancel_button = self._button(self.tr("&Stop"), "batchCancelButton", self.cancel_run)
        self.cancel_button.setToolTip(self.tr("Rows not started stay not sent; sends under way "
                                              "finish"))  # fmt: skip
        self.save_button = self._button(self.tr("Sa&ve Results…"), "batchSaveButton",
                                        self.choose_results_file)  # fmt: skip
        self.close_button = self._button(self.tr("Close"), "batchCloseButton", self.close)
        buttons = QHBoxLayout()
        for button in (self.skip_sandbox_button, self.start_button, self.pause_button,
                       self.cancel_button, self.save_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.setCentralWidget(central)
        self.paste_action = make_action(self, self.tr("Paste Rows"), self.paste_rows,
                                        QKeySequence.StandardKey.Paste, "batchPasteAction")  # fmt: skip
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.paste_action)

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # file names and cells are never markup
        label.setWordWrap(True)
        return label

    def set_profile(self, profile: Profile | None) -> None:
        """Where the rows go (the main window's profile); not while a run is under way."""
        if self.work.running():
            return
        self.profile = profile
        text, production = self.texts.target(profile)
        self.target_label.setText(text)
        apply_style(self.target_label, Style.PRODUCTION_BADGE if production else None)
        if self.source is not None and profile is not None:
            self.check_rows()
        self._set_state()

    # -- the source -------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a Spreadsheet"), "",
            fill(self.tr("Spreadsheets (%1);;All files (*)"), SPREADSHEETS),
        )  # fmt: skip
        if path:
            self.load(BatchSource(Path(path)))

    @Slot()
    def paste_rows(self) -> None:
        """The clipboard's rows (Paste Rows, Ctrl+V)."""
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """Rows copied from a spreadsheet (tab-separated, the header row first)."""
        if self.work.running():
            return
        if "\t" not in text and "\n" not in text.strip():
            self._show_error(self.tr("The clipboard holds no rows: copy the cells in the "
                                     "spreadsheet, the header row included, then paste."))  # fmt: skip
            return
        self.load(BatchSource(pasted=text))

    def load(self, source: BatchSource) -> None:
        """Read the source's headers (and sheets), then check its rows."""
        self.source = source
        self._check_sandbox = True
        self.mapping.hide()
        self.source_label.setText(self.texts.source(source))
        self._set_plan(None)
        self._busy(self.tr("Reading…"))
        task = self.work.describe(source)
        task.succeeded.connect(self._on_described)
        task.failed.connect(self._on_failed)

    @Slot(object)
    def _on_described(self, described: tuple[list[str], list[str]]) -> None:
        self._headers, sheets = described
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheets)
        if self.source is not None and self.source.sheet in sheets:
            self.sheet_combo.setCurrentText(self.source.sheet)
        self.sheet_combo.setVisible(len(sheets) > 1)
        self.sheet_label.setVisible(len(sheets) > 1)
        self.mapping.set_headers(self._headers)
        self.check_rows()

    @Slot(int)
    def _sheet_chosen(self, index: int) -> None:
        if self.source is not None and self.source.path is not None:
            self.load(BatchSource(self.source.path, sheet=self.sheet_combo.itemText(index)))

    # -- checking ---------------------------------------------------------------------------

    @Slot()
    def check_rows(self) -> None:
        """Plan the source with the mapping's options (none until the mapping is shown)."""
        if self.source is None or self.profile is None or self.work.running():
            return
        options = self.mapping.options(self._check_sandbox) if self.mapping.isVisibleTo(
            self) else BatchOptions(check_sandbox=self._check_sandbox)  # fmt: skip
        self._set_plan(None)
        self._busy(self.tr("Checking every row…"))
        task = self.work.plan(self.source, options, self.profile)
        task.succeeded.connect(self._on_planned)
        task.failed.connect(self._on_failed)

    @Slot()
    def _skip_sandbox(self) -> None:
        self._check_sandbox = False
        self.check_rows()

    @Slot(object)
    def _on_planned(self, plan: BatchPlan) -> None:
        self._set_plan(plan)
        self.status_label.clear()
        apply_style(self.status_label, None)
        if self.mapping.isVisibleTo(self):
            self.mapping.set_headers(plan.headers, plan.columns)
        if self._continue_after_check:
            self._continue_after_check = False
            self.start()

    def _set_plan(self, plan: BatchPlan | None) -> None:
        self.plan = plan
        self.model.set_plan(plan)
        # Shown from the preview on: a run's start then changes no layout (a relayout and a
        # full repaint while the run's threads start stalled the event loop).
        self.progress_bar.setRange(0, plan.total if plan else 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(plan is not None)
        self.progress_label.clear()
        self.counts_label.setText(self.texts.counts(plan.counts(), plan.total) if plan else "")
        warnings = [w.render() for w in plan.warnings] if plan else []
        if plan is not None and not self._check_sandbox:
            warnings.append(self.tr("The sandbox was not listed: names already there are "
                                    "not found before sending (the history's are)."))  # fmt: skip
        self.warnings_label.setText("\n".join(warnings))
        self.warnings_label.setVisible(bool(warnings))
        self._set_state()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._continue_after_check = False
        text = describe_failure(error).summary
        if isinstance(error, ColumnsInvalid):  # the window's words, not the CLI's options
            self.mapping.show()
            self.mapping.combos["name"].setFocus()
            text = error.message.render() + " " + self.tr("Pick its column below, or give a "
                                                          "default for every row.")  # fmt: skip
        self.skip_sandbox_button.setVisible(isinstance(error, SandboxCheckFailed))
        self._show_error(text)
        self._set_state()
        if self._close_after_run:
            self.close()

    def _show_error(self, text: str) -> None:
        self.status_label.setText(text)
        apply_style(self.status_label, Style.ERROR)

    def _busy(self, text: str) -> None:
        self.status_label.setText(text)
        apply_style(self.status_label, None)
        self.skip_sandbox_button.hide()
        self._set_state(busy=True)

    # -- running ----------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Send the plan's ready rows (after the production question), or, after a run that
        left rows not sent, check again and continue."""
        plan, profile = self.plan, self.profile
        if plan is None or profile is None or self.work.running() or self.work.lane.tasks():
            return
        if self._ran(plan):  # rows created since: the plan is checked again first
            self._continue_after_check = True
            self.check_rows()
            return
        if plan.to_send == 0:
            return
        if profile.is_production and not confirm(
            self, self.tr("Create in production?"), self.texts.production_question(plan, profile),
            warning=True, yes_text=self.tr("Create in &Production"),
        ):  # fmt: skip
            return
        task = self.work.run(plan, profile)
        task.succeeded.connect(self._on_run_ended)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._after_run)
        self._set_state()

    def _ran(self, plan: BatchPlan) -> bool:
        """Whether this plan was run already (its results are in the table)."""
        return bool(self.model.results()) and self.model.plan is plan

    @Slot(object, object)
    def _on_progress(self, rows: list[Result], progress: BatchProgress | None) -> None:
        self.model.add_results(rows)
        if progress is None:
            return
        self.progress_bar.setValue(progress.done)
        self.progress_label.setText(self.texts.progress(progress))
        self.counts_label.setText(self.texts.run_counts(progress))
        if progress.paused != self._shown_paused:  # a call into Qt less at every event
            self._show_paused(progress.paused)

    @Slot(object)
    def _on_run_ended(self, final: BatchProgress) -> None:
        self.status_label.setText(self.texts.run_ended(final))

    @Slot()
    def _after_run(self) -> None:
        self._set_state()
        if self._close_after_run:
            self.close()

    @Slot()
    def toggle_pause(self) -> None:
        control = self.work.control
        if control is None or not self.work.running():
            return
        if control.paused.is_set():
            control.resume()
        else:
            control.pause()
        self._show_paused(control.paused.is_set())

    def _show_paused(self, paused: bool) -> None:
        self._shown_paused = paused
        self.pause_button.setText(self.tr("&Resume") if paused else self.tr("Pa&use"))

    @Slot()
    def cancel_run(self) -> None:
        """Rows not started stay not sent; the sends under way finish."""
        if self.work.control is not None and self.work.running():
            self.work.control.cancel()
            self.status_label.setText(self.tr("Stopping: the creates under way finish first…"))
            self.cancel_button.setEnabled(False)

    # -- results ----------------------------------------------------------------------------

    @Slot()
    def choose_results_file(self) -> None:
        if self.plan is None:
            return
        suggested = self.texts.results_name(self.plan.source)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the Results"), str(suggested),
            self.tr("CSV (*.csv);;Excel workbook (*.xlsx)"),
        )  # fmt: skip
        if path:
            self.save_results(Path(path))

    def save_results(self, path: Path) -> None:
        """The input's columns plus status, audienceId and message, written atomically."""
        if self.plan is None or self.work.running():
            return
        task = self.work.save(self.plan, self.model.results(), path)
        task.succeeded.connect(
            lambda saved: self.status_label.setText(fill(self.tr("Results saved to %1."), saved))
        )
        task.failed.connect(self._on_failed)

    # -- state and closing ------------------------------------------------------------------

    def _set_state(self, busy: bool = False) -> None:
        running = self.work.running()
        plan = self.plan
        idle = not running and not busy
        self.open_button.setEnabled(idle)
        self.paste_button.setEnabled(idle)
        self.paste_action.setEnabled(idle)
        self.sheet_combo.setEnabled(idle)
        self.mapping.setEnabled(idle)
        ran = plan is not None and self._ran(plan)
        remaining = ran and any(r.status is RowStatus.NOT_SENT for r in self.model.results())
        self.start_button.setText(self.texts.start_text(plan, continuing=remaining))
        self.start_button.setEnabled(
            idle and plan is not None and self.profile is not None
            and (remaining or (not ran and plan.to_send > 0))
        )  # fmt: skip
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.save_button.setEnabled(idle and plan is not None)
        if not running:
            self._show_paused(False)

    def shut_down(self) -> None:
        """The main window quits: cancel a run (rows not started stay not sent) and close."""
        self._shut = True
        self.work.shut_down(timeout=3.0)
        self.close()

    def confirm_stop(self) -> bool:
        """Ask before stopping a run; True to stop (Cancel, the default, keeps it going)."""
        return confirm(
            self, self.tr("Stop the batch?"), self.texts.stop_question(self.plan),
            warning=True, yes_text=self.tr("Stop and &Close"),
        )  # fmt: skip

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.work.running() and not self._shut:
            if not self._close_after_run and not self.confirm_stop():
                event.ignore()
                return
            self._close_after_run = True
            self.cancel_run()
            event.ignore()  # closes once the sends under way have ended
            return
        self.model.close()
        self.work.shut_down(timeout=1.0)
        event.accept()
