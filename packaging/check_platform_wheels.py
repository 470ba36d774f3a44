"""Prove the packaged build's runtime dependencies resolve as wheels for Windows and macOS.

    python packaging/check_platform_wheels.py              # resolve (wheel metadata only)
    python packaging/check_platform_wheels.py --download   # also download the wheels

CI builds and tests on Linux only; the Windows and macOS bundles are made by
``.github/workflows/package.yml``, which has never run. This check catches, on Linux, what
would break or silently change them: for each target platform (win_amd64, macosx_13_0_arm64,
macosx_13_0_x86_64) pip resolves every runtime dependency of ``pyproject.toml`` as a binary
wheel for that platform and the workflow's Python version, then PySide6's own binary part
(``shiboken6``, pinned to the PySide6 version found). It fails when anything cannot resolve,
when PySide6 resolves below pyproject's floor, or when a platform gets another PySide6 than
Linux (where the tests run): a macOS target below 13 silently gets PySide6 6.9 or 6.7, as
newer releases only ship ``macosx_13_0`` wheels.

By default pip resolves from the wheels' metadata (PEP 658: a few kB each) with
``pip install --dry-run --report``: the same resolution as ``pip download``, in seconds
rather than the minutes 400 MB of Qt wheels would take. ``--download`` downloads them too
(into a temporary folder, removed afterwards). Needs the network to the package index and
pip >= 22.2. Exit code: 0 when every platform resolves, 1 when one does not, 2 on bad usage.

pip evaluates environment markers for this machine, not for the target platform, so a full
dependency resolution would check Linux's dependency tree under Windows tags. The direct
dependencies are therefore resolved with ``--no-deps``, plus shiboken6; what they pull in
(anyio, h11, jaraco.*, pywin32-ctypes...) is pure Python and not checked here.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement  # installed with the test extras (pytest needs it)
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: pip carries a copy of tomli
    from pip._vendor import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
WORKFLOW = ROOT / ".github" / "workflows" / "package.yml"
TARGETS = ("win_amd64", "macosx_13_0_arm64", "macosx_13_0_x86_64")
REFERENCE = "this machine"  # where the tests run (CI: Linux): every target must get its Qt
QT_BINDING = "pyside6-essentials"
QT_RUNTIME = "shiboken6"  # PySide6's compiled half, pinned to the same version


@dataclass(frozen=True)
class Resolved:
    name: str
    version: str
    wheel: str  # the file pip picked


class Unresolvable(Exception):
    """pip found no wheel for a requirement on a platform (its own words attached)."""


def runtime_requirements(pyproject: Path = PYPROJECT) -> list[Requirement]:
    """[project].dependencies: what the frozen app bundles."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return [Requirement(line) for line in data["project"]["dependencies"]]


def workflow_python(workflow: Path = WORKFLOW) -> str:
    """The ``python-version`` the packaging workflow installs: the bundles' Python."""
    found = set(re.findall(r"python-version:\s*[\"']?([0-9.]+)", workflow.read_text("utf-8")))
    if len(found) != 1:
        raise SystemExit(f"expected one python-version in {workflow}, found {sorted(found)}")
    return found.pop()


def floor(requirement: Requirement) -> Version | None:
    """The lowest version a requirement allows (its >= or == bound), if it has one."""
    bounds = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==")]
    return max(bounds) if bounds else None


def resolve(
    requirements: list[str], platform: str, python: str, download_to: Path | None
) -> list[Resolved]:
    """One pip resolution, wheels only, no dependencies, for one platform and Python."""
    binary = [
        "--only-binary=:all:", "--no-deps", "--python-version", python,
        "--implementation", "cp", "--quiet", "--disable-pip-version-check",
    ]  # fmt: skip
    if platform != REFERENCE:
        binary += ["--platform", platform]
    with tempfile.TemporaryDirectory(prefix="platform-wheels-") as temp:
        report = Path(temp) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
        command += ["--report", str(report), *binary, *requirements]
        _run(command, requirements, platform)
        picked = json.loads(report.read_text(encoding="utf-8"))["install"]
        if download_to is not None:
            command = [sys.executable, "-m", "pip", "download", "-d", str(download_to)]
            _run([*command, *binary, *requirements], requirements, platform)
    return [
        Resolved(
            name=str(canonicalize_name(item["metadata"]["name"])),
            version=item["metadata"]["version"],
            wheel=item["download_info"]["url"].rsplit("/", 1)[-1],
        )
        for item in picked
    ]


def _run(command: list[str], requirements: list[str], platform: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        reason = "; ".join(said) or done.stderr.strip()[-500:] or f"exit {done.returncode}"
        raise Unresolvable(f"{platform}: {' '.join(requirements)}: {reason}")


def check_platform(
    platform: str,
    requirements: list[Requirement],
    python: str,
    download_to: Path | None,
) -> list[Resolved]:
    """Every runtime requirement, then shiboken6 at the PySide6 version found."""
    resolved = resolve([str(r) for r in requirements], platform, python, download_to)
    qt = _find(resolved, QT_BINDING)
    resolved += resolve([f"{QT_RUNTIME}=={qt.version}"], platform, python, download_to)
    return resolved


def _find(resolved: list[Resolved], name: str) -> Resolved:
    for item in resolved:
        if item.name == name:
            return item
    raise Unresolvable(f"{name} is missing from the resolution")


def problems(by_platform: dict[str, list[Resolved]], requirements: list[Requirement]) -> list[str]:
    """What is wrong with a complete resolution: a Qt below the floor, or not the tested one."""
    binding = next(r for r in requirements if canonicalize_name(r.name) == QT_BINDING)
    lowest = floor(binding)
    reference = _find(by_platform[REFERENCE], QT_BINDING).version
    found = []
    for platform, resolved in by_platform.items():
        version = _find(resolved, QT_BINDING).version
        if lowest is not None and Version(version) < lowest:
            found.append(f"{platform}: PySide6 {version} is below the floor {lowest} ({binding})")
        elif version != reference:
            tested = f"this machine (where the tests run) gets {reference}"
            found.append(f"{platform}: PySide6 {version}, but {tested}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--download", action="store_true", help="also download the wheels")
    parser.add_argument(
        "--platform",
        action="append",
        dest="platforms",
        help=f"a pip platform tag to check instead of {', '.join(TARGETS)} (repeatable)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    requirements = runtime_requirements()
    python = workflow_python()
    platforms = [REFERENCE, *(args.platforms or TARGETS)]
    by_platform: dict[str, list[Resolved]] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="platform-wheels-") as temp:
        for platform in platforms:
            download_to = Path(temp) / platform if args.download else None
            try:
                by_platform[platform] = check_platform(platform, requirements, python, download_to)
            except Unresolvable as exc:
                failures.append(str(exc))
                continue
            listed = ", ".join(f"{r.name} {r.version}" for r in by_platform[platform])
            qt = _find(by_platform[platform], QT_BINDING).wheel
            print(f"{platform} (Python {python}): {listed} [{qt}]", flush=True)
    if REFERENCE in by_platform:
        failures += problems(by_platform, requirements)
    elapsed = time.monotonic() - started
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    verdict = "FAILED" if failures else "ok"
    print(f"platform wheels: {verdict} in {elapsed:.1f} s", file=sys.stderr if failures else None)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
