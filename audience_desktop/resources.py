"""Finds data files under ``resources/`` from a checkout, an install or a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding the app's resources, wherever the app runs from."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data here
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")  # a checkout
    candidates.append(Path(sys.prefix) / "share" / "audience-desktop" / "resources")  # pip
    for candidate in candidates:
        if (candidate / "audience-desktop.svg").is_file():
            return candidate
    return candidates[0]


def resource_path(name: str) -> Path:
    """The path of one resource file, e.g. ``resource_path("audience-desktop.svg")``."""
    return resources_dir() / name
