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

Settings live in the ledger's ``meta`` ("sync_settings"); the device token is a secret, in the
computer's key store where it has one (:mod:`desktop.ledger.secrets`).
``progress(done, total)`` is called between batches and pages (``total`` 0 = unknown,
as for pulls); ``cancelled()`` returning True stops at the next batch or page boundary
with :class:`SyncCancelled` (what was already stored stays stored).  A progress
callback may itself raise to cancel.

The rooms: ``settings`` (how to reach the hub, the meta keys), ``transport`` (HTTP,
retries, backoff, the hub's errors), ``errors``, ``results``, ``enrollment``, ``push``,
``pull``, ``snapshot`` (a first sync from one file), ``blobs`` (attachment contents),
``rejections`` (refused changes and how a sync went, in words) and ``session``
(:class:`SyncClient`, which puts them together).
"""

from sync.client.errors import (OFFLINE_ERRORS, BadEnrollmentCode, BadHubUrl, CertificateError, DeviceRevoked,
                                EnrollmentCodeExpired, EnrollmentCodeSpent, EnrollmentCodeUsed, HubRefused,
                                HubTooNew, HubTrouble, HubUnreachable, NotAHub, NotEnrolled, ProtocolError,
                                SchemaTooNew, SyncCancelled, SyncError, TooManyAttempts, Unauthorized)
from sync.client.rejections import RefusedChange, describe, refused_for_display, rejected_changes
from sync.client.results import PullResult, PushResult, SyncResult, TransferStats
from sync.client.settings import (BLOB_UPLOADS, LAST_SYNC, LAST_SYNC_ERROR, MISSING_BLOBS, PULL_CURSOR, PUSH_CURSOR,
                                  REJECTED_KEY, SETTINGS_KEY, SNAPSHOT_STATE, SyncSettings, enrolled_settings,
                                  hub_url, last_sync, last_sync_error, load_settings, normalise_url, save_settings)

#: What talks HTTP (and so loads ``requests``, a good part of a program's start) is imported
#: when first used: the window shows its sync status long before it syncs.
_LAZY = {"enroll": "sync.client.enrollment", "SyncClient": "sync.client.session", "Transport": "sync.client.transport"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "enroll", "SyncClient", "Transport", "SyncSettings", "load_settings", "save_settings", "enrolled_settings",
    "hub_url", "last_sync", "last_sync_error", "normalise_url", "rejected_changes", "refused_for_display",
    "RefusedChange", "describe", "PushResult", "PullResult", "SyncResult", "TransferStats", "OFFLINE_ERRORS",
    "SyncError", "NotEnrolled", "BadHubUrl", "HubUnreachable", "CertificateError", "NotAHub", "HubTrouble", "TooManyAttempts",
    "Unauthorized", "DeviceRevoked", "BadEnrollmentCode", "EnrollmentCodeExpired", "EnrollmentCodeUsed",
    "EnrollmentCodeSpent", "SchemaTooNew", "HubTooNew", "HubRefused", "ProtocolError", "SyncCancelled",
    "SETTINGS_KEY", "PUSH_CURSOR", "PULL_CURSOR", "REJECTED_KEY", "LAST_SYNC", "LAST_SYNC_ERROR", "MISSING_BLOBS",
    "SNAPSHOT_STATE", "BLOB_UPLOADS",
]
