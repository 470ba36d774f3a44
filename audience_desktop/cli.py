"""audience-cli: the console front end over the application layer.

Exit codes are a contract: 0 success, 1 an API, network or keyring failure, 2 bad usage or
input. Secrets are read from standard input or a no-echo prompt, never from arguments.
Everything said to the user is in the environment's language (gettext); the machine
outputs (``--json``, ``--csv``, ``profile list --json``) keep their keys and status values in
every language.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import getpass
import io
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from audience_desktop.application import (
    AlreadyInSandbox,
    AppError,
    AppPaths,
    Attempt,
    AudienceDraft,
    AuthKind,
    DraftInvalid,
    Profile,
    ProfileInvalid,
    Sandbox,
    SandboxCheckFailed,
    Status,
    Workspace,
    _,
    app_paths,
    local_time,
    ngettext,
    open_workspace,
    os_reason,
    render,
    setup_logging,
    terminal_text,
    use_languages,
)
from audience_desktop.cli_args import UsageError, build_parser

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("audience_desktop.cli")


class Terminated(BaseException):
    """SIGTERM or SIGHUP (a closed terminal): unwinds like Ctrl+C, so the attempt under way
    is recorded ``unknown`` ("interrupted") instead of being left ``pending``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _handle_signals() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into Terminated; returns what puts the old handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # only the main thread may set handlers (an embedding caller)
    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in wanted}

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore


class _ClosedOutput(io.TextIOBase):
    """Stands for standard output or error closed before the command started (``>&-``), which
    Python leaves as None: every write fails as a write to a closed descriptor does, so its
    loss is reported like a full disk's, never as an AttributeError."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _stand_in_for_closed_outputs() -> None:
    """Replace a closed stdout or stderr, and plug its descriptor with the null device so no
    file this command opens (the history, the log) takes descriptor 1 or 2."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        setattr(sys, name, _ClosedOutput())
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    _stand_in_for_closed_outputs()
    use_languages()  # LANGUAGE, LC_ALL, LC_MESSAGES, LANG
    args = build_parser().parse_args(argv)
    restore = _handle_signals()
    try:
        paths = app_paths().ensure()
        setup_logging(paths, also_stderr=args.verbose)
        code = COMMANDS[(args.command, getattr(args, "profile_command", None))](args, paths)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except (UsageError, DraftInvalid, ProfileInvalid) as exc:
        _error(exc.summary() if isinstance(exc, AppError) else str(exc))
        return EXIT_USAGE
    except AppError as exc:
        _error(exc.describe())
        return EXIT_FAILED
    except (KeyboardInterrupt, Terminated) as exc:
        signum = exc.signum if isinstance(exc, Terminated) else signal.SIGINT
        _error(_("interrupted ({signal})").format(signal=signal.Signals(signum).name))
        if args.command == "create":  # a batch settles its own rows when run again
            _error(
                _("If the audience was being sent, its outcome is unknown: run `audience-cli "
                  "history --reconcile` before creating it again.")
            )  # fmt: skip
        elif args.command == "batch":
            _error(_("Run the same command again to continue: nothing is sent twice."))
        return 128 + signum
    except OSError as exc:
        return _os_error(exc)
    finally:
        restore()


def _os_error(exc: OSError) -> int:
    """A file or the output could not be written: say which and why, never a traceback."""
    if isinstance(exc, BrokenPipeError) or exc.filename is None:  # files name themselves
        _error(
            _("Could not write the output to {target} ({reason}). Nothing else was "
              "affected; write it to a file or a pipe that reads everything.").format(
                **_lost_output(exc)
            )
        )  # fmt: skip
        return EXIT_FAILED
    _error(_("Could not use {path} ({reason}).").format(path=exc.filename, reason=_reason(exc)))
    return EXIT_FAILED


def _output_name() -> str:
    """Where standard output goes (e.g. /dev/full), for the message."""
    try:
        target = os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}")
    except (OSError, ValueError, AttributeError):
        return _("standard output")
    return _("standard output") if target.startswith(("pipe:", "socket:")) else target


def _silence_stdout() -> None:
    """Point standard output at the null device, so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests capture it): nothing will flush it at exit


def _error(message: str) -> None:
    """On stderr, every line made harmless first: messages quote the server's words and
    audience names, which must not reach the terminal as escapes or bidi overrides."""
    safe = "\n".join(terminal_text(line) for line in message.split("\n"))
    with contextlib.suppress(OSError, ValueError):  # the terminal is gone (SIGHUP): the log
        print(_("audience-cli: error: {message}").format(message=safe), file=sys.stderr)


# -- profiles ------------------------------------------------------------------------------


def read_secret(token: bool, stdin: TextIO | None = None) -> str:
    """One line from stdin when it is not a terminal (line ending stripped), else a prompt."""
    label = _("Access token") if token else _("Client secret")
    stream = stdin or sys.stdin
    if stream is not None and not stream.isatty():
        line = stream.readline()
        value = line.removesuffix("\n").removesuffix("\r")
    else:
        try:
            value = getpass.getpass(_("{label} (input hidden): ").format(label=label))
        except EOFError:  # Ctrl+D at the prompt
            raise UsageError(_("No {label} given.").format(label=label.lower())) from None
    if not value.strip():
        raise UsageError(_("No {label} given on standard input.").format(label=label.lower()))
    if value != value.strip():
        raise UsageError(
            _("The {label} starts or ends with spaces; paste it exactly.").format(
                label=label.lower()
            )
        )
    return value


def cmd_profile_add(args: argparse.Namespace, paths: AppPaths) -> int:
    profile = Profile(
        name=args.name,
        org_id=args.org_id,
        client_id=args.client_id,
        sandbox=args.sandbox,
        scopes=args.scopes,
        auth=AuthKind.TOKEN if args.token else AuthKind.OAUTH,
        platform_url=args.platform_url,
        ais_path=args.ais_path,
        ims_url=args.ims_url,
        sandbox_type=args.sandbox_type,
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        total_timeout=args.total_timeout,
    )
    with open_workspace(paths) as workspace:
        _save_new_profile(workspace, profile, replace=args.replace)
    return EXIT_OK


def _save_new_profile(workspace: Workspace, profile: Profile, *, replace: bool) -> None:
    """Check a new profile, read its secret (never from the command line), save both, say so."""
    profile = workspace.check_new_profile(profile, replace=replace)
    problem = workspace.keyring_problem()  # before asking, so nothing is typed in vain
    if problem is not None:
        raise problem
    token = profile.auth is AuthKind.TOKEN
    saved = workspace.save_profile(profile, read_secret(token))
    if token:
        text = _("Profile “{name}” saved; its access token is in {where}.")
    else:
        text = _("Profile “{name}” saved; its client secret is in {where}.")
    print(text.format(name=saved.name, where=workspace.keyring_backend()))


def cmd_profile_export(args: argparse.Namespace, paths: AppPaths) -> int:
    """Write a profile to a file an admin can hand out: no secret goes in it."""
    with open_workspace(paths) as workspace:
        profile = workspace.export_profile(args.name, Path(args.file), replace=args.replace)
    print(
        _("Profile “{name}” written to {path}, without its secret. Whoever imports it types "
          "the secret: `audience-cli profile import {path}`.").format(
            name=profile.name, path=args.file
        )
    )  # fmt: skip
    return EXIT_OK


def cmd_profile_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """Add a profile from a shared file; the secret is asked for as by ``profile add``."""
    with open_workspace(paths) as workspace:
        profile = workspace.read_shared_profile(Path(args.file))
        if args.name is not None:
            profile = dataclasses.replace(profile, name=args.name)
        _save_new_profile(workspace, profile, replace=args.replace)
    return EXIT_OK


def cmd_profile_list(args: argparse.Namespace, paths: AppPaths) -> int:
    with open_workspace(paths) as workspace:
        profiles = workspace.profiles()
    if args.json:
        print(json.dumps([p.to_json() for p in profiles.values()], indent=2))
    elif not profiles:
        print(_("No profiles yet. Add one with: audience-cli profile add NAME --org-id ..."))
    else:
        production = _("PRODUCTION")
        for p in profiles.values():
            prod = f"  {production}" if p.is_production else ""
            sandbox = _("sandbox {name}").format(name=p.sandbox)
            print(f"{p.name}\t{p.org_id}\t{sandbox}{prod}\t{p.auth.value}")
    return EXIT_OK


def _secret_labels(kinds: Sequence[str]) -> str:
    labels = {
        "client-secret": _("client secret"),
        "access-token": _("access token"),
        "token-cache": _("cached token"),
    }
    return ", ".join(labels.get(kind, kind) for kind in kinds)


def cmd_profile_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    """Say exactly what was removed: the file entry, and which keyring entries (exit 1 when
    the keyring could not be reached, since a secret may be left behind)."""
    with open_workspace(paths) as workspace:
        removed = workspace.remove_profile(args.name)
    name = args.name
    if not removed.existed and not removed.secrets_removed and removed.complete:
        raise UsageError(_("No profile named “{name}”.").format(name=name))
    if removed.existed:
        print(_("Profile “{name}” removed from the profiles file.").format(name=name))
    else:
        print(_("No profile named “{name}” in the profiles file.").format(name=name))
    if removed.secrets_removed:
        print(
            _("Removed from the keyring: {secrets}.").format(
                secrets=_secret_labels(removed.secrets_removed)
            )
        )
    elif removed.complete:
        print(_("The keyring held nothing for it."))
    if removed.complete:
        return EXIT_OK
    _error(
        _(
            "Could not remove from the keyring ({error}): {secrets}. They may still be stored: "
            "remove the entries “{name}/…” of service “audience-desktop” in your system's "
            "password manager, or run this command again once the keyring is available."
        ).format(
            error=removed.keyring_error or "?",
            secrets=_secret_labels(removed.secrets_not_removed),
            name=name,
        )
    )
    return EXIT_FAILED


def cmd_profile_test(args: argparse.Namespace, paths: AppPaths) -> int:
    with open_workspace(paths) as workspace:
        profile = workspace.profile(args.name)
        test = workspace.test_profile(profile)
    print(_("Token: OK"))
    if test.problem is not None:
        print(_("The sandbox list is not permitted for this credential:"), file=sys.stderr)
        print(terminal_text(test.problem.describe()), file=sys.stderr)
    _print_sandboxes(test.sandboxes, profile, as_json=False)
    return EXIT_OK


def cmd_sandboxes(args: argparse.Namespace, paths: AppPaths) -> int:
    with open_workspace(paths) as workspace:
        profile = workspace.profile(args.profile)
        boxes = workspace.sandboxes(profile)
    _print_sandboxes(boxes, profile, as_json=args.json)
    return EXIT_OK


def _print_sandboxes(boxes: list[Sandbox], profile: Profile, as_json: bool) -> None:
    if as_json:
        print(json.dumps([box.__dict__ for box in boxes], indent=2))
        return
    for box in boxes:  # server values: no escape sequence reaches the terminal
        mark = "*" if box.name == profile.sandbox else " "
        fields = (box.name, box.title, box.type, box.state)
        print(mark + " " + "\t".join(terminal_text(field) for field in fields))


# -- create --------------------------------------------------------------------------------


def cmd_create(args: argparse.Namespace, paths: AppPaths) -> int:
    draft = AudienceDraft(
        name=args.name,
        namespace=args.namespace,
        origin_name=args.origin_name,
        description=args.description,
    ).validated()
    if args.curl:  # nothing is sent, so no server is started
        with open_workspace(paths) as workspace:
            print(workspace.create_curl(args.profile, draft))  # None: `serve-local`'s profile
        return EXIT_OK
    with open_workspace(paths, demo=args.demo) as workspace:
        profile = workspace.profile(args.profile or "demo")
        try:
            outcome = workspace.create(profile, draft, allow_same_name=args.allow_same_name)
        except AlreadyInSandbox as exists:
            _error(exists.describe())
            _error(_("To create another audience with the same name anyway, add "
                     "--allow-same-name."))  # fmt: skip
            return EXIT_FAILED
        except SandboxCheckFailed as unchecked:
            _error(unchecked.describe())
            _error(
                _("To create it without this check, add --allow-same-name (or set "
                  "\"check_sandbox_before_create\": false in the profile).")
            )  # fmt: skip
            return EXIT_FAILED
    attempt = outcome.attempt
    lost = _print_outcome(attempt, as_json=args.json, failed=outcome.error is not None)
    if outcome.warning is not None:  # the history refused it: the id is still shown
        _error(outcome.warning.describe())
    if outcome.error is not None:
        _report_failure(outcome.error, attempt)
        if lost is not None:
            _error(
                _("Could not write the result to {target} ({reason}); the attempt is in the "
                  "history (`audience-cli history`).").format(**_lost_output(lost))
            )  # fmt: skip
        return EXIT_FAILED
    if lost is not None:
        # Created and recorded: exit 0 like any success (exit 1 would invite a retry), with
        # the ids on stderr since they could not be printed.
        text = _(
            "Created “{name}” in sandbox “{sandbox}”: {ids}; but the result could not be "
            "written to {target} ({reason}). It is in the history (`audience-cli history`): "
            "do not create it again."
        ).format(
            name=attempt.name, sandbox=attempt.sandbox, ids=_ids(attempt), **_lost_output(lost)
        )
        log.warning("%s", text)
        _error(text)
    return EXIT_OK


def _ids(attempt: Attempt) -> str:
    """'audienceId …, id …': the server's values, filtered for the terminal."""
    ids = _("audienceId {audience_id}").format(audience_id=terminal_text(attempt.audience_id or ""))
    if attempt.aep_id:
        ids += ", " + _("id {id}").format(id=terminal_text(attempt.aep_id))
    return ids


def _print_outcome(attempt: Attempt, *, as_json: bool, failed: bool) -> OSError | None:
    """Print the result (JSON is exact; text only on success), flushed so a full disk or a
    closed output shows here; returns the error when it could not be written."""
    try:
        if as_json:
            print(json.dumps(attempt.export(), indent=2, ensure_ascii=False))
        elif not failed:
            print(
                _("Created “{name}” in sandbox “{sandbox}”: {ids}").format(
                    name=attempt.name, sandbox=attempt.sandbox, ids=_ids(attempt)
                )
            )
            if attempt.notes():  # e.g. resolved by a lookup
                print(_("Note: {note}").format(note=terminal_text(attempt.note())))
        sys.stdout.flush()
    except OSError as exc:
        return exc
    return None


def _lost_output(exc: OSError) -> dict[str, str]:
    """Where the output went and why it failed, for a message; stdout is then silenced so
    the exit flush cannot fail again."""
    target = _output_name()
    _silence_stdout()
    return {"target": target, "reason": _reason(exc)}


def _reason(exc: OSError) -> str:
    """Why, in the user's words (the C library's are English whatever the language)."""
    return render(os_reason(exc))


def _report_failure(error: AppError, attempt: Attempt) -> None:
    """Say why it failed; server words and ids are filtered for the terminal."""
    if attempt.status is Status.UNKNOWN:
        _error(
            " ".join(
                (
                    terminal_text(error.describe()),
                    _("Outcome unknown: {note}").format(note=terminal_text(attempt.note())),
                    _(
                        "Run `audience-cli history --reconcile` in a few minutes; if it stays "
                        "unknown, check AEP and use `audience-cli mark-not-created`."
                    ),
                )
            )
        )
    elif attempt.resolution_message() is not None:  # settled by a lookup: say what it found
        _error(attempt.note())
    else:
        _error(error.describe())


# -- history -------------------------------------------------------------------------------


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.move_aside:
        with open_workspace(paths) as workspace:
            problem = workspace.history_problem()
            if problem is None:  # it opens: a damaged page may still refuse to be read
                try:
                    workspace.attempts()
                except AppError as unreadable:
                    problem = unreadable
            if problem is None or not workspace.history_can_be_moved_aside(problem):
                # A healthy history is the duplicate guard's memory: setting it aside would
                # let audiences already created be sent again.
                raise UsageError(
                    _("The history {path} opens normally, so it was not moved: setting it "
                      "aside would let audiences already created be created again.").format(
                        path=workspace.history_path)
                )  # fmt: skip
            moved = workspace.move_history_aside()
        print(
            _("The history was moved aside to {path} (kept, not deleted); a new one begins "
              "with the next command.").format(path=moved)
        )  # fmt: skip
        return EXIT_OK
    with open_workspace(paths) as workspace:
        if args.reconcile:
            _reconcile(workspace)
        attempts = workspace.attempts(limit=args.limit)
        try:
            if args.json or args.csv:
                workspace.export(attempts, sys.stdout, as_json=args.json)
            else:
                _print_table(attempts)
            sys.stdout.flush()
        except OSError as exc:
            if not args.reconcile:
                raise  # nothing else was done: the usual message
            _error(
                _("Could not write the output to {target} ({reason}). The history was "
                  "reconciled (see above); run `audience-cli history` to see it.").format(
                    **_lost_output(exc)
                )
            )  # fmt: skip
            return EXIT_FAILED
    return EXIT_OK


def _reconcile(workspace: Workspace) -> None:
    for checked in workspace.reconcile():
        name = checked.attempt.name
        if checked.problem is not None:
            text = _("Could not check “{name}”: {problem}").format(
                name=name, problem=checked.problem
            )
        else:
            text = _("Checked “{name}”: {status}").format(
                name=name, status=checked.attempt.status.label()
            )
        print(terminal_text(text), file=sys.stderr)


def _print_table(attempts: list[Attempt]) -> None:
    if not attempts:
        print(_("No attempts yet."))
        return
    for attempt in attempts:  # ids and notes carry server values: filtered for the terminal
        when = local_time(attempt.created_at)
        ident = terminal_text(attempt.audience_id or attempt.note())
        status = str(attempt.status.label())
        print(f"{when}  {status:<9}  {attempt.sandbox:<12}  {attempt.name}  {ident}")


def cmd_mark_not_created(args: argparse.Namespace, paths: AppPaths) -> int:
    with open_workspace(paths) as workspace:
        profile = workspace.profile(args.profile)
        unknown = workspace.unknown_attempts(profile.name, args.name)
        if not unknown:
            raise UsageError(
                _(
                    "No attempt at “{name}” in sandbox “{sandbox}” has an unknown outcome "
                    "(try history --reconcile first)."
                ).format(name=args.name, sandbox=profile.sandbox)
            )
        if not args.yes:
            raise UsageError(
                _(
                    "Check in Adobe Experience Platform that “{name}” does not exist in sandbox "
                    "“{sandbox}”, then run this again with --yes. If it does exist, creating it "
                    "again makes a duplicate."
                ).format(name=args.name, sandbox=profile.sandbox)
            )
        for attempt in unknown:
            workspace.mark_not_created(attempt.row_id)
    text = ngettext(
        "Marked {count} attempt at “{name}” as not created.",
        "Marked {count} attempts at “{name}” as not created.",
        len(unknown),
    )
    print(text.format(count=len(unknown), name=args.name))
    return EXIT_OK


# -- local server --------------------------------------------------------------------------


def cmd_serve_local(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.application.demo import bind_local_server

    try:
        server, credential = bind_local_server(
            args.port, rate_limit=args.rate_limit, latency=args.latency / 1000
        )
    except OSError as exc:
        raise UsageError(
            _("Cannot listen on port {port}: {reason}").format(port=args.port, reason=_reason(exc))
        ) from None
    print(_("Built-in AEP server listening on {url} (Ctrl+C stops it)").format(url=server.url))
    print(_("Try it with a profile (the demo secret is public, it protects nothing):"))
    print(
        f"  echo {credential.secret} | audience-cli profile add local --org-id {credential.org_id}"
        f" --client-id {credential.client_id} --sandbox dev-sandbox --platform-url {server.url}"
        f" --ims-url {server.ims_url}",
    )
    print(
        _(
            "Its test controls (faults, stored audiences) answer only to requests carrying the "
            "header X-Local-Control-Token: {token}"
        ).format(token=server.control_token),
        flush=True,
    )
    server.serve_forever()  # returns on Ctrl+C, stopped
    return EXIT_OK


def cmd_audiences(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.cli_sandbox import cmd_audiences as run

    return run(args, paths)


def cmd_delete(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.cli_sandbox import cmd_delete as run

    return run(args, paths)


def cmd_batch(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.cli_batch import cmd_batch as run

    return run(args, paths)


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace, AppPaths], int]] = {
    ("profile", "add"): cmd_profile_add,
    ("profile", "list"): cmd_profile_list,
    ("profile", "remove"): cmd_profile_remove,
    ("profile", "test"): cmd_profile_test,
    ("profile", "export"): cmd_profile_export,
    ("profile", "import"): cmd_profile_import,
    ("sandboxes", None): cmd_sandboxes,
    ("create", None): cmd_create,
    ("history", None): cmd_history,
    ("mark-not-created", None): cmd_mark_not_created,
    ("audiences", None): cmd_audiences,
    ("delete", None): cmd_delete,
    ("batch", None): cmd_batch,
    ("serve-local", None): cmd_serve_local,
}

if __name__ == "__main__":
    sys.exit(main())
