"""Refresh the gettext catalogues of the core and the CLI (.pot, .po) and compile them (.mo).

Run: python packaging/update_catalogs.py   (needs Babel: pip install -e ".[test]")
The core's message catalogue (core/messages.py, marked with N_) and the CLI's strings
(marked with _ and ngettext) are extracted into audience_desktop/locale/audience-desktop.pot;
each language's .po is updated from it (new strings arrive untranslated, removed ones become
obsolete), and compiled into the .mo that core/i18n.py loads. The window's own widgets use
Qt Linguist instead (packaging/update_translations.py). ``--check`` changes nothing and
exits 1 when a catalogue is out of date or a string has no translation.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from audience_desktop import __version__  # noqa: E402

PACKAGE = ROOT / "audience_desktop"
LOCALE = PACKAGE / "locale"
DOMAIN = "audience-desktop"
LANGUAGES = ("fr",)
SOURCES = ("core/*.py", "application/*.py", "cli.py", "cli_args.py", "cli_batch.py", "cli_sandbox.py")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every marked string in the core, the application layer and the CLI."""
    template = Catalog(project=DOMAIN, version=__version__, charset="utf-8", fuzzy=False)
    for pattern in SOURCES:
        for path in sorted(PACKAGE.glob(pattern)):
            found = extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",)
            )
            for line, message, comments, context in found:
                if isinstance(message, tuple) and not all(message):
                    continue  # a call with a non-literal argument: nothing to translate
                where = (str(path.relative_to(ROOT)), line)
                template.add(message, None, [where], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def untranslated(catalog: Catalog) -> list[str]:
    """The ids of messages with no (or only a fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(str(message.id))
    return missing


def updated(lang: str, template: Catalog) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    template = extract()
    problems = []
    for lang in LANGUAGES:
        catalog = updated(lang, template)
        po, mo = _po_bytes(catalog), _mo_bytes(catalog)
        path = po_path(lang)
        missing = untranslated(catalog)
        if missing:
            problems.append(f"{lang}: {len(missing)} untranslated, e.g. {missing[:3]}")
        if check:
            if not path.exists() or _strip_dates(path.read_bytes()) != _strip_dates(po):
                problems.append(f"{path} is out of date: run python packaging/update_catalogs.py")
            mo_path = path.with_suffix(".mo")
            if path.exists():
                with path.open("rb") as handle:
                    mo = _mo_bytes(read_po(handle, locale=lang, domain=DOMAIN))
            if not mo_path.exists() or mo_path.read_bytes() != mo:
                problems.append(
                    f"{mo_path} is out of date: run python packaging/update_catalogs.py"
                )
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po)
        path.with_suffix(".mo").write_bytes(mo)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


def _strip_dates(po: bytes) -> bytes:
    """A .po without its header dates, which change on every write."""
    return b"\n".join(
        line
        for line in po.splitlines()
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
