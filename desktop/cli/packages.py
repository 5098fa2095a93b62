"""``township-ledger package``: data packages on a USB stick, from the command line.

    township-ledger package identity --out E:\\            (writes E:\\南高乡团委-身份.tlid)
    township-ledger package trust 栾城区团委-身份.tlid --fingerprint ABCD-EFGH-IJKL-MNOP-QRST
    township-ledger package trust 栾城区团委-身份.tlid --in-person
    township-ledger package trust 栾城区团委-身份.tlid --by-hub    (on the hub's statement in the file)
    township-ledger package export --to E:\\ --for 130111
    township-ledger package import E:\\南高乡团委-2026-12-05.tlpkg
    township-ledger package confirm 130111200 --fingerprint ABCD-EFGH-IJKL-MNOP-QRST
    township-ledger package receipt --to E:\\ --for 130111200
    township-ledger package status

Wired into :mod:`desktop.cli.commands` by ``add_parsers`` and ``COMMANDS``.
"""

from __future__ import annotations

from desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, open_ledger
from desktop.i18n import QT_TRANSLATE_NOOP, translate

CTX = "cli"

HELP = QT_TRANSLATE_NOOP("cli", "data packages on a USB stick, for offices without a connection")
HELP_IDENTITY = QT_TRANSLATE_NOOP("cli", "write this computer's identity file (public keys) for another office")
HELP_OUT = QT_TRANSLATE_NOOP("cli", "the identity file to write, or a folder (the USB stick) to write it into")
HELP_TRUST = QT_TRANSLATE_NOOP("cli", "trust another office's identity file, after comparing its fingerprint by phone")
HELP_TRUST_FILE = QT_TRANSLATE_NOOP("cli", "the other office's identity file")
HELP_FINGERPRINT = QT_TRANSLATE_NOOP("cli", "the fingerprint the other office read out to you, e.g. ABCD-EFGH-IJKL-MNOP-QRST")
HELP_EXPORT = QT_TRANSLATE_NOOP("cli", "write a data package for another office")
HELP_TO = QT_TRANSLATE_NOOP("cli", "the folder to write to (the USB stick)")
HELP_FOR = QT_TRANSLATE_NOOP("cli", "the office it is for: its device id, division code, name or fingerprint")
HELP_IMPORT = QT_TRANSLATE_NOOP("cli", "import a data package (or a receipt) from another office")
HELP_FILE = QT_TRANSLATE_NOOP("cli", "the package (.tlpkg) or receipt (.tlrcpt) file")
HELP_RECEIPT = QT_TRANSLATE_NOOP("cli", "write a receipt (what this ledger holds) for an office that sent a package")
HELP_IN_PERSON = QT_TRANSLATE_NOOP("cli", "trust the file without a phone check: it came on a stick the other office handed you in person")
HELP_BY_HUB = QT_TRANSLATE_NOOP("cli", "trust the file without a phone check on the hub's statement it carries (both offices enrolled at the same hub)")
HELP_UNIT = QT_TRANSLATE_NOOP("cli", "the division code of the unit the other office confirmed on the phone: needed only with the check code of an older program, which covers the keys alone")
HELP_CONFIRM = QT_TRANSLATE_NOOP("cli", "confirm the office whose first package is held here, by the check code (fingerprint) its person read out on the phone; its packages are then imported")
HELP_CONFIRM_WHO = QT_TRANSLATE_NOOP("cli", "the office: its division code, device id or person's name")
HELP_STATUS = QT_TRANSLATE_NOOP("cli", "show, per trusted office, the changes it has confirmed and those still only here")

MSG_IDENTITY = QT_TRANSLATE_NOOP("cli", "Identity file written to {path}.")
MSG_FINGERPRINT = QT_TRANSLATE_NOOP("cli", "This computer's check code (its fingerprint: read it out when another office phones to check a package): {fingerprint}")
MSG_TRUSTED = QT_TRANSLATE_NOOP("cli", "Trusted: {office} (check code {fingerprint}, device {device}).")
MSG_UNIT_UNCONFIRMED = QT_TRANSLATE_NOOP("cli", "The check code is an older program's: it confirms the keys of {office}, not its unit {scope}. Its packages are held until the unit is confirmed: ask on the phone whether the office is {unit} and add --unit {scope}, or have it read out the code its updated program shows.")
MSG_UNIT_DIFFERS = QT_TRANSLATE_NOOP("cli", "The office's identity names the unit {scope}, not {unit} as confirmed on the phone. Nothing was trusted.")
MSG_HELD = QT_TRANSLATE_NOOP("cli", "Held, not imported yet: {count} changes from {office}, which this ledger does not trust yet. Phone that office, have its person read out the check code shown in its window (Data packages), and run: township-ledger package confirm {who} --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX")
MSG_HELD_LINE = QT_TRANSLATE_NOOP("cli", "held: {count} changes from {office} since {when}, waiting for the phone check (township-ledger package confirm {who} --fingerprint …)")
MSG_RELEASED = QT_TRANSLATE_NOOP("cli", "The held packages of {office} were imported: {applied} new, {already} already here, {rejected} rejected.")
MSG_NOT_HELD = QT_TRANSLATE_NOOP("cli", "No package of {who} is held here.")
MSG_EXPORTED = QT_TRANSLATE_NOOP("cli", "Package written and checked: {path} ({count} changes, {blobs} attachments, {size} bytes).")
MSG_IMPORTED = QT_TRANSLATE_NOOP("cli", "Imported from {office}: {applied} new, {already} already here, {rejected} rejected; {acked} of our changes newly confirmed.")
MSG_REJECTED = QT_TRANSLATE_NOOP("cli", "  rejected {origin}#{seq}: {reason}")
MSG_RECEIPT = QT_TRANSLATE_NOOP("cli", "Receipt written to {path}.")
MSG_RECEIPT_READ = QT_TRANSLATE_NOOP("cli", "Receipt taken up: {acked} of our changes newly confirmed.")
MSG_THEY_REFUSED = QT_TRANSLATE_NOOP("cli", "{office} refused {n} of the changes this office handed over:")
MSG_THEY_REFUSED_ONE = QT_TRANSLATE_NOOP("cli", "  {kind} {id} (change {origin}#{seq}): {reason}")
MSG_THEY_REFUSED_FAIL = QT_TRANSLATE_NOOP("cli", "{office} refused {n} of the changes this office handed over; they are listed above and in the window's sync details.")
MSG_NO_PEERS = QT_TRANSLATE_NOOP("cli", "No trusted offices yet. Use: township-ledger package trust FILE --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX (or import the other office's first package and confirm it)")
MSG_STATUS_HEAD = QT_TRANSLATE_NOOP("cli", "confirmed  not yet confirmed  last export / last import  office")
MSG_ONLY_HERE = QT_TRANSLATE_NOOP("cli", "Only here (no upper office has confirmed them yet): {n} changes")
MSG_NEVER = QT_TRANSLATE_NOOP("cli", "never")
MSG_NO_COMMAND = QT_TRANSLATE_NOOP("cli", "choose one of: identity, trust, export, import, confirm, receipt, status")


def add_parsers(sub) -> None:
    """Add the ``package`` command (with its own sub-commands) to the CLI's sub-parsers."""
    s = sub.add_parser("package", help=translate(CTX, HELP))
    inner = s.add_subparsers(dest="package_command", metavar="ACTION", parser_class=type(s))
    p = inner.add_parser("identity", help=translate(CTX, HELP_IDENTITY))
    p.add_argument("--out", required=True, metavar="FILE", help=translate(CTX, HELP_OUT))
    p = inner.add_parser("trust", help=translate(CTX, HELP_TRUST))
    p.add_argument("file", metavar="FILE", help=translate(CTX, HELP_TRUST_FILE))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--fingerprint", metavar="XXXX-XXXX-XXXX-XXXX-XXXX", help=translate(CTX, HELP_FINGERPRINT))
    how.add_argument("--in-person", action="store_true", help=translate(CTX, HELP_IN_PERSON))
    how.add_argument("--by-hub", action="store_true", help=translate(CTX, HELP_BY_HUB))
    p.add_argument("--unit", metavar="CODE", help=translate(CTX, HELP_UNIT))
    p = inner.add_parser("export", help=translate(CTX, HELP_EXPORT))
    p.add_argument("--to", required=True, metavar="DIR", help=translate(CTX, HELP_TO))
    p.add_argument("--for", dest="receiver", required=True, metavar="DEVICE_ID_OR_CODE", help=translate(CTX, HELP_FOR))
    p = inner.add_parser("import", help=translate(CTX, HELP_IMPORT))
    p.add_argument("file", metavar="FILE", help=translate(CTX, HELP_FILE))
    p = inner.add_parser("confirm", help=translate(CTX, HELP_CONFIRM))
    p.add_argument("office", metavar="OFFICE", help=translate(CTX, HELP_CONFIRM_WHO))
    p.add_argument("--fingerprint", required=True, metavar="XXXX-XXXX-XXXX-XXXX-XXXX",
                   help=translate(CTX, HELP_FINGERPRINT))
    p.add_argument("--unit", metavar="CODE", help=translate(CTX, HELP_UNIT))
    p = inner.add_parser("receipt", help=translate(CTX, HELP_RECEIPT))
    p.add_argument("--to", required=True, metavar="DIR", help=translate(CTX, HELP_TO))
    p.add_argument("--for", dest="receiver", required=True, metavar="DEVICE_ID_OR_CODE", help=translate(CTX, HELP_FOR))
    inner.add_parser("status", help=translate(CTX, HELP_STATUS))


def cmd_package(args) -> int:
    action = getattr(args, "package_command", None)
    if not action:
        fail(translate(CTX, MSG_NO_COMMAND), EXIT_USAGE)
    with open_ledger(args) as ledger:
        ACTIONS[action](ledger, args)
    return EXIT_OK


def _identity(ledger, args) -> None:
    from sync import packages as P

    with ledger.tx():  # keys made for the file are not kept when the file cannot be written
        path = P.peer_identity_file(ledger, args.out)
    print(translate(CTX, MSG_IDENTITY).format(path=path))
    print(translate(CTX, MSG_FINGERPRINT).format(fingerprint=P.public_identity(ledger)["fingerprint"]))


def _trust(ledger, args) -> None:
    from sync import packages as P

    ident = P.read_identity_file(args.file)
    shown = _unit_shown(ident, args.unit)
    if args.in_person or args.fingerprint:
        reports = P.trust_office(ledger, ident, code=None if args.in_person else args.fingerprint, scope_shown=shown)
    else:  # --by-hub, no phone call: the hub's statement in the file decides
        P.trust_by_statement(ledger, ident)
        reports = P.release_held(ledger, ident["device_id"])
    print(translate(CTX, MSG_TRUSTED).format(office=_office(ledger, ident["device_id"]), device=ident["device_id"],
                                             fingerprint=ident["fingerprint"]))
    _released(ledger, ident["device_id"], reports)
    _unit_pending(ledger, ident)


def _unit_shown(identity: dict, unit: str | None) -> bool:
    """Whether the unit confirmed on the phone (``--unit``) is the one *identity* names."""
    if unit is None:
        return False
    if unit.strip() != identity["scope"]:
        fail(translate(CTX, MSG_UNIT_DIFFERS).format(scope=identity["scope"] or "-", unit=unit.strip()))
    return True


def _unit_pending(ledger, identity: dict) -> None:
    """Say so when only the keys of *identity* are trusted (an older program's code)."""
    from desktop.offices import Office
    from sync import packages as P

    if P.peers(ledger)[identity["device_id"]]["allowed_scope"] is None:
        office = Office(identity["device_id"], identity["scope"], identity.get("name") or "")
        print(translate(CTX, MSG_UNIT_UNCONFIRMED).format(office=office.text(), scope=identity["scope"] or "-",
                                                          unit=office.unit_name()))


def _export(ledger, args) -> None:
    from sync import packages as P

    path = P.export_package(ledger, args.to, P.resolve_peer(ledger, args.receiver))
    m = P.read_manifest(path)
    print(translate(CTX, MSG_EXPORTED).format(path=path, count=f"{m['count']:,}", blobs=m["blob_count"],
                                              size=f"{path.stat().st_size:,}"))


def _import(ledger, args) -> None:
    from sync import packages as P

    r = P.receive(ledger, args.file)
    if isinstance(r, P.ReceiptReport):
        print(translate(CTX, MSG_RECEIPT_READ).format(acked=f"{r.acknowledged:,}"))
    elif isinstance(r, P.HeldPackage):
        print(translate(CTX, MSG_HELD).format(count=r.count, office=r.office().text(), who=_who(r)))
        return
    else:
        _report(ledger, r)
    _refused_by_them(ledger, r.sender, r.refused_by_them)


def _refused_by_them(ledger, sender: str, refused: list[dict]) -> None:
    """What the other office refused of ours: listed, and the command fails as a sync the
    hub refused changes of does (nothing was lost: they stay in this ledger)."""
    if not refused:
        return
    from desktop.records import KINDS

    office = _office(ledger, sender)
    print(translate(CTX, MSG_THEY_REFUSED).format(office=office, n=len(refused)))
    for e in refused[:50]:
        k = KINDS.get(e.get("kind", ""))
        print(translate(CTX, MSG_THEY_REFUSED_ONE).format(
            kind=k.label.text() if k is not None else e.get("kind", "?"), id=e.get("id", "?"),
            origin=_office(ledger, e["origin"]), seq=e["seq"], reason=e.get("reason", "")))
    fail(translate(CTX, MSG_THEY_REFUSED_FAIL).format(office=office, n=len(refused)))


def _report(ledger, r) -> None:
    print(translate(CTX, MSG_IMPORTED).format(office=_office(ledger, r.sender), applied=f"{r.applied:,}",
                                              already=f"{r.already_had:,}", rejected=len(r.rejected),
                                              acked=f"{r.acknowledged:,}"))
    for origin, seq, reason in r.rejected[:50]:
        print(translate(CTX, MSG_REJECTED).format(origin=_office(ledger, origin), seq=seq, reason=reason))


def _confirm(ledger, args) -> None:
    from sync import packages as P

    wanted = args.office.strip()
    held = [h for h in P.held_packages(ledger)
            if wanted in (h.device_id, h.identity["scope"], h.identity.get("name"), h.office().text())]
    if not held:
        fail(translate(CTX, MSG_NOT_HELD).format(who=wanted))
    device = held[0].device_id
    shown = _unit_shown(held[0].identity, args.unit)
    _released(ledger, device, P.confirm_held(ledger, device, args.fingerprint, scope_shown=shown))
    if device in P.peers(ledger):
        _unit_pending(ledger, held[0].identity)


def _released(ledger, device: str, reports) -> None:
    """What the packages held for *device* brought, now that it is trusted."""
    if reports:
        print(translate(CTX, MSG_RELEASED).format(office=_office(ledger, device),
                                                  applied=f"{sum(r.applied for r in reports):,}",
                                                  already=f"{sum(r.already_had for r in reports):,}",
                                                  rejected=sum(len(r.rejected) for r in reports)))
        _refused_by_them(ledger, device, [e for r in reports for e in r.refused_by_them])


def _office(ledger, device: str) -> str:
    from desktop.offices import office_of

    return office_of(ledger, device).text()


def _who(held) -> str:
    """How to name a held package's sender on the command line: its unit code, if it is
    the only held office of that unit, else its device id."""
    return held.identity["scope"] or held.device_id


def _receipt(ledger, args) -> None:
    from sync import packages as P

    receiver = P.resolve_peer(ledger, args.receiver)
    print(translate(CTX, MSG_RECEIPT).format(path=P.write_receipt(ledger, args.to, receiver)))


def _status(ledger, args) -> None:
    from sync import packages as P
    from sync.pending import pending_count

    rows = P.delivery_status(ledger)
    print(translate(CTX, MSG_ONLY_HERE).format(n=f"{pending_count(ledger):,}"))
    for held in P.held_packages(ledger):
        print(translate(CTX, MSG_HELD_LINE).format(count=held.count, office=held.office().text(),
                                                   when=held.held_at[:16], who=_who(held)))
    if not rows:
        print(translate(CTX, MSG_NO_PEERS))
        return
    print(translate(CTX, MSG_STATUS_HEAD))
    never = translate(CTX, MSG_NEVER)
    for s in rows:
        when = f"{(s.last_export or never)[:16]} / {(s.last_import or never)[:16]}"
        print(f"{s.acknowledged:>9,}  {s.pending:>17,}  {when:<27}  {_office(ledger, s.device_id)}")


ACTIONS = {"identity": _identity, "trust": _trust, "export": _export, "import": _import, "confirm": _confirm,
           "receipt": _receipt, "status": _status}


COMMANDS = {"package": cmd_package}
