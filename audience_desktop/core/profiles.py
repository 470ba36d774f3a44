"""Profiles: the non-secret settings of one credential and sandbox, kept atomically on disk.

Secrets never appear here: the client secret and any token live in the OS keyring
(``core.credentials``), keyed by the profile's name.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import re
import stat
from dataclasses import asdict, dataclass, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from audience_desktop.core import aep
from audience_desktop.core.atomic import write_text_atomic
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import Message, msg
from audience_desktop.core.os_errors import os_reason
from audience_desktop.core.text import describe_char, first_control_char

PROFILE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")
ORG_ID_RE = re.compile(r"^[A-Za-z0-9]{6,64}@AdobeOrg$")
SANDBOX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,255}$")
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,255}$")
SCOPE_RE = re.compile(r"^[A-Za-z0-9_.:/-]+$")
PATH_RE = re.compile(r"^(/[A-Za-z0-9._~-]+)+$")
MAX_TIMEOUT = 600.0  # seconds; any one send ends within this (service.STALE_PENDING relies on it)
DEFAULT_TOTAL_TIMEOUT = 120.0  # the whole send, when the profile sets no limit of its own...
TOTAL_PER_READ = 5  # ...or five read timeouts, when that is shorter


class AuthKind(str, Enum):
    """How a profile gets its access token."""

    OAUTH = "oauth-s2s"  # client id + client secret, tokens minted and reused
    TOKEN = "token"  # an access token pasted from Developer Console


class ProfileInvalid(AppError, ValueError):
    """A profile setting that cannot work, said in plain words."""

    def __init__(self, message: Message) -> None:
        super().__init__(message, kind=ErrorKind.CONFIG)


def sandbox_text(name: str, title: str) -> str:
    """“Title (name)”, or the name alone when the title is unknown or the same."""
    return f"{title} ({name})" if title and title != name else name


@dataclass(frozen=True)
class Profile:
    """One org, credential and sandbox. Only non-secret values."""

    name: str
    org_id: str
    client_id: str
    sandbox: str
    scopes: str = aep.DEFAULT_SCOPES
    auth: AuthKind = AuthKind.OAUTH
    platform_url: str = aep.DEFAULT_PLATFORM_URL
    ais_path: str = aep.DEFAULT_AIS_PATH
    ims_url: str = aep.DEFAULT_IMS_URL
    sandbox_type: str = ""  # "production" / "development" when known from the sandbox list
    sandbox_title: str = ""  # the sandbox's title when known from the sandbox list (shown)
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    # The whole send: connect, request, every byte of the answer. None (not set) follows the
    # read timeout: see ``total_limit``.
    total_timeout: float | None = None
    # Look the name up in the sandbox before each create (issue 10); files written before
    # it existed load with it on.
    check_sandbox_before_create: bool = True

    @property
    def total_limit(self) -> float:
        """The total time limit of one send: as set, or else five read timeouts, at most
        two minutes (a 3 s read timeout gives up on a trickled answer within 15 s)."""
        return total_limit(self.total_timeout, self.read_timeout)

    @property
    def create_url(self) -> str:
        return f"{self.platform_url}{self.ais_path}/audiences"

    @property
    def sandbox_shown(self) -> str:
        """How the sandbox is named to a person: “Title (name)”, or the name alone when its
        title is not known (a profile saved before titles were kept, or typed by hand)."""
        return sandbox_text(self.sandbox, self.sandbox_title)

    @property
    def is_production(self) -> bool:
        return self.sandbox_type == "production" or (
            not self.sandbox_type and self.sandbox.lower() in ("prod", "production")
        )

    def validated(self) -> Profile:
        """Normalise URLs and check every field, or raise ProfileInvalid naming the field."""
        name = self.name.strip()
        if not PROFILE_NAME_RE.match(name):
            raise ProfileInvalid(msg("profile.bad_name"))
        org_id = self.org_id.strip()
        if not ORG_ID_RE.match(org_id):
            raise ProfileInvalid(msg("profile.bad_org", value=org_id))
        client_id = self.client_id.strip()
        if not CLIENT_ID_RE.match(client_id):
            raise ProfileInvalid(msg("profile.bad_client_id"))
        sandbox = self.sandbox.strip()
        if not sandbox:
            raise ProfileInvalid(msg("profile.no_sandbox"))
        if not SANDBOX_RE.match(sandbox):
            raise ProfileInvalid(msg("profile.bad_sandbox", value=sandbox))
        scopes = ",".join(s.strip() for s in self.scopes.split(",") if s.strip())
        for scope in scopes.split(",") if scopes else []:
            if not SCOPE_RE.match(scope):
                raise ProfileInvalid(msg("profile.bad_scope", value=scope))
        if self.auth == AuthKind.OAUTH and not scopes:
            raise ProfileInvalid(msg("profile.no_scopes"))
        ais_path = "/" + self.ais_path.strip().strip("/")
        if not PATH_RE.match(ais_path):
            raise ProfileInvalid(msg("profile.bad_path", value=self.ais_path))
        timeouts = [self.connect_timeout, self.read_timeout]
        if self.total_timeout is not None:
            timeouts.append(self.total_timeout)
        for timeout in timeouts:
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
                raise ProfileInvalid(msg("profile.bad_timeout"))
            if not 0 < timeout <= MAX_TIMEOUT:  # also refuses NaN
                raise ProfileInvalid(msg("profile.bad_timeout"))
        return replace(
            self,
            name=name,
            org_id=org_id,
            client_id=client_id,
            sandbox=sandbox,
            scopes=scopes,
            auth=AuthKind(self.auth),
            platform_url=check_url(self.platform_url, msg("label.platform_url"), allow_path=False),
            ais_path=ais_path,
            ims_url=check_url(self.ims_url, msg("label.ims_url"), allow_path=True),
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["auth"] = self.auth.value
        if data["total_timeout"] is None:  # not set: left out, as older versions expect
            del data["total_timeout"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["auth"] = AuthKind(values.get("auth", AuthKind.OAUTH.value))
        return cls(**values)


_TEXT_FIELDS = frozenset(
    f.name for f in fields(Profile) if f.type in ("str", "AuthKind")
)
_NUMBER_FIELDS = frozenset(f.name for f in fields(Profile) if f.type in ("float", "float | None"))
_BOOL_FIELDS = frozenset(f.name for f in fields(Profile) if f.type == "bool")
_OPTIONAL_FIELDS = frozenset(f.name for f in fields(Profile) if str(f.type).endswith("| None"))


def _profile_entries(data: object) -> tuple[list[dict[str, Any]], str | None]:
    """The file's profile objects, or where its shape is wrong (a JSON path and a type name:
    data, not a sentence, so the message around it stays translatable)."""
    if not isinstance(data, dict):
        return [], f"$: {json_type(data)}"
    entries = data.get("profiles", [])
    if not isinstance(entries, list):
        return [], f"$.profiles: {json_type(entries)}"
    for number, entry in enumerate(entries, start=1):
        problem = entry_problem(entry, f"$.profiles[{number - 1}]", required=("name",))
        if problem is not None:
            return [], problem
    return entries, None


def entry_problem(entry: object, where: str, required: tuple[str, ...]) -> str | None:
    """Where one profile object's shape is wrong (``where``, a JSON path, then the field and
    its JSON type), or None: a known field of the wrong type, or a ``required`` one missing."""
    if not isinstance(entry, dict):
        return f"{where}: {json_type(entry)}"
    for key, value in entry.items():
        text_ok = key not in _TEXT_FIELDS or isinstance(value, str)
        number_ok = (
            key not in _NUMBER_FIELDS
            or (isinstance(value, (int, float)) and not isinstance(value, bool))
            or (value is None and key in _OPTIONAL_FIELDS)
        )
        bool_ok = key not in _BOOL_FIELDS or isinstance(value, bool)
        if not (text_ok and number_ok and bool_ok):
            return f"{where}.{key}: {json_type(value)}"
    for key in required:
        if key not in entry:
            return f"{where}.{key}: —"
    return None


def json_type(value: object) -> str:
    """The JSON name of a value's type: what a person editing the file sees."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def total_limit(total_timeout: float | None, read_timeout: float) -> float:
    """A send's total time limit: ``total_timeout`` when set, else five read timeouts, at
    most two minutes."""
    if total_timeout is not None:
        return total_timeout
    return min(DEFAULT_TOTAL_TIMEOUT, TOTAL_PER_READ * read_timeout)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses: the only hosts plain http may reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(value: str, label: Message, *, allow_path: bool) -> str:
    """Return the URL without a trailing slash, or raise ProfileInvalid saying why not."""
    url = value.strip()
    bad = first_control_char(url)
    if bad is not None or " " in url:
        shown = describe_char(bad) if bad else msg("char.space")
        raise ProfileInvalid(msg("url.control", label=label, char=shown))
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a bad port
    except ValueError:
        raise ProfileInvalid(msg("url.invalid", label=label, value=url)) from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ProfileInvalid(msg("url.not_full", label=label, value=url))
    if parts.username or parts.password:
        raise ProfileInvalid(msg("url.credentials", label=label))
    if parts.query or parts.fragment:
        raise ProfileInvalid(msg("url.query", label=label))
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ProfileInvalid(msg("url.plain_http", label=label))
    if not allow_path and parts.path not in ("", "/"):
        raise ProfileInvalid(msg("url.has_path", label=label))
    del port
    return url.rstrip("/")


class ProfileStore:
    """Profiles in one JSON file, written atomically so a crash never loses them."""

    VERSION = 1

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Profile]:
        """All profiles by name; an unreadable file is an error, never silently replaced.

        Names are compared without surrounding spaces ("a" and "a " are one name), and a
        hand-edited file listing one name twice is refused rather than half-read.
        """
        where = str(self.path)
        if not self.path.exists():
            return {}
        try:
            text = read_capped(self.path).decode("utf-8")
        except NotRegular:  # a link to /dev/zero would be read forever, a pipe waited on
            raise ProfileInvalid(msg("profile.file_not_regular", path=where)) from None
        except TooLarge:
            raise ProfileInvalid(
                msg("profile.file_too_large", path=where, limit=MAX_FILE_BYTES // 1_000_000)
            ) from None
        except (OSError, UnicodeDecodeError) as exc:  # a folder in its place, no permission
            error = os_reason(exc)
            raise ProfileInvalid(msg("profile.file_unreadable", path=where, error=error)) from None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
            raise ProfileInvalid(
                msg("profile.file_damaged", path=where, error=type(exc).__name__)
            ) from None
        entries, problem = _profile_entries(data)
        if problem is not None:
            raise ProfileInvalid(msg("profile.file_shape", path=where, problem=problem))
        try:
            profiles = [Profile.from_json(entry) for entry in entries]
        except (ValueError, KeyError, TypeError) as exc:
            raise ProfileInvalid(
                msg("profile.file_damaged", path=where, error=type(exc).__name__)
            ) from None
        # A hand-edited file is checked like typed input: no plain http to Adobe, sane timeouts.
        checked: dict[str, Profile] = {}
        for profile in profiles:
            try:
                valid = profile.validated()
            except (ProfileInvalid, TypeError) as exc:
                reason = exc.message if isinstance(exc, ProfileInvalid) else type(exc).__name__
                raise ProfileInvalid(
                    msg("profile.unusable", name=profile.name, path=where, reason=reason)
                ) from None
            if valid.name in checked:
                raise ProfileInvalid(msg("profile.duplicate", path=where, name=valid.name))
            checked[valid.name] = valid
        return checked

    def get(self, name: str) -> Profile:
        profiles = self.load()
        if name not in profiles:
            known = ", ".join(sorted(profiles)) or "—"
            raise ProfileInvalid(msg("profile.unknown", name=name, known=known))
        return profiles[name]

    def save(self, profile: Profile) -> Profile:
        """Validate and add or replace ``profile``; returns the stored (normalised) one."""
        profile = profile.validated()
        profiles = self.load()
        profiles[profile.name] = profile
        self._write(profiles)
        return profile

    def remove(self, name: str) -> bool:
        profiles = self.load()
        if profiles.pop(name, None) is None:
            return False
        self._write(profiles)
        return True

    def _write(self, profiles: dict[str, Profile]) -> None:
        payload = {
            "version": self.VERSION,
            "profiles": [p.to_json() for p in sorted(profiles.values(), key=lambda p: p.name)],
        }
        write_text_atomic(self.path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


# The profiles file is read whole: a few kilobytes in practice. Anything larger is not one.
MAX_FILE_BYTES = 1_000_000


class NotRegular(Exception):
    """The path is a device, a pipe or a socket (a folder raises IsADirectoryError)."""


class TooLarge(Exception):
    """The file holds more than MAX_FILE_BYTES."""


def read_capped(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES, read without ever blocking on a
    pipe (opened non-blocking, checked before any read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegular(path)
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(path)
    return data
