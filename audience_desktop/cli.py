"""audience-cli: the console front end over the same core as the window.

Exit codes are a contract: 0 success, 1 an API, network or keyring failure, 2 bad usage or
input. Secrets are read from standard input or a no-echo prompt, never from arguments.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from audience_desktop import __version__
from audience_desktop.core import aep
from audience_desktop.core.draft import AudienceDraft, DraftInvalid
from audience_desktop.core.errors import AepError
from audience_desktop.core.history import History
from audience_desktop.core.logs import setup_logging
from audience_desktop.core.paths import AppPaths, app_paths
from audience_desktop.core.profiles import AuthKind, Profile, ProfileInvalid, ProfileStore

if TYPE_CHECKING:
    from audience_desktop.core.client import AepClient
    from audience_desktop.core.workspace import Workspace

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("audience_desktop.cli")


class UsageError(Exception):
    """Bad input from the user: exit 2 with the message."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="audience-cli",
        description="Create external audiences in Adobe Experience Platform.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="also log to stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    profile = commands.add_parser("profile", help="add, list, test or remove profiles")
    profile_cmds = profile.add_subparsers(dest="profile_command", required=True, metavar="ACTION")
    add = profile_cmds.add_parser(
        "add",
        help="add a profile; the client secret (or --token) is read from stdin or a prompt",
    )
    add.add_argument("name")
    add.add_argument("--org-id", required=True, help="like 0123456789ABCDEF01234567@AdobeOrg")
    add.add_argument("--client-id", required=True, help="the credential's client id (API key)")
    add.add_argument("--sandbox", required=True, help="the sandbox's technical name")
    add.add_argument("--scopes", default=aep.DEFAULT_SCOPES, help="comma-separated scopes")
    add.add_argument(
        "--token", action="store_true", help="store a pasted access token instead of a secret"
    )
    add.add_argument("--platform-url", default=aep.DEFAULT_PLATFORM_URL)
    add.add_argument("--ais-path", default=aep.DEFAULT_AIS_PATH, help="/core/ais or /data/core/ais")
    add.add_argument("--ims-url", default=aep.DEFAULT_IMS_URL)
    add.add_argument("--sandbox-type", default="", choices=["", "production", "development"])
    add.add_argument("--connect-timeout", type=float, default=10.0, metavar="SECONDS")
    add.add_argument("--read-timeout", type=float, default=60.0, metavar="SECONDS")
    add.add_argument("--replace", action="store_true", help="replace a profile of that name")
    listing = profile_cmds.add_parser("list", help="list profiles")
    listing.add_argument("--json", action="store_true")
    remove = profile_cmds.add_parser("remove", help="remove a profile and its keyring entries")
    remove.add_argument("name")
    test = profile_cmds.add_parser("test", help="get a token and list the sandboxes")
    test.add_argument("name")

    sandboxes = commands.add_parser("sandboxes", help="list the sandboxes a profile may use")
    sandboxes.add_argument("--profile", required=True)
    sandboxes.add_argument("--json", action="store_true")

    create = commands.add_parser("create", help="create one external audience")
    target = create.add_mutually_exclusive_group(required=True)
    target.add_argument("--profile", help="the profile to use")
    target.add_argument(
        "--demo", action="store_true", help="use the built-in local server (no Adobe account)"
    )
    create.add_argument("--name", required=True)
    create.add_argument("--namespace", required=True)
    create.add_argument("--origin-name", required=True)
    create.add_argument("--description", default="")
    create.add_argument("--json", action="store_true", help="print the result as JSON")
    create.add_argument(
        "--curl", action="store_true", help="print the request as cURL instead of sending it"
    )

    history = commands.add_parser("history", help="every attempt, newest first")
    fmt = history.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    history.add_argument(
        "--reconcile", action="store_true", help="first resolve attempts with an unknown outcome"
    )
    history.add_argument("--limit", type=int, default=None, metavar="N")

    mark = commands.add_parser(
        "mark-not-created",
        help="after checking AEP, release an unknown attempt so the audience can be created",
    )
    mark.add_argument("--profile", required=True)
    mark.add_argument("--name", required=True, help="the audience's exact name")
    mark.add_argument(
        "--yes", action="store_true", help="confirm you checked that it does not exist in AEP"
    )

    serve = commands.add_parser("serve-local", help="run the built-in AEP-compatible server")
    serve.add_argument("--port", type=_port, default=8765, help="0 picks a free port")
    return parser


def _port(text: str) -> int:
    """argparse type: a TCP port number (exit 2 with a message otherwise)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not between 0 and 65535")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = app_paths().ensure()
    setup_logging(paths)
    if args.verbose:
        from audience_desktop.core.redact import RedactingFilter

        handler = logging.StreamHandler(sys.stderr)
        handler.addFilter(RedactingFilter())
        logging.getLogger().addHandler(handler)
    try:
        return COMMANDS[(args.command, getattr(args, "profile_command", None))](args, paths)
    except (UsageError, DraftInvalid, ProfileInvalid) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except AepError as exc:
        _error(exc.describe())
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


def _error(message: str) -> None:
    print(f"audience-cli: error: {message}", file=sys.stderr)


# -- profiles ------------------------------------------------------------------------------


def read_secret(label: str, stdin: TextIO | None = None) -> str:
    """One line from stdin when it is not a terminal (line ending stripped), else a prompt."""
    stream = stdin or sys.stdin
    if stream is not None and not stream.isatty():
        line = stream.readline()
        value = line.removesuffix("\n").removesuffix("\r")
    else:
        try:
            value = getpass.getpass(f"{label} (input hidden): ")
        except EOFError:  # Ctrl+D at the prompt
            raise UsageError(f"No {label.lower()} given.") from None
    if not value.strip():
        raise UsageError(f"No {label.lower()} given on standard input.")
    if value != value.strip():
        raise UsageError(f"The {label.lower()} starts or ends with spaces; paste it exactly.")
    return value


def cmd_profile_add(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.core import secrets
    from audience_desktop.demo import DEMO_PROFILE

    if args.name.strip() == DEMO_PROFILE:
        raise UsageError(f"The profile name {DEMO_PROFILE!r} is reserved for demo mode.")
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
    ).validated()
    store = ProfileStore(paths.profiles_file)
    if profile.name in store.load() and not args.replace:
        raise UsageError(f"A profile named {profile.name!r} exists; add --replace to replace it.")
    secrets.require_secure_backend()  # before asking for the secret, so nothing is typed in vain
    value = read_secret("Access token" if args.token else "Client secret")
    _workspace(paths).save_profile(profile, value)
    kind = "access token" if args.token else "client secret"
    print(f"Profile {profile.name!r} saved; its {kind} is in {secrets.backend_name()}.")
    return EXIT_OK


def cmd_profile_list(args: argparse.Namespace, paths: AppPaths) -> int:
    profiles = ProfileStore(paths.profiles_file).load()
    if args.json:
        print(json.dumps([p.to_json() for p in profiles.values()], indent=2))
    elif not profiles:
        print("No profiles yet. Add one with: audience-cli profile add NAME --org-id ...")
    else:
        for p in profiles.values():
            prod = "  PRODUCTION" if p.is_production else ""
            print(f"{p.name}\t{p.org_id}\tsandbox {p.sandbox}{prod}\t{p.auth.value}")
    return EXIT_OK


def cmd_profile_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    if not _workspace(paths).remove_profile(args.name):
        raise UsageError(f"No profile named {args.name!r}.")
    print(f"Profile {args.name!r} and its keyring entries removed.")
    return EXIT_OK


def _workspace(paths: AppPaths) -> Workspace:
    from audience_desktop.core.workspace import Workspace

    return Workspace(paths, History(paths.history_db))


def _client(profile: Profile) -> AepClient:
    from audience_desktop.core.session import open_client

    return open_client(profile)


def cmd_profile_test(args: argparse.Namespace, paths: AppPaths) -> int:
    profile = ProfileStore(paths.profiles_file).get(args.name)
    with _client(profile) as client:
        client.tokens.token()
        print("Token: OK")
        _print_sandboxes(client, profile, as_json=False)
    return EXIT_OK


def cmd_sandboxes(args: argparse.Namespace, paths: AppPaths) -> int:
    profile = ProfileStore(paths.profiles_file).get(args.profile)
    with _client(profile) as client:
        _print_sandboxes(client, profile, as_json=args.json)
    return EXIT_OK


def _print_sandboxes(client: AepClient, profile: Profile, as_json: bool) -> None:
    boxes = client.list_sandboxes()
    if as_json:
        print(json.dumps([box.__dict__ for box in boxes], indent=2))
        return
    for box in boxes:
        mark = "*" if box.name == profile.sandbox else " "
        print(f"{mark} {box.name}\t{box.title}\t{box.type}\t{box.state}")


# -- create --------------------------------------------------------------------------------


def cmd_create(args: argparse.Namespace, paths: AppPaths) -> int:
    draft = AudienceDraft(
        name=args.name,
        namespace=args.namespace,
        origin_name=args.origin_name,
        description=args.description,
    ).validated()
    if args.curl:  # nothing is sent, so no server is started
        from audience_desktop.core.curl import to_curl
        from audience_desktop.core.request import build_create_request

        if args.demo:
            from audience_desktop.demo import demo_profile

            profile = demo_profile()  # runs against `audience-cli serve-local`
        else:
            profile = ProfileStore(paths.profiles_file).get(args.profile)
        print(to_curl(build_create_request(profile, draft)))
        return EXIT_OK
    if not args.demo:
        profile = ProfileStore(paths.profiles_file).get(args.profile)
        return _create(profile, draft, _client, paths.history_db, args.json)
    from audience_desktop.demo import (
        demo_client,
        demo_history_path,
        demo_profile,
        start_demo_server,
    )

    server = start_demo_server()
    try:  # demo attempts go to a throwaway history: the demo server forgets them too
        return _create(demo_profile(server), draft, demo_client, demo_history_path(), args.json)
    finally:
        server.stop()


def _create(
    profile: Profile,
    draft: AudienceDraft,
    client_for: Callable[[Profile], AepClient],
    history_db: Path,
    as_json: bool,
) -> int:
    from audience_desktop.core.history import Status
    from audience_desktop.core.service import AudienceService

    history = History(history_db)
    try:
        outcome = AudienceService(history, client_for).create(profile, draft)
    finally:
        history.close()
    attempt = outcome.attempt
    if as_json:
        print(json.dumps(attempt.export(), indent=2, ensure_ascii=False))
    if outcome.error is not None:
        if attempt.status is Status.UNKNOWN:
            _error(
                f"{outcome.error.describe()} Outcome unknown: {attempt.error} Run "
                "`audience-cli history --reconcile` in a few minutes; if it stays unknown, "
                "check AEP and use `audience-cli mark-not-created`."
            )
        else:
            shown = attempt.error if attempt.status is Status.FAILED and attempt.error else None
            _error(shown or outcome.error.describe())
        return EXIT_FAILED
    if not as_json:
        ids = f"audienceId {attempt.audience_id}" + (
            f", id {attempt.aep_id}" if attempt.aep_id else ""
        )
        print(f"Created {attempt.name!r} in sandbox {attempt.sandbox!r}: {ids}")
        if attempt.error:  # e.g. resolved by lookup, with a note
            print(f"Note: {attempt.error}")
    return EXIT_OK


# -- history -------------------------------------------------------------------------------


def cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.core.export import write_csv, write_json

    history = History(paths.history_db)
    try:
        if args.reconcile:
            _reconcile(history, paths)
        attempts = history.list(limit=args.limit)
    finally:
        history.close()
    if args.json:
        write_json(attempts, sys.stdout)
    elif args.csv:
        write_csv(attempts, sys.stdout)
    else:
        _print_table([attempt.export() for attempt in attempts])
    return EXIT_OK


def _reconcile(history: History, paths: AppPaths) -> None:
    from audience_desktop.core.service import AudienceService

    profiles = ProfileStore(paths.profiles_file).load()
    for attempt, problem in AudienceService(history, _client).reconcile(profiles):
        if problem:
            print(f"Could not check {attempt.name!r}: {problem}", file=sys.stderr)
        else:
            print(f"Checked {attempt.name!r}: {attempt.status.value}", file=sys.stderr)


def _print_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        print("No attempts yet.")
        return
    for row in rows:
        when = str(row["created_at"])[:19].replace("T", " ")
        ident = row["audienceId"] or row["error"] or ""
        print(f"{when}  {row['status']:<9}  {row['sandbox']:<12}  {row['name']}  {ident}")


def cmd_mark_not_created(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.core.history import Status
    from audience_desktop.core.service import AudienceService

    profile = ProfileStore(paths.profiles_file).get(args.profile)
    history = History(paths.history_db)
    try:
        unknown = [
            a
            for a in history.open_attempts_for(profile.name, profile.sandbox, args.name)
            if a.status is Status.UNKNOWN
        ]
        if not unknown:
            raise UsageError(
                f"No attempt at {args.name!r} in sandbox {profile.sandbox!r} has an unknown "
                "outcome (try history --reconcile first)."
            )
        if not args.yes:
            raise UsageError(
                f"Check in Adobe Experience Platform that {args.name!r} does not exist in "
                f"sandbox {profile.sandbox!r}, then run this again with --yes. If it does "
                "exist, creating it again makes a duplicate."
            )
        service = AudienceService(history, _client)
        for attempt in unknown:
            service.mark_not_created(attempt.row_id)
    finally:
        history.close()
    print(f"Marked {len(unknown)} attempt(s) at {args.name!r} as not created.")
    return EXIT_OK


# -- local server --------------------------------------------------------------------------


def cmd_serve_local(args: argparse.Namespace, paths: AppPaths) -> int:
    from audience_desktop.localserver.server import (
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        DEMO_ORG_ID,
        LocalAepServer,
        ServerConfig,
    )

    try:
        server = LocalAepServer(ServerConfig.demo(), port=args.port)  # binds here
    except OSError as exc:
        raise UsageError(f"Cannot listen on port {args.port}: {exc.strerror}") from None
    print(f"Built-in AEP server listening on {server.url} (Ctrl+C stops it)")
    print("Try it with a profile (the demo secret is public, it protects nothing):")
    print(
        f"  echo {DEMO_CLIENT_SECRET} | audience-cli profile add local --org-id {DEMO_ORG_ID}"
        f" --client-id {DEMO_CLIENT_ID} --sandbox dev-sandbox --platform-url {server.url}"
        f" --ims-url {server.ims_url}",
        flush=True,
    )
    server.serve_forever()  # returns on Ctrl+C, stopped
    return EXIT_OK


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace, AppPaths], int]] = {
    ("profile", "add"): cmd_profile_add,
    ("profile", "list"): cmd_profile_list,
    ("profile", "remove"): cmd_profile_remove,
    ("profile", "test"): cmd_profile_test,
    ("sandboxes", None): cmd_sandboxes,
    ("create", None): cmd_create,
    ("history", None): cmd_history,
    ("mark-not-created", None): cmd_mark_not_created,
    ("serve-local", None): cmd_serve_local,
}

if __name__ == "__main__":
    sys.exit(main())
