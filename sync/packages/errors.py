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
    message = QT_TRANSLATE_NOOP("packages", "The data package comes from {office}, which this ledger does not trust yet (check code {fingerprint}). Import it again: it is kept until that office's person confirms the check code on the phone.")


class PackageKeyMismatch(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package claims to come from {office} but carries other keys than the ones trusted for that office (check code {fingerprint}, trusted: {trusted}). It may be forged; nothing was imported. Phone that office.")


class PackageNotForUs(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package is meant for {receiver}, not for this office ({office}). Nothing was imported.")


class PackageTooNew(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package was written by a newer version of the program (schema {found}, this program knows {known}). Nothing was imported; please update the program.")


class PackageWriteFailed(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package {path} could not be written correctly ({detail}). Check the USB stick and export again.")


class UnknownPeer(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "No trusted office {device}. Confirm the office first (its identity file, or its first package and a phone call).")


class BadReceiver(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "A data package is always for one known device; choose the device it is for.")


class BadIdentityFile(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is not a valid device identity file ({detail}).")


class FingerprintMismatch(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The check code (fingerprint) does not match: you entered {entered}, which is not the code of this office's keys. Do not trust it; phone the office again and have the code read out slowly.")


class PeerKeyChanged(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{office} is already trusted with other keys (check code {trusted}); the new check code is {fingerprint}. Remove the old trust first if the office really has a new computer.")


class NoHeldPackage(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "No package of {office} is waiting here any more.")


class BadReceipt(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "{path} is not a valid receipt ({detail}).")


#: Reason a received change is rejected: it is none of this ledger's business.
REJECT_NOT_OURS = QT_TRANSLATE_NOOP("packages", "record scope {scope} lies outside this ledger's scope {own}")


class PackageScopeUnconfirmed(PackageError):
    message = QT_TRANSLATE_NOOP("packages", "The data package comes from {office}, whose keys are trusted but whose unit is not confirmed yet (it was checked with an older program's code, which covers the keys alone). It is kept, not imported, until the unit is confirmed: phone that office and type the check code its window shows now, or confirm its unit with the old code.")
