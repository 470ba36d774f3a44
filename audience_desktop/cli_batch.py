"""``audience-cli batch``: create the audiences of a CSV or XLSX file, one per row.

The contract scripts depend on: ``--json`` prints one JSON object per input row (``row``,
``name``, ``status``, ``audienceId``, ``message``) in file order; progress goes to stderr (a
bar on a terminal, plain lines otherwise); exit 0 when every row ends ``created`` or
``already-created``, 1 when any is not, 2 when the file cannot be read or the usage is
wrong (nothing sent). Running the same command again continues where it stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from audience_desktop.application import (
    AppPaths,
    BatchControl,
    BatchOptions,
    BatchPlan,
    BatchProgress,
    BatchSource,
    ColumnsInvalid,
    PlannedRow,
    ResultsUnwritable,
    RowStatus,
    SandboxCheckFailed,
    SourceUnreadable,
    _,
    check_results_target,
    open_workspace,
    result_record,
    terminal_text,
)
from audience_desktop.cli import EXIT_FAILED, EXIT_OK, _error
from audience_desktop.cli_args import UsageError

SUCCESS = frozenset({RowStatus.CREATED.value, RowStatus.ALREADY_CREATED.value})
PLAIN_EVERY = 2.0  # seconds between progress lines when stderr is not a terminal


def cmd_batch(args: argparse.Namespace, paths: AppPaths) -> int:
    source = BatchSource(Path(args.file), sheet=args.sheet)
    if args.sheet and not source.is_xlsx:
        raise UsageError(_("--sheet is for an XLSX file."))
    results = Path(args.results) if args.results and not args.dry_run else None
    if results is not None:
        try:  # before anything is sent, not after every row was
            check_results_target(results)
        except ResultsUnwritable as unwritable:
            raise UsageError(unwritable.summary()) from None
    options = BatchOptions(
        columns=dict(args.column),
        namespace=args.namespace,
        origin_name=args.origin_name,
        check_sandbox=not args.allow_same_name,
    )
    with open_workspace(paths, demo=args.demo) as workspace:
        profile = workspace.profile(args.profile or "demo")
        options = BatchOptions(
            options.columns, options.namespace, options.origin_name,
            options.check_sandbox and profile.check_sandbox_before_create,
        )  # fmt: skip
        try:
            plan = workspace.plan_batch(source, options, profile)
        except (SourceUnreadable, ColumnsInvalid) as unusable:
            raise UsageError(unusable.summary()) from None
        except SandboxCheckFailed as unchecked:
            _error(unchecked.describe())
            _error(_("To send the rows without this check, add --allow-same-name."))
            return EXIT_FAILED
        for warning in plan.warnings:
            print(_("audience-cli: warning: {message}").format(message=warning), file=sys.stderr)
        if args.dry_run:
            return _dry_run(plan, as_json=args.json)
        printer = _RowPrinter(as_json=args.json)
        bar = _ProgressLine(sys.stderr)
        control = BatchControl()
        with _stop_on_signals(control) as stopped_by:
            final = workspace.run_batch(
                plan, profile, control, on_row=printer, on_progress=bar,
                max_rate=args.max_rate, results=results,
            )  # fmt: skip
    bar.close(final)
    if stopped_by:
        name = signal.Signals(stopped_by[0]).name
        _error(
            _("interrupted ({signal}): the rows under way finished; the rest are not-sent. Run "
              "the same command again to continue.").format(signal=name)
        )  # fmt: skip
        return EXIT_FAILED
    return EXIT_OK if set(k for k, n in final.counts.items() if n) <= SUCCESS else EXIT_FAILED


@contextlib.contextmanager
def _stop_on_signals(control: BatchControl) -> Iterator[list[int]]:
    """Ctrl+C, SIGTERM or SIGHUP during the run stop it as Cancel does: no row is started,
    the sends under way end (or are settled), every row is printed and the results file is
    written. The first signal's number is yielded's list; a second signal acts as before
    (the old handlers are back), for someone who really wants out."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    wanted = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous: dict[int, Callable[..., object] | int | None] = {}

    def stop(signum: int, frame: object) -> None:
        caught.append(signum)
        control.cancel()
        restore()

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    for signum in wanted:
        previous[signum] = signal.signal(signum, stop)
    try:
        yield caught
    finally:
        restore()


def _dry_run(plan: BatchPlan, *, as_json: bool) -> int:
    """Every row as the plan found it; nothing is sent (``ready`` rows would be)."""
    printer = _RowPrinter(as_json=as_json)
    for row in plan.rows():
        printer(row)
    counts = {status.value: n for status, n in plan.counts().items() if n}
    _summary(counts, sys.stderr)
    ok = set(counts) <= SUCCESS | {RowStatus.READY.value}
    return EXIT_OK if ok else EXIT_FAILED


class _RowPrinter:
    """One line per row on stdout: JSON Lines, or a tab-separated table for people."""

    def __init__(self, *, as_json: bool) -> None:
        self.as_json = as_json

    def __call__(self, row: PlannedRow) -> None:
        record = result_record(row)
        if self.as_json:
            print(json.dumps(record, ensure_ascii=False))
            return
        cells = (str(row.row), row.status.value, row.audience_id or "-", row.name,
                 record["message"])  # fmt: skip
        print("\t".join(terminal_text(cell) for cell in cells))


class _ProgressLine:
    """Progress on stderr: a bar redrawn in place on a terminal, else a line now and then."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last = 0.0

    def __call__(self, progress: BatchProgress) -> None:
        now = time.monotonic()
        if not self.tty and now - self._last < PLAIN_EVERY and not progress.finished:
            return
        self._last = now
        done, total = progress.sent, max(progress.to_send, 1)
        eta = "" if progress.eta is None else _(", {time} left").format(time=_clock(progress.eta))
        text = _("{done}/{total} sent, {created} created, {rate:.1f}/s{eta}").format(
            done=done, total=progress.to_send, created=progress.counts.get("created", 0),
            rate=progress.rate, eta=eta,
        )  # fmt: skip
        if progress.paused:
            text += " " + _("(paused)")
        if self.tty:
            filled = int(30 * done / total)
            self._write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {text}\x1b[K")
        else:
            self._write(f"batch: {text}\n")

    def close(self, final: BatchProgress) -> None:
        if self.tty:
            self._write("\n")
        _summary({k: n for k, n in final.counts.items() if n}, self.stream)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # stderr gone: the rows and the results still count


def _summary(counts: dict[str, int], stream: TextIO) -> None:
    parts = ", ".join(f"{status} {n}" for status, n in counts.items())
    with contextlib.suppress(OSError, ValueError):
        print(_("batch: rows by status: {counts}").format(counts=parts or "-"), file=stream)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
