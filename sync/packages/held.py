"""Trust on first use: the first package of an office this ledger does not trust yet is
held, not applied.  It is checked (signed by the keys it carries, whole, meant for us),
copied next to the ledger and listed with the sender's unit and person; it is applied
once the person confirms the sender's check code (fingerprint) by phone, or trusts the
office from an identity file it handed over in person.  A package that claims a trusted
office but carries other keys is refused outright (:class:`PackageKeyMismatch`), never held.

``receive`` is the one door for a file from a stick: a receipt is taken up, a package of
a trusted office imported, any other package held.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sync.packages.common import (HELD_META, RECEIPT_SUFFIX, SUFFIX, meta_json, now, office_text, set_meta_json,
                                  write_atomic)
from sync.packages.errors import (FingerprintMismatch, NoHeldPackage, PackageDamaged, PackageNotForUs,
                                  PackageScopeUnconfirmed, PackageUnknownSender)
from sync.packages.identity import (check_identity, code_matches, peers, trust_by_fingerprint, trust_by_statement,
                                    trust_peer)
from sync.packages.statements import StatementUnknownHub
from sync.packages.importing import ImportReport, import_package
from sync.packages.reading import manifest_of, open_verified, read_zip

HELD_FOLDER = "held-packages"


@dataclass(frozen=True)
class HeldPackage:
    """A package waiting for its sender to be trusted."""

    device_id: str
    #: the sender's identity as the (self-signed) package carries it, with its fingerprint
    identity: dict
    path: str
    source: str
    count: int
    held_at: str
    package_id: str

    @property
    def fingerprint(self) -> str:
        return self.identity["fingerprint"]

    def office(self):
        """The sender as :class:`desktop.offices.Office` (unit and person)."""
        from desktop.offices import Office

        return Office(self.device_id, self.identity.get("scope"), self.identity.get("name") or "")


def held_folder(ledger) -> Path:
    return Path(ledger.path).parent / HELD_FOLDER


def held_packages(ledger) -> list[HeldPackage]:
    """The packages waiting here, oldest first."""
    out = []
    for entry in meta_json(ledger, HELD_META).get("packages", []) or []:
        try:
            out.append(HeldPackage(entry["device_id"], check_identity(entry["identity"]), entry["path"],
                                   entry.get("source", ""), int(entry.get("count", 0)), entry.get("held_at", ""),
                                   entry["package_id"]))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def hold_package(ledger, path) -> HeldPackage:
    """Check a package of an office not trusted yet and keep a copy until it is trusted."""
    path = Path(path)
    members = read_zip(path)
    manifest = manifest_of(path, members)
    try:
        sender = check_identity(manifest["sender"])
    except ValueError as exc:
        raise PackageDamaged(path=str(path), detail=f"sender: {exc}") from None
    manifest, _ = open_verified(path, sender["sign_pub"])  # whole and signed by the keys it carries
    if manifest["receiver"] != ledger.device_id:
        raise PackageNotForUs(receiver=office_text(ledger, manifest["receiver"]), device=ledger.device_id,
                              office=office_text(ledger, ledger.device_id))
    for held in held_packages(ledger):
        if held.package_id == manifest["package_id"]:
            return held
    folder = held_folder(ledger)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackageDamaged(path=str(folder), detail=exc.strerror or str(exc)) from None
    copy = folder / f"{manifest['package_id']}{SUFFIX}"
    data = path.read_bytes()
    write_atomic(copy, lambda fh: fh.write(data))
    entry = {"device_id": sender["device_id"], "identity": {k: sender[k] for k in
                                                            ("device_id", "scope", "sign_pub", "enc_pub", "name",
                                                             "statement") if k in sender},
             "path": str(copy), "source": path.name, "count": manifest.get("count", 0), "held_at": now(),
             "package_id": manifest["package_id"]}
    with ledger.tx():
        held = meta_json(ledger, HELD_META)
        held.setdefault("packages", []).append(entry)
        set_meta_json(ledger, HELD_META, held)
    return held_packages(ledger)[-1]


def receive(ledger, path) -> ImportReport | int | HeldPackage:
    """Take a file from a stick: a receipt (how many of our changes it newly confirmed),
    a package of a trusted office (its :class:`ImportReport`), or a package of an office
    not trusted yet (held: its :class:`HeldPackage`)."""
    from sync.packages.receipts import import_receipt

    if str(path).endswith(RECEIPT_SUFFIX):
        return import_receipt(ledger, path)
    try:
        return import_package(ledger, path)
    except PackageScopeUnconfirmed:
        return hold_package(ledger, path)
    except PackageUnknownSender:
        if not _trusted_by_statement(ledger, Path(path)):
            return hold_package(ledger, path)
    return import_package(ledger, path)


def _trusted_by_statement(ledger, path: Path) -> bool:
    """Trust the unknown sender of the package at *path* on the hub's word, when the package
    (whole and signed by the keys it carries) holds a statement of a hub this ledger knows
    about exactly that sender.  A forged or mismatched statement refuses the package
    (:class:`StatementRefused`); one of an unknown hub leaves it to the phone check."""
    members = read_zip(path)
    try:
        sender = check_identity(manifest_of(path, members)["sender"])
    except ValueError:
        return False
    if "statement" not in sender:
        return False
    open_verified(path, sender["sign_pub"])
    try:
        trust_by_statement(ledger, sender)
    except StatementUnknownHub:
        return False
    return True


def release_held(ledger, device_id: str) -> list[ImportReport]:
    """Apply the held packages of *device_id*, now trusted; those carrying other keys than
    the trusted ones are dropped (they would be refused).  Each leaves the list once done."""
    trusted = peers(ledger).get(device_id)
    if trusted is None or trusted["allowed_scope"] is None:
        return []  # not trusted, or its unit not confirmed yet: they stay held
    reports = []
    for held in held_packages(ledger):
        if held.device_id != device_id:
            continue
        same_keys = (held.identity["sign_pub"], held.identity["enc_pub"]) == (trusted["sign_pub"], trusted["enc_pub"])
        if same_keys:
            try:
                reports.append(import_package(ledger, held.path))
            except PackageDamaged:
                pass  # the copy went missing or bad: dropped, the next package carries it all again
        _forget(ledger, held)
    return reports


def trust_office(ledger, identity: dict, *, code: str | None = None,
                 scope_shown: bool = False) -> list[ImportReport]:
    """Trust an office and apply what it sent that was held: with *code*, the check code
    its person read out by phone (:class:`FingerprintMismatch` when it differs; an older
    program's code confirms the unit only with *scope_shown*, see
    :func:`~sync.packages.identity.trust_by_fingerprint`); without, because its identity
    came on a stick handed over in person."""
    if code is None:
        trust_peer(ledger, identity, "in_person")
    else:
        trust_by_fingerprint(ledger, identity, code, scope_shown=scope_shown)
    return release_held(ledger, identity["device_id"])


def confirm_held(ledger, device_id: str, code: str, *, scope_shown: bool = False) -> list[ImportReport]:
    """Confirm the sender of held packages by the check code read out on the phone (an
    older program's code: with *scope_shown*, the unit shown and confirmed as well)."""
    from desktop.offices import office_of

    waiting = [h for h in held_packages(ledger) if h.device_id == device_id]
    if not waiting:
        raise NoHeldPackage(office=office_of(ledger, device_id).text())
    for held in waiting:  # normally one identity; a forger's differs and never matches
        if code_matches(held.identity, code):
            return trust_office(ledger, held.identity, code=code, scope_shown=scope_shown)
    raise FingerprintMismatch(entered=(code or "").strip())


def _forget(ledger, held: HeldPackage) -> None:
    with ledger.tx():
        entries = meta_json(ledger, HELD_META)
        entries["packages"] = [e for e in entries.get("packages", []) if e.get("package_id") != held.package_id]
        set_meta_json(ledger, HELD_META, entries)
    try:
        Path(held.path).unlink()
    except OSError:
        pass


def discard_held(ledger, device_id: str) -> int:
    """Throw away the held packages of *device_id* (not trusted); how many."""
    gone = [h for h in held_packages(ledger) if h.device_id == device_id]
    for held in gone:
        _forget(ledger, held)
    return len(gone)

