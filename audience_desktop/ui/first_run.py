"""The first run: no profile yet, so say what one is and offer the two ways to begin.

Without it, a new user saw a form whose Create button was disabled with nothing saying why.
Drawn with the palette's own frame and colours, so it reads in light and dark themes alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class FirstRunPanel(QFrame):
    """"Add a Profile…" (the profiles dialog) or "Try the Demo" (a built-in server).

    Signals:
        add_profile(): open the profiles dialog on a new profile.
        try_demo(): open a demo window beside this one.
    """

    add_profile = Signal()
    try_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(self.tr("Welcome to audience-desktop"))
        title.setObjectName("firstRunTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        text = QLabel(
            self.tr(
                "To create audiences in Adobe Experience Platform, add a profile: your "
                "organisation's API credentials and the sandbox to create in. Your "
                "administrator can give you a profile file to import. To look around first, "
                "try the demo: it creates audiences on a built-in local server, never in AEP."
            )
        )
        text.setObjectName("firstRunText")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Set &Up a Profile…"))
        self.add_button.setObjectName("firstRunAddButton")
        self.add_button.clicked.connect(self.add_profile)
        self.demo_button = QPushButton(self.tr("Tr&y the Demo"))
        self.demo_button.setObjectName("firstRunDemoButton")
        self.demo_button.clicked.connect(self.try_demo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.setAccessibleName(self.tr("Getting started"))
        self.hide()
