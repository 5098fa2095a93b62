"""Every way a sync can fail, each with its message in the "sync" translation context."""

from __future__ import annotations

from desktop.errors import Label, LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP

CTX = "sync"


class SyncError(LedgerError):
    """Base of every sync failure; messages are in the "sync" translation context."""

    message = QT_TRANSLATE_NOOP("sync", "Synchronisation with the hub failed.")
    context = CTX


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


class TooManyAttempts(SyncError):
    """429 rate_limited: too many enrollment attempts from this address."""

    message = QT_TRANSLATE_NOOP("sync", "The hub at {url} refuses further enrollment attempts from this computer for now (too many in a minute). Check the code and try again in {seconds} seconds.")


class Unauthorized(SyncError):
    """401: the token is unknown to the hub or was revoked."""

    message = QT_TRANSLATE_NOOP("sync", "The hub no longer accepts this computer: its access was revoked, or the hub does not know it. Nothing was lost; ask the hub's administrator.")


class DeviceRevoked(SyncError):
    """The hub refuses to enroll a device id it revoked."""

    message = QT_TRANSLATE_NOOP("sync", "This computer was revoked at the hub. Only an enrollment code the hub's administrator issues after the revocation lets it in again.")


class LedgerCopied(SyncError):
    """The hub holds other contents under this ledger's own (origin, seq): the file was copied."""

    message = QT_TRANSLATE_NOOP("sync", "This ledger is a copy of another computer's ledger and must continue under a new identity: run township-ledger new-identity.")


class IdentityTakenOver(LedgerCopied):
    """401 device_succeeded: another ledger (a copy, or a restored one) took this device's place."""

    message = QT_TRANSLATE_NOOP("sync", "Another copy of this ledger has taken over this computer's place at the hub, so this one must continue under a new identity: run township-ledger new-identity.")


class SuccessionRefused(SyncError):
    """The hub would not let this restored or copied ledger take the old device's place."""

    message = QT_TRANSLATE_NOOP("sync", "The hub does not know the device this ledger replaces, so it cannot take its place. Enroll it with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE")


class PredecessorRevoked(SuccessionRefused):
    message = QT_TRANSLATE_NOOP("sync", "The device this ledger replaces was revoked at the hub, so it cannot take its place. Enroll it with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE")


class PredecessorSucceeded(SuccessionRefused):
    message = QT_TRANSLATE_NOOP("sync", "Another ledger has already taken the place of the device this ledger replaces. Enroll this one with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE")


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


class TooLarge(Exception):
    """413: the push splits its batch (never reaches the caller of a sync)."""


class SnapshotUnavailable(Exception):
    """409 snapshot_unavailable: the hub cannot write the snapshot file now (a full disk); the
    first sync pulls page by page (never reaches the caller of a sync)."""


class BlobNotFound(Exception):
    """404 not_found on /v1/blobs/…: the hub lacks the content (or it is not ours to read)."""


# reasons shown inside HubUnreachable
R_REFUSED = QT_TRANSLATE_NOOP("sync", "the connection was refused (is the hub running?)")
R_TIMEOUT = QT_TRANSLATE_NOOP("sync", "no answer in time")
R_NAME = QT_TRANSLATE_NOOP("sync", "the hub's name could not be found (no network?)")
R_PROXY = QT_TRANSLATE_NOOP("sync", "the proxy server failed")
R_BROKEN = QT_TRANSLATE_NOOP("sync", "the connection broke")


def reason(label: str) -> Label:
    """One of the reasons above as a message parameter (shown in the reader's language)."""
    return Label(CTX, label)


#: Failures that mean the hub is out of reach (a caller may fall back to probing).
OFFLINE_ERRORS: tuple[type[BaseException], ...] = (HubUnreachable, NotAHub)
