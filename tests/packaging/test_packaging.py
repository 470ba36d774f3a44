"""Packaging checks that need no build: the spec and its rules, desktop files, icons, smoke test.

A full PyInstaller build is not part of pytest (``python packaging/build.py`` does it, and
``packaging/smoke_in_secret_service.py`` runs the built app's smoke test).
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import audience_desktop
from audience_desktop import smoke

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
SMOKE_CODE = "from audience_desktop.smoke import run_smoke_test; raise SystemExit(run_smoke_test())"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cfg() -> ModuleType:
    return _load("bundle_config")


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


# -- the spec and what it bundles -------------------------------------------------------------


def test_spec_and_scripts_are_valid_python() -> None:
    for path in [PACKAGING / "audience-desktop.spec", *PACKAGING.glob("*.py")]:
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_spec_uses_the_shared_rules() -> None:
    tree = ast.parse((PACKAGING / "audience-desktop.spec").read_text(encoding="utf-8"))
    calls = {node.func.id for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}  # fmt: skip
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE", "copy_metadata"} <= calls
    text = (PACKAGING / "audience-desktop.spec").read_text(encoding="utf-8")
    for rule in ("cfg.resource_datas()", "cfg.EXCLUDED_MODULES", "cfg.keep_entry",
                 "cfg.prune_libraries", "console=False", "cfg.BUNDLE_ID"):  # fmt: skip
        assert rule in text


def test_every_bundled_resource_exists(cfg: ModuleType) -> None:
    datas = cfg.resource_datas()
    assert datas, "no resources listed"
    catalogues = {f"audience_desktop/locale/{lang}/LC_MESSAGES" for lang in ("fr",)}
    for source, folder in datas:
        assert Path(source).is_file(), source
        assert folder.startswith("resources") or folder in catalogues, folder
    for folder in catalogues:  # core/i18n.py looks for them inside the package
        assert any(f == folder and s.endswith(".mo") for s, f in datas), folder
    datas = [(s, f) for s, f in datas if f.startswith("resources")]
    bundled = {Path(source).relative_to(RESOURCES).as_posix() for source, _ in datas}
    assert "audience-desktop.svg" in bundled
    for size in cfg.WINDOW_ICON_SIZES:
        assert f"icons/{size}x{size}/audience-desktop.png" in bundled
    for qm in (RESOURCES / "translations").glob("*.qm"):
        assert f"translations/{qm.name}" in bundled  # the app's own translations ship
    assert not any(name.endswith(".ts") for name in bundled)  # translation sources do not


def test_entry_script_icons_and_version(cfg: ModuleType) -> None:
    assert cfg.ENTRY_SCRIPT.is_file()
    assert cfg.read_version() == audience_desktop.__version__
    assert cfg.APP_NAME == audience_desktop.APP_NAME
    for platform in ("win32", "darwin", "linux"):
        assert cfg.platform_icon(platform).is_file(), platform


def test_windows_version_resource_is_generated_from_the_version(cfg: ModuleType) -> None:
    """The text is what PyInstaller evaluates with its versioninfo classes (Windows only)."""
    calls: dict[str, list] = {}

    def recorder(name: str):  # type: ignore[no-untyped-def]
        def record(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.setdefault(name, []).append((args, kwargs))
            return name

        return record

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct")  # fmt: skip
    eval(cfg.windows_version_info_text("1.2.3"), {n: recorder(n) for n in names})
    fixed = calls["FixedFileInfo"][0][1]
    assert fixed["filevers"] == fixed["prodvers"] == (1, 2, 3, 0)
    strings = dict(args for args, _ in calls["StringStruct"])
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "audience-desktop.exe"


def test_the_app_imports_nothing_the_bundle_excludes(cfg: ModuleType) -> None:
    """QtNetwork, QtQml, tkinter...: excluded from the bundle, so the app must not use them."""
    excluded = set(cfg.EXCLUDED_MODULES)
    offenders = []
    for path in (ROOT / "audience_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            for name in names:
                parts = name.split(".")
                if any(".".join(parts[:i]) in excluded for i in range(1, len(parts) + 1)):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqglib.so", False),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", False),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),
        ("PySide6/Qt/lib/libicudata.so.73", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/Qt/translations/qt_help_fr.qm", False),
        ("resources/translations/audience-desktop_fr.qm", True),
        # Windows and macOS layouts of the same files
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\Qt6Network.dll", False),
        ("PySide6\\translations\\qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),  # no German app translation yet
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", False),
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
    ],
)
def test_qt_trimming_rules(cfg: ModuleType, dest: str, kept: bool) -> None:
    assert cfg.keep_entry(dest) is kept


def test_a_link_to_a_dropped_library_is_dropped(cfg: ModuleType) -> None:
    assert not cfg.keep_entry("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")
    assert cfg.keep_entry("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")
    framework = "PySide6/Qt/lib/QtNetwork.framework/QtNetwork"  # macOS: a relative target
    assert not cfg.keep_entry(framework, "Versions/Current/QtNetwork", "SYMLINK")


def test_libraries_nothing_links_to_are_pruned(cfg: ModuleType) -> None:
    entries = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("libX11.so.6", "/s/libX11.so.6", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),  # only the dropped gtk3 theme
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),  # only gtk
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libgtk-3.so.0.link", "libgtk-3.so.0", "SYMLINK"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),  # dlopen'ed: kept
    ]
    links = {
        "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/s/libqxcb.so": ["libX11.so.6", "libQt6Gui.so.6"],
        "/s/libgtk-3.so.0": ["libcairo.so.2"],
    }
    kept, dropped = cfg.prune_libraries(entries, lambda source: links.get(source, []))
    assert dropped == ["libcairo.so.2", "libgtk-3.so.0"]
    assert [d for d, _, _ in kept] == [
        "PySide6/QtWidgets.abi3.so", "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libX11.so.6", "libQt6Gui.so.6", "libpython3.11.so.1.0",
    ]  # fmt: skip


def test_qt_translations_follow_the_app_translations(cfg: ModuleType) -> None:
    shipped = {qm.stem.split("_", 1)[1] for qm in (RESOURCES / "translations").glob("*.qm")}
    assert set(cfg.QT_TRANSLATION_LANGUAGES) == shipped | {"en"}


def test_keyring_backends_are_collected(cfg: ModuleType) -> None:
    assert "keyring" in cfg.COPY_METADATA  # the entry points that name the backends
    linux = cfg.hidden_imports("linux")
    assert {"keyring.backends.SecretService", "secretstorage", "jeepney"} <= set(linux)
    assert "keyring.backends.Windows" in cfg.hidden_imports("win32")
    assert "keyring.backends.macOS" in cfg.hidden_imports("darwin")
    assert "truststore" in linux


# -- ICU data trimming (Linux build) ----------------------------------------------------------

_ICU_PROBE = r"""
import json, os
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
out = []
for name in ("sv_SE", "de_DE", "tr_TR", "ja_JP", "fr_FR"):
    c = QCollator(QLocale(name))
    out.append(sorted(["z", "ö", "a", "ä", "i", "ı", "日本", "ch", "c"], key=lambda w: sum(
        c.compare(w, x) > 0 for x in ["z", "ö", "a", "ä", "i", "ı", "日本", "ch", "c"])))
    out.append(QLocale(name).toUpper("istanbul straße"))
for zone in (b"Europe/Paris", b"Asia/Tokyo", b"America/New_York", b"Australia/Lord_Howe"):
    tz = QTimeZone(zone)
    out.append([tz.displayName(t, n, QLocale(l)) for t in (QTimeZone.TimeType.StandardTime,
        QTimeZone.TimeType.DaylightTime, QTimeZone.TimeType.GenericTime)
        for n in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName)
        for l in ("en_US", "fr_FR", "ja_JP")])
out.append([QStringDecoder(c).isValid() for c in ("Shift_JIS", "Big5", "KOI8-R", "GB18030")])
maps = open("/proc/self/maps").read()
print(json.dumps({"out": out, "icu": sorted({l.split()[-1] for l in maps.splitlines()
                                             if "libicudata" in l})}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the trimming is Linux-only")
def test_trimmed_icu_data_answers_like_the_full_data(tmp_path: Path) -> None:
    trim_icu = _load("trim_icu")
    if trim_icu.missing_tools():
        pytest.skip(f"missing {trim_icu.missing_tools()} (apt-get install icu-devtools binutils)")
    import PySide6

    libs = list((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not libs:
        pytest.skip("this PySide6 has no bundled ICU")
    result = trim_icu.trim(libs[0], tmp_path / "icu")
    assert result.bytes_after < 0.6 * result.bytes_before
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}

    def probe(extra: dict[str, str]) -> dict:
        done = subprocess.run([sys.executable, "-c", _ICU_PROBE], env=env | extra,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    full = probe({})
    trimmed = probe({"LD_LIBRARY_PATH": str(result.path.parent)})  # wins over Qt's RUNPATH
    assert trimmed["icu"] == [str(result.path)]
    assert full["icu"] != trimmed["icu"]
    assert trimmed["out"] == full["out"]


# -- Linux desktop integration ----------------------------------------------------------------


def test_desktop_entry_has_the_required_keys() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(RESOURCES / "audience-desktop.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    for key in ("Name", "Comment", "Exec", "Icon", "Categories", "Terminal"):
        assert entry.get(key), key
    assert entry["Exec"].split()[0] == "audience-desktop"  # the gui-script pip installs
    assert entry["Icon"] == "audience-desktop"
    assert entry["StartupWMClass"] == audience_desktop.APP_NAME
    assert entry["Categories"].endswith(";")
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(RESOURCES / "audience-desktop.desktop")],
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0 and "error" not in done.stdout, done.stdout


def test_appstream_metainfo_is_complete() -> None:
    path = RESOURCES / "io.github.audience_desktop.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == path.name.removesuffix(".metainfo.xml")
    for tag in ("name", "summary", "metadata_license", "project_license"):
        assert (root.findtext(tag) or "").strip(), tag
    assert root.find("description/p") is not None
    icon = root.find("icon")
    assert icon is not None and icon.text == "audience-desktop"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert (RESOURCES / str(launchable.text)).is_file()
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert releases and releases[0] == audience_desktop.__version__  # newest first
    if shutil.which("appstreamcli"):
        done = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)],
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_icons_exist_in_every_size_and_format() -> None:
    render = _load("render_icons")
    for size in render.SIZES:
        assert _png_size(render.png_path(size)) == (size, size)
    ico = (RESOURCES / "icons" / "audience-desktop.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and struct.unpack("<H", ico[4:6])[0] == len(render.ICO_SIZES)
    icns = (RESOURCES / "icons" / "audience-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_pip_install_data_files_exist() -> None:
    tomllib = pytest.importorskip("tomllib")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files = data["tool"]["setuptools"]["data-files"]
    assert "share/applications" in files and "share/metainfo" in files
    for target, sources in files.items():
        for source in sources:
            assert (ROOT / source).is_file(), f"{target}: {source}"
    assert "build" in data["project"]["optional-dependencies"]


def test_install_script_puts_the_entry_under_xdg_data_home(tmp_path: Path) -> None:
    if not shutil.which("bash"):
        pytest.skip("needs bash")
    exe = tmp_path / "my app" / "audience-desktop"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    data = tmp_path / "data"
    env = os.environ | {"XDG_DATA_HOME": str(data)}
    script = str(PACKAGING / "install-desktop-entry.sh")
    done = subprocess.run(["bash", script, str(exe)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    desktop = (data / "applications" / "audience-desktop.desktop").read_text(encoding="utf-8")
    assert f'Exec="{exe}"' in desktop
    assert (data / "metainfo" / "io.github.audience_desktop.metainfo.xml").is_file()
    assert (data / "icons/hicolor/48x48/apps/audience-desktop.png").is_file()
    assert (data / "icons/hicolor/scalable/apps/audience-desktop.svg").is_file()
    done = subprocess.run(["bash", script, "--uninstall"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (data / "applications" / "audience-desktop.desktop").exists()


# -- the smoke test and the entry point -------------------------------------------------------


def _smoke_env(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(QT_QPA_PLATFORM="offscreen", AUDIENCE_DESKTOP_HOME=str(tmp_path / "app"))
    env.update(extra)
    return env


@pytest.mark.secret_service
def test_smoke_test_passes_with_the_secret_service(
    secret_service_env: dict[str, str], tmp_path: Path
) -> None:
    env = _smoke_env(tmp_path, secret_service_env)
    done = subprocess.run([sys.executable, "-c", SMOKE_CODE], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=90)  # fmt: skip
    lines = _json_lines(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 1
    result = lines[0]
    assert result["ok"] is True
    assert result["keyring_backend"] == "keyring.backends.SecretService.Keyring"
    assert result["version"] == audience_desktop.__version__
    assert result["audienceId"]
    assert Path(result["data_dir"]) == tmp_path / "app" / "data"
    assert (tmp_path / "app" / "data" / "history.sqlite3").is_file()


def test_smoke_test_fails_clearly_without_a_secure_keyring(tmp_path: Path) -> None:
    """No session bus: keyring falls back to its fail backend, and the smoke test says so."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = _smoke_env(tmp_path, {"XDG_RUNTIME_DIR": str(runtime)})
    done = subprocess.run([sys.executable, str(PACKAGING / "entry_point.py"), "--smoke-test"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=90)  # fmt: skip
    assert done.returncode == smoke.EXIT_CODES["keyring"], done.stdout + done.stderr
    lines = _json_lines(done.stdout)
    assert len(lines) == 1 and set(lines[0]) == {"ok", "step", "error"}
    assert lines[0]["ok"] is False and lines[0]["step"] == "keyring"
    assert "No secure keyring" in lines[0]["error"]


_SLOW_KEYRING = """
import time
from keyring.backend import KeyringBackend

class Slow(KeyringBackend):
    priority = 1

    def set_password(self, service, username, password):
        time.sleep(30)

    def get_password(self, service, username):
        return None

    def delete_password(self, service, username):
        pass
"""


@pytest.mark.parametrize(
    ("tweak", "message"),
    [
        ("smoke.KEYRING_TIMEOUT = 1", "did not return within 1 s"),  # one call times out
        ("smoke.DEADLINE = -4", "hung"),  # the watchdog (DEADLINE + 5 s) ends the process
    ],
)
def test_smoke_test_never_hangs(tmp_path: Path, tweak: str, message: str) -> None:
    (tmp_path / "slow_keyring.py").write_text(_SLOW_KEYRING, encoding="utf-8")
    env = _smoke_env(tmp_path, {"PYTHONPATH": str(tmp_path),
                                "PYTHON_KEYRING_BACKEND": "slow_keyring.Slow"})  # fmt: skip
    code = f"from audience_desktop import smoke; {tweak}; raise SystemExit(smoke.run_smoke_test())"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=25)  # fmt: skip
    lines = _json_lines(done.stdout)
    assert done.returncode == smoke.EXIT_CODES["keyring"], done.stdout + done.stderr
    assert len(lines) == 1 and lines[0]["step"] == "keyring" and lines[0]["ok"] is False
    assert message in lines[0]["error"]


def test_entry_point_reports_when_the_window_is_shown(tmp_path: Path) -> None:
    env = _smoke_env(tmp_path, {"AUDIENCE_DESKTOP_REPORT_SHOWN": "1"})
    done = subprocess.run([sys.executable, str(PACKAGING / "entry_point.py")], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = [line for line in done.stdout.splitlines() if line.startswith("shown ")]
    assert len(shown) == 1 and float(shown[0].split()[1]) > 0


def test_smoke_runner_checks_the_json_line() -> None:
    runner = _load("smoke_in_secret_service")
    backend = runner.SECRET_SERVICE_BACKEND
    good = {"ok": True, "keyring_backend": backend, "audienceId": "x"}
    assert runner.verdict(runner.last_json_line("noise\n" + json.dumps(good)), backend) is None
    assert "printed no JSON" in runner.verdict(runner.last_json_line("no json here"), backend)
    failed = {"ok": False, "step": "keyring", "error": "locked"}
    assert "keyring" in runner.verdict(failed, backend)
    other = good | {"keyring_backend": "keyring.backends.fail.Keyring"}
    assert "fail.Keyring" in runner.verdict(other, backend)
