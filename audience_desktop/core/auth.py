"""Access tokens: OAuth Server-to-Server minted and reused, or a token the user pasted.

Adobe throttles integrations that mint too many tokens, and a CLI loop runs one process per
call, so a minted token is cached in the keyring (beside the secret, never in a file) and
reused by every process until five minutes before it expires.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import httpx

from audience_desktop.core import credentials
from audience_desktop.core.credentials import SecretKind
from audience_desktop.core.errors import AepError, AppError, ErrorKind
from audience_desktop.core.messages import msg
from audience_desktop.core.net import cert_error, certificate_problem, send_bounded
from audience_desktop.core.profiles import AuthKind, Profile
from audience_desktop.core.redact import register_secret
from audience_desktop.core.text import describe_char, first_control_char, printable

log = logging.getLogger(__name__)

REFRESH_MARGIN = 300.0  # seconds before expiry when a token is no longer handed out
MAX_LIFETIME = 86400.0  # IMS tokens live 24 h: a longer claim is not believed
SHORT_LIFETIME = 2 * REFRESH_MARGIN  # a token living less is used here but not cached
TOKEN_ANSWER_LIMIT = 256 * 1024  # an IMS answer is a few kilobytes
MAX_TOKEN_LENGTH = 16 * 1024


@dataclass(frozen=True)
class Token:
    value: str
    expires_at: float  # epoch seconds; 0 when unknown
    margin: float = REFRESH_MARGIN  # a short-lived token keeps half its life as margin

    def usable(self, now: float) -> bool:
        return not self.expires_at or now < self.expires_at - self.margin


def token_lifetime(raw: object) -> float | None:
    """``expires_in`` as seconds, at most a day; None when no real lifetime can be read.

    0, negative, NaN, infinite or non-numbers are refused: a token "valid forever" would be
    cached forever, and one already expired would be minted again for every call.
    """
    if isinstance(raw, bool):
        return None
    try:
        seconds = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(seconds) or seconds <= 0:
        return None
    return min(seconds, MAX_LIFETIME)


class TokenSource(Protocol):
    """What the client needs: a token now, and a way to say it was refused."""

    def token(self) -> str: ...

    def refresh(self, rejected: str) -> str | None:
        """A new token after ``rejected`` was refused, or None when none can be had."""
        ...


class ServerToServerTokens:
    """Mints OAuth Server-to-Server tokens and reuses them across threads and processes."""

    def __init__(
        self,
        profile: Profile,
        http: httpx.Client,
        secret_reader: Callable[[], str | None] | None = None,
        clock: Callable[[], float] = time.time,
        cache: bool = True,
    ) -> None:
        self.profile = profile
        self.http = http
        self._read_secret = secret_reader or (
            lambda: credentials.get_secret(profile.name, SecretKind.CLIENT_SECRET)
        )
        self._clock = clock
        self._cache = cache
        self._lock = threading.Lock()
        self._token: Token | None = None
        self._secret_registered = False  # read once, even when only cached tokens are used
        self.minted = 0  # how many tokens this object asked IMS for

    def token(self) -> str:
        with self._lock:
            now = self._clock()
            if self._token is None or not self._token.usable(now):
                self._token = self._load_cached(now) or self._mint()
            return self._token.value

    def refresh(self, rejected: str) -> str | None:
        with self._lock:
            if self._token is not None and self._token.value != rejected:
                return self._token.value  # another thread already replaced it
            self._token = self._mint()
            return self._token.value

    def _fingerprint(self) -> str:
        # A cached token is only valid for the same credential, scopes and IMS.
        key = "\n".join((self.profile.client_id, self.profile.scopes, self.profile.ims_url))
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def _load_cached(self, now: float) -> Token | None:
        if not self._cache:
            return None
        raw = credentials.get_secret(self.profile.name, SecretKind.TOKEN_CACHE)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            token = Token(str(data["access_token"]), float(data["expires_at"]))
        except (ValueError, KeyError, TypeError):
            return None
        if data.get("for") != self._fingerprint() or not token.usable(now):
            return None
        if not math.isfinite(token.expires_at) or token.expires_at > now + MAX_LIFETIME:
            return None  # a damaged entry must not make a token live forever
        if first_control_char(token.value) is not None:
            return None
        register_secret(token.value)
        self._register_client_secret()
        return token

    def _register_client_secret(self) -> None:
        """Read the client secret only to register it, so that a server echoing it is masked
        even when no token is minted (a cached one is used). Once per token source: under
        its lock, on the thread that asks for a token, never the GUI thread."""
        if not self._secret_registered:
            register_secret(self._read_secret())  # a damaged entry raises, as a mint would
            self._secret_registered = True

    def _mint(self) -> Token:
        client_secret = self._read_secret()
        register_secret(client_secret)  # a typed or demo secret too: before IMS can echo it
        self._secret_registered = True
        if not client_secret:
            raise AepError(
                msg("auth.no_secret", profile=self.profile.name),
                kind=ErrorKind.AUTH,
                hint=msg("auth.no_secret.hint"),
            )
        form = {
            "grant_type": "client_credentials",
            "client_id": self.profile.client_id,
            "client_secret": client_secret,
            "scope": self.profile.scopes,
        }
        try:  # the secret goes in the body, never the URL; the send is bounded in total
            response = send_bounded(
                self.http,
                "POST",
                self.profile.ims_url,
                total_timeout=self.profile.total_timeout,
                limit=TOKEN_ANSWER_LIMIT,
                form=form,
            )
        except httpx.HTTPError as exc:
            problem = (
                certificate_problem(exc, self.profile.ims_url, self.profile.connect_timeout)
                if isinstance(exc, httpx.ConnectError)
                else None
            )
            if problem is not None:
                raise cert_error(problem, ErrorKind.AUTH, None) from None
            raise AepError(
                msg("auth.ims_unreachable", error=type(exc).__name__),
                kind=ErrorKind.AUTH,
                hint=msg("auth.ims_unreachable.hint"),
            ) from None
        if response.status_code != 200:
            raise AepError.from_response(
                response.status_code,
                response.content,
                response.headers.get("content-type", ""),
                kind=ErrorKind.AUTH,
                truncated=response.truncated,
            )
        try:
            data = response.json()
            raw_value = data["access_token"]
            raw_lifetime = data.get("expires_in", 86399)
        except (ValueError, KeyError, TypeError, AttributeError):
            raise AepError(
                msg("auth.no_usable_token"), kind=ErrorKind.AUTH, status=response.status_code
            ) from None
        value = raw_value if isinstance(raw_value, str) else ""
        if not value or len(value) > MAX_TOKEN_LENGTH or first_control_char(value) is not None:
            raise AepError(  # a line break in a header would be refused, or worse, obeyed
                msg("auth.no_usable_token"), kind=ErrorKind.AUTH, status=response.status_code
            )
        register_secret(value)
        lifetime = token_lifetime(raw_lifetime)
        if lifetime is None:
            raise AepError(
                msg("auth.bad_lifetime", value=printable(str(raw_lifetime), 40)),
                kind=ErrorKind.AUTH,
                status=response.status_code,
            )
        self.minted += 1
        token = Token(value, self._clock() + lifetime, min(REFRESH_MARGIN, lifetime / 2))
        log.info(
            "Minted an access token for profile %s (valid %.0f s)", self.profile.name, lifetime
        )
        if self._cache and lifetime >= SHORT_LIFETIME:
            payload = {
                "access_token": value,
                "expires_at": token.expires_at,
                "for": self._fingerprint(),
            }
            try:  # best effort: without the cache the next process mints again, no worse
                credentials.set_secret(
                    self.profile.name, SecretKind.TOKEN_CACHE, json.dumps(payload)
                )
            except AppError as error:
                log.warning("Could not cache the token in the keyring: %s", error.message.key)
        return token


class PastedToken:
    """A token the user pasted: used as is, never refreshed; warns before it expires."""

    def __init__(
        self,
        profile: Profile,
        reader: Callable[[], str | None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.profile = profile
        self._read = reader or (
            lambda: credentials.get_secret(profile.name, SecretKind.ACCESS_TOKEN)
        )
        self._clock = clock

    def token(self) -> str:
        value = self._read()
        register_secret(value)  # a token typed in Test connection is not from the keyring
        if not value:
            raise AepError(
                msg("auth.no_token", profile=self.profile.name),
                kind=ErrorKind.AUTH,
                hint=msg("auth.no_token.hint"),
            )
        bad = first_control_char(value)
        if bad is not None:  # HTTP would refuse the header (or split it): say so, send nothing
            raise AepError(
                msg("auth.token_control", char=describe_char(bad)),
                kind=ErrorKind.AUTH,
                hint=msg("auth.no_token.hint"),
            )
        expires_at = token_expiry(value)
        if expires_at and self._clock() >= expires_at:
            raise AepError(
                msg("auth.token_expired"), kind=ErrorKind.AUTH, hint=msg("auth.token_expired.hint")
            )
        return value

    def refresh(self, rejected: str) -> str | None:
        return None  # a pasted token cannot be renewed by us


def token_expiry(token: str) -> float:
    """Expiry (epoch seconds) read from an Adobe IMS JWT, or 0 when it cannot be read.

    The token is not verified: this only lets us warn before sending a dead token.
    """
    try:
        payload_b64 = token.split(".")[1]
        payload = json.loads(base64.urlsafe_b64decode(payload_b64 + "=" * (-len(payload_b64) % 4)))
        created_ms = float(payload["created_at"])
        lifetime_ms = float(payload["expires_in"])
        return (created_ms + lifetime_ms) / 1000.0
    except (IndexError, ValueError, KeyError, TypeError):
        return 0.0


def token_source(
    profile: Profile, http: httpx.Client, secret: Callable[[], str | None] | None = None
) -> TokenSource:
    """The token source a profile asks for.

    ``secret`` supplies a secret that is not in the keyring (typed but not saved yet, or
    the public demo one): it is used as given and no token is cached for it.
    """
    if profile.auth == AuthKind.TOKEN:
        return PastedToken(profile, reader=secret)
    if secret is not None:
        return ServerToServerTokens(profile, http, secret_reader=secret, cache=False)
    return ServerToServerTokens(profile, http)
