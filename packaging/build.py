"""Build the frozen app, one-folder and one-file, then check what came out.

    python packaging/build.py                 # both layouts
    python packaging/build.py --mode onedir   # one of them
    python packaging/build.py --clean         # start from an empty build/ folder

Needs the ``build`` extra (``pip install -e ".[build]"``) and, on Linux, ``binutils``.
Layout (``dist/`` and ``build/`` are git-ignored):

    dist/onedir/audience-desktop/audience-desktop[.exe]   (+ audience-desktop.app on macOS)
    dist/onefile/audience-desktop[.exe]

After each build it checks: the executable exists; keyring's entry points (its backends)
are inside; nothing on the forbidden list (QtNetwork, QtQml, GTK, tkinter...) slipped in;
the size is within budget (``bundle_config.BUDGET_MB``). Exit code 0 only if all pass.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bundle_config as cfg  # noqa: E402

ROOT = cfg.ROOT
SPEC = HERE / "audience-desktop.spec"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def executable(mode: str, dist: Path | None = None) -> Path:
    """Where a layout's executable lands."""
    dist = dist or ROOT / "dist"
    if mode == "onedir":
        return dist / "onedir" / cfg.APP_NAME / f"{cfg.APP_NAME}{EXE_SUFFIX}"
    return dist / "onefile" / f"{cfg.APP_NAME}{EXE_SUFFIX}"


def bundle_root(mode: str) -> Path:
    """What the size is measured on: the folder (onedir) or the single file (onefile)."""
    path = executable(mode)
    return path.parent if mode == "onedir" else path


def size_mb(path: Path) -> int:
    """``du -sm`` where there is one (what the budget means), else the summed file sizes."""
    if shutil.which("du") and sys.platform != "win32":
        out = subprocess.run(["du", "-sm", str(path)], capture_output=True, text=True, check=True)
        return int(out.stdout.split()[0])
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return -(-sum(p.stat().st_size for p in files) // (1024 * 1024))


def bundle_names(mode: str) -> list[str]:
    """Every file name inside the built layout (inside the archive for one-file)."""
    if mode == "onedir":
        root = bundle_root(mode)
        return [p.relative_to(root).as_posix() for p in root.rglob("*")]
    from PyInstaller.archive.readers import CArchiveReader

    return list(CArchiveReader(str(executable(mode))).toc)


def check(mode: str) -> list[str]:
    """Problems with a finished build (empty when it is fine)."""
    problems = []
    exe = executable(mode)
    if not exe.is_file():
        return [f"{mode}: {exe} was not produced"]
    names = bundle_names(mode)
    joined = "\n".join(names)
    if not any(n.endswith("entry_points.txt") and "keyring-" in n for n in names):
        problems.append(f"{mode}: keyring's metadata (entry points) is missing")
    for resource, folder in cfg.resource_datas():
        rel = f"{folder}/{Path(resource).name}"  # where the app looks for it in the bundle
        if not any(n.endswith(rel) for n in names):
            problems.append(f"{mode}: resource {rel} is missing")
    for forbidden in cfg.FORBIDDEN_IN_BUNDLE:
        if forbidden in joined:
            hits = [n for n in names if forbidden in n][:3]
            problems.append(f"{mode}: {forbidden!r} should not be bundled ({', '.join(hits)})")
    size = size_mb(bundle_root(mode))
    if size > cfg.BUDGET_MB[mode]:
        problems.append(f"{mode}: {size} MB is over the {cfg.BUDGET_MB[mode]} MB budget")
    return problems


def build(mode: str, clean: bool) -> float:
    """Run PyInstaller for one layout; returns the seconds it took."""
    workpath = ROOT / "build" / mode
    distpath = ROOT / "dist" / mode
    if clean:
        shutil.rmtree(workpath, ignore_errors=True)
    shutil.rmtree(distpath, ignore_errors=True)
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(distpath), "--workpath", str(workpath), str(SPEC),
    ]  # fmt: skip
    env = os.environ | {cfg.MODE_ENV: mode}
    print(f"build: {mode}: {' '.join(command)}", flush=True)
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the frozen audience-desktop.")
    parser.add_argument("--mode", choices=[*cfg.MODES, "both"], default="both")
    parser.add_argument("--clean", action="store_true", help="empty build/<mode> first")
    parser.add_argument("--check-only", action="store_true", help="check existing builds")
    args = parser.parse_args(argv)
    modes = list(cfg.MODES) if args.mode == "both" else [args.mode]
    failures: list[str] = []
    for mode in modes:
        seconds = 0.0
        if not args.check_only:
            try:
                seconds = build(mode, args.clean)
            except subprocess.CalledProcessError as exc:
                print(f"build: {mode}: PyInstaller failed ({exc.returncode})", file=sys.stderr)
                return 1
        problems = check(mode)
        failures += problems
        size = size_mb(bundle_root(mode)) if executable(mode).exists() else 0
        took = f", built in {seconds:.0f} s" if seconds else ""
        rel = executable(mode).relative_to(ROOT)
        print(f"build: {mode}: {rel}: {size} MB (budget {cfg.BUDGET_MB[mode]} MB){took}")
    for problem in failures:
        print(f"build: FAIL {problem}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
