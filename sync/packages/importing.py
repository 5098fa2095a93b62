"""Importing a package: verify, decrypt and apply it in one transaction."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.i18n import translate
from desktop.ledger.changes import Change, decoded_all
from sync import crypto
from sync.signatures import KeyBook
from sync.crypto import InvalidTag
from sync.packages.common import (ACKS_META, CHANGES, CIPHER, HAVE_META, RECEIPT_SUFFIX, aad, derive_key, office_text,
                                  sha, unb64)
from sync.packages import refusals
from sync.packages.delivery import log_event, pending_count, raise_vector, visible_to
from sync.packages.errors import (PackageDamaged, PackageKeyMismatch, PackageNotForUs, PackageScopeUnconfirmed,
                                  PackageTooNew, PackageUnknownSender, REJECT_NOT_OURS)
from sync.packages.identity import check_code, device_keys, peers, trust_peer
from sync.packages.statements import StatementUnknownHub
from sync.packages.reading import manifest_of, open_verified, read_zip


@dataclass
class ImportReport:
    """What importing a package did."""

    applied: int = 0
    already_had: int = 0
    rejected: list[tuple[str, int, str]] = field(default_factory=list)
    #: how many of our changes the sender newly confirmed holding
    acknowledged: int = 0
    #: what the sender says it refused of the changes we handed it, newly learned (wire-like dicts with a reason)
    refused_by_them: list[dict] = field(default_factory=list)
    sender: str = ""
    package_id: str = ""
    blobs: int = 0
    conflicts: int = 0


def import_package(ledger, path) -> ImportReport:
    """Verify and apply a package.  Damage of any kind refuses the whole package and stores
    nothing; a change outside the sender's scope, or one whose signature does not hold,
    is rejected alone."""
    path = Path(path)
    trusted, manifest, members = _verified(ledger, path)
    device = manifest["sender"]["device_id"]
    wire, blobs, acks, covers = _contents(ledger, path, manifest, members)
    report = ImportReport(sender=device, package_id=manifest["package_id"], blobs=len(blobs))
    before = pending_count(ledger, trusted, device)
    with ledger.tx():
        for digest, blob in blobs.items():
            if not ledger.has_blob(digest):
                ledger.add_blob(blob)
        mine, foreign = _split_foreign(ledger, wire)
        # each change signed by its origin: the sender's own by the key trusted for it, those
        # it relays by the key known here or the one it vouches for (sync.signatures)
        book = KeyBook(ledger, manifest.get("keys"), handed_by=device, handed_by_key=trusted["sign_pub"])
        mine = decoded_all(mine)
        book.check_ahead(mine)
        # the unit confirmed for the sender (hub statement, phone check), never the one its
        # package claims: a township claiming the county's scope sends a township's records only
        applied = ledger.apply_changes(mine, allowed_scope=trusted["allowed_scope"], authentic=book, sender=device)
        book.keep()
        raise_vector(ledger, ACKS_META, device, acks)
        raise_vector(ledger, HAVE_META, device, covers)
        refusals.remember(ledger, device, foreign + applied.rejected)
        report.refused_by_them = refusals.take_up(ledger, device, manifest.get("refused"))
        log_event(ledger, "import", device, manifest)
    report.applied, report.already_had, report.conflicts = applied.applied, applied.duplicate, applied.conflicts
    for change, reason in foreign + applied.rejected:
        if isinstance(change, Change):
            report.rejected.append((change.origin, change.origin_seq, reason))
        else:
            d = change if isinstance(change, dict) else {}
            report.rejected.append((str(d.get("origin", "?")), d.get("seq", 0) if isinstance(d.get("seq"), int) else 0,
                                    reason))
    report.acknowledged = max(before - pending_count(ledger, trusted, device), 0)
    return report


def import_file(ledger, path) -> ImportReport | int:
    """Import a package, or take up a receipt (by the file's suffix): the package's report,
    or how many of our changes the receipt newly acknowledged."""
    from sync.packages.receipts import import_receipt

    if str(path).endswith(RECEIPT_SUFFIX):
        return import_receipt(ledger, path)
    return import_package(ledger, path)


def _verified(ledger, path: Path) -> tuple[dict, dict, dict[str, bytes]]:
    """The trusted sender's entry, the manifest and the members of a package whose sender
    this ledger trusts with these keys, whose signature and hashes hold and which is for us."""
    sender = manifest_of(path, read_zip(path))["sender"]
    device = sender["device_id"]
    claimed_fp = check_code(sender) if _keys_ok(sender) else "?"
    trusted = peers(ledger).get(device)
    if trusted is None:
        raise PackageUnknownSender(device=device, fingerprint=claimed_fp, office=office_text(ledger, device, sender))
    if (trusted["sign_pub"], trusted["enc_pub"]) != (sender["sign_pub"], sender["enc_pub"]):
        raise PackageKeyMismatch(device=device, fingerprint=claimed_fp, trusted=trusted["fingerprint"],
                                 office=office_text(ledger, device))
    manifest, members = open_verified(path, trusted["sign_pub"])
    if trusted["allowed_scope"] is None:
        trusted = _confirmed_by_statement(ledger, manifest["sender"]) or trusted
    if trusted["allowed_scope"] is None:
        raise PackageScopeUnconfirmed(device=device, fingerprint=claimed_fp, office=office_text(ledger, device))
    if manifest["receiver"] != ledger.device_id:
        raise PackageNotForUs(receiver=office_text(ledger, manifest["receiver"]), device=ledger.device_id,
                              office=office_text(ledger, ledger.device_id))
    schema = manifest.get("schema")
    if not isinstance(schema, int) or schema > ledger.schema_version:
        raise PackageTooNew(found=schema, known=ledger.schema_version)
    return trusted, manifest, members


def _confirmed_by_statement(ledger, sender: dict) -> dict | None:
    """The trusted entry of a sender whose unit was not confirmed, now confirmed by the hub
    statement its (verified) package carries; None when it carries no usable one."""
    if not isinstance(sender.get("statement"), dict):
        return None
    try:
        trust_peer(ledger, sender, "hub", scope_by="statement")
    except StatementUnknownHub:
        return None
    return peers(ledger)[sender["device_id"]]


def _contents(ledger, path: Path, manifest: dict, members: dict[str, bytes]) -> tuple[list, dict, dict, dict]:
    """The decrypted changes (wire form), attachment contents by digest, and the sender's
    acknowledgements and coverage; anything amiss is :class:`PackageDamaged`."""
    package_id = manifest["package_id"]
    try:
        enc = manifest["encryption"]
        if enc.get("cipher") != CIPHER:
            raise ValueError("cipher")
        _, my_enc = device_keys(ledger)
        key = derive_key(my_enc.exchange(unb64(enc["ephemeral_pub"])), package_id)
        plain = crypto.decrypt(key, unb64(enc["nonce"]), members[CHANGES], aad(package_id, CHANGES))
        wire = json.loads(gzip.decompress(plain).decode("utf-8"))
        if not isinstance(wire, list) or len(wire) != manifest["count"]:
            raise ValueError("count")
        blobs = {}
        for name, data in members.items():
            if name.startswith("blobs/"):
                n = crypto.NONCE_SIZE
                blob = crypto.decrypt(key, data[:n], data[n:], aad(package_id, name))
                if sha(blob) != name[len("blobs/"):]:
                    raise ValueError(name)
                blobs[name[len("blobs/"):]] = blob
        acks = manifest.get("acks") or {}
        covers = manifest.get("covers") or {}
        if not isinstance(acks, dict) or not isinstance(covers, dict):
            raise ValueError("acks")
    except (InvalidTag, ValueError, TypeError, KeyError, OSError, EOFError, UnicodeDecodeError) as exc:
        raise PackageDamaged(path=str(path), detail=f"contents: {type(exc).__name__} {exc}".strip()) from None
    return wire, blobs, acks, covers


def _split_foreign(ledger, wire: list) -> tuple[list, list]:
    """Changes this ledger may hold (its scope and what the levels above publish), and the
    others, rejected with their reason (a county's package has no business carrying another
    township's records to a township)."""
    mine, foreign = [], []
    for item in wire:
        scope = item.get("scope") if isinstance(item, dict) else None
        if isinstance(scope, str) and ledger.scope and not visible_to(ledger.scope, scope):
            foreign.append((item, translate("packages", REJECT_NOT_OURS).format(scope=scope or "-",
                                                                                 own=ledger.scope)))
        else:
            mine.append(item)
    return mine, foreign


def _keys_ok(sender: dict) -> bool:
    try:
        unb64(sender["sign_pub"]), unb64(sender["enc_pub"])
        return True
    except (ValueError, KeyError):
        return False
