"""The few style sheets the window uses, in one place so a colour means the same everywhere.

Red is for errors and production, green for a safe sandbox, blue for information. Tests
check the production badge by its colour (``ERROR_RED``).
"""

from __future__ import annotations

ERROR_RED = "#c62828"

ERROR_LABEL = f"QLabel {{ color: {ERROR_RED}; }}"
INFO_BANNER = "QLabel { background: #e3f0ff; color: #0b3d91; padding: 6px; border-radius: 4px; }"
WARNING_BANNER = "QLabel { background: #fdecea; color: #8a1c1c; padding: 8px; border-radius: 4px; }"
PRODUCTION_BADGE = (
    f"QLabel {{ background: {ERROR_RED}; color: white; font-weight: bold;"
    " padding: 3px 8px; border-radius: 4px; }"
)
SAFE_BADGE = "QLabel { background: #2e7d32; color: white; padding: 3px 8px; border-radius: 4px; }"
