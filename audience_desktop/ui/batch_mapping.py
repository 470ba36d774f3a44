"""The Batch window's mapping step: which column gives each field, and defaults.

Shown when the headers do not name every field the plan needs (the plan's ColumnsInvalid):
one combo per field listing the file's headers (or none), and a default namespace and
origin name for a missing column or an empty cell. It gives ``BatchOptions``; the window
checks the rows again with them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from audience_desktop.application import FIELDS, BatchOptions


class BatchMapping(QGroupBox):
    """Field -> header combos and the two defaults.

    Signals:
        apply_requested(): "Check the Rows" was pressed.
    """

    apply_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Columns"), parent)
        self.setObjectName("batchMapping")
        layout = QFormLayout(self)
        self.explanation = QLabel(
            self.tr("Pick the column that holds each field. A default fills a missing column "
                    "or an empty cell.")
        )  # fmt: skip
        self.explanation.setWordWrap(True)
        layout.addRow(self.explanation)
        labels = {
            "name": self.tr("&Name column:"),
            "description": self.tr("&Description column:"),
            "namespace": self.tr("Namespace co&lumn:"),
            "originName": self.tr("Ori&gin name column:"),
        }
        self.combos: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"batchColumn_{field}")
            label = QLabel(labels[field])
            label.setBuddy(combo)
            layout.addRow(label, combo)
            self.combos[field] = combo
        self.namespace_default = QLineEdit()
        self.namespace_default.setObjectName("batchDefaultNamespace")
        self.origin_default = QLineEdit()
        self.origin_default.setObjectName("batchDefaultOrigin")
        for text, edit in ((self.tr("Default na&mespace:"), self.namespace_default),
                           (self.tr("Default origin n&ame:"), self.origin_default)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(edit)
            layout.addRow(label, edit)
        self.apply_button = QPushButton(self.tr("Chec&k the Rows"))
        self.apply_button.setObjectName("batchApplyMapping")
        self.apply_button.clicked.connect(self.apply_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.apply_button)
        layout.addRow(row)

    def set_headers(self, headers: list[str], matched: dict[str, int] | None = None) -> None:
        """Offer ``headers``; each field starts on its matched column (``matched``: field ->
        index, the plan's), else on the header that the field's name matches, else none."""
        matched = matched or {}
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItem(self.tr("(no column)"), -1)
            for index, header in enumerate(headers):
                if header:  # a column is named by its header: one without cannot be picked
                    combo.addItem(header, index)
            combo.setCurrentIndex(max(0, combo.findData(matched.get(field, -1))))

    def options(self, check_sandbox: bool = True) -> BatchOptions:
        """The options the combos and defaults give (a header chosen twice is the user's)."""
        columns = {}
        for field, combo in self.combos.items():
            index = combo.currentData()
            if isinstance(index, int) and index >= 0:
                columns[field] = combo.itemText(combo.currentIndex())
        return BatchOptions(
            columns=columns,
            namespace=self.namespace_default.text().strip() or None,
            origin_name=self.origin_default.text().strip() or None,
            check_sandbox=check_sandbox,
        )
