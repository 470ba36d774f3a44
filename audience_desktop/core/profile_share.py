"""Sharing a set-up: one profile in a file, without any secret, for an admin to hand out.

The file is JSON::

    {"format": "audience-desktop/profile", "version": 1,
     "profile": {"name": ..., "org_id": ..., "client_id": ..., "sandbox": ..., ...}}

``profile`` holds exactly the fields of ``profiles.json``'s entries (``Profile.to_json``).
Reading is strict, because the file comes from someone else: another format or version, a
damaged file, a field of the wrong type or unknown to this version, and anything that looks
like a secret are refused with a message, and nothing is changed. The importer types the
secret, as for a new profile.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from audience_desktop.core.atomic import write_text_atomic
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import msg
from audience_desktop.core.os_errors import os_reason
from audience_desktop.core.profiles import (
    MAX_FILE_BYTES,
    NotRegular,
    Profile,
    ProfileInvalid,
    TooLarge,
    entry_problem,
    json_type,
    read_capped,
)

FORMAT = "audience-desktop/profile"
VERSION = 1
_FIELDS = frozenset(f.name for f in fields(Profile))
_REQUIRED = ("name", "org_id", "client_id", "sandbox")
# A key naming a secret, anywhere in the file; and values shaped like one (an Adobe OAuth
# client secret starts "p8e-"; a bearer header; a JWT, as Adobe's access tokens are).
_SECRET_KEY = re.compile(r"secret|passw|token|private|bearer|authori[sz]ation|cookie", re.I)
_SECRET_VALUE = re.compile(r"^(p8e-|bearer\s)|^eyJ[\w-]*\.[\w-]+\.", re.I)


def export_text(profile: Profile) -> str:
    """The file's text for ``profile``: every non-secret setting, nothing from the keyring."""
    document = {"format": FORMAT, "version": VERSION, "profile": profile.to_json()}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_export(profile: Profile, path: Path, *, replace: bool) -> None:
    """Write ``profile``'s export to ``path`` atomically; an existing file only if ``replace``."""
    if path.exists() and not replace:
        raise ProfileInvalid(msg("share.file_exists", path=str(path)))
    try:
        write_text_atomic(path, export_text(profile))
    except OSError as exc:
        raise AppError(
            msg("share.write_failed", path=str(path), error=os_reason(exc)), kind=ErrorKind.CONFIG
        ) from None


def read_export(path: Path) -> Profile:
    """The profile in an export file, checked like typed input (not yet saved: the caller
    decides its name and asks for its secret), or ProfileInvalid saying what is wrong."""
    where = str(path)
    try:
        text = read_capped(path).decode("utf-8")
    except NotRegular:
        raise ProfileInvalid(msg("share.not_regular", path=where)) from None
    except TooLarge:
        raise ProfileInvalid(
            msg("share.too_large", path=where, limit=MAX_FILE_BYTES // 1_000_000)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileInvalid(msg("share.unreadable", path=where, error=os_reason(exc))) from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ProfileInvalid(
            msg("share.not_export", path=where, problem=type(exc).__name__)
        ) from None
    try:
        secret = _secret_field(document, "$")
    except RecursionError:  # absurdly deep nesting: no export looks like that
        raise ProfileInvalid(
            msg("share.not_export", path=where, problem="RecursionError")
        ) from None
    if secret is not None:
        raise ProfileInvalid(msg("share.secret", path=where, field=secret))
    return _profile(document, where)


def _profile(document: object, where: str) -> Profile:
    problem = _shape_problem(document)
    if problem is not None or not isinstance(document, dict):
        raise ProfileInvalid(msg("share.not_export", path=where, problem=problem or "$"))
    if document["version"] != VERSION:
        version = document["version"]
        raise ProfileInvalid(msg("share.version", path=where, version=version, known=VERSION))
    entry = document["profile"]
    try:
        return Profile.from_json(entry).validated()
    except ProfileInvalid as exc:
        raise ProfileInvalid(msg("share.unusable", path=where, reason=exc.message)) from None
    except ValueError:  # an unknown credential type
        problem = f"$.profile.auth: {entry.get('auth')!r}"
        raise ProfileInvalid(msg("share.not_export", path=where, problem=problem)) from None


def _shape_problem(document: object) -> str | None:
    """Where the document departs from the format (a JSON path, then what was found), or
    None: the marker, an integer version, and a profile of known fields of the right types."""
    if not isinstance(document, dict):
        return f"$: {json_type(document)}"
    found = document.get("format")
    if found != FORMAT:
        return f"$.format: {found!r}" if isinstance(found, str) else "$.format: —"
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        return f"$.version: {json_type(version) if 'version' in document else '—'}"
    if version != VERSION:
        return None  # said apart: a newer format, not a damaged file
    extra = sorted(set(document) - {"format", "version", "profile"})
    if extra:
        return f"$.{extra[0]}: ?"
    entry = document.get("profile")
    problem = entry_problem(entry, "$.profile", required=_REQUIRED)
    if problem is None and isinstance(entry, dict):
        unknown = sorted(set(entry) - _FIELDS)
        problem = f"$.profile.{unknown[0]}: ?" if unknown else None
    return problem


def _secret_field(value: Any, where: str) -> str | None:
    """The JSON path of the first key or value that looks like a secret, or None."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}"
            if _SECRET_KEY.search(str(key)):
                return path
            found = _secret_field(item, path)
            if found is not None:
                return found
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found = _secret_field(item, f"{where}[{number}]")
            if found is not None:
                return found
    elif isinstance(value, str) and _SECRET_VALUE.search(value.strip()):
        return where
    return None
