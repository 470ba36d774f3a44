"""The fake AEP: its state (tokens, audiences, queued faults, recorded requests) and routes.

It is as strict as Adobe's documented contract (the checks read the constants in
``core/aep.py``, the same ones the client uses to build its requests), so a client that
passes against it sends what the documentation asks for. It never touches a socket: the
plumbing in ``httpd`` hands it requests and plays the replies it returns.

Choices where the AEP documentation is silent (documented here once):
- an unknown ``x-sandbox-name`` answers the gateway's 403 ``403025`` "Profile is not valid";
- a blank (whitespace-only) required body field counts as empty;
- a queued fault is consumed only by a create that passed every strict check; a
  "processed" fault (drop_after_create, garbage_json, no_audience_id) on a duplicate name
  is consumed and the 409 is answered as usual;
- static ``accepted_tokens`` survive ``expire_tokens()`` (only minted tokens expire);
- the audience listing (``GET /data/core/ups/audiences``) pages with ``start`` (an offset)
  and ``limit``, answers ``_page.next`` (the next ``start``) and ``_links.next.href`` while
  more remain, and sorts by ``sort=updateTime:desc`` or ``creationTime`` (oldest first
  otherwise); children carry ``creationTime``/``updateTime`` in epoch milliseconds, a
  ``lifecycleState`` and ``type`` ``ExternalSegment`` for what the create call made;
- ``config.listing_forbidden`` answers every audience read (list, lookup, one audience)
  with a service-shape 403, as for a credential that may create but not read;
- ``DELETE /data/core/ups/audiences/{id}`` takes the system ``id`` only (whether AEP
  accepts an ``audienceId`` there is unconfirmed): 204, or 404 (100940) when unknown.

The control endpoints (``/__local__/...``: queue faults, read every audience) are not AEP's.
Loopback alone does not protect them: a web page in the user's browser may send requests to
127.0.0.1. So each control request needs the per-run ``X-Local-Control-Token`` (403
without it, checked first), and a control POST needs ``Content-Type: application/json``
(415 otherwise), which a page can only send after a CORS preflight this server refuses.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import traceback
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote, urlencode

from audience_desktop.core import aep
from audience_desktop.localserver.config import ServerConfig
from audience_desktop.localserver.faults import Fault
from audience_desktop.localserver.httpd import (
    FORM_CONTENT_TYPE,
    RecordedRequest,
    Reply,
    media_type,
)
from audience_desktop.localserver.ratelimit import TokenBucket
from audience_desktop.localserver.shapes import (
    CONTROL_AUDIENCES_PATH,
    CONTROL_FAULTS_PATH,
    CONTROL_PATHS,
    CONTROL_TOKEN_HEADER,
    IMS_TOKEN_PATH,
    fault_reply,
    gateway_error,
    ims_error,
    json_reply,
    segmentation_error,
    service_error,
)

LOOKUP_DEFAULT_LIMIT = 20
AUDIENCE_ITEM_PREFIX = aep.AUDIENCE_LOOKUP_PATH + "/"
_SORT_KEYS = {"updateTime", "creationTime", "name"}


@dataclass(frozen=True)
class _Minted:
    client_id: str
    expires_at: float  # time.monotonic() deadline


class FakeAep:
    """AEP's create, sandbox and lookup endpoints plus IMS, answering one request at a time.

    Handler threads call it concurrently: every piece of state is read and changed under
    one lock.
    """

    def __init__(self, config: ServerConfig, stopped: threading.Event, control_token: str) -> None:
        self.config = config
        self.control_token = control_token  # required on every control request
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # tracebacks of server-side bugs; tests assert it stays empty
        self._stopped = stopped  # set when the server stops: cuts the configured latency short
        self._lock = threading.Lock()
        self._tokens: dict[str, _Minted] = {}
        self._faults: deque[Fault] = deque()
        self._audiences: dict[str, list[dict[str, Any]]] = {}
        self._bucket: TokenBucket | None = None  # made for the configured create rate limit
        self.throttled = 0  # creates answered 429 by the rate limit

    # inspection and control

    def create_requests(self) -> list[RecordedRequest]:
        paths = self._create_paths()
        return [r for r in list(self.requests) if r.method == "POST" and r.path in paths]

    def token_requests(self) -> list[RecordedRequest]:
        return [r for r in list(self.requests) if r.path == IMS_TOKEN_PATH]

    def audiences(self, sandbox: str) -> list[dict[str, Any]]:
        """Copies of what has been created in one sandbox, oldest first."""
        with self._lock:
            return [dict(audience) for audience in self._audiences.get(sandbox, [])]

    def inject(self, *faults: Fault) -> None:
        """Queue faults; each one plays on the next create that passes the strict checks."""
        with self._lock:
            self._faults.extend(faults)

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def expire_tokens(self) -> None:
        """Invalidate every minted token (static accepted_tokens stay valid)."""
        with self._lock:
            self._tokens.clear()

    # what the HTTP plumbing calls (httpd.App)

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def respond(self, request: RecordedRequest) -> Reply:
        if self.config.latency > 0 and self._stopped.wait(self.config.latency):
            return Reply(0, drop=True)
        try:
            return self._route(request)
        except Exception:
            self.note_error()
            return service_error(500, "Internal error", "The local server failed")

    def refuse(self, status: int, title: str, detail: str) -> Reply:
        return service_error(status, title, detail)

    def note_error(self) -> None:
        with self._lock:
            self.errors.append(traceback.format_exc())

    # routing

    def _create_paths(self) -> set[str]:
        return {prefix.rstrip("/") + "/audiences" for prefix in self.config.ais_paths}

    def _route(self, request: RecordedRequest) -> Reply:
        create = {"POST": self._create}
        sandboxes = {"GET": self._sandboxes}
        routes: dict[str, dict[str, Callable[[RecordedRequest], Reply]]] = {
            IMS_TOKEN_PATH: {"POST": self._token},
            aep.SANDBOXES_PATH: sandboxes,
            aep.SANDBOXES_PATH.rstrip("/"): sandboxes,
            aep.AUDIENCE_LOOKUP_PATH: {"GET": self._lookup},
            CONTROL_FAULTS_PATH: {"GET": self._control_list_faults, "POST": self._control_faults},
            CONTROL_AUDIENCES_PATH: {"GET": self._control_audiences},
        }
        routes.update(dict.fromkeys(self._create_paths(), create))
        by_method = routes.get(request.path)
        if by_method is None and request.path.startswith(AUDIENCE_ITEM_PREFIX):
            by_method = {"GET": self._audience, "DELETE": self._delete}
        if by_method is None:
            detail = f"No resource at {request.method} {request.path}"
            return service_error(404, "Not found", detail, aep.EA_NOT_FOUND)
        handler = by_method.get(request.method)
        if handler is None:
            reply = service_error(405, "Method not allowed", f"Use {', '.join(by_method)}")
            reply.headers["Allow"] = ", ".join(by_method)
            return reply
        if request.path in CONTROL_PATHS:
            refused = self._check_control(request)
            if refused is not None:
                return refused
        return handler(request)

    # IMS

    def _token(self, request: RecordedRequest) -> Reply:
        if {"client_id", "client_secret"} & request.query.keys():
            return ims_error(400, "invalid_request", "credentials must be in the body")
        if request.form is None:
            return ims_error(400, "invalid_request", f"the body must be {FORM_CONTENT_TYPE}")
        form = request.form
        if form.get("grant_type") != "client_credentials":
            return ims_error(400, "unsupported_grant_type")
        client_id = form.get("client_id", "")
        expected = self.config.clients.get(client_id)
        given = form.get("client_secret", "")
        if expected is None or not secrets.compare_digest(expected.encode(), given.encode()):
            return ims_error(401, "invalid_client")
        if not form.get("scope", "").strip():
            return ims_error(400, "invalid_scope", "scope is required")
        token = secrets.token_urlsafe(32)
        lifetime = self.config.token_lifetime
        with self._lock:
            self._tokens[token] = _Minted(client_id, time.monotonic() + lifetime)
        return json_reply(
            200, {"access_token": token, "token_type": "bearer", "expires_in": lifetime}
        )

    # gateway and header checks, in the order the gateway applies them

    def _check_gateway(self, request: RecordedRequest) -> Reply | None:
        headers, config = request.headers, self.config
        auth = headers.get(aep.H_AUTH, "").strip()
        if not auth:
            return gateway_error(403, aep.GW_TOKEN_MISSING, "Oauth token is missing")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        bearer = scheme.lower() == "bearer" and bool(token)
        with self._lock:
            minted = self._tokens.get(token) if bearer else None
        client_id: str | None
        if minted is not None and minted.expires_at > time.monotonic():
            client_id = minted.client_id
        elif bearer and token in config.accepted_tokens:
            client_id = None  # a pasted token: any known client id may go with it
        else:
            return gateway_error(401, aep.GW_TOKEN_INVALID, "Oauth token is not valid")
        api_key = headers.get(aep.H_API_KEY, "").strip()
        if not api_key:
            return gateway_error(403, aep.GW_API_KEY_REQUIRED, "Api Key is required")
        if api_key != client_id and not (client_id is None and api_key in config.clients):
            return gateway_error(403, aep.GW_API_KEY_INVALID, "Api Key is invalid")
        org = headers.get(aep.H_ORG, "").strip()
        if not org:
            message = "Missing x-gw-ims-org-id header"
            return gateway_error(400, aep.GW_ORG_MISSING, message)
        if org != config.org_id:
            message = "Invalid imsOrgId"
            return segmentation_error(request, 401, aep.EA_INVALID_ORG, message, "Unauthorized")
        return None

    def _check_sandbox(self, request: RecordedRequest) -> str | Reply:
        """The sandbox name, or the refusal: the gateway's checks first, then the header's."""
        denied = self._check_gateway(request)
        if denied is not None:
            return denied
        name = request.headers.get(aep.H_SANDBOX, "").strip()
        if not name:
            message = "Missing header x-sandbox-name"
            return segmentation_error(request, 401, aep.EA_MISSING_HEADER, message, "Unauthorized")
        if name not in {sandbox.get("name") for sandbox in self.config.sandboxes}:
            return gateway_error(403, aep.GW_PROFILE_INVALID, "Profile is not valid")
        return name

    # AEP endpoints

    def _over_rate_limit(self) -> bool:
        """True when this create is beyond the configured rate (counted in ``throttled``)."""
        rate = self.config.create_rate_limit
        if rate <= 0:
            return False
        with self._lock:
            if self._bucket is None or self._bucket.rate != rate:
                self._bucket = TokenBucket(rate)
            bucket = self._bucket
        if bucket.take():
            return False
        with self._lock:
            self.throttled += 1
        return True

    def _create(self, request: RecordedRequest) -> Reply:
        sandbox = self._check_sandbox(request)
        if isinstance(sandbox, Reply):
            return sandbox
        if self._over_rate_limit():  # the gateway meters before the service looks
            return gateway_error(429, "429050", "Too many requests")
        for key, value in aep.CREATE_QUERY.items():
            if request.query.get(key) != [value]:
                return service_error(400, "Bad request", f"{key}={value} is required")
        if request.headers.get(aep.H_ACCEPT, "").strip() != aep.CREATE_ACCEPT:
            detail = f"Accept must be '{aep.CREATE_ACCEPT}'"
            return service_error(406, "Not acceptable", detail)
        if not _is_json_content_type(request.headers.get(aep.H_CONTENT_TYPE)):
            detail = f"Content-Type must be '{aep.JSON_CONTENT_TYPE}'"
            return service_error(415, "Unsupported media type", detail)
        body = _validate_body(request.body)
        if isinstance(body, str):
            code = aep.EA_VALIDATION_FAILED
            return segmentation_error(request, 400, code, body, "Validation failed")

        with self._lock:
            fault = self._faults.popleft() if self._faults else None
        if fault is not None and not fault.processed:
            return fault_reply(fault)

        audience = self._store(sandbox, body)
        if audience is None:
            message = "DUPLICATE_RESOURCE: The audience already exists"
            return segmentation_error(request, 409, aep.EA_DUPLICATE, message, "Conflict")
        if fault is not None:
            return fault_reply(fault, audience)
        answer = {"id": audience["id"], "name": audience["name"]}
        answer["audienceId"] = audience["audienceId"]
        if not self.config.include_id:
            del answer["id"]
        return json_reply(200, answer)

    def _store(self, sandbox: str, body: Mapping[str, str]) -> dict[str, Any] | None:
        """Store a created audience; None when its name already exists (and that conflicts)."""
        now = datetime.now(timezone.utc)
        created = now.isoformat(timespec="milliseconds")
        millis = int(now.timestamp() * 1000)
        audience: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "audienceId": body.get("audienceId") or str(uuid.uuid4()),
            "name": body["name"],
            "description": body.get("description", ""),
            "namespace": body["namespace"],
            "originName": body["originName"],
            "sandbox": sandbox,
            "createdAt": created.replace("+00:00", "Z"),
            "creationTime": millis,
            "updateTime": millis,
            "lifecycleState": "published",
            "type": "ExternalSegment",
        }
        with self._lock:
            stored = self._audiences.setdefault(sandbox, [])
            if self.config.duplicate_name_conflict and any(
                existing["name"] == audience["name"] for existing in stored
            ):
                return None
            stored.append(audience)
        return dict(audience)

    def _sandboxes(self, request: RecordedRequest) -> Reply:
        denied = self._check_gateway(request)
        if denied is not None:
            return denied
        sandboxes = [dict(sandbox) for sandbox in self.config.sandboxes]
        page = {"limit": 50, "count": len(sandboxes)}
        return json_reply(200, {"sandboxes": sandboxes, "_page": page})

    def _readable_sandbox(self, request: RecordedRequest) -> str | Reply:
        """The sandbox of an audience read, or its refusal (``listing_forbidden`` included)."""
        sandbox = self._check_sandbox(request)
        if isinstance(sandbox, Reply) or not self.config.listing_forbidden:
            return sandbox
        detail = "The API client is not authorized to view audiences in this sandbox"
        return service_error(403, "Forbidden", detail, aep.EA_NOT_AUTHORIZED)

    def _lookup(self, request: RecordedRequest) -> Reply:
        sandbox = self._readable_sandbox(request)
        if isinstance(sandbox, Reply):
            return sandbox
        limit = _non_negative_int(request.query, "limit", LOOKUP_DEFAULT_LIMIT)
        start = _non_negative_int(request.query, "start", 0)
        if not limit or start is None:
            detail = "limit must be an integer >= 1 and start an integer >= 0"
            return service_error(400, "Bad request", detail)
        matches = self.audiences(sandbox)
        name = _first(request.query, "name")
        if name:
            matches = [a for a in matches if name.casefold() in a["name"].casefold()]
        for condition in request.query.get("property", []):
            key, equals, value = condition.partition("==")
            if not equals or key not in ("audienceId", "id", "name"):
                detail = f"Unsupported property filter {condition!r}; use audienceId==X"
                return service_error(400, "Bad request", detail)
            matches = [a for a in matches if a[key] == value]
        sort = _first(request.query, "sort")
        if sort:
            key, _colon, order = sort.partition(":")
            if key not in _SORT_KEYS or order not in ("", "asc", "desc"):
                return service_error(400, "Bad request", f"Unsupported sort {sort!r}")
            matches.sort(key=lambda a: a[key], reverse=order == "desc")
        children = matches[start : start + limit]
        page: dict[str, Any] = {"totalCount": len(matches), "pageSize": len(children)}
        answer: dict[str, Any] = {"children": children, "_page": page}
        if start + limit < len(matches):
            page["next"] = str(start + limit)
            query = {k: v for k, v in request.query.items() if k != "start"}
            query["start"] = [page["next"]]
            href = aep.AUDIENCE_LOOKUP_PATH + "?" + urlencode(query, doseq=True)
            answer["_links"] = {"next": {"href": href}}
        return json_reply(200, answer)

    def _audience(self, request: RecordedRequest) -> Reply:
        """One audience by system id (``GET /data/core/ups/audiences/{id}``)."""
        sandbox = self._readable_sandbox(request)
        if isinstance(sandbox, Reply):
            return sandbox
        wanted = unquote(request.path[len(AUDIENCE_ITEM_PREFIX) :])
        for audience in self.audiences(sandbox):
            if audience["id"] == wanted:
                return json_reply(200, audience)
        return self._no_audience(wanted)

    def _delete(self, request: RecordedRequest) -> Reply:
        sandbox = self._check_sandbox(request)
        if isinstance(sandbox, Reply):
            return sandbox
        wanted = unquote(request.path[len(AUDIENCE_ITEM_PREFIX) :])
        with self._lock:
            stored = self._audiences.get(sandbox, [])
            kept = [audience for audience in stored if audience["id"] != wanted]
            found = len(kept) != len(stored)
            self._audiences[sandbox] = kept
        return Reply(204) if found else self._no_audience(wanted)

    @staticmethod
    def _no_audience(wanted: str) -> Reply:
        detail = f"No audience with id {wanted!r} in this sandbox"
        return service_error(404, "Not found", detail, aep.EA_NOT_FOUND)

    def add_audiences(self, sandbox: str, audiences: list[dict[str, Any]]) -> None:
        """Store audiences made elsewhere (a colleague, the AEP UI): tests and the demo."""
        with self._lock:
            self._audiences.setdefault(sandbox, []).extend(dict(a) for a in audiences)

    # control endpoints for manual demos and tests (see the module docstring)

    def _check_control(self, request: RecordedRequest) -> Reply | None:
        given = request.headers.get(CONTROL_TOKEN_HEADER.lower(), "")
        if not secrets.compare_digest(given.encode(), self.control_token.encode()):
            detail = f"Send this run's control token in the {CONTROL_TOKEN_HEADER} header"
            return service_error(403, "Forbidden", detail)
        if request.method == "POST" and not _is_json_content_type(
            request.headers.get(aep.H_CONTENT_TYPE)
        ):
            detail = f"Content-Type must be '{aep.JSON_CONTENT_TYPE}'"
            return service_error(415, "Unsupported media type", detail)
        return None

    def _control_faults(self, request: RecordedRequest) -> Reply:
        try:
            data = json.loads(request.body or b"null")
            if not isinstance(data, dict) or not isinstance(data.get("faults"), list):
                raise ValueError('expected {"faults": [{"kind": ...}, ...]}')
            faults = [Fault.from_dict(item) for item in data["faults"]]
        except (ValueError, TypeError, RecursionError) as exc:
            return service_error(400, "Bad request", str(exc))
        self.inject(*faults)
        return self._control_list_faults(request, queued=len(faults))

    def _control_list_faults(self, request: RecordedRequest, queued: int = 0) -> Reply:
        pending = [fault.to_dict() for fault in self.pending_faults()]
        return json_reply(200, {"queued": queued, "pending": pending})

    def _control_audiences(self, request: RecordedRequest) -> Reply:
        sandbox = _first(request.query, "sandbox")
        if sandbox is not None:
            return json_reply(200, {"audiences": self.audiences(sandbox)})
        with self._lock:
            everything = [dict(a) for stored in self._audiences.values() for a in stored]
        return json_reply(200, {"audiences": everything})


# --- request parsers ------------------------------------------------------------------------


def _is_json_content_type(value: str | None) -> bool:
    media, params = media_type(value)
    return media == aep.JSON_CONTENT_TYPE and params in ([], ["charset=utf-8"])


def _first(values: Mapping[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None


def _validate_body(body: bytes) -> dict[str, str] | str:
    """The create body as a dict, or the reason it is refused (100910)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return "The request body is not valid JSON"
    if not isinstance(data, dict):
        return "The request body must be a JSON object"
    unknown = sorted(set(data) - set(aep.BODY_FIELDS))
    if unknown:
        return f"Unknown field(s): {', '.join(unknown)}"
    for name in aep.REQUIRED_BODY_FIELDS:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            return f"Field '{name}' is required and must be a non-empty string"
    for name in aep.BODY_FIELDS:
        if name in data and not isinstance(data[name], str):
            return f"Field '{name}' must be a string"
    return data


def _non_negative_int(query: Mapping[str, list[str]], key: str, default: int) -> int | None:
    raw = _first(query, key)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()):
        return None
    return int(raw)
