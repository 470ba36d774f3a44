"""Refresh the translation sources (.ts) from the code and compile them (.qm).

Run: python packaging/update_translations.py
Every user-visible string in the GUI goes through tr()/translate(); lupdate collects them,
translators edit resources/translations/audience-desktop_<lang>.ts (Qt Linguist or any XML
editor), and lrelease compiles the .qm files the app loads for the system language.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr",)


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "audience_desktop").rglob("*.py") if "ui" in p.parts)
    sources.append(str(ROOT / "audience_desktop" / "app.py"))
    folder = ROOT / "resources" / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = folder / f"audience-desktop_{lang}.ts"
        subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(ts)], check=True)
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
