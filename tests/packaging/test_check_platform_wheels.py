"""packaging/check_platform_wheels.py without the network: what it reads and what it refuses.

The real resolution against the package index runs in .ci/run; here pip gets an empty
local index, so the failure path is exercised for real, offline.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheels() -> ModuleType:
    path = ROOT / "packaging" / "check_platform_wheels.py"
    spec = importlib.util.spec_from_file_location("check_platform_wheels", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_platform_wheels"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_it_checks_the_workflows_python_and_the_apps_runtime_dependencies(
    wheels: ModuleType,
) -> None:
    workflow = (ROOT / ".github" / "workflows" / "package.yml").read_text(encoding="utf-8")
    assert f'python-version: "{wheels.workflow_python()}"' in workflow
    names = [r.name.lower() for r in wheels.runtime_requirements()]
    assert "pyside6-essentials" in names and "keyring" in names and "pytest" not in names
    assert wheels.TARGETS == ("win_amd64", "macosx_13_0_arm64", "macosx_13_0_x86_64")


def test_two_python_versions_in_the_workflow_are_refused(
    wheels: ModuleType, tmp_path: Path
) -> None:
    workflow = tmp_path / "package.yml"
    workflow.write_text('python-version: "3.11"\npython-version: "3.12"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="expected one python-version"):
        wheels.workflow_python(workflow)


def test_a_qt_below_the_floor_or_not_the_tested_one_is_a_problem(wheels: ModuleType) -> None:
    def qt(version: str) -> list[object]:
        return [wheels.Resolved("pyside6-essentials", version, f"pyside6-{version}.whl")]

    requirements = [wheels.Requirement("PySide6-Essentials>=6.10,<6.12")]
    found = wheels.problems(
        {
            wheels.REFERENCE: qt("6.11.3"),
            "win_amd64": qt("6.11.3"),
            "macosx_12_0_arm64": qt("6.9.3"),
            "macosx_13_0_x86_64": qt("6.11.2"),
        },
        requirements,
    )
    assert found == [
        "macosx_12_0_arm64: PySide6 6.9.3 is below the floor 6.10 (PySide6-Essentials<6.12,>=6.10)",
        "macosx_13_0_x86_64: PySide6 6.11.2, but this machine (where the tests run) gets 6.11.3",
    ]


def test_nothing_resolvable_fails_with_pips_reason(
    wheels: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # only the empty folder below: offline, and empty
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path))
    assert wheels.main(["--platform", "win_amd64"]) == 1
    err = capsys.readouterr().err
    assert "FAILED win_amd64: PySide6-Essentials" in err
    assert "No matching distribution" in err and "platform wheels: FAILED" in err
