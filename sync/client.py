"""The hub client: enrollment, push, pull and sync over HTTP (``requests``; no Qt).

Everything here is safe to repeat.  A push is idempotent on the hub by (origin, seq),
so a lost reply is simply sent again and answered ``duplicate``; the local
``push_cursor`` only moves past changes the hub answered.  A pull page is applied and
its cursor saved in one transaction, so a crash (or a pulled cable) in the middle
loses nothing and applies nothing twice.  See ``docs/hub-protocol.md``.

    settings = enroll(ledger, "https://hub.example.cn", "K7Q2M9XR4T")
    result = SyncClient(ledger).sync(progress=..., cancelled=...)

Attachment contents (blobs) travel after the records: a sync is push, upload of the
pushed attachments' contents the hub lacks, pull, download of the received ones this
ledger lacks.  A content the hub does not have yet is not a failure; it stays listed in
meta "sync_missing_blobs" and is asked for again at the next sync.

Settings, the device token included, live in the ledger's ``meta`` ("sync_settings").
``progress(done, total)`` is called between batches and pages (``total`` 0 = unknown,
as for pulls); ``cancelled()`` returning True stops at the next batch or page boundary
with :class:`SyncCancelled` (what was already stored stays stored).  A progress
callback may itself raise to cancel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import platform
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import requests

from desktop.ledger.changes import Change
from desktop.errors import Label, LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import DELETED, KINDS

CTX = "sync"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

SETTINGS_KEY = "sync_settings"
PUSH_CURSOR = "push_cursor"
PULL_CURSOR = "pull_cursor"
REJECTED_KEY = "sync_rejected"
LAST_SYNC = "last_sync"
LAST_SYNC_ERROR = "last_sync_error"
#: attachment contents this ledger lacks and has not received yet (JSON list of sha256):
#: the hub did not have them (yet) at the last sync; they are asked for again at the next
MISSING_BLOBS = "sync_missing_blobs"
#: a first sync through the hub's snapshot, under way: {"upto", "count", "downloaded", "applied"}
SNAPSHOT_STATE = "sync_snapshot"
#: contents of pushed attachments not yet checked/uploaded (JSON list of sha256)
BLOB_UPLOADS = "sync_blob_uploads"
REJECTED_KEPT = 200

#: the protocol's limits (docs/hub-protocol.md)
MAX_PUSH = 2000
MAX_PULL = 5000
MAX_BLOB = 50 * 1024 * 1024
MAX_BLOB_QUERY = 1000
#: the blob lists in meta are rewritten after this many settled digests (and at the end)
LIST_FLUSH = 100
#: a clock further from the hub's than this is worth a warning
SKEW_WARNING_MS = 5 * 60 * 1000
#: changes whose body is smaller than this go uncompressed (gzip would not pay)
GZIP_MIN_BYTES = 1024

USER_AGENT = "township-ledger/0.1"
#: retries of a connection error before the hub has answered anything (then settings.retries)
FIRST_CONTACT_RETRIES = 1


# ============================================================================ errors
def _localise(value: object, language: str | None) -> object:
    text = getattr(value, "text", None)
    return text(language) if callable(text) else value


class SyncError(LedgerError):
    """Base of every sync failure; messages are in the "sync" translation context."""

    message = QT_TRANSLATE_NOOP("sync", "Synchronisation with the hub failed.")

    def text(self, language: str | None = None) -> str:
        params = {k: _localise(v, language) for k, v in self.params.items()}
        return translate(CTX, self.message, language).format(**params)


class NotEnrolled(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "This ledger is not enrolled with a hub yet. Enroll it first with: township-ledger enroll --hub URL --code CODE")


class BadHubUrl(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "\"{url}\" is not a hub address; it must start with http:// or https://.")


class HubUnreachable(SyncError):
    """Connection refused, timed out, name not found, proxy failing — after the retries."""

    message = QT_TRANSLATE_NOOP("sync", "Cannot reach the hub at {url}: {reason}.")


class CertificateError(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "The hub's certificate at {url} could not be verified ({detail}). Check the CA bundle in the sync settings.")


class NotAHub(SyncError):
    """A 404, or an answer that is not the hub's JSON (a network login page, a wrong address)."""

    message = QT_TRANSLATE_NOOP("sync", "The address {url} did not answer like a Township Ledger hub ({detail}). Check the hub address, or whether the network asks you to log in first.")


class HubTrouble(SyncError):
    """5xx or 429 still after every retry."""

    message = QT_TRANSLATE_NOOP("sync", "The hub at {url} is having trouble (HTTP {status}); nothing was lost. Try again later.")


class Unauthorized(SyncError):
    """401: the token is unknown to the hub or was revoked."""

    message = QT_TRANSLATE_NOOP("sync", "The hub no longer accepts this computer: its access was revoked, or the hub does not know it. Nothing was lost; ask the hub's administrator.")


class DeviceRevoked(SyncError):
    """The hub refuses to enroll a device id it revoked."""

    message = QT_TRANSLATE_NOOP("sync", "This computer was revoked at the hub. Only an enrollment code the hub's administrator issues after the revocation lets it in again.")


class BadEnrollmentCode(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "The hub did not accept the enrollment code: it is wrong, already used or expired. Ask the hub's administrator for a new code.")


class EnrollmentCodeExpired(BadEnrollmentCode):
    message = QT_TRANSLATE_NOOP("sync", "The enrollment code has expired. Ask the hub's administrator for a new code.")


class EnrollmentCodeUsed(BadEnrollmentCode):
    message = QT_TRANSLATE_NOOP("sync", "The enrollment code has already been used. Ask the hub's administrator for a new code.")


class EnrollmentCodeSpent(BadEnrollmentCode):
    """403 after an attempt whose answer was lost: the lost attempt may have used the code."""

    message = QT_TRANSLATE_NOOP("sync", "The connection broke during enrollment and the code is now used up. Ask the hub's administrator for a new code.")


class SchemaTooNew(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "The hub runs an older version of the program and cannot store this ledger's data (schema {schema}); nothing was stored. The hub must be updated first.")


class HubTooNew(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "The hub sends records this version of the program does not know ({detail}); nothing of them was applied. Please update the program.")


class HubRefused(SyncError):
    """A final 4xx other than the above (bad request, too large, invalid)."""

    message = QT_TRANSLATE_NOOP("sync", "The hub refused the request (HTTP {status}: {detail}).")


class ProtocolError(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "The hub gave an answer this program does not understand ({detail}).")


class SyncCancelled(SyncError):
    message = QT_TRANSLATE_NOOP("sync", "Synchronisation was cancelled; what was already exchanged is kept.")


class _TooLarge(Exception):
    """413: the push splits its batch."""


class _BlobNotFound(Exception):
    """404 not_found on /v1/blobs/…: the hub lacks the content (or it is not ours to read)."""


# reasons shown inside HubUnreachable
R_REFUSED = QT_TRANSLATE_NOOP("sync", "the connection was refused (is the hub running?)")
R_TIMEOUT = QT_TRANSLATE_NOOP("sync", "no answer in time")
R_NAME = QT_TRANSLATE_NOOP("sync", "the hub's name could not be found (no network?)")
R_PROXY = QT_TRANSLATE_NOOP("sync", "the proxy server failed")
R_BROKEN = QT_TRANSLATE_NOOP("sync", "the connection broke")

# clock warnings
W_AHEAD_MIN = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} minutes ahead of the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_BEHIND_MIN = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} minutes behind the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_AHEAD_H = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} hours ahead of the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_BEHIND_H = QT_TRANSLATE_NOOP("sync", "This computer's clock is {n} hours behind the hub's. Please correct the date and time, or its changes will be ordered wrongly.")
W_BLOB_TOO_LARGE = QT_TRANSLATE_NOOP("sync", "The attached file \"{name}\" is larger than the hub accepts (50 MB); its record was sent, its content was not.")

# summaries of refused changes (for the CLI and the GUI)
M_REFUSED_SCOPE = QT_TRANSLATE_NOOP("sync", "the hub refused {n} changes outside your scope {scope}")
M_REFUSED = QT_TRANSLATE_NOOP("sync", "the hub refused {n} changes (first reason: {reason})")


# ============================================================================ settings
@dataclass
class SyncSettings:
    """How to reach the hub.  Kept as JSON in the ledger's meta ("sync_settings")."""

    hub_url: str = ""
    token: str = field(default="", repr=False)
    #: the scope the hub enrolled this device for (from the enrollment answer)
    scope: str | None = None
    name: str = ""
    enrolled_at: str = ""
    #: requests-style proxies, e.g. {"http": "http://10.0.0.1:8080", "https": "http://10.0.0.1:8080"}
    proxies: dict[str, str] = field(default_factory=dict)
    #: a CA bundle file (wins over ``verify``) or None
    ca_bundle: str | None = None
    verify: bool = True
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    batch_size: int = 1000
    page_size: int = 2000
    #: a first sync of at least this many changes comes as one resumable snapshot file
    #: rather than page by page (0: never)
    snapshot_min: int = 20_000
    retries: int = 5
    backoff_base: float = 1.0
    backoff_cap: float = 30.0

    @property
    def enrolled(self) -> bool:
        return bool(self.hub_url and self.token)

    @property
    def requests_verify(self) -> bool | str:
        return self.ca_bundle if self.ca_bundle else self.verify

    def set_proxy(self, url: str | None) -> None:
        self.proxies = {"http": url, "https": url} if url else {}

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "SyncSettings":
        """Unknown keys are ignored, missing ones take their defaults, garbage gives defaults."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        names = {f.name: f for f in dataclasses.fields(cls)}
        kept = {}
        for key, value in data.items():
            f = names.get(key)
            if f is None:
                continue
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
            if default is not None and value is not None and not isinstance(value, type(default)):
                if isinstance(default, float) and isinstance(value, int):
                    value = float(value)
                else:
                    continue
            kept[key] = value
        return cls(**kept)


def load_settings(ledger) -> SyncSettings:
    return SyncSettings.from_json(ledger.meta(SETTINGS_KEY))


def save_settings(ledger, settings: SyncSettings) -> None:
    ledger.set_meta(SETTINGS_KEY, settings.to_json())


def normalise_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadHubUrl(url=url)
    return url.rstrip("/")


def rejected_changes(ledger) -> list[dict]:
    """What the hub (or this ledger, for pulled ones) refused, oldest first (the last 200):
    ``{"origin", "seq", "kind", "id", "scope", "reason", "at", "direction"}``."""
    try:
        data = json.loads(ledger.meta(REJECTED_KEY) or "[]")
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _total_length(resp: requests.Response) -> int | None:
    """The whole file's size: from Content-Range of a 206, else Content-Length."""
    rng = resp.headers.get("Content-Range", "")
    if resp.status_code == 206 and "/" in rng and rng.rsplit("/", 1)[1].isdigit():
        return int(rng.rsplit("/", 1)[1])
    length = resp.headers.get("Content-Length", "")
    return int(length) if resp.status_code == 200 and length.isdigit() else None


def _now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


# ============================================================================ results
@dataclass
class PushResult:
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    #: changes not sent: published downward by a level above (the hub already has them)
    skipped: int = 0
    batches: int = 0
    #: the refused changes of this push: (change, reason)
    refused: list[tuple[Change, str]] = field(default_factory=list)
    #: attachment contents uploaded, and those the hub already had
    blobs_uploaded: int = 0
    blobs_present: int = 0
    #: attachment contents too large for the hub (sha256)
    blobs_too_large: list[str] = field(default_factory=list)


@dataclass
class PullResult:
    received: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflicts: int = 0
    flagged_future: int = 0
    pages: int = 0
    #: whether the first sync came as a snapshot, and its bytes downloaded in this run
    snapshot: bool = False
    snapshot_bytes: int = 0
    #: attachment contents downloaded; those the hub did not have (still in "sync_missing_blobs")
    blobs_downloaded: int = 0
    blobs_missing: list[str] = field(default_factory=list)


@dataclass
class SyncResult:
    push: PushResult
    pull: PullResult
    clock_skew_ms: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Everything was pushed (nothing refused) and pulled."""
        return self.push.rejected == 0


@dataclass
class TransferStats:
    requests: int = 0
    retries: int = 0
    #: bytes of request bodies as sent (gzip) and their JSON size before compression
    bytes_sent: int = 0
    raw_sent: int = 0
    #: bytes of answers as received on the wire and their decoded size
    bytes_received: int = 0
    raw_received: int = 0


# ============================================================================ transport
class Transport:
    """One hub address: JSON over HTTP with gzip, retries with backoff, clock skew."""

    def __init__(self, settings: SyncSettings, session: requests.Session | None = None,
                 wall_ms: Callable[[], int] | None = None) -> None:
        self.settings = settings
        self.session = session or requests.Session()
        self.wall_ms = wall_ms or (lambda: int(time.time() * 1000))
        self.stats = TransferStats()
        self.clock_skew_ms: int | None = None
        self.hub_schema: int | None = None
        #: whether the hub has answered anything yet (see FIRST_CONTACT_RETRIES)
        self.contacted = False
        #: this ledger's schema version (named in SchemaTooNew)
        self.local_schema: int | None = None
        self.sleep = time.sleep

    # ---------------------------------------------------------------- one call
    def request(self, method: str, path: str, *, body: dict | None = None, params: dict | None = None,
                auth: bool = True, timeout: tuple[float, float] | None = None, retries: int | None = None,
                cancelled: Cancelled | None = None, content: bytes | None = None,
                raw_answer: bool = False, extra_headers: Callable[[], dict] | None = None,
                stream_to: Callable[[requests.Response], Any] | None = None) -> Any:
        """One call, retried.  *body* is sent as JSON, *content* as raw bytes
        (``application/octet-stream``, gzip when that pays); *raw_answer* returns the
        answer's bytes instead of parsed JSON.  *extra_headers* are asked for afresh at
        each attempt.  *stream_to* reads a successful answer as it arrives and gives the
        call's result; a line cut meanwhile is retried like any other."""
        s = self.settings
        url = s.hub_url + path
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip", "User-Agent": USER_AGENT}
        if auth:
            if not s.token:
                raise NotEnrolled()
            headers["Authorization"] = f"Bearer {s.token}"
        data = None
        if body is not None:
            raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
            data = raw
            if len(raw) >= GZIP_MIN_BYTES:
                data = gzip.compress(raw, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
            raw_len = len(raw)
        elif content is not None:
            headers["Content-Type"] = "application/octet-stream"
            data, raw_len = content, len(content)
            if len(content) >= GZIP_MIN_BYTES:
                packed = gzip.compress(content, compresslevel=5)
                if len(packed) < len(content) * 0.9:
                    data = packed
                    headers["Content-Encoding"] = "gzip"
        if raw_answer:
            headers["Accept"] = "application/octet-stream, application/json"
        timeout = timeout or (s.connect_timeout, s.read_timeout)
        retries = s.retries if retries is None else retries
        attempt = 0
        lost = False  # an earlier attempt may have reached the hub and its answer was lost
        while True:
            if cancelled and cancelled():
                raise SyncCancelled()
            self.stats.requests += 1
            t0 = self.wall_ms()
            try:
                resp = self.session.request(method, url, data=data, params=params,
                                            headers={**headers, **extra_headers()} if extra_headers else headers,
                                            timeout=timeout, proxies=s.proxies or None,
                                            verify=s.requests_verify, stream=stream_to is not None)
                streamed = stream_to is not None and resp.status_code < 300
                content = b"" if streamed else resp.content
                if streamed:
                    self.contacted = True
                    answer = stream_to(resp)
            except requests.exceptions.SSLError as exc:
                raise CertificateError(url=s.hub_url, detail=_short(exc)) from None
            except (requests.ConnectionError, requests.Timeout,
                    requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
                # until the hub has answered once, give up after one retry: no network at
                # all should fail in seconds, not after the whole backoff (the GUI tries
                # again later); once it has answered, a broken line is worth the wait
                if attempt >= (retries if self.contacted else min(retries, FIRST_CONTACT_RETRIES)):
                    raise HubUnreachable(url=s.hub_url, reason=_reason(exc)) from None
                lost = lost or not isinstance(exc, requests.exceptions.ConnectTimeout)
                self._backoff(attempt, None, cancelled)
                attempt += 1
                continue
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema):
                raise BadHubUrl(url=s.hub_url) from None
            except requests.RequestException as exc:
                raise HubUnreachable(url=s.hub_url, reason=_reason(exc)) from None
            t1 = self.wall_ms()
            self.contacted = True
            if data is not None:
                self.stats.bytes_sent += len(data)
                self.stats.raw_sent += raw_len
            self.stats.raw_received += len(content)
            wire = _wire_length(resp, len(content))
            self.stats.bytes_received += wire
            self._observe_time(resp, t0, t1)
            status = resp.status_code
            if status == 429 or status >= 500:
                if attempt >= retries:
                    raise HubTrouble(url=s.hub_url, status=status)
                self._backoff(attempt, _retry_after(resp), cancelled)
                attempt += 1
                continue
            if status >= 400:
                self._raise_for(resp, path, lost_before=lost)
            if streamed:
                return answer
            if raw_answer:
                return content
            try:
                answer = json.loads(content)
            except ValueError:
                raise NotAHub(url=s.hub_url, detail=_content_hint(resp)) from None
            if not isinstance(answer, dict):
                raise NotAHub(url=s.hub_url, detail=_content_hint(resp))
            return answer

    def _backoff(self, attempt: int, retry_after: float | None, cancelled: Cancelled | None) -> None:
        s = self.settings
        self.stats.retries += 1
        delay = min(s.backoff_cap, s.backoff_base * (2 ** attempt))
        delay = delay / 2 + random.uniform(0, delay / 2)  # "equal jitter": never all at once
        if retry_after is not None:
            delay = max(delay, min(retry_after, s.backoff_cap))
        end = time.monotonic() + delay
        while True:
            if cancelled and cancelled():
                raise SyncCancelled()
            left = end - time.monotonic()
            if left <= 0:
                return
            self.sleep(min(left, 0.1))

    def _observe_time(self, resp: requests.Response, t0: int, t1: int) -> None:
        hub = resp.headers.get("X-Hub-Time-Ms")
        if hub is None:
            return
        try:
            hub_ms = int(hub)
        except ValueError:
            return
        self.clock_skew_ms = hub_ms - (t0 + t1) // 2

    def _raise_for(self, resp: requests.Response, path: str, lost_before: bool) -> None:
        s = self.settings
        status = resp.status_code
        try:
            err = resp.json()
        except ValueError:
            err = None
        code, detail = "", ""
        if isinstance(err, dict):
            code = str(err.get("error") or "")
            detail = err.get("message") or err.get("detail") or code
            if not isinstance(detail, str):
                detail = json.dumps(detail, ensure_ascii=False)[:300]
        if not isinstance(err, dict):
            if status == 404:
                raise NotAHub(url=s.hub_url, detail=f"HTTP {status}")
            raise NotAHub(url=s.hub_url, detail=_content_hint(resp))
        if status == 401:
            raise Unauthorized()
        if path == "/v1/enroll" and status == 403:
            if code == "device_revoked":
                raise DeviceRevoked()
            if lost_before and code in ("code_used", ""):
                raise EnrollmentCodeSpent()
            raise {"code_expired": EnrollmentCodeExpired, "code_used": EnrollmentCodeUsed}.get(code, BadEnrollmentCode)()
        if status == 409 and code == "schema_too_new":
            raise SchemaTooNew(schema=self.local_schema if self.local_schema is not None else "?")
        if status == 413:
            raise _TooLarge()
        if status == 404 and code == "not_found" and path.startswith("/v1/blobs/"):
            raise _BlobNotFound()
        if status == 404:
            raise NotAHub(url=s.hub_url, detail=f"HTTP 404 {path}")
        raise HubRefused(status=status, detail=detail or f"HTTP {status}")


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "..."


def _reason(exc: Exception) -> Label:
    text = str(exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return Label(CTX, R_PROXY)
    if isinstance(exc, requests.Timeout):
        return Label(CTX, R_TIMEOUT)
    if "refused" in text.lower():
        return Label(CTX, R_REFUSED)
    if "resolve" in text.lower() or "name or service" in text.lower() or "getaddrinfo" in text.lower():
        return Label(CTX, R_NAME)
    return Label(CTX, R_BROKEN)


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _wire_length(resp: requests.Response, decoded: int) -> int:
    """Bytes of the body as they travelled (compressed), where urllib3 tells."""
    raw = getattr(resp, "raw", None)
    tell = getattr(raw, "tell", None)
    if callable(tell):
        try:
            n = tell()
            if n:
                return int(n)
        except Exception:  # noqa: BLE001 - a statistic, never a failure
            pass
    length = resp.headers.get("Content-Length")
    return int(length) if length and length.isdigit() else decoded


def _content_hint(resp: requests.Response) -> str:
    kind = resp.headers.get("Content-Type", "?").split(";")[0]
    return f"HTTP {resp.status_code}, {kind}"


# ============================================================================ enrollment
def enroll(ledger, hub_url: str, code: str, name: str | None = None, session: requests.Session | None = None,
           *, settings: SyncSettings | None = None) -> SyncSettings:
    """Exchange a one-time enrollment code for this device's token; save and return the
    settings.  *settings* carries the connection options to use and keep (proxies, CA
    bundle, timeouts); by default the ledger's current ones.  Re-enrolling (a new code
    after a revocation) keeps the cursors when the hub and scope stay the same."""
    old = load_settings(ledger)
    s = dataclasses.replace(settings or old)
    s.hub_url = normalise_url(hub_url)
    s.token = ""
    code = (code or "").strip()
    if not code:
        raise BadEnrollmentCode()
    name = (name or "").strip() or _default_name(ledger)
    transport = Transport(s, session, ledger.clock.now_ms)
    transport.local_schema = ledger.schema_version
    # connection problems are retried, but briefly: a person is waiting
    from sync import packages

    answer = transport.request("POST", "/v1/enroll", auth=False, retries=min(s.retries, 2), body={
        "code": code, "device_id": ledger.device_id, "name": name, "schema": ledger.schema_version,
        "public_key": packages.public_key_string(ledger)})  # so offices can trust each other's packages
    token, scope = answer.get("token"), answer.get("scope")
    if not isinstance(token, str) or not token or not isinstance(scope, str):
        raise ProtocolError(detail="enroll: token/scope")
    if answer.get("device_id") not in (None, ledger.device_id):
        raise ProtocolError(detail="enroll: device_id")
    s.token, s.scope, s.name, s.enrolled_at = token, scope, name, _now_iso()
    with ledger.tx():
        if old.hub_url != s.hub_url:  # another hub knows nothing of us: start over (duplicates are harmless)
            ledger.set_meta(PUSH_CURSOR, "0")
            ledger.set_meta(PULL_CURSOR, "0")
        elif old.scope != s.scope:  # another scope: its older changes were never sent to us
            ledger.set_meta(PULL_CURSOR, "0")
        save_settings(ledger, s)
    return s


def _default_name(ledger) -> str:
    host = platform.node() or "?"
    who = getattr(ledger, "operator", "") or ""
    return f"{who}@{host}"[:100] if who else host[:100]


# ============================================================================ the client
class SyncClient:
    """Push and pull one ledger's changes.  Not thread-safe: one client per worker."""

    #: bytes of a snapshot download written to disk at a time
    SNAPSHOT_CHUNK = 256 * 1024

    def __init__(self, ledger, settings: SyncSettings | None = None, session: requests.Session | None = None) -> None:
        self.ledger = ledger
        self.settings = settings or load_settings(ledger)
        if not self.settings.enrolled:
            raise NotEnrolled()
        self.transport = Transport(self.settings, session, ledger.clock.now_ms)
        self.transport.local_schema = ledger.schema_version

    # ---------------------------------------------------------------- status
    @property
    def clock_skew_ms(self) -> int | None:
        """Hub clock minus this computer's (ms), measured at the last answer; None before one."""
        return self.transport.clock_skew_ms

    @property
    def clock_warning(self) -> str | None:
        skew = self.transport.clock_skew_ms
        if skew is None or abs(skew) <= SKEW_WARNING_MS:
            return None
        ahead = skew < 0  # the hub is behind us: our clock runs ahead
        minutes = round(abs(skew) / 60000)
        if minutes < 120:
            return translate(CTX, W_AHEAD_MIN if ahead else W_BEHIND_MIN).format(n=minutes)
        hours = round(abs(skew) / 3600000)
        return translate(CTX, W_AHEAD_H if ahead else W_BEHIND_H).format(n=hours)

    @property
    def stats(self) -> TransferStats:
        return self.transport.stats

    # ---------------------------------------------------------------- health
    def probe(self, timeout: float = 5.0) -> bool:
        """Is the hub there?  One cheap GET /v1/health, no retries, never raises."""
        try:
            answer = self.transport.request("GET", "/v1/health", auth=False, retries=0,
                                            timeout=(min(timeout, self.settings.connect_timeout), timeout))
        except SyncError:
            return False
        schema = answer.get("schema")
        if isinstance(schema, int):
            self.transport.hub_schema = schema
        return answer.get("status") == "ok"

    # ---------------------------------------------------------------- push
    def _relayed_from_above(self, change: Change) -> bool:
        """A change of another device in a scope above ours (a template or notice a level
        above published downward): it came to us from there, the hub has it, and it would
        refuse it from us.  Such changes are not sent."""
        scope = self.settings.scope
        return (scope is not None and change.origin != self.ledger.device_id
                and change.scope != scope and scope.startswith(change.scope))

    def push(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> PushResult:
        """Send every change after the push cursor, batch by batch, until none is left."""
        ledger = self.ledger
        result = PushResult()
        cursor = int(ledger.meta(PUSH_CURSOR, "0") or 0)
        total = ledger.pending_changes()
        batch = max(1, min(int(self.settings.batch_size), MAX_PUSH))
        done = 0
        while True:
            if cancelled and cancelled():
                raise SyncCancelled()
            changes, end = ledger.changes_since(cursor, limit=batch)
            if not changes:
                break
            to_send = [c for c in changes if not self._relayed_from_above(c)]
            answers: dict[tuple[str, int], tuple[str, str]] = {}
            if to_send:
                try:
                    answer = self.transport.request(
                        "POST", "/v1/push", cancelled=cancelled,
                        body={"schema": ledger.schema_version, "changes": [c.to_wire() for c in to_send]})
                except _TooLarge:
                    if batch == 1:
                        raise HubRefused(status=413, detail="too_large") from None
                    batch = max(1, batch // 2)
                    continue
                answers = _parse_results(answer)
                result.batches += 1
                result.sent += len(to_send)
            # the answered prefix of the batch (normally all of it)
            n = 0
            for c in changes:
                if (c.origin, c.origin_seq) not in answers and not self._relayed_from_above(c):
                    break
                n += 1
            if n == 0:
                raise ProtocolError(detail="push: no change of the batch was answered")
            if n < len(changes):
                _, end = ledger.changes_since(cursor, limit=n)
            refused = []
            uploads = []
            for c in changes[:n]:
                status, reason = answers.get((c.origin, c.origin_seq), ("skipped", ""))
                if status in ("applied", "duplicate") and c.kind == "attachment":
                    digest = c.fields.get("sha256")
                    if _is_sha256(digest):
                        uploads.append(digest)
                if status == "applied":
                    result.applied += 1
                elif status == "duplicate":
                    result.duplicate += 1
                elif status == "rejected":
                    refused.append((c, reason))
                else:
                    result.skipped += 1
            with ledger.tx():
                if refused:
                    self._record_rejected(refused, "push")
                if uploads:
                    self._add_to_list(BLOB_UPLOADS, uploads)
                ledger.set_meta(PUSH_CURSOR, str(end))
            result.rejected += len(refused)
            result.refused += refused
            cursor = end
            done += n
            if progress:
                progress(done, max(total, done))
        return result

    # ---------------------------------------------------------------- attachment contents
    def _list(self, key: str) -> list[str]:
        try:
            data = json.loads(self.ledger.meta(key) or "[]")
        except ValueError:
            return []
        return [d for d in data if _is_sha256(d)] if isinstance(data, list) else []

    def _add_to_list(self, key: str, digests: list[str]) -> None:
        self.ledger.set_meta(key, json.dumps(list(dict.fromkeys(self._list(key) + digests))))

    def _remove_from_list(self, key: str, digests) -> None:
        gone = set(digests)
        if gone:
            self.ledger.set_meta(key, json.dumps([d for d in self._list(key) if d not in gone]))

    def upload_blobs(self, result: PushResult | None = None, progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> PushResult:
        """Upload the contents of pushed attachments the hub lacks (the list "sync_blob_uploads",
        filled by :meth:`push` in the transaction that moves the push cursor).  A digest leaves
        the list once the hub has its content (or it cannot be sent); the list is rewritten in
        batches, and what an interruption leaves in it is merely asked about again."""
        result = result or PushResult()
        ledger = self.ledger
        pending = self._list(BLOB_UPLOADS)
        settled: list[str] = []
        try:
            # contents this ledger does not hold (a record it only relays) cannot be sent
            settled += [d for d in pending if not ledger.has_blob(d)]
            pending = [d for d in pending if d not in set(settled)]
            done, total = 0, len(pending)
            for i in range(0, len(pending), MAX_BLOB_QUERY):
                chunk = pending[i:i + MAX_BLOB_QUERY]
                answer = self.transport.request("POST", "/v1/blobs/missing", body={"sha256": chunk},
                                                cancelled=cancelled)
                missing = answer.get("missing")
                if not isinstance(missing, list):
                    raise ProtocolError(detail="blobs/missing: missing")
                missing = set(m for m in missing if isinstance(m, str))
                present = [d for d in chunk if d not in missing]
                result.blobs_present += len(present)
                settled += present
                done += len(present)
                for digest in chunk:
                    if digest not in missing:
                        continue
                    if cancelled and cancelled():
                        raise SyncCancelled()
                    data = ledger.blob(digest)
                    if len(data) > MAX_BLOB:
                        result.blobs_too_large.append(digest)
                    else:
                        try:
                            self.transport.request("PUT", f"/v1/blobs/{digest}", content=data, cancelled=cancelled)
                            result.blobs_uploaded += 1
                        except _TooLarge:
                            result.blobs_too_large.append(digest)
                    settled.append(digest)
                    done += 1
                    if len(settled) >= LIST_FLUSH:
                        self._remove_from_list(BLOB_UPLOADS, settled)
                        settled = []
                    if progress:
                        progress(done, total)
        finally:
            self._remove_from_list(BLOB_UPLOADS, settled)
        return result

    def download_blobs(self, result: PullResult | None = None, progress: Progress | None = None,
                       cancelled: Cancelled | None = None) -> PullResult:
        """Download the contents of received attachments this ledger lacks (the list
        "sync_missing_blobs", filled by :meth:`pull` in the transaction of each page), checking
        each one's SHA-256.  What the hub does not have (404) or sent damaged stays listed,
        to be asked for at the next sync; it is not a failure of the sync."""
        result = result or PullResult()
        ledger = self.ledger
        wanted = self._list(MISSING_BLOBS)
        settled: list[str] = []
        missing: list[str] = []
        try:
            # held by now, or no longer used by any (live) attachment record
            used = {r["sha256"] for r in ledger.query("attachment", columns=("sha256",))} if wanted else set()
            settled += [d for d in wanted if d not in used or ledger.has_blob(d)]
            wanted = [d for d in wanted if d not in set(settled)]
            for done, digest in enumerate(wanted, 1):
                if cancelled and cancelled():
                    raise SyncCancelled()
                try:
                    data = self.transport.request("GET", f"/v1/blobs/{digest}", raw_answer=True,
                                                  cancelled=cancelled)
                except _BlobNotFound:
                    missing.append(digest)
                else:
                    if hashlib.sha256(data).hexdigest() != digest:  # damaged on the way: ask again next time
                        missing.append(digest)
                    else:
                        ledger.add_blob(data)
                        settled.append(digest)
                        result.blobs_downloaded += 1
                        if len(settled) >= LIST_FLUSH:
                            self._remove_from_list(MISSING_BLOBS, settled)
                            settled = []
                if progress:
                    progress(done, len(wanted))
        finally:
            self._remove_from_list(MISSING_BLOBS, settled)
        result.blobs_missing = missing
        return result

    def _record_rejected(self, refused: list[tuple[Change | dict, str]], direction: str) -> None:
        entries = rejected_changes(self.ledger)
        now = _now_iso()
        for c, reason in refused:
            if isinstance(c, Change):
                entry = {"origin": c.origin, "seq": c.origin_seq, "kind": c.kind, "id": c.record_id,
                         "scope": c.scope}
            else:
                d = c if isinstance(c, dict) else {}
                entry = {k: d.get(k) for k in ("origin", "seq", "kind", "id", "scope")}
            entry.update(reason=str(reason), at=now, direction=direction)
            entries.append(entry)
        self.ledger.set_meta(REJECTED_KEY, json.dumps(entries[-REJECTED_KEPT:], ensure_ascii=False))

    # ---------------------------------------------------------------- pull
    def pull(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> PullResult:
        """Fetch and apply every page after the pull cursor; each page and its cursor are
        stored in one transaction."""
        ledger = self.ledger
        result = PullResult()
        cursor = ledger.meta(PULL_CURSOR, "0") or "0"
        if cursor == "0" and self._snapshot(result, progress, cancelled):
            cursor = ledger.meta(PULL_CURSOR, "0") or "0"
        limit = max(1, min(int(self.settings.page_size), MAX_PULL))
        while True:
            if cancelled and cancelled():
                raise SyncCancelled()
            answer = self.transport.request("GET", "/v1/pull", params={"cursor": cursor, "limit": limit},
                                            cancelled=cancelled)
            page, new_cursor, more = answer.get("changes"), answer.get("cursor"), answer.get("more")
            if not isinstance(page, list) or not isinstance(more, bool) or not isinstance(new_cursor, (str, int)) \
                    or isinstance(new_cursor, bool):
                raise ProtocolError(detail="pull: changes/cursor/more")
            new_cursor = str(new_cursor)
            self._store_page(page, result, lambda: ledger.set_meta(PULL_CURSOR, new_cursor))
            result.pages += 1
            if progress:
                progress(result.received, 0)
            if not more:
                break
            if new_cursor == cursor and not page:
                raise ProtocolError(detail="pull: the cursor does not advance")
            cursor = new_cursor
        return result

    def _store_page(self, page: list, result: PullResult, also) -> None:
        """Apply received changes and, in the same transaction, whatever *also* stores
        (the new cursor, or how far a snapshot has been applied)."""
        unknown = _unknown_to_us(page)
        if unknown:
            raise HubTooNew(detail=unknown)
        ledger = self.ledger
        with ledger.tx():
            nothing_pending = ledger.pending_changes() == 0
            report = ledger.apply_changes(page)
            also()
            wanted = [d["fields"]["sha256"] for d in page
                      if isinstance(d, dict) and d.get("kind") == "attachment" and isinstance(d.get("fields"), dict)
                      and _is_sha256(d["fields"].get("sha256")) and not ledger.has_blob(d["fields"]["sha256"])]
            if wanted:
                self._add_to_list(MISSING_BLOBS, wanted)
            if nothing_pending:
                # what came from the hub need not go back to it
                ledger.set_meta(PUSH_CURSOR, str(ledger.last_seq()))
            if report.rejected:
                self._record_rejected(report.rejected, "pull")
        result.received += len(page)
        result.applied += report.applied
        result.duplicate += report.duplicate
        result.rejected += len(report.rejected)
        result.conflicts += report.conflicts
        result.flagged_future += report.flagged_future

    # ---------------------------------------------------------------- first sync: the snapshot
    def snapshot_file(self) -> Path:
        return Path(str(self.ledger.path) + ".snapshot")

    def _snapshot(self, result: PullResult, progress: Progress | None, cancelled: Cancelled | None) -> bool:
        """A first sync of a big scope: download the hub's snapshot file (resuming a cut
        download where it stopped), then apply it in pages, each page with how far the
        file has been applied in one transaction; the pull cursor moves to the
        snapshot's end with the last page.  False when the scope is small (or the hub
        has no snapshots): the caller pulls page by page."""
        ledger = self.ledger
        state = json.loads(ledger.meta(SNAPSHOT_STATE, "") or "{}")
        if not state:
            if self.settings.snapshot_min <= 0:
                return False
            try:
                info = self.transport.request("GET", "/v1/snapshot/info", cancelled=cancelled)
            except NotAHub:  # a hub of an earlier version
                return False
            upto, count = info.get("cursor"), info.get("count")
            if not _is_count(upto) or not _is_count(count):
                raise ProtocolError(detail="snapshot/info: cursor/count")
            if count < self.settings.snapshot_min:
                return False
            state = {"upto": upto, "count": count, "downloaded": False, "applied": 0}
            self.snapshot_file().unlink(missing_ok=True)
            ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
        result.snapshot = True
        if not state["downloaded"]:
            result.snapshot_bytes += self._download_snapshot(state["upto"], progress, cancelled)
            state["downloaded"] = True
            ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
        try:
            self._apply_snapshot(state, result, progress, cancelled)
        except ProtocolError:  # a damaged file: fetch it again at the next sync
            with ledger.tx():
                state.update(downloaded=False, applied=0)
                ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))
            self.snapshot_file().unlink(missing_ok=True)
            raise
        self.snapshot_file().unlink(missing_ok=True)
        return True

    def _download_snapshot(self, upto: int, progress: Progress | None, cancelled: Cancelled | None) -> int:
        """Fetch the snapshot into :meth:`snapshot_file`, asking only for the bytes it lacks
        (each attempt starts where the file on disk ends)."""
        path = self.snapshot_file()
        got = 0

        def missing() -> dict:
            have = path.stat().st_size if path.exists() else 0
            # identity: the ranges count bytes of the file itself, not of a compressed answer
            return {"Accept": "application/gzip, application/json", "Accept-Encoding": "identity",
                    **({"Range": f"bytes={have}-"} if have else {})}

        def store(resp: requests.Response) -> None:
            nonlocal got
            total = _total_length(resp)
            resumed = resp.status_code == 206
            on_disk = path.stat().st_size if resumed else 0
            with open(path, "ab" if resumed else "wb") as fh:
                for chunk in resp.iter_content(self.SNAPSHOT_CHUNK):
                    if cancelled and cancelled():
                        raise SyncCancelled()
                    fh.write(chunk)
                    got += len(chunk)
                    on_disk += len(chunk)
                    if progress:  # the download's share: bytes of the file
                        progress(on_disk, total or 0)
                fh.flush()
                os.fsync(fh.fileno())
            if total is not None and path.stat().st_size != total:
                raise requests.exceptions.ChunkedEncodingError("the snapshot ended early")

        try:
            self.transport.request("GET", "/v1/snapshot", params={"upto": upto}, cancelled=cancelled,
                                   extra_headers=missing, stream_to=store)
        except HubRefused as exc:
            if exc.params.get("status") != 416 or not path.exists():
                raise
            path.unlink()  # more on disk than the hub's file: start afresh
            self.transport.request("GET", "/v1/snapshot", params={"upto": upto}, cancelled=cancelled,
                                   extra_headers=missing, stream_to=store)
        return got

    def _apply_snapshot(self, state: dict, result: PullResult, progress: Progress | None,
                        cancelled: Cancelled | None) -> None:
        size = max(1, min(int(self.settings.page_size), MAX_PULL))
        try:
            with gzip.open(self.snapshot_file(), "rb") as fh:
                header = json.loads(fh.readline())
                if not isinstance(header, dict) or header.get("snapshot") != 1 \
                        or header.get("cursor") != state["upto"] or header.get("count") != state["count"]:
                    raise ProtocolError(detail="snapshot: header")
                done, page, footer = 0, [], None
                for line in fh:
                    item = json.loads(line)
                    if isinstance(item, dict) and set(item) == {"end"}:
                        footer = item["end"]
                        break
                    done += 1
                    if done > state["applied"]:
                        page.append(item)
                    if len(page) >= size:
                        self._snapshot_page(page, done, state, result, cancelled)
                        page = []
                        if progress:
                            progress(result.received, state["count"])
                if footer != state["count"] or done != state["count"] or fh.readline():
                    raise ProtocolError(detail="snapshot: count")
                self.transport.stats.raw_received += fh.tell()
        except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:  # truncated or damaged gzip/JSON
            raise ProtocolError(detail=f"snapshot: {type(exc).__name__}") from None
        self._snapshot_page(page, done, state, result, cancelled, last=True)

    def _snapshot_page(self, page: list, done: int, state: dict, result: PullResult,
                       cancelled: Cancelled | None, last: bool = False) -> None:
        if cancelled and cancelled():
            raise SyncCancelled()
        ledger = self.ledger
        state = dict(state, applied=done)

        def also() -> None:
            if last:  # the snapshot is in: pull from its end on
                ledger.set_meta(PULL_CURSOR, str(state["upto"]))
                ledger.conn.execute("DELETE FROM meta WHERE key = ?", (SNAPSHOT_STATE,))
            else:
                ledger.set_meta(SNAPSHOT_STATE, json.dumps(state))

        self._store_page(page, result, also)
        result.pages += 1

    # ---------------------------------------------------------------- sync
    def sync(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> SyncResult:
        """Push, then pull.  Records "last_sync" on success, "last_sync_error" on failure."""
        ledger = self.ledger
        try:
            self.transport.contacted = False  # a new attempt: fail fast if there is no network
            push = self.push(progress, cancelled)
            self.upload_blobs(push, progress, cancelled)
            pull = self.pull(progress, cancelled)
            self.download_blobs(pull, progress, cancelled)
            self.trust_hub_devices()
        except SyncCancelled:
            raise
        except LedgerError as exc:
            self._record_failure(exc.text())
            raise
        except Exception as exc:  # a bug or the disk: still leave a trace for the GUI
            self._record_failure(f"{type(exc).__name__}: {exc}")
            raise
        with ledger.tx():
            ledger.set_meta(LAST_SYNC, _now_iso())
            ledger.set_meta(LAST_SYNC_ERROR, "")
        warnings = [w for w in (self.clock_warning,) if w]
        for digest in push.blobs_too_large:
            rows = ledger.query("attachment", where={"sha256": digest}, limit=1)
            name = rows[0]["filename"] if rows else digest[:12]
            warnings.append(translate(CTX, W_BLOB_TOO_LARGE).format(name=name))
        return SyncResult(push, pull, self.clock_skew_ms, warnings)

    def trust_hub_devices(self) -> int:
        """Take the package keys of the devices the hub lists for this scope, so data
        packages between offices that have been online once need no fingerprint call."""
        from sync import packages

        answer = self.transport.request("GET", "/v1/devices")
        devices = answer.get("devices") if isinstance(answer, dict) else None
        if not isinstance(devices, list):
            raise ProtocolError(detail="devices")
        return packages.trust_hub_devices(self.ledger, devices)

    def _record_failure(self, message: str) -> None:
        try:
            self.ledger.set_meta(LAST_SYNC_ERROR, message)
        except Exception:  # noqa: BLE001 - the original error matters more
            pass

    def refused_summary(self, result: PushResult) -> str | None:
        """One line on what the hub refused in *result*, or None."""
        if not result.rejected:
            return None
        scope = self.settings.scope
        if scope is not None and all(not c.scope.startswith(scope) for c, _ in result.refused):
            return translate(CTX, M_REFUSED_SCOPE).format(n=result.rejected, scope=scope or "-")
        return translate(CTX, M_REFUSED).format(n=result.rejected, reason=result.refused[0][1])


def _is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _parse_results(answer: dict) -> dict[tuple[str, int], tuple[str, str]]:
    results = answer.get("results")
    if not isinstance(results, list):
        raise ProtocolError(detail="push: results")
    out = {}
    for r in results:
        if not isinstance(r, dict):
            continue
        status = r.get("status")
        if status not in ("applied", "duplicate", "rejected"):
            continue
        origin, seq = r.get("origin"), r.get("seq")
        if isinstance(origin, str) and isinstance(seq, int):
            out[(origin, seq)] = (status, str(r.get("reason") or ""))
    return out


def _unknown_to_us(page: list) -> str | None:
    """The first record kind or field in *page* this program does not know, if any."""
    for d in page:
        if not isinstance(d, dict):
            continue
        kind = d.get("kind")
        if not isinstance(kind, str):
            continue
        k = KINDS.get(kind)
        if k is None:
            return kind
        fields = d.get("fields")
        if isinstance(fields, dict):
            for name in fields:
                if name != DELETED and name not in k.field_map:
                    return f"{kind}.{name}"
    return None
