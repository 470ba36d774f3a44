"""Export the history: which rows (all, the filtered, the selected), which format, and the
folder offered once the file is written.

The CSV meant for spreadsheets is the one Excel opens by double click: UTF-8 with a
byte-order mark (else accents garble) and the locale's list separator between cells. Qt has
no portable call for that separator; Excel's rule is ``;`` where the decimal separator is
``,`` (French, German...), else ``,``. The plain CSV stays RFC 4180, as ``history --csv``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.application import Attempt, HistoryQuery, Workspace, os_reason, render
from audience_desktop.ui.messages import fill
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.tasks import Lanes

PAGE = 1000  # rows read at a time for "the filtered rows"


class Rows(enum.Enum):
    ALL = "all"
    FILTERED = "filtered"
    SELECTED = "selected"


class Format(enum.Enum):
    SPREADSHEET = "spreadsheet"  # CSV with a BOM and the locale's list separator
    CSV = "csv"  # RFC 4180
    JSON = "json"


@dataclass(frozen=True)
class Choice:
    rows: Rows
    format: Format


def list_separator(locale: QLocale | None = None) -> str:
    """The separator Excel expects between cells under ``locale`` (the default one)."""
    return ";" if (locale or QLocale()).decimalPoint() == "," else ","


class ExportDialog(QDialog):
    """Asks which rows and which format; the file is chosen next, in the system's dialog."""

    def __init__(self, filter_text: str, selected: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export History"))
        self._rows = QButtonGroup(self)
        self.row_buttons = {
            Rows.ALL: QRadioButton(self.tr("&All attempts")),
            Rows.FILTERED: QRadioButton(
                fill(self.tr("Those the &filter shows (“%1”)"), filter_text)
                if filter_text
                else self.tr("Those the &filter shows (no filter)")
            ),
            Rows.SELECTED: QRadioButton(fill(self.tr("The s&elected ones (%1)"), selected)),
        }
        self.row_buttons[Rows.FILTERED].setEnabled(bool(filter_text))
        self.row_buttons[Rows.SELECTED].setEnabled(selected > 0)
        # The most specific choice the user has made is the likeliest meant.
        default = Rows.SELECTED if selected > 1 else Rows.FILTERED if filter_text else Rows.ALL
        self.row_buttons[default].setChecked(True)
        self._formats = QButtonGroup(self)
        self.format_buttons = {
            Format.SPREADSHEET: QRadioButton(
                fill(
                    self.tr("CSV for &spreadsheets such as Excel (“%1” between cells)"),
                    list_separator(),
                )
            ),
            Format.CSV: QRadioButton(self.tr("CSV, &plain (RFC 4180: commas, no byte-order mark)")),
            Format.JSON: QRadioButton(self.tr("&JSON")),
        }
        self.format_buttons[Format.SPREADSHEET].setChecked(True)
        layout = QVBoxLayout(self)
        for title, group, buttons in (
            (self.tr("Rows"), self._rows, self.row_buttons),
            (self.tr("Format"), self._formats, self.format_buttons),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            for button in buttons.values():
                group.addButton(button)
                inner.addWidget(button)
            layout.addWidget(box)
        buttons_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons_box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Choose File…"))
        buttons_box.accepted.connect(self.accept)
        buttons_box.rejected.connect(self.reject)
        layout.addWidget(buttons_box)

    def choice(self) -> Choice:
        rows = next(r for r, b in self.row_buttons.items() if b.isChecked())
        fmt = next(f for f, b in self.format_buttons.items() if b.isChecked())
        return Choice(rows, fmt)


def ask(parent: QWidget, filter_text: str, selected: int) -> Choice | None:
    """The user's choice, or None when cancelled (tests replace this function)."""
    dialog = ExportDialog(filter_text, selected, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


@dataclass(frozen=True)
class Job:
    """What the local lane writes: rows in hand (the selected) or a query to read."""

    path: Path
    format: Format
    delimiter: str
    attempts: tuple[Attempt, ...] | None  # None: read them (all, or ``query``'s)
    query: HistoryQuery | None


def write(workspace: Workspace, job: Job) -> tuple[Path, int]:
    """Write the file (on the local lane: the history may be long); (path, rows written)."""
    if job.attempts is not None:
        attempts: list[Attempt] | Iterator[Attempt] = list(job.attempts)
    elif job.query is None:
        attempts = workspace.attempts()
    else:
        attempts = _matching(workspace, job.query)
    count = 0

    def counted() -> Iterator[Attempt]:
        nonlocal count
        for attempt in attempts:
            count += 1
            yield attempt

    with job.path.open("w", encoding="utf-8", newline="") as out:
        spreadsheet = job.format is Format.SPREADSHEET
        workspace.export(counted(), out, as_json=job.format is Format.JSON,
                         delimiter=job.delimiter, bom=spreadsheet)  # fmt: skip
    return job.path, count


def _matching(workspace: Workspace, query: HistoryQuery) -> Iterator[Attempt]:
    """Every row ``query`` selects, in its order, read a page at a time."""
    reader = workspace.history_reader()
    try:
        cursor = None
        while True:
            page = reader.page(query, cursor, PAGE)
            yield from page.attempts
            if page.exhausted:
                return
            cursor = page.cursor
    finally:
        reader.close()


class HistoryExporter(QObject):
    """Runs an export for the history panel and offers the folder when it is done.

    ``open_url`` opens the folder (QDesktopServices.openUrl); tests replace it so nothing
    is launched.
    """

    def __init__(self, workspace: Workspace, lanes: Lanes, status: StatusArea,
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self._workspace = workspace
        self._lanes = lanes
        self._status = status
        self._parent = parent
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

    def run(self, filter_text: str, query: HistoryQuery, selected: list[Attempt]) -> None:
        """Ask, choose the file, write it on the local lane."""
        from PySide6.QtWidgets import QFileDialog

        choice = ask(self._parent.window(), filter_text, len(selected))
        if choice is None:
            return
        json_file = choice.format is Format.JSON
        default = str(
            Path.home() / ("audience-history.json" if json_file else "audience-history.csv")
        )
        kinds = self.tr("JSON files (*.json)") if json_file else self.tr("CSV files (*.csv)")
        path, _kind = QFileDialog.getSaveFileName(
            self._parent.window(), self.tr("Export History"), default, kinds
        )
        if not path:
            return
        job = Job(
            Path(path), choice.format, list_separator() if choice.format is Format.SPREADSHEET else ",",
            tuple(selected) if choice.rows is Rows.SELECTED else None,
            query if choice.rows is Rows.FILTERED else None,
        )  # fmt: skip
        task = self._lanes.local.submit(write, self._workspace, job)
        task.succeeded.connect(self._on_exported)
        task.failed.connect(self._on_failed)
        self._status.track(task)

    @Slot(object)
    def _on_exported(self, result: tuple[Path, int]) -> None:
        from PySide6.QtWidgets import QMessageBox

        path, count = result
        text = (
            fill(self.tr("History exported to %1 (1 row)."), path)
            if count == 1
            else fill(self.tr("History exported to %1 (%2 rows)."), path, count)
        )
        self._status.set_status(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("History Exported"), text,
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                          self._parent.window())  # fmt: skip
        box.setObjectName("exportDoneBox")
        box.button(QMessageBox.StandardButton.Open).setText(self.tr("&Open Folder"))
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _code: self._after_done(box, path))
        box.open()  # window-modal, without a nested event loop

    def _after_done(self, box: object, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        assert isinstance(box, QMessageBox)
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Open):
            self.open_url(QUrl.fromLocalFile(str(path.parent)))
        box.deleteLater()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, OSError):
            self._status.show_failure(error)
            return
        reason = render(os_reason(error))  # the system's English, put in the user's words
        self._status.show_error(
            fill(self.tr("The history could not be exported: %1."), reason), reason
        )
