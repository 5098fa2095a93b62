"""``township-ledger package``: data packages on a USB stick, from the command line.

    township-ledger package identity --out 南高乡.tlid
    township-ledger package trust 县团委.tlid --fingerprint ABCD-EFGH-IJKL-MNOP-QRST
    township-ledger package export --to E:\\ --for 130111
    township-ledger package import E:\\0123456789abcdef-20250601-093000.tlpkg
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
HELP_OUT = QT_TRANSLATE_NOOP("cli", "the identity file to write")
HELP_TRUST = QT_TRANSLATE_NOOP("cli", "trust another office's identity file, after comparing its fingerprint by phone")
HELP_TRUST_FILE = QT_TRANSLATE_NOOP("cli", "the other office's identity file")
HELP_FINGERPRINT = QT_TRANSLATE_NOOP("cli", "the fingerprint the other office read out to you, e.g. ABCD-EFGH-IJKL-MNOP-QRST")
HELP_EXPORT = QT_TRANSLATE_NOOP("cli", "write a data package for another office")
HELP_TO = QT_TRANSLATE_NOOP("cli", "the folder to write to (the USB stick)")
HELP_FOR = QT_TRANSLATE_NOOP("cli", "the office it is for: its device id, division code, name or fingerprint")
HELP_IMPORT = QT_TRANSLATE_NOOP("cli", "import a data package (or a receipt) from another office")
HELP_FILE = QT_TRANSLATE_NOOP("cli", "the package (.tlpkg) or receipt (.tlrcpt) file")
HELP_RECEIPT = QT_TRANSLATE_NOOP("cli", "write a receipt (what this ledger holds) for an office that sent a package")
HELP_STATUS = QT_TRANSLATE_NOOP("cli", "show, per trusted office, the changes it has confirmed and those still only here")

MSG_IDENTITY = QT_TRANSLATE_NOOP("cli", "Identity file written to {path}.")
MSG_FINGERPRINT = QT_TRANSLATE_NOOP("cli", "This computer's fingerprint (read it out on the phone): {fingerprint}")
MSG_TRUSTED = QT_TRANSLATE_NOOP("cli", "Trusted device {device} ({name}, scope {scope}), fingerprint {fingerprint}.")
MSG_EXPORTED = QT_TRANSLATE_NOOP("cli", "Package written and checked: {path} ({count} changes, {blobs} attachments, {size} bytes).")
MSG_IMPORTED = QT_TRANSLATE_NOOP("cli", "Imported from {device}: {applied} new, {already} already here, {rejected} rejected; {acked} of our changes newly confirmed.")
MSG_REJECTED = QT_TRANSLATE_NOOP("cli", "  rejected {origin}#{seq}: {reason}")
MSG_RECEIPT = QT_TRANSLATE_NOOP("cli", "Receipt written to {path}.")
MSG_RECEIPT_READ = QT_TRANSLATE_NOOP("cli", "Receipt taken up: {acked} of our changes newly confirmed.")
MSG_NO_PEERS = QT_TRANSLATE_NOOP("cli", "No trusted offices yet. Use: township-ledger package trust FILE --fingerprint XXXX-XXXX-XXXX-XXXX-XXXX")
MSG_STATUS_HEAD = QT_TRANSLATE_NOOP("cli", "device            scope      confirmed  pending  last export / last import  name")
MSG_NEVER = QT_TRANSLATE_NOOP("cli", "never")
MSG_NO_COMMAND = QT_TRANSLATE_NOOP("cli", "choose one of: identity, trust, export, import, receipt, status")


def add_parsers(sub) -> None:
    """Add the ``package`` command (with its own sub-commands) to the CLI's sub-parsers."""
    s = sub.add_parser("package", help=translate(CTX, HELP))
    inner = s.add_subparsers(dest="package_command", metavar="ACTION", parser_class=type(s))
    p = inner.add_parser("identity", help=translate(CTX, HELP_IDENTITY))
    p.add_argument("--out", required=True, metavar="FILE", help=translate(CTX, HELP_OUT))
    p = inner.add_parser("trust", help=translate(CTX, HELP_TRUST))
    p.add_argument("file", metavar="FILE", help=translate(CTX, HELP_TRUST_FILE))
    p.add_argument("--fingerprint", required=True, metavar="XXXX-XXXX-XXXX-XXXX-XXXX",
                   help=translate(CTX, HELP_FINGERPRINT))
    p = inner.add_parser("export", help=translate(CTX, HELP_EXPORT))
    p.add_argument("--to", required=True, metavar="DIR", help=translate(CTX, HELP_TO))
    p.add_argument("--for", dest="receiver", required=True, metavar="DEVICE_ID_OR_CODE", help=translate(CTX, HELP_FOR))
    p = inner.add_parser("import", help=translate(CTX, HELP_IMPORT))
    p.add_argument("file", metavar="FILE", help=translate(CTX, HELP_FILE))
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

    path = P.peer_identity_file(ledger, args.out)
    print(translate(CTX, MSG_IDENTITY).format(path=path))
    print(translate(CTX, MSG_FINGERPRINT).format(fingerprint=P.public_identity(ledger)["fingerprint"]))


def _trust(ledger, args) -> None:
    from sync import packages as P

    ident = P.read_identity_file(args.file)
    P.trust_by_fingerprint(ledger, ident, args.fingerprint)
    print(translate(CTX, MSG_TRUSTED).format(device=ident["device_id"], name=ident["name"] or "-",
                                             scope=ident["scope"] or "-", fingerprint=ident["fingerprint"]))


def _export(ledger, args) -> None:
    from sync import packages as P

    path = P.export_package(ledger, args.to, P.resolve_peer(ledger, args.receiver))
    m = P.read_manifest(path)
    print(translate(CTX, MSG_EXPORTED).format(path=path, count=f"{m['count']:,}", blobs=m["blob_count"],
                                              size=f"{path.stat().st_size:,}"))


def _import(ledger, args) -> None:
    from sync import packages as P

    r = P.import_file(ledger, args.file)
    if isinstance(r, int):  # a receipt
        print(translate(CTX, MSG_RECEIPT_READ).format(acked=r))
        return
    print(translate(CTX, MSG_IMPORTED).format(device=r.sender, applied=f"{r.applied:,}", already=f"{r.already_had:,}",
                                              rejected=len(r.rejected), acked=f"{r.acknowledged:,}"))
    for origin, seq, reason in r.rejected[:50]:
        print(translate(CTX, MSG_REJECTED).format(origin=origin, seq=seq, reason=reason))


def _receipt(ledger, args) -> None:
    from sync import packages as P

    receiver = P.resolve_peer(ledger, args.receiver)
    print(translate(CTX, MSG_RECEIPT).format(path=P.write_receipt(ledger, args.to, receiver)))


def _status(ledger, args) -> None:
    from sync import packages as P

    rows = P.delivery_status(ledger)
    if not rows:
        print(translate(CTX, MSG_NO_PEERS))
        return
    print(translate(CTX, MSG_STATUS_HEAD))
    never = translate(CTX, MSG_NEVER)
    for s in rows:
        when = f"{(s.last_export or never)[:16]} / {(s.last_import or never)[:16]}"
        print(f"{s.device_id}  {s.scope:<9}  {s.acknowledged:>9,}  {s.pending:>7,}  {when:<27}  {s.name}")


ACTIONS = {"identity": _identity, "trust": _trust, "export": _export, "import": _import, "receipt": _receipt,
           "status": _status}


COMMANDS = {"package": cmd_package}
