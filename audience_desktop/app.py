"""The GUI front end's entry point (``audience-desktop``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop window. Until the window lands, point to the console front end."""
    print(
        "The audience-desktop window is not built yet. Use the console front end meanwhile:\n"
        "  audience-cli create --demo --name 'My first audience' --namespace demo "
        "--origin-name Demo",
        file=sys.stderr,
    )
    del argv
    return 0
