"""What goes into the frozen app, and what is left out: shared by the spec, build.py and tests.

Plain Python without PyInstaller imports at module level, so tests can check it without
building. The spec (``audience-desktop.spec``) applies these rules after PyInstaller's
analysis; ``build.py`` checks the result against them and against the size budgets.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "audience-desktop"
BUNDLE_ID = "io.github.audience-desktop"  # macOS CFBundleIdentifier
APPSTREAM_ID = "io.github.audience_desktop"  # the AppStream component id (no '-')
ENTRY_SCRIPT = ROOT / "packaging" / "entry_point.py"
MODE_ENV = "AUDIENCE_DESKTOP_BUNDLE"  # "onedir" (default) or "onefile"
MODES = ("onedir", "onefile")
FULL_ICU_ENV = "AUDIENCE_DESKTOP_FULL_ICU"  # "1": ship ICU's data untrimmed (see trim_icu.py)

# Size budgets in MB (du -sm), checked by build.py after each build.
BUDGET_MB = {"onedir": 120, "onefile": 70}

# -- resources -------------------------------------------------------------------------------

# The PNG sizes the window icon may use (audience_desktop/ui/icons.py loads <= 256).
WINDOW_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

PLATFORM_ICONS = {
    "win32": "resources/icons/audience-desktop.ico",
    "darwin": "resources/icons/audience-desktop.icns",
    "linux": "resources/icons/256x256/audience-desktop.png",  # not embedded; kept for symmetry
}


def read_version(root: Path = ROOT) -> str:
    """``audience_desktop.__version__`` without importing the package."""
    text = (root / "audience_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.M)
    if not match:
        raise ValueError("no __version__ in audience_desktop/__init__.py")
    return match.group(1)


def platform_icon(platform: str = sys.platform, root: Path = ROOT) -> Path:
    key = "win32" if platform == "win32" else "darwin" if platform == "darwin" else "linux"
    return root / PLATFORM_ICONS[key]


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, folder inside the bundle) for every resource the app loads at run time.

    ``audience_desktop/resources.py`` finds them under ``sys._MEIPASS/resources``; the
    gettext catalogues keep their place inside the package.
    """
    res = root / "resources"
    files = [res / "audience-desktop.svg"]
    files += [res / "icons" / f"{s}x{s}" / "audience-desktop.png" for s in WINDOW_ICON_SIZES]
    files += sorted((res / "translations").glob("*.qm"))  # the app's own, when it has some
    # The core's gettext catalogues, where core/i18n.py looks: next to the package's modules.
    files += sorted((root / "audience_desktop" / "locale").glob("*/LC_MESSAGES/*.mo"))
    return [(str(f), str(PurePosixPath(f.relative_to(root).parent))) for f in files]


# -- Python modules --------------------------------------------------------------------------

# Never used by the app. Most arrive only because they are installed next to it (a dev or CI
# environment with pytest, IPython...); listing them keeps any environment's build lean.
EXCLUDED_MODULES = [
    # standard library the app does not use
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc", "pydoc_data",
    "doctest", "unittest", "pdb", "test", "ensurepip", "venv", "distutils", "xmlrpc",
    "curses", "readline", "sqlite3.test", "ctypes.test",
    # Qt modules the app does not use (it talks HTTP through httpx, not QtNetwork)
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools",
    "PySide6.QtSvgWidgets", "PySide6.QtDBus",  # QtDBus: the library stays (QtGui needs it)
    # other packages an environment may hold
    "IPython", "jedi", "parso", "prompt_toolkit", "pygments", "matplotlib", "numpy", "PIL",
    "yaml", "pytest", "_pytest", "pytestqt", "hypothesis", "setuptools", "pkg_resources",
    "trio", "requests", "urllib3", "charset_normalizer", "chardet", "brotli", "brotlicffi",
    "zstandard", "h2", "socksio", "rich", "click", "pyinstaller", "PyInstaller", "keyrings.alt",
]  # fmt: skip

# keyring finds its backends through entry points, which a frozen app only has if keyring's
# metadata is copied (copy_metadata in the spec); the backend modules are imported by name,
# so PyInstaller cannot see them: list them here.
KEYRING_HIDDEN_IMPORTS = {
    "common": ["keyring.backends.chainer", "keyring.backends.fail", "keyring.backends.null"],
    "linux": [
        "keyring.backends.SecretService", "keyring.backends.kwallet", "keyring.backends.libsecret",
        "secretstorage", "secretstorage.collection", "secretstorage.dhcrypto",
        "secretstorage.exceptions", "secretstorage.item", "secretstorage.util",
        "jeepney", "jeepney.io.blocking", "jeepney.bus_messages",
    ],
    "darwin": ["keyring.backends.macOS", "keyring.backends.macOS.api"],
    "win32": ["keyring.backends.Windows", "win32ctypes.core", "win32ctypes.pywin32"],
}  # fmt: skip


def hidden_imports(platform: str = sys.platform) -> list[str]:
    key = "win32" if platform == "win32" else "darwin" if platform == "darwin" else "linux"
    return [*KEYRING_HIDDEN_IMPORTS["common"], *KEYRING_HIDDEN_IMPORTS[key], "truststore"]


# Distributions whose metadata must be in the bundle (entry points, versions).
COPY_METADATA = ["keyring"]

# -- Qt plugins, libraries and translations --------------------------------------------------

# Per plugin folder, the plugins kept (file name without "lib" and extension). Any folder not
# listed is dropped whole: networkinformation and tls (QtNetwork), generic (evdev/tuio input
# for eglfs), egldeviceintegrations, xcbglintegrations (OpenGL over X11: the app paints
# with the raster engine), printsupport, sqldrivers, qmltooling, designer...
QT_PLUGINS_KEPT = {
    # xcb: X11 and XWayland; wayland: native Wayland sessions (sharp fractional scaling);
    # offscreen: the headless smoke test; windows/cocoa: the other desktops.
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qdirect2d", "qcocoa"},
    # portal dialogs and colour scheme in sandboxes; gtk3 is dropped (it pulls in all of GTK)
    "platformthemes": {"qxdgdesktopportal"},
    # compose key and IBus input methods; the virtual keyboard (QtQuick) is dropped
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "imageformats": {"qsvg"},  # PNG is built into QtGui; SVG for the app icon
    "iconengines": {"qsvgicon"},
    "styles": None,  # all: the native Windows 11 / macOS styles live here
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},
}  # fmt: skip

# Qt libraries no kept module or plugin needs (they arrive through dropped plugins).
_QT_LIB_RE = re.compile(
    r"(?:^|/)(?:lib)?Qt6?"
    r"(?:Network|OpenGL|OpenGLWidgets|WlShellIntegration|PrintSupport|Sql|Test"
    r"|(?:Qml|Quick|VirtualKeyboard|EglF[sS]|Pdf)\w*)"
    r"(?:\.framework/|\.so|\.dll|\.dylib|$)"
)

# Qt's own translations kept (qtbase_<lang>.qm: standard buttons and dialogs), loaded for the
# system locale. Only the languages the app itself ships (resources/translations): a German
# "Abbrechen" next to English text would be worse than English throughout. Add a language
# here when its audience-desktop_<lang>.qm arrives (tests/packaging checks they match).
QT_TRANSLATION_LANGUAGES = ("en", "fr")


def _plugin_parts(dest: str) -> tuple[str, str] | None:
    """(plugin folder, plugin stem) when ``dest`` is a Qt plugin inside PySide6, else None."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "PySide6" not in parts or "plugins" not in parts:
        return None
    i = parts.index("plugins")
    if len(parts) < i + 3:
        return None
    stem = parts[-1].split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return parts[i + 1], stem


def keep_entry(dest: str, source: str = "", typecode: str = "") -> bool:
    """Whether a TOC entry (``dest``: its path inside the bundle) stays in the bundle.

    A symbolic link (typecode SYMLINK, ``source`` = the path it points to) stays only if
    both its own path and its target would.
    """
    if typecode == "SYMLINK":
        return keep_entry(dest) and keep_entry(source)
    posix = dest.replace("\\", "/")
    plugin = _plugin_parts(posix)
    if plugin is not None:
        folder, stem = plugin
        if folder not in QT_PLUGINS_KEPT:
            return False
        kept = QT_PLUGINS_KEPT[folder]
        return kept is None or stem in kept
    if "PySide6/" in posix and _QT_LIB_RE.search(posix):
        return False
    if posix.endswith(".qm") and "PySide6/" in posix and "/translations/" in posix:
        name = posix.rsplit("/", 1)[-1][:-3]
        base, _, lang = name.partition("_")
        return base == "qtbase" and lang in QT_TRANSLATION_LANGUAGES
    return True


def is_prunable_library(dest: str, typecode: str) -> bool:
    """A shared library (Linux) that stays only if something kept links to it."""
    posix = dest.replace("\\", "/")
    name = posix.rsplit("/", 1)[-1]
    if typecode != "BINARY" or not re.search(r"\.so(\.\d+)*$", name):
        return False
    if name.startswith("libpython"):  # the bootloader loads it by name
        return False
    return "/" not in posix or posix.startswith("PySide6/Qt/lib/")


def prune_libraries(
    entries: list[tuple[str, str, str]], needed: Callable[[str], Iterable[str]]
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Drop prunable libraries that no kept binary links to, directly or not.

    ``entries`` are PyInstaller TOC tuples (dest, source, typecode); ``needed(source)`` gives
    the file names a binary links to (ELF NEEDED). The GTK stack the gtk3 platform theme
    pulled in goes this way, and whatever only dropped plugins needed. Symbolic links to a
    dropped library go too. Returns (kept entries, dropped destination names).
    """

    def base(dest: str) -> str:
        return dest.replace("\\", "/").rsplit("/", 1)[-1]

    candidates = {base(d): (d, s) for d, s, t in entries if is_prunable_library(d, t)}
    roots = [s for d, s, t in entries if t != "SYMLINK" and base(d) not in candidates]
    reached: set[str] = set()
    todo = list(roots)
    seen_sources: set[str] = set()
    while todo:
        source = todo.pop()
        if source in seen_sources:
            continue
        seen_sources.add(source)
        for name in needed(source):
            if name in candidates and name not in reached:
                reached.add(name)
                todo.append(candidates[name][1])
    dropped = {name for name in candidates if name not in reached}
    kept = [
        (d, s, t) for d, s, t in entries
        if base(d) not in dropped and not (t == "SYMLINK" and base(s) in dropped)
    ]  # fmt: skip
    return kept, sorted(candidates[name][0] for name in dropped)


# Names that must never be in a finished bundle (checked by build.py).
FORBIDDEN_IN_BUNDLE = [
    "PySide6/QtNetwork", "PySide6/QtQml", "PySide6/QtQuick", "libQt6Network", "libQt6Qml",
    "libQt6Quick", "libgtk-3", "plugins/platformthemes/libqgtk3", "tkinter", "_tk_data",
    "numpy", "IPython", "PIL", "_pytest",
]  # fmt: skip


def windows_version_info_text(version: str) -> str:
    """A PyInstaller version-file (Python literal) for the Windows executable."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    tup = tuple(numbers)
    strings = {
        "CompanyName": "audience-desktop team",
        "FileDescription": "audience-desktop: create AEP external audiences",
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": "audience-desktop team",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    kids = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8 (generated by packaging/bundle_config.py from audience_desktop.__version__)
VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
          {kids}])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
