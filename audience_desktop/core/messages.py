"""Messages as data: a kind and its parameters, rendered in the user's language when shown.

The core never builds sentences for people. It says *what* happened (``Message("net.no_answer",
{"seconds": 60})``); each front end renders it through the gettext catalogue in the user's
language. Kinds are stable keys, so the history can store them and render old rows in
whatever language the reader uses today. Parameters are plain values (text, numbers) or
other messages; a server's own words are parameters, quoted, never translated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from audience_desktop.core.i18n import N_, _, local_time


@dataclass(frozen=True)
class Message:
    """What to say: a catalogue key and the values that fill its template."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in CATALOG:
            raise KeyError(f"no message {self.key!r} in the catalogue")

    def render(self) -> str:
        return render(self)

    def __str__(self) -> str:
        return render(self)

    def to_json(self) -> str:
        """The parameters as JSON, for the history (nested messages as [key, params])."""
        return json.dumps(_plain(self.params), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_columns(cls, key: str | None, params: str | None) -> Message | None:
        """A message read back from the history's (key, JSON parameters) columns."""
        if not key or key not in CATALOG:
            return None
        try:
            values = json.loads(params) if params else {}
        except ValueError:
            values = {}
        return cls(key, _revive(values) if isinstance(values, dict) else {})


def msg(key: str, **params: Any) -> Message:
    """Shorthand: ``msg("net.no_answer", seconds=60)``."""
    return Message(key, params)


# Parameters that hold an ISO time, shown in local time with its zone when rendered (the
# history keeps the ISO value; older rows kept "2026-11-29 10:42 UTC", shown as it is).
TIME_PARAMS = frozenset({"when", "checked"})


def render(message: Message) -> str:
    """The message in the current language."""
    values = {
        name: render(value)
        if isinstance(value, Message)
        else local_time(value)
        if name in TIME_PARAMS and isinstance(value, str)
        else value
        for name, value in message.params.items()
    }
    for template in (_(CATALOG[message.key]), CATALOG[message.key]):
        try:  # a broken translation or a row missing a value must not hide the message
            return template.format_map(_Missing(values))
        except (IndexError, ValueError):
            continue
    return CATALOG[message.key]


class _Missing(dict[str, object]):
    """Values for a template; one that is missing shows as '…' instead of failing."""

    def __missing__(self, key: str) -> str:
        return "…"


def join(*parts: Message | str | None) -> str:
    """Rendered sentences, separated by spaces; None and empty parts are skipped."""
    return " ".join(p if isinstance(p, str) else render(p) for p in parts if p)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: ({"$message": v.key, "params": _plain(v.params)} if isinstance(v, Message) else v)
        for k, v in values.items()
    }


def _revive(values: dict[str, Any]) -> dict[str, Any]:
    revived: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, dict) and v.get("$message") in CATALOG:
            revived[k] = Message(v["$message"], _revive(v.get("params") or {}))
        else:
            revived[k] = v
    return revived


# The catalogue: every sentence the core can say, in English. Keys never change once
# shipped (the history stores them); the English text may be improved at will.
CATALOG: dict[str, str] = {
    # -- answers from Adobe, by status -------------------------------------------------------
    "http.refused": N_("The server refused the request."),
    "http.throttled": N_("Adobe is receiving too many requests from this credential."),
    "http.gateway": N_("Adobe's gateway did not get an answer from the service."),
    "http.internal": N_("Adobe's service had an internal error."),
    "http.server_said": N_("The server said: “{text}”."),
    "http.not_json": N_("The server answered with something that is not JSON: “{text}”."),
    "http.gave_up": N_("Gave up after {attempts} attempts."),
    "http.wait_longer": N_("Adobe asked to wait {seconds} seconds: try again after that."),
    # -- advice -----------------------------------------------------------------------------
    "hint.token_invalid": N_(
        "The access token expired or is invalid: get a new one (or paste a fresh token)."
    ),
    "hint.token_missing": N_("No access token was sent: check the profile's credentials."),
    "hint.api_key": N_("Check the profile's client id (it is sent as the API key)."),
    "hint.org": N_("Check the profile's organization id (it looks like ABC123@AdobeOrg)."),
    "hint.missing_header": N_("A required header is missing: check the profile's sandbox."),
    "hint.client_credentials": N_(
        "Check the client id and secret in Adobe Developer Console, then edit the profile."
    ),
    "hint.duplicate": N_(
        "An audience with these details already exists: look it up instead of creating it."
    ),
    "hint.forbidden": N_(
        "The technical account most likely lacks a product profile or an access-control role "
        "in AEP for this sandbox: ask your AEP administrator to add it."
    ),
    "hint.unauthorized": N_("Adobe did not accept the credentials: check the profile."),
    "hint.wait_a_minute": N_("Wait a minute and try again."),
    "hint.may_exist": N_(
        "The audience may or may not exist: check the history before creating it again."
    ),
    "hint.try_later": N_("Try again later; if it persists, give the request id to Adobe support."),
    "hint.check_form": N_("Check the values in the form."),
    "hint.check_network": N_("Check the network connection, VPN or proxy settings."),
    "hint.nothing_created": N_(
        "Check the network connection, VPN or proxy settings; nothing was created."
    ),
    "hint.looked_up": N_(
        "The audience may have been created: it will be looked up before any retry."
    ),
    "hint.probably_created": N_("The audience was probably created: it will be looked up by name."),
    # -- details line -----------------------------------------------------------------------
    "detail.status": N_("HTTP {status}"),
    "detail.code": N_("code {code}"),
    "detail.request_id": N_("request id {request_id}"),
    # -- the network ------------------------------------------------------------------------
    "net.connect_failed": N_("Could not connect to {url} ({error})."),
    "net.unreachable": N_("Could not reach {url} ({error})."),
    "net.no_answer": N_("No answer within {seconds} seconds."),
    "net.broken": N_("The connection broke before an answer arrived ({error})."),
    "net.created_without_id": N_(
        "Adobe answered that the request succeeded, but without an audience id."
    ),
    "net.cancelled_retry": N_("Cancelled while waiting to retry; nothing was created."),
    "net.interrupted": N_("Interrupted before an answer."),
    "net.unexpected": N_("Unexpected error: {error}."),
    # -- tokens -----------------------------------------------------------------------------
    "auth.no_secret": N_("Profile “{profile}” has no client secret in the keyring."),
    "auth.no_secret.hint": N_("Edit the profile and enter the client secret again."),
    "auth.no_token": N_("Profile “{profile}” has no access token in the keyring."),
    "auth.no_token.hint": N_("Edit the profile and paste a token from Adobe Developer Console."),
    "auth.token_expired": N_("The pasted access token has expired."),
    "auth.token_expired.hint": N_(
        "Generate a new token in Adobe Developer Console and paste it into the profile."
    ),
    "auth.ims_unreachable": N_("Could not reach Adobe's sign-in service ({error})."),
    "auth.ims_unreachable.hint": N_(
        "Check the network connection or proxy settings, then try again."
    ),
    "auth.no_usable_token": N_(
        "Adobe's sign-in service answered without a usable access token."
    ),
    "auth.invalid_client": N_("Adobe did not accept the client id or client secret."),
    "auth.unauthorized_client": N_("This credential is not allowed to request tokens."),
    "auth.invalid_scope": N_("Adobe did not accept the scopes of this profile."),
    "auth.refused": N_("Adobe refused to issue a token ({error})."),
    # -- the keyring ------------------------------------------------------------------------
    "keyring.load_failed": N_("The system keyring could not be loaded ({error})."),
    "keyring.insecure": N_(
        "No secure keyring is available (found {backend}), so secrets cannot be stored safely."
    ),
    "keyring.store_failed": N_("The keyring refused to store the {what} ({error})."),
    "keyring.read_failed": N_("The keyring could not be read ({error})."),
    "keyring.fix.linux": N_(
        "Start or unlock your desktop's keyring (GNOME Keyring or KWallet) and try again. On a "
        "server, install gnome-keyring and run the app inside a desktop or D-Bus session."
    ),
    "keyring.fix.other": N_("Unlock your system keychain or credential manager and try again."),
    # -- the duplicate guard ----------------------------------------------------------------
    "repeat.created": N_(
        "An audience named “{name}” was already created in sandbox “{sandbox}” on {when} "
        "(audienceId {audience_id}). Nothing was sent."
    ),
    "repeat.created.hint": N_(
        "Use a different name, or copy the existing audience id from the history."
    ),
    "repeat.pending": N_(
        "“{name}” is already being created in sandbox “{sandbox}”. Nothing was sent."
    ),
    "repeat.pending.hint": N_("Wait for that attempt to finish; it will appear in the history."),
    "repeat.unknown": N_(
        "An earlier attempt to create “{name}” in sandbox “{sandbox}” may have reached Adobe "
        "and could not be checked. Nothing was sent."
    ),
    "repeat.unknown.hint": N_("Resolve that attempt in the history first (history --reconcile)."),
    # -- settling an uncertain outcome (the history's resolution column) --------------------
    "resolution.found": N_("Found in sandbox “{sandbox}” by a lookup (checked {checked})."),
    "resolution.found_several": N_(
        "{count} audiences named “{name}” exist in sandbox “{sandbox}” (checked {checked})."
    ),
    "resolution.other_details": N_(
        "An audience named “{name}” exists in sandbox “{sandbox}” but with another namespace "
        "or origin (checked {checked}): check it in AEP."
    ),
    "resolution.not_found_yet": N_(
        "Not found yet in sandbox “{sandbox}” (checked {checked}); Adobe may still be "
        "processing it. Check again in a few minutes before creating it again."
    ),
    "resolution.not_found": N_(
        "Not created: no audience named “{name}” exists in sandbox “{sandbox}” "
        "(checked {checked})."
    ),
    "resolution.check_failed": N_("Could not check whether it was created: {reason}"),
    "resolution.marked": N_("Marked as not created by the user ({checked})."),
    "reconcile.no_profile": N_(
        "The profile “{profile}” for sandbox “{sandbox}” is not available to check it."
    ),
    # -- validation -------------------------------------------------------------------------
    "field.name": N_("Name"),
    "field.description": N_("Description"),
    "field.namespace": N_("Namespace"),
    "field.originName": N_("Origin name"),
    "field.problem": N_("{field}: {problem}"),
    "field.required": N_("This field is required."),
    "field.only_spaces": N_("This field cannot be only spaces."),
    "field.control_char": N_("It contains an invisible control character, {char}; remove it."),
    "field.too_long": N_("It is {length} characters long; the limit is {limit}."),
    # -- profiles ---------------------------------------------------------------------------
    "profile.bad_name": N_(
        "Profile name: use 1 to 64 letters, digits, spaces, dots, dashes or underscores, "
        "starting with a letter or digit."
    ),
    "profile.bad_org": N_(
        "Organization id “{value}” does not look like an Adobe org id (letters and digits "
        "followed by @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg)."
    ),
    "profile.bad_client_id": N_(
        "Client id: copy it from the credential in Adobe Developer Console (letters, digits, "
        "dots, dashes, underscores; no spaces)."
    ),
    "profile.no_sandbox": N_(
        "Choose the sandbox to create in: Test connection lists yours, or type its technical "
        "name (like “prod” or “dev-sandbox”)."
    ),
    "profile.bad_sandbox": N_(
        "Sandbox “{value}”: use the sandbox's technical name (like “prod” or “dev-sandbox”), "
        "not its title."
    ),
    "profile.bad_scope": N_("Scope “{value}” has characters a scope cannot have."),
    "profile.no_scopes": N_("Scopes: give at least one (copy them from Developer Console)."),
    "profile.bad_path": N_("API path “{value}” is not a valid URL path."),
    "profile.bad_timeout": N_("Timeouts must be between 0 and 600 seconds."),
    "profile.file_damaged": N_(
        "The profiles file {path} is damaged ({error}); fix it or move it away."
    ),
    "profile.unusable": N_("Profile “{name}” in {path} cannot be used: {reason}"),
    "profile.unknown": N_("No profile named “{name}” (profiles: {known})."),
    "profile.unknown_demo": N_("No profile named “{name}” in demo mode."),
    "profile.reserved": N_("The profile name “{name}” is reserved for demo mode."),
    "profile.exists": N_("A profile named “{name}” exists; add --replace to replace it."),
    "profile.needs_secret": N_("Enter the client secret for this profile."),
    "profile.needs_token": N_("Enter the access token for this profile."),
    "profile.gone": N_(
        "The profile “{profile}” for sandbox “{sandbox}” no longer exists, so this attempt "
        "cannot be checked."
    ),
    "label.platform_url": N_("Platform URL"),
    "label.ims_url": N_("IMS token URL"),
    "char.space": N_("a space"),
    "url.control": N_("{label} contains {char}."),
    "url.invalid": N_("{label} “{value}” is not a valid URL."),
    "url.not_full": N_("{label} “{value}” must be a full URL starting with https://."),
    "url.credentials": N_("{label} must not contain a user name or password."),
    "url.query": N_("{label} must not contain “?” or “#” parts."),
    "url.plain_http": N_(
        "{label} uses plain http://, which would send credentials unencrypted: use https:// "
        "(plain http is only allowed for this computer's own local server)."
    ),
    "url.has_path": N_(
        "{label} must be just the host, like https://platform.adobe.io; set the API path "
        "separately."
    ),
    "mark.not_unknown": N_("Only an attempt whose outcome is unknown can be marked."),
    # -- network edges (issue 8) ------------------------------------------------------------
    "net.deadline": N_(
        "No complete answer within {seconds} seconds (the profile's total time limit)."
    ),
    "net.cancelled_in_flight": N_(
        "Cancelled while the request was on its way; it may have reached Adobe."
    ),
    "net.cancelled_before_send": N_("Cancelled before the request was sent; nothing was created."),
    "net.refused_locally": N_(
        "The request was not sent: the network library refused one of its values ({error}), "
        "such as a line break in the access token."
    ),
    "hint.refused_locally": N_(
        "Nothing was created. Enter the access token (or the profile's values) again."
    ),
    "http.body_cut": N_("The server's answer was cut after {limit}."),
    "net.answer_cut": N_(
        "Adobe answered that the request succeeded, but the answer was too long to read "
        "(over {limit})."
    ),
    "net.created_bad_id": N_(
        "Adobe answered that the request succeeded, but with an id that cannot be right "
        "(over {limit} characters, or invisible characters)."
    ),
    "net.answer_too_large": N_("The server's answer was too large to read (over {limit})."),
    "http.redirected": N_(
        "The server redirected the request to “{location}” (HTTP {status}); redirects are not "
        "followed, so nothing was sent there."
    ),
    "http.redirected_nowhere": N_(
        "The server answered with a redirect (HTTP {status}) without saying where to; "
        "redirects are not followed."
    ),
    "hint.redirected": N_(
        "Check the profile's Platform URL and API path; a redirect to a sign-in page usually "
        "comes from a proxy or a network login page."
    ),
    "net.cert_untrusted": N_(
        "The certificate presented for {host} is not trusted ({reason}); it was issued by "
        "“{issuer}”."
    ),
    "net.cert_untrusted_unknown": N_(
        "The certificate presented for {host} is not trusted ({reason})."
    ),
    "hint.cert_untrusted": N_(
        "This is not a network outage: something between you and Adobe (often a company "
        "proxy or antivirus that inspects TLS traffic) presents its own certificate. Ask IT "
        "to install the company's inspection root certificate in this computer's system "
        "trust store: the app uses the system's trust store, so nothing else is needed. "
        "Nothing was sent."
    ),
    "auth.bad_lifetime": N_(
        "Adobe's sign-in service gave a token with an impossible lifetime ({value})."
    ),
    "auth.token_control": N_(
        "The access token contains an invisible character, {char}: paste it again."
    ),
    # (network-edges entries go above this line)
    # -- secrets and the keyring (issue 8) --------------------------------------------------
    "keyring.secret_damaged": N_(
        "The {what} stored in the keyring is incomplete (its pieces do not match)."
    ),
    "keyring.secret_damaged.hint": N_("Edit the profile and enter it again."),
    # (secrets entries go above this line)
    # -- crash safety and damaged files (issue 8) -------------------------------------------
    "history.damaged": N_(
        "The history {path} is damaged or is not a history database ({error}). It was left "
        "as it is."
    ),
    "history.damaged.hint": N_(
        "Move it aside to start a new history (it is kept, renamed with the date): "
        "audience-cli history --move-aside."
    ),
    "history.newer": N_(
        "The history {path} was written by a newer version of the app (schema {version}; "
        "this version reads up to {supported})."
    ),
    "history.newer.hint": N_(
        "Update the app, or move the history aside to start a new one: "
        "audience-cli history --move-aside."
    ),
    "history.read_only": N_("The history {path} cannot be written: it is read-only."),
    "history.read_only.hint": N_(
        "Give yourself write permission on the file and its folder, then try again."
    ),
    "history.disk_full": N_("The disk holding the history {path} is full."),
    "history.disk_full.hint": N_("Free some space on that disk, then try again."),
    "history.locked": N_(
        "The history {path} stayed locked by another program for more than {seconds} seconds."
    ),
    "history.locked.hint": N_(
        "Close the other program using it (another copy of this app, a database browser), "
        "then try again."
    ),
    "history.cannot_open": N_("The history {path} cannot be opened ({error})."),
    "history.cannot_open.hint": N_(
        "Check that it is a file (not a folder) that you may read and write."
    ),
    "history.failed": N_("The history {path} could not be used ({error})."),
    "history.outcome_journaled": N_(
        "The outcome could not be written to the history: {reason} It was kept in {journal} "
        "and will be added to the history the next time the app starts."
    ),
    "history.outcome_lost": N_(
        "The outcome could not be written to the history: {reason} Nor could it be kept in "
        "the recovery journal: note the outcome shown here."
    ),
    "reconcile.no_credential": N_(
        "No profile holds the credential that made this attempt (organization {org_id}, "
        "client id {client_id}), so “{name}” cannot be checked: add a profile with that "
        "credential."
    ),
    "owner.gone": N_("The process that was creating it stopped before recording an answer."),
    "profile.file_shape": N_(
        "The profiles file {path} is not in the expected shape ({problem}); fix it or move it "
        "away. It was left as it is."
    ),
    "profile.file_unreadable": N_(
        "The profiles file {path} cannot be read ({error}): it must be a file you may read. "
        "It was left as it is; move it away to start with no profiles."
    ),
    "profile.duplicate": N_(
        "The profiles file {path} has two profiles named “{name}” (names are compared "
        "without surrounding spaces): rename or remove one of them."
    ),
    # (crash-safety entries go above this line)
    # -- input and exports (issue 8) --------------------------------------------------------
    "field.invisible_char": N_(
        "It contains an invisible character, {char}, that would make it look like another "
        "name; remove it."
    ),
    "field.bidi_char": N_(
        "It contains {char}, which changes the direction text is shown in, so it could read "
        "differently from what is sent; remove it."
    ),
    "field.odd_space": N_(
        "It contains {char}, which looks like a space but is not one; type an ordinary space "
        "instead."
    ),
    # (input entries go above this line)
    "net.unreadable_answer": N_(
        "The server's answer came in an encoding that cannot be read safely ({encoding}), "
        "so what it said is not known."
    ),
    "net.created_secret_id": N_(
        "Adobe answered that the request succeeded, but its id repeats a secret, a token or "
        "something shaped like one, so it was not kept."
    ),
    "profile.file_not_regular": N_(
        "The profiles file {path} is not a regular file (a device, a pipe or a socket), so it "
        "was not read. It was left as it is; move it away to start with no profiles."
    ),
    "profile.file_too_large": N_(
        "The profiles file {path} is larger than {limit} MB, far more than any profiles file "
        "holds, so it was not read. It was left as it is; move it away to start with no "
        "profiles."
    ),
    # -- sharing a profile (issue 9) --------------------------------------------------------
    "share.file_exists": N_(
        "{path} exists; choose another file, or add --replace to overwrite it."
    ),
    "share.write_failed": N_("Could not write the profile to {path} ({error})."),
    "share.unreadable": N_("The file {path} cannot be read ({error}). Nothing was changed."),
    "share.not_regular": N_(
        "{path} is not a regular file (a device, a pipe or a socket), so it was not read. "
        "Nothing was changed."
    ),
    "share.too_large": N_(
        "{path} is larger than {limit} MB, far more than a shared profile holds, so it was "
        "not read. Nothing was changed."
    ),
    "share.not_export": N_(
        "{path} is not a profile shared by audience-desktop, or it is damaged ({problem}). "
        "Nothing was changed."
    ),
    "share.version": N_(
        "{path} is a shared profile of format version {version}; this version of "
        "audience-desktop reads version {known}. Update audience-desktop, or ask for the "
        "profile again. Nothing was changed."
    ),
    "share.secret": N_(
        "{path} holds {field}, which looks like a secret; a shared profile never carries one. "
        "Nothing was imported. Delete that file, since it may expose a secret, and ask for "
        "the profile again."
    ),
    "share.unusable": N_("The profile in {path} cannot be used: {reason} Nothing was changed."),
    # -- the sandbox's audiences (issue 10) -------------------------------------------------
    "resolution.deleted": N_(
        "Deleted from sandbox “{sandbox}” on {checked}; it may be created again."
    ),
    "sandbox.exists": N_(
        "An audience named “{name}” already exists in sandbox “{sandbox}” (audienceId "
        "{audience_id}). Nothing was sent."
    ),
    "sandbox.exists_several": N_(
        "{count} audiences named “{name}” already exist in sandbox “{sandbox}” (audienceIds "
        "{audience_ids}). Nothing was sent."
    ),
    "sandbox.exists.hint": N_("Use another name, or reuse the existing audience."),
    "sandbox.check_failed": N_(
        "Could not check whether “{name}” already exists in sandbox “{sandbox}”: {reason} "
        "Nothing was sent."
    ),
    "sandbox.check_incomplete": N_(
        "the sandbox's answer stopped before every audience with that name was read."
    ),
    "sandbox.list_forbidden": N_(
        "This credential may not read the audiences of sandbox “{sandbox}”."
    ),
    "sandbox.list_forbidden.hint": N_(
        "Ask your AEP administrator to give the technical account of this credential the "
        "“View Segments” permission (Segmentation) in sandbox “{sandbox}”, through its "
        "product profile or access-control role."
    ),
    "sandbox.delete_forbidden": N_(
        "This credential may not delete audiences in sandbox “{sandbox}”."
    ),
    "sandbox.delete_forbidden.hint": N_(
        "Ask your AEP administrator to give the technical account of this credential the "
        "“Manage Segments” permission (Segmentation) in sandbox “{sandbox}”."
    ),
    "sandbox.no_such_id": N_(
        "No audience with id “{id}” in sandbox “{sandbox}”: it may have been deleted already."
    ),
    "sandbox.no_such_id.hint": N_(
        "List the sandbox's audiences to check (audience-cli audiences), and use the system "
        "id shown there."
    ),
    "sandbox.delete_uncertain": N_(
        "The deletion of “{name}” may or may not have happened: list the sandbox's audiences "
        "to check before trying again."
    ),
    # (sandbox entries go above this line)
    # -- batches from a spreadsheet (issue 11) ----------------------------------------------
    "batch.unreadable": N_("Cannot read {file}: {reason}"),
    "batch.not_csv": N_("it is a spreadsheet file; name it .xlsx, or save it as CSV."),
    "batch.not_xlsx": N_("it is not an XLSX workbook that can be read ({error})."),
    "batch.encoding": N_(
        "it is neither UTF-8 nor UTF-16 text; save it as “CSV UTF-8” or “Unicode text”."
    ),
    "batch.no_header": N_("its first row, the header, is empty."),
    "batch.cell_too_big": N_("row {row} has a cell over {size} MB; no audience field is that long."),
    "batch.xlsx_too_big": N_(
        "a part of the workbook unpacks to more than {size} MB; save it as CSV, or keep only "
        "the audiences' rows and columns."
    ),
    "batch.no_sheet": N_("it has no sheet named “{sheet}” (its sheets: {sheets})."),
    "batch.results_unwritable": N_("Cannot write the results to {path}: {reason}."),
    "batch.results_no_folder": N_("its folder does not exist"),
    "batch.changed": N_("{file} changed since it was checked; check it again."),
    "batch.column_field": N_("“{field}” is not a field; the fields are {fields}."),
    "batch.column_missing": N_("No column is headed “{header}” (the headers: {headers})."),
    "batch.no_column": N_("No column gives the {field} (the headers: {headers})."),
    "batch.columns.hint": N_(
        "Name the column with --column FIELD=HEADER, or give a value for every row "
        "(--namespace, --origin-name)."
    ),
    "batch.extra_cells": N_(
        "This row has {count} filled cell(s) beyond the header's {columns} columns: a "
        "separator inside a value that is not quoted? Quote the value, or fix the row; "
        "nothing of this row is sent."
    ),
    "batch.repeat": N_("The same name as row {row}: only row {row} is created."),
    "batch.in_history": N_("Created on {when} (audienceId {audience_id}); not sent again."),
    "batch.created_earlier": N_(
        "Created by an earlier run of this file on {when} (audienceId {audience_id})."
    ),
    "batch.in_sandbox": N_(
        "The sandbox already has an audience of this name (audienceId {audience_id}); "
        "not sent."
    ),
    "batch.uncertain": N_(
        "An earlier attempt may have created it: run `audience-cli history --reconcile` "
        "later; not sent again until then."
    ),
    "batch.not_sent": N_("Not sent: the batch was cancelled or interrupted."),
    "batch.over_limit": N_(
        "The sandbox has {count} audiences; adding {adding} would cross AEP's limit of "
        "{limit} active audiences per sandbox."
    ),
    # -- what an operating-system error means (core/os_errors.py) --------------------------
    "os.not_found": N_("it does not exist"),
    "os.denied": N_("permission denied"),
    "os.is_folder": N_("it is a folder"),
    "os.not_folder": N_("a part of the path is not a folder"),
    "os.no_space": N_("the disk is full"),
    "os.read_only": N_("the disk is read-only"),
    "os.name_too_long": N_("the name is too long"),
    "os.exists": N_("it already exists"),
    "os.other": N_("{reason}"),
    # -- statuses ---------------------------------------------------------------------------
    "status.pending": N_("pending"),
    "status.succeeded": N_("succeeded"),
    "status.failed": N_("failed"),
    "status.unknown": N_("unknown"),
}
