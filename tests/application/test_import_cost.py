"""What the application layer loads, and when: names on first use, the log's rotation on first line.

The window's start-up (bench_startup.py) pays for every module imported before its first
paint; these tests keep what it does not need off that path, and check that the lazy
exports are the same objects, with the same types for mypy and the same dependencies for
import-linter, as plain imports would give.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

import audience_desktop.application as application
from audience_desktop.core import logs
from audience_desktop.core.paths import app_paths


def _type_checking_imports() -> dict[str, str]:
    """name -> module, as the ``if TYPE_CHECKING:`` block of application/__init__.py says."""
    tree = ast.parse(Path(application.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    names = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names:
            submodule = f"{node.module}.{alias.name}"  # ``from audience_desktop.core import aep``
            package = hasattr(importlib.import_module(node.module), "__path__")
            is_module = package and importlib.util.find_spec(submodule) is not None
            names[alias.asname or alias.name] = submodule if is_module else node.module
    return names


def test_the_lazy_table_is_the_type_checking_imports() -> None:
    """mypy and import-linter read the TYPE_CHECKING block; the runtime reads the table."""
    assert _type_checking_imports() == application._EXPORTS
    assert set(application.__all__) == set(application._EXPORTS) - {"credentials"}


@pytest.mark.parametrize("name", sorted(application._EXPORTS))
def test_every_name_is_the_object_its_module_defines(name: str) -> None:
    module = importlib.import_module(application._EXPORTS[name])
    expected = module if name in application._MODULES else getattr(module, name)
    assert getattr(application, name) is expected


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        application.no_such_name  # noqa: B018


def _loaded_after(code: str) -> list[str]:
    """Which of the watched modules a fresh interpreter has loaded after running ``code``."""
    watched = ("logging.handlers", "socket", "pickle", "sqlite3", "httpx", "keyring",
               "audience_desktop.core.models", "audience_desktop.core.history")  # fmt: skip
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {watched!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return list(ast.literal_eval(out.stdout.strip().splitlines()[-1]))


def test_importing_the_layer_loads_nothing_of_the_core() -> None:
    assert _loaded_after("import audience_desktop.application") == []


def test_setting_up_the_log_loads_no_rotation_until_the_first_line(tmp_path: Path) -> None:
    setup = (
        "import os\n"
        f"os.environ['AUDIENCE_DESKTOP_HOME'] = {str(tmp_path)!r}\n"
        "from audience_desktop.application import app_paths, setup_logging\n"
        "setup_logging(app_paths())\n"
    )
    assert _loaded_after(setup) == []
    assert _loaded_after(setup + "import logging\nlogging.getLogger('x').warning('hi')\n") == [
        "logging.handlers",
        "pickle",
        "socket",
    ]


def test_the_window_start_up_path_leaves_the_deferred_modules_alone(tmp_path: Path) -> None:
    """What the window needs before its first paint: the history (sqlite3), nothing else."""
    code = (
        "import os\n"
        f"os.environ['AUDIENCE_DESKTOP_HOME'] = {str(tmp_path)!r}\n"
        "from audience_desktop.ui.bootstrap import start\n"
        "gui = start(['x', '-platform', 'offscreen'])\n"
        "gui.window.show(); gui.app.processEvents()\n"
        "gui.close()\n"
    )
    assert _loaded_after(code) == ["audience_desktop.core.history", "sqlite3"]


def test_the_log_file_rotates_as_before(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 300)
    paths = app_paths()
    handler = logs.setup_logging(paths)
    try:
        log = logging.getLogger("test.rotation")
        for i in range(40):
            log.warning("line %d of a log that outgrows its file", i)
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    rotated = sorted(p.name for p in paths.log_dir.iterdir())
    assert rotated == [
        paths.log_file.name,
        *(f"{paths.log_file.name}.{n}" for n in range(1, logs.BACKUP_COUNT + 1)),
    ]
    assert all(p.stat().st_size <= 300 for p in paths.log_dir.iterdir())
    assert "line 39 of a log" in paths.log_file.read_text(encoding="utf-8")
    assert handler.baseFilename == os.path.abspath(paths.log_file)


def test_the_history_does_not_wait_while_the_first_client_is_made(isolated_home: Path) -> None:
    """Making the first client imports httpx (~250 ms on a worker): the history stays free."""
    import threading

    making, release = threading.Event(), threading.Event()

    def slow_factory(profile: application.Profile) -> object:
        making.set()
        release.wait(10)
        return object()

    workspace = application.open_workspace(client_factory=slow_factory)  # type: ignore[arg-type]
    worker = threading.Thread(target=workspace.client_for, args=(object(),))
    try:
        worker.start()
        assert making.wait(10)
        reached = threading.Event()
        reader = threading.Thread(target=lambda: (workspace.attempts(limit=1), reached.set()))
        reader.start()
        assert reached.wait(5), "the history waited for the client to be made"
        reader.join()
    finally:
        release.set()
        worker.join()
        workspace._clients.clear()  # the fake client has no close()
        workspace.close()
