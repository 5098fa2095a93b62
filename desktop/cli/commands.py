"""``township-ledger``: the command line, for admins and scheduled tasks.

With no sub-command it starts the GUI.  Every error is one line on stderr and a
non-zero exit; no traceback reaches the user.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from desktop import i18n, paths
from desktop.cli import excel as cli_excel
from desktop.cli import scan as cli_scan
from desktop.cli import packages as cli_packages
from desktop.cli import records as cli_records
from desktop.cli import report as cli_report
from desktop.cli import submission as cli_submission
from desktop.cli import templates as cli_templates
from desktop.cli.common import (EXIT_OK, PROG, ArgumentParser, choose_language, fail, ledger_path, open_ledger,
                                run_command, warn)
from desktop.i18n import QT_TRANSLATE_NOOP, translate


def build_parser() -> ArgumentParser:
    p = ArgumentParser(prog=PROG, description=translate("cli", "团建台账 Township Ledger: the work ledger of rural Youth League offices."))
    p.add_argument("--ledger", metavar="PATH",
                   help=translate("cli", "the ledger file (default: $TOWNSHIP_LEDGER, else the per-user data folder)"))
    p.add_argument("--lang", choices=i18n.LANGUAGES, help=translate("cli", "language of messages (default zh_CN)"))
    p.add_argument("--smoke", action="store_true",
                   help=translate("cli", "check that the program works: open a demo ledger (or --ledger) in the window, offscreen, and exit"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    s = sub.add_parser("init", help=translate("cli", "create a new ledger for a unit"))
    s.add_argument("--scope", required=True, metavar="CODE", help=translate("cli", "division code of the home unit, e.g. 130111200"))
    s.add_argument("--operator", required=True, metavar="NAME", help=translate("cli", "name of the person keeping the ledger"))

    s = sub.add_parser("demo", help=translate("cli", "create a demo ledger filled with synthetic data"))
    s.add_argument("--scope", required=True, metavar="CODE", help=translate("cli", "division code: a township, county, prefecture or province"))
    s.add_argument("--seed", type=int, default=0, help=translate("cli", "random seed (the same seed gives the same data)"))
    s.add_argument("--operator", default="演示", metavar="NAME", help=translate("cli", "operator name"))

    sub.add_parser("info", help=translate("cli", "show the ledger's scope, record counts and pending changes"))
    s = sub.add_parser("check", help=translate("cli", "check the ledger file's integrity"))
    s.add_argument("--repair", action="store_true", help=translate(
        "cli", "also bring back a clock that runs ahead of real time (once this computer's date is right)"))

    s = sub.add_parser("backup", help=translate("cli", "copy the ledger to a backup file"))
    s.add_argument("dest", metavar="DEST", nargs="?",
                   help=translate("cli", "backup file or folder (default: the backups folder beside the ledger data)"))

    s = sub.add_parser("restore", help=translate("cli", "replace the ledger with a backup"))
    s.add_argument("source", metavar="BACKUP", help=translate("cli", "backup file"))


    s = sub.add_parser("enroll", help=translate("cli", "enroll this ledger with a hub, with a one-time code from the hub's administrator"))
    s.add_argument("--hub", required=True, metavar="URL", help=translate("cli", "the hub's address, e.g. https://hub.example.cn"))
    s.add_argument("--code", required=True, metavar="CODE", help=translate("cli", "the one-time enrollment code"))
    s.add_argument("--name", metavar="NAME", help=translate("cli", "a name for this computer, shown to the hub's administrator"))
    s.add_argument("--proxy", metavar="URL", help=translate("cli", "an HTTP proxy to reach the hub through (saved for later syncs)"))
    s.add_argument("--ca-bundle", metavar="PATH", help=translate("cli", "a file of CA certificates to verify the hub with (saved for later syncs)"))

    sub.add_parser("sync", help=translate("cli", "send this ledger's changes to the hub and fetch everyone else's"))
    sub.add_parser("new-identity", help=translate(
        "cli", "continue this ledger under a new device identity (a copy of another computer's ledger)"))

    cli_records.add_parsers(sub)
    cli_excel.add_parsers(sub)
    cli_scan.add_parsers(sub)
    cli_report.add_parsers(sub)
    cli_submission.add_parsers(sub)
    cli_packages.add_parsers(sub)
    cli_templates.add_parsers(sub)
    sub.add_parser("gui", help=translate("cli", "start the program's window (the default)"))
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    choose_language(argv)
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    if args.smoke:
        from desktop import gui

        return gui.load("smoke").run_smoke(ledger=args.ledger)
    return run_command(COMMANDS[args.command or "gui"], args)


@contextlib.contextmanager
def _new_ledger(path: Path, scope: str, operator: str):
    """A new ledger, taken away again if filling it fails (a full disk half-way): a command
    that fails leaves no ledger behind, as there was none before."""
    from desktop.ledger import Ledger
    from desktop.ledger.db import remove_files

    ledger = Ledger.new(path, scope=scope, operator=operator)
    try:
        yield ledger
    except BaseException:
        ledger.close()
        remove_files(path)
        raise
    ledger.close()


def cmd_init(args) -> int:
    from desktop.tools.demo import add_unit_committee

    path = ledger_path(args)
    with _new_ledger(path, args.scope, args.operator) as ledger:
        add_unit_committee(ledger)
        print(translate("cli", "Created the ledger {path} for {unit} ({scope}).").format(
            path=path, unit=_unit_name(ledger.scope), scope=ledger.scope))
    return EXIT_OK


def cmd_demo(args) -> int:
    from desktop.tools import synthetic

    path = ledger_path(args)
    with _new_ledger(path, args.scope, args.operator) as ledger:
        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        counts = synthetic.build(ledger, args.scope, seed=args.seed, progress=progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print(translate("cli", "Created the demo ledger {path} for {unit} ({scope}).").format(
        path=path, unit=_unit_name(args.scope), scope=args.scope))
    _print_counts(counts)
    return EXIT_OK


def _unit_name(code: str) -> str:
    from desktop.scope.geo import geography

    return geography().full_name(code) if code else translate("cli", "the whole country")


def _print_counts(counts: dict[str, int]) -> None:
    from desktop.records import KINDS

    width = max(len(KINDS[k].label.text()) for k in counts)
    for name, n in counts.items():
        label = KINDS[name].label.text()
        print(f"  {label}{' ' * (width - len(label))}  {n:>9,}")


def cmd_info(args) -> int:
    with open_ledger(args, read_only=True) as ledger:
        print(translate("cli", "Ledger:   {path}").format(path=ledger.path))
        print(translate("cli", "Scope:    {unit} ({scope})").format(unit=_unit_name(ledger.scope), scope=ledger.scope or "-"))
        print(translate("cli", "Operator: {name}").format(name=ledger.operator))
        print(translate("cli", "Device:   {device}").format(device=ledger.device_id))
        print(translate("cli", "Schema:   version {version}").format(version=ledger.schema_version))
        print(translate("cli", "Records:"))
        _print_counts(ledger.counts())
        from sync.pending import pending_count

        print(translate("cli", "Pending changes (not yet synced): {n}").format(n=pending_count(ledger)))
        conflicts = len(ledger.conflicts())
        if conflicts:
            print(translate("cli", "Open conflicts: {n}").format(n=conflicts))
    return EXIT_OK


def cmd_check(args) -> int:
    with open_ledger(args, read_only=not args.repair) as ledger:
        if args.repair:
            moved = ledger.repair_clock()
            if moved:
                print(translate("cli", "The ledger's clock ran {hours} hours ahead of real time; it is back.").format(
                    hours=f"{moved / 3_600_000:.1f}"))
        problems = ledger.check()
    if problems:
        for p in problems[:20]:
            print(p)
        fail(translate("cli", "the ledger has {n} problems; restore it from a backup").format(n=len(problems)))
    print(translate("cli", "The ledger is intact."))
    return EXIT_OK


def cmd_backup(args) -> int:
    with open_ledger(args, read_only=True) as ledger:
        dest = ledger.backup(args.dest if args.dest else f"{paths.backup_dir()}/")
    print(translate("cli", "Backup written to {path}.").format(path=dest))
    return EXIT_OK


def cmd_restore(args) -> int:
    from desktop.ledger import Ledger

    source = Path(args.source)
    path = ledger_path(args)
    Ledger.restore_from(source, path)
    print(translate("cli", "Restored {path} from {backup}; the replaced ledger was kept as {old}.").format(
        path=path, backup=source, old=path.name + ".replaced"))
    return EXIT_OK


def cmd_enroll(args) -> int:
    from sync.client import enroll, load_settings

    ca_bundle = None
    if args.ca_bundle:
        ca_path = Path(args.ca_bundle)
        if not ca_path.is_file():
            fail(translate("cli", "the CA bundle {path} does not exist").format(path=args.ca_bundle))
        ca_bundle = str(ca_path.resolve())
    with open_ledger(args) as ledger:
        settings = load_settings(ledger)
        if args.proxy is not None:
            settings.set_proxy(args.proxy.strip() or None)
        if ca_bundle is not None:
            settings.ca_bundle = ca_bundle
        result = enroll(ledger, args.hub, args.code, args.name, settings=settings)
        print(translate("cli", "Enrolled with the hub {url} for {unit} ({scope}) as \"{name}\".").format(
            url=result.hub_url, unit=_unit_name(result.scope or ""), scope=result.scope or "-", name=result.name))
        if result.scope is not None and not ledger.scope.startswith(result.scope):
            warn(translate("cli", "this ledger keeps {ledger} but the hub enrolled it for {scope}; the hub will refuse changes outside {scope}").format(
                ledger=ledger.scope or "-", scope=result.scope or "-"))
    return EXIT_OK


def cmd_sync(args) -> int:
    from sync.client import SyncClient

    with open_ledger(args) as ledger:
        client = SyncClient(ledger)

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}" if total else f"\r{done}", end="", file=sys.stderr, flush=True)

        try:
            result = client.sync(progress=progress)
        finally:
            if sys.stderr.isatty():
                print(file=sys.stderr)
        print(translate("cli", "Sent {sent} changes to the hub and received {received}.").format(
            sent=result.push.accepted, received=result.pull.applied))
        if result.pull.conflicts:
            print(translate("cli", "{n} values here were overwritten by others' concurrent edits; they are kept under conflicts.").format(
                n=result.pull.conflicts))
        if result.pull.flagged_future:
            print(translate("cli", "{n} received changes are dated in the future (a wrong clock somewhere); they are flagged.").format(
                n=result.pull.flagged_future))
        for warning in result.warnings:
            warn(warning)
        refused = client.refused_summary(result.push)
        if refused:
            fail(refused)
    return EXIT_OK


def cmd_new_identity(args) -> int:
    from sync.client.succession import new_identity

    with open_ledger(args) as ledger:
        done, settings = new_identity(ledger)
        print(translate("cli", "This ledger now continues as the device {new} (it was {old}); {n} of its changes the hub did not hold will be sent as the new device's.").format(
            new=done.device_id, old=done.old_device_id, n=done.reissued))
        if settings is None:
            print(translate("cli", "Enroll it with a new code from the hub's administrator: township-ledger enroll --hub URL --code CODE"))
        else:
            print(translate("cli", "The hub {url} took it on in place of the old device; run township-ledger sync.").format(
                url=settings.hub_url))
    return EXIT_OK


def cmd_gui(args) -> int:
    from desktop import gui

    if not gui.display_available():
        fail(translate("cli", "there is no screen to show the window on (no display); use the commands, "
                              "e.g. township-ledger info, or start it on the desktop"))
    try:
        app = gui.load("app")
    except ImportError:
        build_parser().print_help()
        return EXIT_OK
    return app.run(ledger_option=args.ledger)


COMMANDS = {
    "init": cmd_init, "demo": cmd_demo, "info": cmd_info, "check": cmd_check, "backup": cmd_backup,
    "restore": cmd_restore, "enroll": cmd_enroll, "sync": cmd_sync, "new-identity": cmd_new_identity,
    "gui": cmd_gui,
}


def _extend_commands() -> None:
    COMMANDS.update(cli_records.COMMANDS)
    COMMANDS.update(cli_excel.COMMANDS)
    COMMANDS.update(cli_scan.COMMANDS)
    COMMANDS.update(cli_report.COMMANDS)
    COMMANDS.update(cli_submission.COMMANDS)
    COMMANDS.update(cli_packages.COMMANDS)
    COMMANDS.update(cli_templates.COMMANDS)


_extend_commands()

_MESSAGES = [
    QT_TRANSLATE_NOOP("cli", "the whole country"),
]
