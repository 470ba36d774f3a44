"""The application layer: everything a front end does, in one facade.

The window runs these calls on its worker lanes; the CLI runs them directly. Keeping them
here means both front ends (and the smoke test, the demo and the tests) store secrets,
reuse tokens, guard against duplicates and apply the same profile rules the same way.
Nothing here knows about Qt or the terminal.
"""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AppError
from audience_desktop.core.history import Attempt, History, Status
from audience_desktop.core.messages import msg
from audience_desktop.core.paths import AppPaths
from audience_desktop.core.profiles import MAX_TIMEOUT as MAX_TIMEOUT  # the window's limits
from audience_desktop.core.profiles import AuthKind, Profile, ProfileInvalid, ProfileStore
from audience_desktop.core.service import AudienceService, Outcome, Reconciled, audience_home

if TYPE_CHECKING:  # httpx and keyring load on first use, off the window's start-up path
    from audience_desktop.application.demo import DemoSession
    from audience_desktop.core.batch import BatchOptions, BatchPlan, PlannedRow
    from audience_desktop.core.batch_input import BatchSource
    from audience_desktop.core.batch_runner import BatchControl, BatchProgress
    from audience_desktop.core.client import AepClient
    from audience_desktop.core.history_deletions import Deletion
    from audience_desktop.core.history_query import HistoryReader
    from audience_desktop.core.models import AudiencePage, Progress, Sandbox, SandboxAudience
    from audience_desktop.core.sandbox import SandboxService

RESERVED_PROFILE_NAMES = ("demo",)  # demo mode's profile: a saved one would shadow it
# What makes a history one to set aside (rather than to wait for, or to fix permissions on).
_SET_ASIDE = frozenset({"history.damaged", "history.newer"})


@dataclass(frozen=True)
class ProfileTest:
    """What "Test connection" found: the sandboxes, or why they could not be listed."""

    sandboxes: list[Sandbox]
    problem: AppError | None = None  # the refusal of the sandbox list (401/403)


@dataclass(frozen=True)
class RemovedProfile:
    """What removing a profile did: the file entry, and each keyring entry, honestly.

    Secret kinds are named by their keyring values ("client-secret", "access-token",
    "token-cache") so a front end need not import the keyring layer.
    """

    existed: bool  # the profiles file had it (and no longer has)
    secrets_removed: tuple[str, ...] = ()  # keyring entries that were there and are gone
    secrets_not_removed: tuple[str, ...] = ()  # the keyring failed: these may still be there
    keyring_error: str | None = None  # the keyring's error type when some could not be removed

    @property
    def complete(self) -> bool:
        """True when nothing of the profile may be left behind in the keyring."""
        return not self.secrets_not_removed


class Workspace:
    """Profiles, history and cached clients for one session of a front end."""

    def __init__(
        self,
        paths: AppPaths,
        history_path: Path,
        client_factory: Callable[[Profile], AepClient] | None = None,
        fixed_profiles: dict[str, Profile] | None = None,
        settings_file: Path | None = None,
        demo: DemoSession | None = None,
    ) -> None:
        self.paths = paths
        self.history_path = history_path
        self._history: History | None = None
        self._check_reader: HistoryReader | None = None  # the window's check before Create
        self.settings_file = settings_file or paths.config_dir / "window.ini"
        self.store = ProfileStore(paths.profiles_file)
        self._factory = client_factory or _open_client
        self._fixed = fixed_profiles
        self._demo = demo
        self._clients: dict[Profile, AepClient] = {}
        self._lock = threading.Lock()  # the history
        # The clients have their own lock: making the first one imports httpx (~250 ms), and
        # the history (a GUI-thread read, the local lane) must not wait for that.
        self._client_lock = threading.Lock()
        self._listeners: list[Callable[[int], None]] = []

    @property
    def history(self) -> History:
        """The history, opened (and migrated) on first use: profile commands never open it."""
        with self._lock:
            if self._history is None:
                self._history = History(self.history_path, on_change=self._changed)
            return self._history

    @property
    def service(self) -> AudienceService:
        return AudienceService(self.history, self.client_for)

    # -- session ---------------------------------------------------------------------------

    @property
    def demo(self) -> bool:
        return self._demo is not None

    def add_listener(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(row_id)`` after each history write (from the writing thread)."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[int], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _changed(self, row_id: int) -> None:
        for listener in list(self._listeners):
            listener(row_id)

    def close(self) -> None:
        """Close clients, the history and the demo server; safe to call twice."""
        self._listeners.clear()
        with self._client_lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()
        self._close_check_reader()
        if self._history is not None:
            self._history.close()
        if self._demo is not None:
            self._demo.stop()
            self._demo = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- profiles --------------------------------------------------------------------------

    def profiles(self) -> dict[str, Profile]:
        return dict(self._fixed) if self._fixed is not None else self.store.load()

    def profile(self, name: str) -> Profile:
        """The profile named ``name``, or ProfileInvalid listing the known ones."""
        if self._fixed is not None:
            if name not in self._fixed:
                raise ProfileInvalid(msg("profile.unknown_demo", name=name))
            return self._fixed[name]
        return self.store.get(name)

    def check_new_profile(self, profile: Profile, *, replace: bool) -> Profile:
        """Validate a profile about to be added: reserved names, and no silent overwrite."""
        profile = profile.validated()
        if profile.name.lower() in RESERVED_PROFILE_NAMES:
            raise ProfileInvalid(msg("profile.reserved", name=profile.name))
        if not replace and profile.name in self.store.load():
            raise ProfileInvalid(msg("profile.exists", name=profile.name))
        return profile

    def save_profile(self, profile: Profile, secret: str | None) -> Profile:
        """Validate, store the secret (when given) in the keyring, then the profile.

        The new secret replaces the old one in place and the other kinds are removed only
        after the profile is saved, so a failed save leaves the previous profile working.
        """
        from audience_desktop.core import credentials

        profile = self.check_new_profile(profile, replace=True)
        credentials.require_secure_backend()
        kind = (
            credentials.SecretKind.ACCESS_TOKEN
            if profile.auth is AuthKind.TOKEN
            else credentials.SecretKind.CLIENT_SECRET
        )
        previous = credentials.get_secret(profile.name, kind)
        if secret is None and previous is None:
            token = kind is credentials.SecretKind.ACCESS_TOKEN
            raise ProfileInvalid(msg("profile.needs_token" if token else "profile.needs_secret"))
        if secret is not None:
            credentials.set_secret(profile.name, kind, secret)
        try:
            saved = self.store.save(profile)
        except BaseException:
            if secret is not None:  # put back what was there
                if previous is None:
                    credentials.delete_secret(profile.name, kind)
                else:
                    credentials.set_secret(profile.name, kind, previous)
            raise
        for other in credentials.SecretKind:  # the cached token and the other credential kind
            if other is not kind:
                credentials.delete_secret(profile.name, other)
        return saved

    def remove_profile(self, name: str) -> RemovedProfile:
        """Remove the profile's entry, then its keyring entries; report each.

        The file entry goes first: an unreachable keyring must not keep a profile the user
        asked to remove, but the result says which secrets may be left behind.
        """
        from audience_desktop.core import credentials

        existed = self.store.remove(name)
        removal = credentials.delete_profile_secrets(name)
        return RemovedProfile(
            existed,
            secrets_removed=tuple(k.value for k in removal.kinds(credentials.Deletion.REMOVED)),
            secrets_not_removed=tuple(k.value for k in removal.kinds(credentials.Deletion.FAILED)),
            keyring_error=removal.error,
        )

    def keyring_problem(self) -> AppError | None:
        """None when secrets can be stored securely, else what to do about it."""
        from audience_desktop.core.credentials import secure_backend_problem

        return secure_backend_problem()

    def keyring_backend(self) -> str:
        from audience_desktop.core.credentials import backend_name

        return backend_name()

    def test_profile(self, profile: Profile, secret: str | None = None) -> ProfileTest:
        """Get a token and list sandboxes; a refused sandbox list (401/403) is not a failure.

        ``secret`` is what the user just typed and has not saved yet; it is used for this
        test only and never cached.
        """
        from audience_desktop.core.errors import AepError
        from audience_desktop.core.session import open_client

        profile = profile.validated()
        if secret is None:
            client = self.client_for(profile)
        else:
            client = open_client(profile, secret=lambda: secret)
        try:
            client.tokens.token()
            try:
                return ProfileTest(client.list_sandboxes())
            except AepError as error:
                if error.status in (401, 403):
                    return ProfileTest([], error)
                raise
        finally:
            if secret is not None:
                client.close()

    def sandboxes(self, profile: Profile) -> list[Sandbox]:
        return self.client_for(profile).list_sandboxes()

    # -- sharing a set-up (issue 9) --------------------------------------------------------

    def export_profile(self, name: str, path: Path, *, replace: bool = False) -> Profile:
        """Write the stored profile ``name`` to ``path`` without any secret (see
        ``core/profile_share.py`` for the format); an existing file only if ``replace``."""
        from audience_desktop.core.profile_share import write_export

        profile = self.profile(name)
        write_export(profile, path, replace=replace)
        return profile

    def read_shared_profile(self, path: Path) -> Profile:
        """The profile in a shared file, checked but not saved: the importer names it,
        types its secret and saves it like a new profile (``check_new_profile``)."""
        from audience_desktop.core.profile_share import read_export

        return read_export(path)

    # -- creating --------------------------------------------------------------------------

    def client_for(self, profile: Profile) -> AepClient:
        """One client per profile version, so its in-memory token is reused."""
        with self._client_lock:
            client = self._clients.get(profile)
            if client is None:
                client = self._clients[profile] = self._factory(profile)
            return client

    def create(
        self,
        profile: Profile,
        draft: AudienceDraft,
        cancel: threading.Event | None = None,
        progress: Callable[[Progress], None] | None = None,
        *,
        allow_same_name: bool = False,
    ) -> Outcome:
        """Create one audience (see AudienceService.create); ``cancel`` stops retries,
        ``progress`` hears what it waits for.

        Unless ``allow_same_name`` (or the profile's ``check_sandbox_before_create`` is off),
        the sandbox is asked first: AlreadyInSandbox when the name exists there,
        SandboxCheckFailed when it could not be asked; nothing is written nor sent then.
        """
        check = profile.check_sandbox_before_create and not allow_same_name
        return self.service.create(
            profile, draft, cancel=cancel, progress=progress, check_sandbox=check
        )

    def already_created(self, profile: Profile, draft: AudienceDraft) -> Attempt | None:
        """The attempt that created this draft's audience in the profile's sandbox, if any.

        The window disables Create for it and says why before anything is tried; the
        service's guard still decides at send time. An invalid draft or an unreadable
        history answers None: the form and the history bar say those.
        """
        try:
            if self._check_reader is None:  # its own connection: never waits for a write
                self._check_reader = self.history_reader()
            return self.service.created_before(profile, draft, self._check_reader)
        except AppError:
            return None
        except sqlite3.Error:  # the file moved aside, or damaged since: ask again next time
            self._close_check_reader()
            return None

    def _close_check_reader(self) -> None:
        if self._check_reader is not None:
            self._check_reader.close()
            self._check_reader = None

    def create_curl(self, profile_name: str | None, draft: AudienceDraft) -> str:
        """The create request as cURL, the token a placeholder; nothing is sent.

        Without a profile, the request targets ``audience-cli serve-local``'s address.
        """
        from audience_desktop.application.demo import demo_profile
        from audience_desktop.core.curl import to_curl
        from audience_desktop.core.request import build_create_request

        profile = self.profile(profile_name) if profile_name else demo_profile()
        return to_curl(build_create_request(profile, draft.validated()))

    def attempt_curl(self, attempt: Attempt) -> str:
        from audience_desktop.core.curl import attempt_curl

        return attempt_curl(attempt, self.profiles().get(attempt.profile))

    # -- the sandbox's audiences (issue 10) ------------------------------------------------

    @property
    def sandbox_service(self) -> SandboxService:
        from audience_desktop.core.sandbox import SandboxService

        return SandboxService(lambda: self.history, self.client_for)

    def list_audiences(
        self, profile: Profile, name: str | None = None, cancel: threading.Event | None = None
    ) -> Iterator[AudiencePage]:
        """The sandbox's audiences, newest change first, one page (100) at a time as each
        arrives: a front end shows them incrementally. ``name`` is the server's "contains",
        case-insensitive filter. A 403 is an AepError saying which permission to ask for.
        Setting ``cancel`` ends the iteration after the page in flight (or aborts it)."""
        return self.sandbox_service.pages(profile, name, cancel)

    def audiences_named(
        self, profile: Profile, name: str, cancel: threading.Event | None = None
    ) -> list[SandboxAudience]:
        """The sandbox's audiences whose name is exactly ``name`` (trimmed, NFC)."""
        return self.sandbox_service.named(profile, name, cancel)

    def audience_by_id(
        self, profile: Profile, audience_id: str, cancel: threading.Event | None = None
    ) -> SandboxAudience:
        """One audience by its system id (``id``); AppError when there is none."""
        return self.sandbox_service.audience(profile, audience_id, cancel)

    def delete_audience(
        self,
        profile: Profile,
        audience: SandboxAudience | str,
        cancel: threading.Event | None = None,
    ) -> Deletion:
        """Delete an audience (as listed, or by system id: then read first, for its name
        and audienceId) and record it; its attempts no longer block creating it again."""
        service = self.sandbox_service
        if isinstance(audience, str):
            audience = service.audience(profile, audience, cancel)
        return service.delete(profile, audience, cancel)

    def settle_gone(
        self, profile: Profile, name: str, cancel: threading.Event | None = None
    ) -> list[Deletion]:
        """Record as deleted what the history created under ``name`` that the sandbox no
        longer has (a delete whose answer never came); see SandboxService.settle_gone."""
        return self.sandbox_service.settle_gone(profile, name, cancel)

    def deletions(self, limit: int | None = None) -> list[Deletion]:
        """Deletions recorded in the history, newest first."""
        return self.history.deletions(limit)

    # -- batches from a spreadsheet (issue 11) --------------------------------------------

    def plan_batch(
        self,
        source: BatchSource,
        options: BatchOptions,
        profile: Profile,
        cancel: threading.Event | None = None,
    ) -> BatchPlan:
        """Read, validate and check every row of ``source`` for ``profile``'s sandbox;
        nothing is written or sent (a dry run is this alone). Raises SourceUnreadable,
        ColumnsInvalid, or SandboxCheckFailed (the sandbox could not be listed)."""
        from audience_desktop.application.batch import plan

        return plan(self, source, options, profile, cancel)

    def run_batch(
        self,
        batch: BatchPlan,
        profile: Profile,
        control: BatchControl | None = None,
        on_row: Callable[[PlannedRow], None] | None = None,
        on_progress: Callable[[BatchProgress], None] | None = None,
        *,
        max_rate: float | None = None,
        results: Path | None = None,
    ) -> BatchProgress:
        """Send the plan's ready rows; every row's result to ``on_row`` in file order,
        progress about four times a second, the results file to ``results`` (atomically).
        Blocks: call it off the GUI thread and drive ``control`` from the buttons."""
        from audience_desktop.application.batch import run

        return run(self, batch, profile, control, on_row, on_progress, max_rate=max_rate,
                   results=results)  # fmt: skip

    # -- the Batch window's first step: which sheets, which headers ----------------------

    def batch_source_headers(self, source: BatchSource) -> tuple[list[str], list[str]]:
        """``source``'s header row and, for a workbook, its sheet names: what the window's
        sheet picker and column mapping offer. SourceUnreadable when it cannot be read."""
        from audience_desktop.core.batch_input import open_table

        sheets: list[str] = []
        if source.is_xlsx:
            from openpyxl import load_workbook

            try:
                book = load_workbook(source.path, read_only=True)
            except Exception:  # open_table below says why, in the user's words
                book = None
            if book is not None:
                sheets = list(book.sheetnames)
                book.close()
        with open_table(source) as table:
            return table.headers, sheets

    # -- settling uncertain outcomes -------------------------------------------------------

    def resolve(self, row_id: int, cancel: threading.Event | None = None) -> Attempt:
        """Look an unknown attempt up now (the user asked); one still in flight is left be.

        Any profile holding the attempt's credential can check it (see lookup_profile).
        """
        from audience_desktop.core.service import lookup_profile

        attempt = self.history.get(row_id)
        profile, problem = lookup_profile(attempt, self.profiles())
        if profile is None:
            raise AppError(
                problem or msg("profile.gone", profile=attempt.profile, sandbox=attempt.sandbox)
            )
        return self.service.resolve(attempt, self.client_for(profile), cancel=cancel)

    def reconcile(self, cancel: threading.Event | None = None) -> list[Reconciled]:
        """Settle every unknown attempt and every orphaned pending one."""
        stop = cancel.is_set if cancel is not None else (lambda: False)
        return self.service.reconcile(self.profiles(), stop=stop)

    def mark_not_created(self, row_id: int) -> Attempt:
        return self.service.mark_not_created(row_id)

    def unknown_attempts(self, profile_name: str, name: str) -> list[Attempt]:
        """Attempts at ``name`` in the profile's home whose outcome is unknown.

        The home is the org, sandbox and platform URL, as for the duplicate guard: attempts
        made through another profile of the same org count. A pending one whose process was
        killed counts: it becomes unknown here.
        """
        profile = self.profile(profile_name)
        name = unicodedata.normalize("NFC", name.strip())  # as a draft's name is stored
        service = self.service
        attempts = self.history.open_attempts_for(
            profile.name, profile.sandbox, name, audience_home(profile)
        )
        return [
            attempt
            for attempt in map(service.release_orphan, attempts)
            if attempt.status is Status.UNKNOWN
        ]

    # -- a damaged history -----------------------------------------------------------------

    def history_problem(self) -> AppError | None:
        """None when the history opens, else why not (damaged, newer, read-only, locked…)."""
        try:
            self.history  # noqa: B018 - opening is the check
        except AppError as problem:
            return problem
        return None

    @staticmethod
    def history_can_be_moved_aside(problem: AppError) -> bool:
        """Whether ``problem`` is one that moving the history aside solves: damaged or newer.

        A read-only, locked or full history is fine as it is; it needs the user to act.
        """
        return problem.message.key in _SET_ASIDE

    def history_write_problem(self) -> AppError | None:
        """None when a create could record its attempt now, else why not (read-only...).

        Opens, writes a table inside a transaction and rolls it back on a connection of its
        own: a read-only file opens and reads fine, and only refuses at the first write.
        Waits up to the history's busy timeout for a lock: call it off the GUI thread.
        """
        import sqlite3
        from contextlib import closing

        from audience_desktop.core.history import unavailable

        problem = self.history_problem()
        if problem is not None:
            return problem
        timeout = self.history.busy_timeout
        try:
            db = sqlite3.connect(self.history_path, timeout=timeout, isolation_level=None)
            with closing(db):
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.execute("CREATE TABLE write_probe (x)")  # a write to the file's first page
                finally:
                    db.execute("ROLLBACK")
        except sqlite3.Error as exc:
            return unavailable(self.history_path, exc, timeout)
        return None

    def move_history_aside(self) -> Path:
        """Rename the history (and its side files) with a UTC stamp and begin a new one.

        For a damaged or too-new history the user chose to set aside: nothing is deleted or
        overwritten; the returned path is where the old one now is.
        """
        from audience_desktop.core.history import move_aside

        with self._lock:
            self._close_check_reader()
            if self._history is not None:
                self._history.close()
                self._history = None
        try:
            return move_aside(self.history_path)
        except OSError as exc:
            raise AppError(
                msg("history.cannot_open", path=str(self.history_path), error=str(exc)),
                hint=msg("history.cannot_open.hint"),
            ) from None

    # -- reading the history ---------------------------------------------------------------

    def attempts(self, limit: int | None = None) -> list[Attempt]:
        """Attempts, newest first."""
        return self.history.list(limit=limit)

    def attempt(self, row_id: int) -> Attempt:
        return self.history.get(row_id)

    def history_reader(self) -> HistoryReader:
        """A read-only view for paging and filtering (its own connection: any thread)."""
        from audience_desktop.core.history_query import HistoryReader

        self.history  # noqa: B018 - created and migrated before anyone reads it
        return HistoryReader(self.history_path)

    def export(
        self,
        attempts: Iterable[Attempt],
        out: TextIO,
        *,
        as_json: bool,
        delimiter: str = ",",
        bom: bool = False,
    ) -> None:
        """JSON, or CSV: plain RFC 4180 by default; a ``delimiter`` and a ``bom`` for Excel."""
        from audience_desktop.core.export import write_csv, write_json

        if as_json:
            write_json(attempts, out)
        else:
            write_csv(attempts, out, delimiter=delimiter, bom=bom)


def _open_client(profile: Profile) -> AepClient:
    from audience_desktop.core.session import open_client

    return open_client(profile)
