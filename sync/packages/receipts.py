"""Receipts: a small signed file saying what this ledger holds, for when no package
goes back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.ledger.changes import dumps
from sync.crypto import InvalidSignature, VerifyKey
from sync.packages.common import (ACKS_META, RECEIPT_FORMAT, RECEIPT_SUFFIX, b64, now, office_text, unb64,
                                  write_atomic)
from sync.packages import refusals
from sync.packages.delivery import holding_for, pending_count, raise_vector
from sync.packages.errors import BadReceipt, PackageBadSignature, PackageNotForUs, PackageUnknownSender
from sync.packages.identity import device_keys, peer_entry, peers
from sync.packages.naming import package_name


@dataclass
class ReceiptReport:
    """What taking up a receipt did."""

    sender: str
    #: how many of our changes it newly confirmed holding
    acknowledged: int = 0
    #: what the sender says it refused of the changes we handed it, newly learned
    refused_by_them: list[dict] = field(default_factory=list)


def write_receipt(ledger, dest_dir, sender_device_id: str) -> Path:
    """A small signed file saying what this ledger holds, for when no package goes back."""
    peer_entry(ledger, sender_device_id)
    sign, _ = device_keys(ledger)
    body = {"format": RECEIPT_FORMAT, "from": ledger.device_id, "to": sender_device_id, "created": now(),
            "acks": holding_for(ledger, sender_device_id), "refused": refusals.for_peer(ledger, sender_device_id)}
    doc = {"receipt": body, "signature": b64(sign.sign(dumps(body).encode("utf-8")))}
    path = package_name(ledger, Path(dest_dir), RECEIPT_SUFFIX)
    write_atomic(path, lambda fh: fh.write(json.dumps(doc, ensure_ascii=False).encode("utf-8")))
    return path


def import_receipt(ledger, path) -> ReceiptReport:
    """Take up a peer's receipt: what it newly acknowledged, and what it refused of ours."""
    path = Path(path)
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
        body = doc["receipt"]
        if body.get("format") != RECEIPT_FORMAT or not isinstance(body.get("acks"), dict):
            raise ValueError("format")
        sig = unb64(doc["signature"])
    except OSError as exc:
        raise BadReceipt(path=str(path), detail=exc.strerror or str(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise BadReceipt(path=str(path), detail=str(exc) or type(exc).__name__) from None
    device = body.get("from")
    trusted = peers(ledger).get(device)
    if trusted is None:
        raise PackageUnknownSender(device=device, fingerprint="?", office=office_text(ledger, device))
    if body.get("to") != ledger.device_id:
        raise PackageNotForUs(receiver=office_text(ledger, str(body.get("to"))), device=ledger.device_id,
                              office=office_text(ledger, ledger.device_id))
    try:
        VerifyKey(unb64(trusted["sign_pub"])).verify(sig, dumps(body).encode("utf-8"))
    except InvalidSignature:
        raise PackageBadSignature(path=str(path)) from None
    before = pending_count(ledger, trusted, device)
    with ledger.tx():
        raise_vector(ledger, ACKS_META, device, body["acks"])
        refused = refusals.take_up(ledger, device, body.get("refused"))
    return ReceiptReport(device, max(before - pending_count(ledger, trusted, device), 0), refused)
