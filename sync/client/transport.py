"""JSON over HTTP to one hub address: gzip both ways, retries with backoff, the hub's
errors mapped to :mod:`sync.client.errors`, and the clock skew seen in its answers."""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from dataclasses import dataclass
from typing import Any, Callable

import requests

from desktop.jsoncodec import loads, wire_bytes
from sync.client.errors import (R_BROKEN, R_NAME, R_PROXY, R_REFUSED, R_TIMEOUT, BadEnrollmentCode, BadHubUrl,
                                BlobNotFound, CertificateError, DeviceRevoked, EnrollmentCodeExpired,
                                EnrollmentCodeSpent, EnrollmentCodeUsed, HubRefused, HubTrouble, HubUnreachable,
                                IdentityTakenOver, NotAHub, NotEnrolled, PredecessorRevoked, PredecessorSucceeded,
                                SchemaTooNew, SnapshotUnavailable, SuccessionRefused, SyncCancelled, TooLarge,
                                TooManyAttempts, Unauthorized, reason)
from sync.client.results import TransferStats
from sync.client.settings import SyncSettings

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: changes whose body is smaller than this go uncompressed (gzip would not pay)
GZIP_MIN_BYTES = 1024
#: Bodies larger than this are sent from a file object, block by block.
STREAM_BODY_MIN = 16 * 1024
USER_AGENT = "township-ledger/0.1"
#: where a restored or copied ledger takes the place of the device whose token it holds
SUCCESSOR_PATH = "/v1/devices/successor"
#: retries of a connection error before the hub has answered anything (then settings.retries)
FIRST_CONTACT_RETRIES = 1

#: a line cut or no answer: worth another attempt
_RETRYABLE = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
              requests.exceptions.ContentDecodingError)


def check_cancelled(cancelled: Cancelled | None) -> None:
    """Stop here (:class:`SyncCancelled`) when the caller asked to."""
    if cancelled and cancelled():
        raise SyncCancelled()


class Transport:
    """One hub address: JSON over HTTP with gzip, retries with backoff, clock skew."""

    def __init__(self, settings: SyncSettings, session: requests.Session | None = None,
                 wall_ms: Callable[[], int] | None = None) -> None:
        self.settings = settings
        self.session = session or requests.Session()
        self.wall_ms = wall_ms or (lambda: int(time.time() * 1000))
        #: this computer's own clock, uncorrected: said to the hub with each call (X-Device-Time-Ms),
        #: which shows its administrator the offices whose clock is wrong
        self.device_ms: Callable[[], int] = lambda: int(time.time() * 1000)
        self.stats = TransferStats()
        self.clock_skew_ms: int | None = None
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
                stream_to: Callable[[requests.Response], Any] | None = None,
                fresh_content: Callable[[], tuple[bytes, dict]] | None = None,
                prepared: Prepared | None = None) -> Any:
        """One call, retried.  *body* is sent as JSON, *content* as raw bytes
        (``application/octet-stream``, gzip when that pays); *raw_answer* returns the
        answer's bytes instead of parsed JSON.  *extra_headers* are asked for afresh at
        each attempt, and so is *fresh_content*: the raw bytes to send and their own
        headers (an upload that goes on from wherever the hub's copy ends).  *stream_to*
        reads a successful answer as it arrives and gives the call's result; a line cut
        meanwhile is retried like any other.  *prepared*: a JSON body encoded beforehand
        (:func:`prepare`), sent as *body* would be."""
        s = self.settings
        headers = self._headers(auth, raw_answer)
        if prepared is not None:
            data, raw_len = prepared.data, prepared.raw_len
            headers.update(prepared.headers)
        else:
            data, raw_len = _encode(body, content, headers)
        base = headers
        timeout = timeout or (s.connect_timeout, s.read_timeout)
        retries = s.retries if retries is None else retries
        attempt = 0
        lost = False  # an earlier attempt may have reached the hub and its answer was lost
        while True:
            check_cancelled(cancelled)
            if fresh_content is not None:
                piece, own = fresh_content()
                headers = {**base, **own}
                data, raw_len = _encode(None, piece, headers)
            self.stats.requests += 1
            t0 = self.wall_ms()
            sent = {**headers, **extra_headers()} if extra_headers else dict(headers)
            sent["X-Device-Time-Ms"] = str(self.device_ms())
            try:
                resp, received, answer = self._attempt(method, s.hub_url + path, data, params, sent, timeout,
                                                       stream_to)
            except _RETRYABLE as exc:
                # until the hub has answered once, give up after one retry: no network at
                # all should fail in seconds, not after the whole backoff (the GUI tries
                # again later); once it has answered, a broken line is worth the wait
                if attempt >= (retries if self.contacted else min(retries, FIRST_CONTACT_RETRIES)):
                    raise HubUnreachable(url=s.hub_url, reason=_reason(exc)) from None
                lost = lost or not isinstance(exc, requests.exceptions.ConnectTimeout)
                self._backoff(attempt, None, cancelled)
                attempt += 1
                continue
            self._count(resp, data, raw_len, received, t0)
            status = resp.status_code
            if status == 429 or status >= 500:
                if attempt >= retries:
                    if status == 429 and _error_code(received) == "rate_limited":
                        raise TooManyAttempts(url=s.hub_url, seconds=int(_retry_after(resp) or 60))
                    raise HubTrouble(url=s.hub_url, status=status)
                self._backoff(attempt, _retry_after(resp), cancelled)
                attempt += 1
                continue
            if status >= 400:
                self._raise_for(resp, path, lost_before=lost)
            if stream_to is not None and status < 300:
                return answer
            return received if raw_answer else self._json(resp, received)

    def _headers(self, auth: bool, raw_answer: bool) -> dict:
        headers = {"Accept": "application/octet-stream, application/json" if raw_answer else "application/json",
                   "Accept-Encoding": "gzip", "User-Agent": USER_AGENT}
        if auth:
            if not self.settings.token:
                raise NotEnrolled()
            headers["Authorization"] = f"Bearer {self.settings.token}"
        return headers

    def _attempt(self, method: str, url: str, data: bytes | None, params: dict | None, headers: dict,
                 timeout: tuple[float, float], stream_to) -> tuple[requests.Response, bytes, Any]:
        """One attempt: the answer, its bytes (none when streamed) and what *stream_to* made of it.
        Connection troubles worth retrying propagate; the others become sync errors."""
        s = self.settings
        try:
            # a body as a file: sent block by block, each send with its own timeout (a whole-body
            # send over a 64 kbit/s line would run out of time before a photo is through)
            body = io.BytesIO(data) if data is not None and len(data) > STREAM_BODY_MIN else data
            resp = self.session.request(method, url, data=body, params=params, headers=headers, timeout=timeout,
                                        proxies=s.proxies or None, verify=s.requests_verify,
                                        stream=stream_to is not None)
            if stream_to is not None and resp.status_code < 300:
                self.contacted = True
                return resp, b"", stream_to(resp)
            return resp, resp.content, None
        except requests.exceptions.SSLError as exc:
            raise CertificateError(url=s.hub_url, detail=_short(exc)) from None
        except _RETRYABLE:
            raise
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema):
            raise BadHubUrl(url=s.hub_url) from None
        except requests.RequestException as exc:
            raise HubUnreachable(url=s.hub_url, reason=_reason(exc)) from None

    def _count(self, resp: requests.Response, data: bytes | None, raw_len: int, received: bytes, t0: int) -> None:
        """The statistics of an answered attempt, and the clock skew it shows."""
        t1 = self.wall_ms()
        self.contacted = True
        if data is not None:
            self.stats.bytes_sent += len(data)
            self.stats.raw_sent += raw_len
        self.stats.raw_received += len(received)
        self.stats.bytes_received += _wire_length(resp, len(received))
        self._observe_time(resp, t0, t1)

    def _json(self, resp: requests.Response, received: bytes) -> dict:
        # orjson where it reads the answer (an integer beyond 64 bits comes out a float, refused
        # by the ledger's checks as that integer is), else the standard library
        try:
            answer = loads(received)
        except ValueError:
            raise NotAHub(url=self.settings.hub_url, detail=_content_hint(resp)) from None
        if not isinstance(answer, dict):
            raise NotAHub(url=self.settings.hub_url, detail=_content_hint(resp))
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
            check_cancelled(cancelled)
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
        if not isinstance(err, dict):
            raise NotAHub(url=s.hub_url, detail=f"HTTP {status}" if status == 404 else _content_hint(resp))
        code = str(err.get("error") or "")
        detail = err.get("message") or err.get("detail") or code
        if not isinstance(detail, str):
            detail = json.dumps(detail, ensure_ascii=False)[:300]
        if status == 401:
            raise IdentityTakenOver() if code == "device_succeeded" else Unauthorized()
        if path == SUCCESSOR_PATH and status in (403, 409):
            raise {"predecessor_revoked": PredecessorRevoked, "predecessor_succeeded": PredecessorSucceeded,
                   "device_exists": PredecessorSucceeded}.get(code, SuccessionRefused)()
        if path == "/v1/enroll" and status == 403:
            if code == "device_revoked":
                raise DeviceRevoked()
            if lost_before and code in ("code_used", ""):
                raise EnrollmentCodeSpent()
            raise {"code_expired": EnrollmentCodeExpired, "code_used": EnrollmentCodeUsed}.get(code, BadEnrollmentCode)()
        if status == 409 and code == "schema_too_new":
            raise SchemaTooNew(schema=self.local_schema if self.local_schema is not None else "?")
        if status == 413:
            raise TooLarge()
        if status == 409 and code == "snapshot_unavailable":
            raise SnapshotUnavailable()
        if status == 404 and code == "not_found" and path.startswith("/v1/blobs/"):
            raise BlobNotFound()
        if status == 404:
            raise NotAHub(url=s.hub_url, detail=f"HTTP 404 {path}")
        raise HubRefused(status=status, detail=detail or f"HTTP {status}")


@dataclass(frozen=True)
class Prepared:
    """A JSON body encoded for sending: the bytes as sent, their size before compression, and
    the content headers they go with."""

    data: bytes
    raw_len: int
    headers: dict


def prepare(body: dict) -> Prepared:
    """*body* encoded as :meth:`Transport.request` sends it, ahead of the call (in any thread:
    it touches nothing but *body*)."""
    headers: dict = {}
    data, raw_len = _encode(body, None, headers)
    return Prepared(data, raw_len, headers)


def _encode(body: dict | None, content: bytes | None, headers: dict) -> tuple[bytes | None, int]:
    """The request body as sent (gzip when that pays) and its size before compression;
    sets the content headers."""
    if body is not None:
        raw = wire_bytes(body)
        headers["Content-Type"] = "application/json"
        if len(raw) >= GZIP_MIN_BYTES:
            headers["Content-Encoding"] = "gzip"
            return gzip.compress(raw, compresslevel=5), len(raw)
        return raw, len(raw)
    if content is not None:
        headers["Content-Type"] = "application/octet-stream"
        if len(content) >= GZIP_MIN_BYTES:
            packed = gzip.compress(content, compresslevel=5)
            if len(packed) < len(content) * 0.9:
                headers["Content-Encoding"] = "gzip"
                return packed, len(content)
        return content, len(content)
    return None, 0


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "..."


def _reason(exc: Exception):
    text = str(exc).lower()
    if isinstance(exc, requests.exceptions.ProxyError):
        return reason(R_PROXY)
    if isinstance(exc, requests.Timeout):
        return reason(R_TIMEOUT)
    if "refused" in text:
        return reason(R_REFUSED)
    if "resolve" in text or "name or service" in text or "getaddrinfo" in text:
        return reason(R_NAME)
    return reason(R_BROKEN)


def _error_code(body: bytes) -> str | None:
    """The ``error`` of a protocol error answer, or None."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    return answer.get("error") if isinstance(answer, dict) else None


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
