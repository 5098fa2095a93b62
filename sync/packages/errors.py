"""What can go wrong with data packages, identity files and receipts (messages in the
"packages" translation context)."""

from __future__ import annotations

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP


class PackageError(LedgerError):
    """Errors of data packages; their messages live in the "packages" translation context."""

    message = QT_TRANSLATE_NOOP("packages", "The data package could not be used.")
    context = "packages"


class PackageDamaged(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package {path} is damaged or incomplete ({detail}); nothing was imported. Copy it again from the sender's computer.")


class PackageUnfinished(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is an unfinished package (its writing was interrupted); nothing was imported. Export the package again.")


class PackageBadSignature(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The signature of the data package {path} does not match its contents: it was changed after it was written. Nothing was imported.")


class PackageUnknownSender(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package comes from device {device} (fingerprint {fingerprint}), which this ledger does not trust yet. Trust its identity file first, after comparing the fingerprint by phone.")


class PackageKeyMismatch(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package claims to come from device {device} but is signed with a different key (fingerprint {fingerprint}, trusted: {trusted}). Nothing was imported; ask the sender by phone.")


class PackageNotForUs(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package is meant for device {receiver}, not for this ledger ({device}). Nothing was imported.")


class PackageTooNew(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package was written by a newer version of the program (schema {found}, this program knows {known}). Nothing was imported; please update the program.")


class PackageWriteFailed(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package {path} could not be written correctly ({detail}). Check the USB stick and export again.")


class UnknownPeer(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "No trusted device {device}. Trust its identity file first.")


class BadReceiver(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "A data package is always for one known device; choose the device it is for.")


class BadIdentityFile(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is not a valid device identity file ({detail}).")


class FingerprintMismatch(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The fingerprint does not match: the file shows {actual}, you entered {entered}. Do not trust this file; ask the other office again.")


class PeerKeyChanged(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "Device {device} is already trusted with another key (fingerprint {trusted}); the new fingerprint is {fingerprint}. Remove the old trust first if the office really has a new computer.")


class BadReceipt(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is not a valid receipt ({detail}).")


#: Reason a received change is rejected: it is none of this ledger's business.
REJECT_NOT_OURS = QT_TRANSLATE_NOOP("packages", "record scope {scope} lies outside this ledger's scope {own}")
