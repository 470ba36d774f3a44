"""The sandbox's audiences in the CLI: ``audiences`` (every page as it arrives) and
``delete`` (by id or exact name, the name typed back unless ``--yes``).

Kept apart from cli.py as ``batch`` is: cli.py loads it when one of these commands runs.
"""

from __future__ import annotations

import argparse
import json
import sys

from audience_desktop.application import (
    AppPaths,
    Profile,
    SandboxAudience,
    Workspace,
    _,
    local_time,
    ngettext,
    open_workspace,
    terminal_text,
)
from audience_desktop.cli import EXIT_FAILED, EXIT_OK, _error
from audience_desktop.cli_args import UsageError


def cmd_audiences(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print each page as it arrives: JSON Lines, or a tab-separated table and a count."""
    count = 0
    with open_workspace(paths, demo=args.demo) as workspace:
        profile = workspace.profile(args.profile or "demo")
        for page in workspace.list_audiences(profile, args.name):
            for audience in page.audiences:
                if args.json:
                    print(json.dumps(audience.export(), ensure_ascii=False))
                else:
                    print(_audience_line(audience))
            count += len(page.audiences)
            sys.stdout.flush()
            if page.cut_short:
                _error(_("The list stopped before its end: the sandbox's answer could not be "
                         "followed further."))  # fmt: skip
    if not args.json:
        text = ngettext(
            "{count} audience in sandbox “{sandbox}”.",
            "{count} audiences in sandbox “{sandbox}”.",
            count,
        )
        print(text.format(count=count, sandbox=profile.sandbox))
    return EXIT_OK


def _audience_line(audience: SandboxAudience) -> str:
    """name, audienceId, id, namespace, origin, lifecycle, updated, external or not."""
    kind = _("external") if audience.external else _("platform")
    updated = local_time(audience.updated) if audience.updated else "-"
    fields = (
        audience.name, audience.audience_id or "-", audience.id or "-", audience.namespace,
        audience.origin_name, audience.lifecycle, updated, kind,
    )  # fmt: skip
    return "\t".join(terminal_text(field) for field in fields)


def cmd_delete(args: argparse.Namespace, paths: AppPaths) -> int:
    """Delete one audience, named by system id or exact name; ask for the name typed back."""
    if args.id is not None and not args.id.strip():
        raise UsageError(_("--id needs the audience's system id."))
    with open_workspace(paths, demo=args.demo) as workspace:
        profile = workspace.profile(args.profile or "demo")
        audience: SandboxAudience | None
        if args.id is not None:
            audience = workspace.audience_by_id(profile, args.id.strip())
        else:
            audience = _one_named(workspace.audiences_named(profile, args.name), args, profile)
            if audience is None:
                return _settle_gone(workspace, profile, args.name)
        if not args.yes:
            _confirm_by_name(audience, profile)
        deletion = workspace.delete_audience(profile, audience)
    print(
        _("Deleted “{name}” from sandbox “{sandbox}” (audienceId {audience_id}, id {id}).").format(
            name=terminal_text(audience.name), sandbox=profile.sandbox,
            audience_id=terminal_text(audience.audience_id or "-"), id=terminal_text(deletion.aep_id),
        )
    )  # fmt: skip
    return EXIT_OK


def _settle_gone(workspace: Workspace, profile: Profile, name: str) -> int:
    """Nothing of that name in the sandbox: if the history still says it was created (a
    delete whose answer never came), record that it is gone, so it may be created again."""
    settled = workspace.settle_gone(profile, name)
    if not settled:
        _error(_("No audience named “{name}” in sandbox “{sandbox}”.").format(
            name=name, sandbox=profile.sandbox))  # fmt: skip
        return EXIT_FAILED
    print(
        _("“{name}” is no longer in sandbox “{sandbox}”: the history now records it as "
          "deleted, so it may be created again.").format(
            name=terminal_text(name), sandbox=profile.sandbox)
    )  # fmt: skip
    return EXIT_OK


def _one_named(
    found: list[SandboxAudience], args: argparse.Namespace, profile: Profile
) -> SandboxAudience | None:
    """The one audience of that name; None when there is none."""
    if not found:
        return None
    if len(found) > 1:
        ids = ", ".join(terminal_text(a.id or "?") for a in found)
        raise UsageError(
            _("{count} audiences are named “{name}” in sandbox “{sandbox}” (ids {ids}): "
              "choose one with --id.").format(
                count=len(found), name=args.name, sandbox=profile.sandbox, ids=ids)
        )  # fmt: skip
    return found[0]


def _confirm_by_name(audience: SandboxAudience, profile: Profile) -> None:
    """Ask for the audience's name to be typed; without a terminal, refuse (exit 2)."""
    name = terminal_text(audience.name)
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(
            _("Deleting “{name}” from sandbox “{sandbox}” needs a confirmation and there is no "
              "terminal to ask on: add --yes.").format(name=name, sandbox=profile.sandbox)
        )  # fmt: skip
    production = f" ({_('PRODUCTION')})" if profile.is_production else ""
    print(
        _("This deletes “{name}” (audienceId {audience_id}) from sandbox “{sandbox}”{production}."
          ).format(name=name, audience_id=terminal_text(audience.audience_id or "-"),
                   sandbox=profile.sandbox, production=production),
        file=sys.stderr,
    )  # fmt: skip
    by_id = not audience.can_be_typed()  # blank, or shown with "?" for its controls
    prompt = _("Type its id ({id}) to confirm: ") if by_id else _("Type its name to confirm: ")
    print(prompt.format(id=terminal_text(audience.id or "")), end="", file=sys.stderr, flush=True)
    typed = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not audience.confirmed_by(typed):
        raise UsageError(_("The name typed does not match; nothing was deleted."))
