"""Everything a front end does with profiles, secrets and creates, in one place.

The CLI runs these calls directly; the GUI runs them on its worker thread. Keeping them
here means both front ends store secrets, reuse tokens and guard against duplicates the
same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import Attempt, History
from audience_desktop.core.paths import AppPaths
from audience_desktop.core.profiles import AuthKind, Profile, ProfileInvalid, ProfileStore
from audience_desktop.core.service import AudienceService, Outcome

if TYPE_CHECKING:  # httpx and keyring load on first use, off the window's start-up path
    from audience_desktop.core.client import AepClient, Sandbox


@dataclass(frozen=True)
class ProfileTest:
    """What "Test connection" found: the sandboxes, or why they could not be listed."""

    sandboxes: list[Sandbox]
    problem: str | None = None


class Workspace:
    """Profiles, history and cached clients for one app session."""

    def __init__(
        self,
        paths: AppPaths,
        history: History,
        client_factory: Callable[[Profile], AepClient] | None = None,
        fixed_profiles: dict[str, Profile] | None = None,
    ) -> None:
        self.paths = paths
        self.history = history
        self.store = ProfileStore(paths.profiles_file)
        self._factory = client_factory or _open_client
        self._fixed = fixed_profiles
        self._clients: dict[Profile, AepClient] = {}
        self._lock = threading.Lock()
        self.service = AudienceService(history, self.client_for)

    def profiles(self) -> dict[str, Profile]:
        return dict(self._fixed) if self._fixed is not None else self.store.load()

    def client_for(self, profile: Profile) -> AepClient:
        """One client per profile version, so its in-memory token is reused."""
        with self._lock:
            client = self._clients.get(profile)
            if client is None:
                client = self._clients[profile] = self._factory(profile)
            return client

    def create(
        self, profile: Profile, draft: AudienceDraft, cancel: threading.Event | None = None
    ) -> Outcome:
        client = self.client_for(profile)
        client.cancel = cancel or threading.Event()
        return self.service.create(profile, draft)

    def resolve(self, row_id: int) -> Attempt:
        """Look an unknown attempt up now (the user asked); one still in flight is left be."""
        attempt = self.history.get(row_id)
        profile = self.profiles().get(attempt.profile)
        if profile is None or profile.sandbox != attempt.sandbox:
            raise LookupError(
                f"The profile {attempt.profile!r} for sandbox {attempt.sandbox!r} no longer "
                "exists, so this attempt cannot be checked."
            )
        return self.service.resolve(attempt, self.client_for(profile))

    def save_profile(self, profile: Profile, secret: str | None) -> Profile:
        """Validate, store the secret (when given) in the keyring, then the profile.

        The new secret replaces the old one in place and the other kinds are removed only
        after the profile is saved, so a failed save leaves the previous profile working.
        """
        from audience_desktop.core import secrets

        profile = profile.validated()
        secrets.require_secure_backend()
        kind = (
            secrets.SecretKind.ACCESS_TOKEN
            if profile.auth is AuthKind.TOKEN
            else secrets.SecretKind.CLIENT_SECRET
        )
        previous = secrets.get_secret(profile.name, kind)
        if secret is None and previous is None:
            what = "access token" if kind is secrets.SecretKind.ACCESS_TOKEN else "client secret"
            raise ProfileInvalid(f"Enter the {what} for this profile.")
        if secret is not None:
            secrets.set_secret(profile.name, kind, secret)
        try:
            saved = self.store.save(profile)
        except BaseException:
            if secret is not None:  # put back what was there
                if previous is None:
                    secrets.delete_secret(profile.name, kind)
                else:
                    secrets.set_secret(profile.name, kind, previous)
            raise
        for other in secrets.SecretKind:  # the cached token and the other credential kind
            if other is not kind:
                secrets.delete_secret(profile.name, other)
        return saved

    def remove_profile(self, name: str) -> bool:
        from audience_desktop.core import secrets

        existed = self.store.remove(name)
        secrets.delete_profile_secrets(name)
        return existed

    def test_profile(self, profile: Profile, secret: str | None = None) -> ProfileTest:
        """Get a token and list sandboxes; a refused sandbox list is not a failure.

        ``secret`` is what the user just typed and has not saved yet; it is used for this
        test only and never cached.
        """
        from audience_desktop.core.errors import AepError
        from audience_desktop.core.session import open_client

        profile = profile.validated()
        client = (
            self._factory(profile)
            if secret is None
            else open_client(profile, secret=lambda: secret)
        )
        with client:
            client.tokens.token()
            try:
                return ProfileTest(client.list_sandboxes())
            except AepError as error:
                if error.status in (401, 403):
                    return ProfileTest([], error.describe())
                raise


def _open_client(profile: Profile) -> AepClient:
    from audience_desktop.core.session import open_client

    return open_client(profile)
