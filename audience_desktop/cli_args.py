"""audience-cli's command line: commands, options and their checks, in the user's language.

Kept apart from the commands themselves (cli.py) so each file has one job; built after the
language is chosen, so the help is translated too.
"""

from __future__ import annotations

import argparse

from audience_desktop import __version__
from audience_desktop.application import _, aep


class UsageError(Exception):
    """Bad input from the user: exit 2 with the message. Defined here, not in cli.py, so
    ``python -m audience_desktop.cli`` (cli.py run as __main__, a second copy of it) and
    cli_batch.py raise and catch the same class."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="audience-cli",
        description=_("Create external audiences in Adobe Experience Platform."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_("also log to stderr"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    profile = commands.add_parser(
        "profile", help=_("add, list, test, remove, export or import profiles")
    )
    profile_cmds = profile.add_subparsers(dest="profile_command", required=True, metavar="ACTION")
    add = profile_cmds.add_parser(
        "add",
        help=_("add a profile; the client secret (or --token) is read from stdin or a prompt"),
    )
    add.add_argument("name")
    add.add_argument("--org-id", required=True, help=_("like 0123456789ABCDEF01234567@AdobeOrg"))
    add.add_argument("--client-id", required=True, help=_("the credential's client id (API key)"))
    add.add_argument("--sandbox", required=True, help=_("the sandbox's technical name"))
    add.add_argument("--scopes", default=aep.DEFAULT_SCOPES, help=_("comma-separated scopes"))
    add.add_argument(
        "--token", action="store_true", help=_("store a pasted access token instead of a secret")
    )
    add.add_argument("--platform-url", default=aep.DEFAULT_PLATFORM_URL)
    add.add_argument(
        "--ais-path", default=aep.DEFAULT_AIS_PATH, help=_("/core/ais or /data/core/ais")
    )
    add.add_argument("--ims-url", default=aep.DEFAULT_IMS_URL)
    add.add_argument("--sandbox-type", default="", choices=["", "production", "development"])
    add.add_argument("--connect-timeout", type=float, default=10.0, metavar="SECONDS")
    add.add_argument("--read-timeout", type=float, default=60.0, metavar="SECONDS")
    add.add_argument(
        "--total-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help=_(
            "the most one request may take in all, however slowly the server answers "
            "(default: five read timeouts, at most 120)"
        ),
    )
    add.add_argument("--replace", action="store_true", help=_("replace a profile of that name"))
    listing = profile_cmds.add_parser("list", help=_("list profiles"))
    listing.add_argument("--json", action="store_true")
    remove = profile_cmds.add_parser("remove", help=_("remove a profile and its keyring entries"))
    remove.add_argument("name")
    test = profile_cmds.add_parser("test", help=_("get a token and list the sandboxes"))
    test.add_argument("name")
    export = profile_cmds.add_parser(
        "export", help=_("write a profile to a file to share it; no secret goes in the file")
    )
    export.add_argument("name")
    export.add_argument("file")
    export.add_argument("--replace", action="store_true", help=_("overwrite an existing file"))
    imported = profile_cmds.add_parser(
        "import",
        help=_("add a profile from a shared file; its secret is read from stdin or a prompt"),
    )
    imported.add_argument("file")
    imported.add_argument("--name", help=_("save it under this name instead of the file's"))
    imported.add_argument(
        "--replace", action="store_true", help=_("replace a profile of that name")
    )

    sandboxes = commands.add_parser("sandboxes", help=_("list the sandboxes a profile may use"))
    sandboxes.add_argument("--profile", required=True)
    sandboxes.add_argument("--json", action="store_true")

    create = commands.add_parser("create", help=_("create one external audience"))
    _add_target(create)
    create.add_argument("--name", required=True)
    create.add_argument("--namespace", required=True)
    create.add_argument("--origin-name", required=True)
    create.add_argument("--description", default="")
    create.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    create.add_argument(
        "--curl", action="store_true", help=_("print the request as cURL instead of sending it")
    )
    create.add_argument(
        "--allow-same-name",
        action="store_true",
        help=_("send even when the sandbox has an audience of that name (or cannot be checked)"),
    )

    audiences = commands.add_parser("audiences", help=_("list the audiences of a sandbox"))
    _add_target(audiences)
    audiences.add_argument(
        "--name", help=_("only the names containing this text (case-insensitive)")
    )
    audiences.add_argument(
        "--json", action="store_true", help=_("print one JSON object per line (JSON Lines)")
    )

    delete = commands.add_parser("delete", help=_("delete an audience from a sandbox"))
    _add_target(delete)
    which = delete.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", help=_("the audience's system id (the “id” of the list)"))
    which.add_argument("--name", help=_("the audience's exact name"))
    delete.add_argument(
        "--yes", action="store_true", help=_("do not ask to type the name to confirm")
    )

    history = commands.add_parser("history", help=_("every attempt, newest first"))
    fmt = history.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    history.add_argument(
        "--reconcile", action="store_true", help=_("first resolve attempts with an unknown outcome")
    )
    history.add_argument(
        "--limit", type=_limit, default=None, metavar="N", help=_("at most N attempts (N ≥ 1)")
    )
    history.add_argument(
        "--move-aside",
        action="store_true",
        help=_("rename a damaged history (kept, with the date) and begin a new one"),
    )

    mark = commands.add_parser(
        "mark-not-created",
        help=_("after checking AEP, release an unknown attempt so the audience can be created"),
    )
    mark.add_argument("--profile", required=True)
    mark.add_argument("--name", required=True, help=_("the audience's exact name"))
    mark.add_argument(
        "--yes", action="store_true", help=_("confirm you checked that it does not exist in AEP")
    )

    _add_batch(commands)

    serve = commands.add_parser("serve-local", help=_("run the built-in AEP-compatible server"))
    serve.add_argument("--port", type=_port, default=8765, help=_("0 picks a free port"))
    serve.add_argument(
        "--rate-limit", type=_rate, default=0.0, metavar="N",
        help=_("answer 429 (without Retry-After) beyond N creates per second"),
    )  # fmt: skip
    serve.add_argument(
        "--latency", type=_rate, default=0.0, metavar="MS",
        help=_("wait MS milliseconds before every answer"),
    )  # fmt: skip
    return parser


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batch = commands.add_parser(
        "batch", help=_("create the audiences listed in a CSV or XLSX file, one per row")
    )
    batch.add_argument("file", metavar="FILE", help=_("a CSV or XLSX file with a header row"))
    _add_target(batch)
    batch.add_argument("--sheet", metavar="NAME", help=_("the XLSX sheet (the first by default)"))
    batch.add_argument("--namespace", metavar="NS", help=_("the namespace of rows without one"))
    batch.add_argument(
        "--origin-name", metavar="O", help=_("the origin name of rows without one")
    )
    batch.add_argument(
        "--column", action="append", default=[], metavar="FIELD=HEADER", type=_column,
        help=_("read FIELD (name, description, namespace, originName) from the column HEADER"),
    )  # fmt: skip
    batch.add_argument(
        "--dry-run", action="store_true", help=_("check every row and send nothing")
    )
    batch.add_argument(
        "--json", action="store_true", help=_("print one JSON object per row (JSON Lines)")
    )
    batch.add_argument(
        "--results", metavar="PATH", help=_("write the rows with their status to PATH (CSV or XLSX)")
    )
    batch.add_argument(
        "--max-rate", type=_rate, metavar="N", help=_("send at most N creates per second")
    )
    batch.add_argument(
        "--allow-same-name", action="store_true",
        help=_("do not list the sandbox to find names already there"),
    )  # fmt: skip


def _column(text: str) -> tuple[str, str]:
    """argparse type: FIELD=HEADER."""
    field, sep, header = text.partition("=")
    if not sep or not field.strip() or not header.strip():
        raise argparse.ArgumentTypeError(
            _("{text!r} is not FIELD=HEADER").format(text=text)
        )
    return field.strip(), header.strip()


def _rate(text: str) -> float:
    """argparse type: a positive number."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a positive number").format(text=text)
        )
    return value


def _add_target(command: argparse.ArgumentParser) -> None:
    """--profile NAME, or --demo (the built-in server, with a few sample audiences)."""
    target = command.add_mutually_exclusive_group(required=True)
    target.add_argument("--profile", help=_("the profile to use"))
    target.add_argument(
        "--demo", action="store_true", help=_("use the built-in local server (no Adobe account)")
    )


def _port(text: str) -> int:
    """argparse type: a TCP port number (exit 2 with a message otherwise)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a port number").format(text=text)
        ) from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("{port} is not between 0 and 65535").format(port=port))
    return port


# SQLite's largest integer: a --limit beyond it is clamped to it (it cannot reach the
# database otherwise), which shows every attempt, as any limit above the history's size does.
MAX_LIMIT = 2**63 - 1


def _limit(text: str) -> int:
    """argparse type: a count of rows, at least 1 (0 and negatives are usage errors); a count
    beyond MAX_LIMIT is clamped to it."""
    try:
        limit = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a whole number").format(text=text)
        ) from None
    if limit < 1:
        raise argparse.ArgumentTypeError(
            _("{limit} is not a number of attempts to show: give 1 or more, or leave --limit "
              "out to show them all").format(limit=limit)
        )  # fmt: skip
    return min(limit, MAX_LIMIT)
