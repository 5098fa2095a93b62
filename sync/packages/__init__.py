"""Data packages: changes carried on a USB stick between offices that have no connection.

A township secretary exports a package for the county; the county imports it (and relays
it to the hub with its own sync) and carries a package back.  One package is one zip file
named after its sender and day (``南高乡团委-2026-12-05.tlpkg``; any name is read):

``manifest.json``
    format version, package id, sender (device id, unit code, person, public keys: its
    identity, signed with the rest, so an office not trusted yet is named), receiver, created
    time, schema version, change ranges per origin, the sender's acknowledgements (what it
    holds, so the receiver's next package need not carry it back), counts, the encryption
    parameters and the sha256 of every other member.
``manifest.sig``
    Ed25519 signature of the sender over the exact bytes of ``manifest.json`` (which holds
    the hashes of the other members, so it covers everything).
``changes.bin``
    gzip'd JSON list of changes (wire form), encrypted with XChaCha20-Poly1305 under a key
    derived (HKDF-SHA256) from X25519(ephemeral key, receiver's encryption key): a lost
    stick exposes neither the personal data of committee members nor anything else.
``blobs/<sha256>``
    attachment files the changes need, encrypted the same way (24-byte nonce first).

Packages are cumulative: each holds every change the receiver has not acknowledged, so a
lost or skipped stick is made good by the next one, and importing twice or out of order
changes nothing (apply is idempotent, acknowledgements only move forward).

Keys: every device has an Ed25519 signing key and an X25519 encryption key, created on
first use and kept in the ledger's ``meta`` (raw private bytes, base64).  This is a
desktop program on an office PC: **the keys are exactly as safe as the ledger file** —
whoever can copy the ledger can read its packages and sign as it (they could read the
ledger itself anyway).  Peers are trusted explicitly: after the check code (fingerprint)
read out by phone matches, because the hub vouched for them, or because their identity
file came on a stick handed over in person.  The first package of an office not trusted
yet is held until then (``held``); a key that changes is refused.  The unit (scope) a sender
may send records of is the one confirmed for it — by a hub statement (``statements``) or the
check code compared by phone, which binds device and unit — never the one its package claims.

The rooms: ``common`` (the format's names, small helpers), ``errors``, ``identity`` (keys,
identity files, trust), ``delivery`` (what goes to whom, the status view), ``writing``,
``reading``, ``importing``, ``receipts``, ``naming`` (readable file names), ``held`` (trust on
first use), ``statements`` (the hub's word on a device's unit) and ``stick`` (what a stick brings).
"""

import importlib

#: Where each name of the package lives: the submodules are imported when a name is first
#: used (PEP 562), so the program's start, which needs only ``common``, does not load them all.
_NAMES = {
    "common": ("ACKS_META", "CIPHER", "FORMAT", "FORMAT_VERSION", "HAVE_META", "HELD_META", "IDENTITY_SUFFIX",
               "KEYS_META", "LOG_META", "PEERS_META", "RECEIPT_SUFFIX", "SUFFIX",),
    "delivery": ("PeerStatus", "delivery_status",),
    "errors": ("REJECT_NOT_OURS", "BadIdentityFile", "BadReceipt", "BadReceiver", "FingerprintMismatch",
               "NoHeldPackage", "PackageBadSignature", "PackageDamaged", "PackageError", "PackageKeyMismatch",
               "PackageNotForUs", "PackageScopeUnconfirmed", "PackageTooNew", "PackageUnfinished",
               "PackageUnknownSender", "PackageWriteFailed", "PeerKeyChanged", "UnknownPeer",),
    "held": ("HeldPackage", "confirm_held", "discard_held", "held_packages", "hold_package", "receive",
             "release_held", "trust_office",),
    "identity": ("SCOPE_ROUTES", "TRUST_ROUTES", "allowed_scope", "check_code", "code_matches", "code_version",
                 "device_keys", "fingerprint", "normalise_fingerprint", "peer_identity_file", "peers",
                 "public_identity", "public_key_string", "read_identity_file", "resolve_peer",
                 "trust_by_fingerprint", "trust_by_statement", "trust_hub_devices", "trust_peer",),
    "statements": ("StatementBadSignature", "StatementMismatch", "StatementMissing", "StatementRefused",
                   "StatementUnknownHub", "hub_key_code", "hub_keys", "learn_hub_key", "take_from_enrollment",),
    "importing": ("ImportReport", "import_file", "import_package",),
    "reading": ("packages_in", "read_manifest",),
    "naming": ("identity_name", "office_title", "package_name",),
    "receipts": ("ReceiptReport", "import_receipt", "write_receipt",),
    "stick": ("StickIdentity", "identities_on", "packages_for", "upper_identities_on",),
    "writing": ("build_package", "export_package",),
}
_WHERE = {name: module for module, names in _NAMES.items() for name in names}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = list(_WHERE)
