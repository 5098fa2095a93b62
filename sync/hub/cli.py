"""``township-hub``: run the hub and administer its devices.

    township-hub serve   --db PATH|URL [--host 127.0.0.1] [--port 8470] [--readers 4] [--threads N]
                         [--enroll-rate 10] [--upload-hours 168] [--data-dir DIR]
    township-hub enroll  --db PATH --scope CODE --name NAME [--days 14]
    township-hub devices --db PATH [--scope CODE]
    township-hub revoke  --db PATH DEVICE
    township-hub key     --db PATH

``--db`` is a ledger file or a PostgreSQL address (``postgresql://user@host:port/db``,
see docs/hub-operations.md); it may also come from ``$TOWNSHIP_HUB_DB``.  Like ``township-ledger``, every
error is one line on stderr and a non-zero exit, never a traceback; messages are in
Chinese unless ``--lang en`` (or ``$TOWNSHIP_LEDGER_LANG=en``).

``serve`` holds the hub ledger's instance lock for as long as it runs.  ``enroll``,
``devices`` and ``revoke`` work beside it: they open the file through
``HubStore.open_admin``, a plain SQLite connection without the instance lock, and
touch only the hub's own tables (enrollment codes and devices), never the change
log, each write one short transaction.  On PostgreSQL there is no instance lock:
several ``serve`` processes may share one database.  A revoked token stops working at once: the
running hub looks every token up on every call.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import signal
import socket
import sqlite3
import sys
import unicodedata
from pathlib import Path

from desktop import i18n
from desktop.cli import common
from desktop.cli.common import EXIT_OK, EXIT_USAGE, ArgumentParser, fail
from desktop.errors import ScopeError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.dialect import is_database_url
from sync.hub.settings import KEEP_ALIVE, HubSettings

PROG = "township-hub"
DB_ENV = "TOWNSHIP_HUB_DB"
DEFAULT_PORT = 8470

common.set_prog(PROG)


def _days(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("hub", "{value} is not a whole number of days").format(value=text))
    if not 1 <= n <= 365:
        raise argparse.ArgumentTypeError(translate("hub", "the code must be valid for 1 to 365 days"))
    return n


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(translate("hub", "{value} is not a port number (0-65535)").format(value=text))
    return n


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError(translate("hub", "{value} is not a number from 1 to 1000").format(value=text))
    return n


def _hours(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        n = 0.0
    if not 0 < n <= 8760:
        raise argparse.ArgumentTypeError(translate("hub", "{value} is not a number of hours up to 8760").format(
            value=text))
    return n


def build_parser() -> ArgumentParser:
    p = ArgumentParser(prog=PROG, description=translate("hub", "The sync hub of Township Ledger: serve it and manage its devices."))
    p.add_argument("--lang", choices=i18n.LANGUAGES, help=translate("cli", "language of messages (default zh_CN)"))
    common = ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH",
                        help=translate("hub", "the hub's ledger file, or a PostgreSQL database as "
                                              "postgresql://user@host:port/name (default: $TOWNSHIP_HUB_DB)"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    s = sub.add_parser("serve", parents=[common], help=translate("hub", "run the hub (creates its ledger on first start)"))
    s.add_argument("--host", default="127.0.0.1", help=translate("hub", "address to listen on (default 127.0.0.1)"))
    s.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=translate("hub", "port to listen on (default {port}; 0 picks a free one)").format(port=DEFAULT_PORT))
    s.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="info",
                   help=translate("hub", "how much the hub logs on stderr (default info)"))
    s.add_argument("--readers", type=_count, default=HubSettings.readers,
                   help=translate("hub", "read connections to the ledger at most (default {n})").format(
                       n=HubSettings.readers))
    s.add_argument("--threads", type=_count, default=None,
                   help=translate("hub", "worker threads for requests at most (default 40)"))
    s.add_argument("--enroll-rate", type=_count, default=HubSettings.enroll_rate,
                   help=translate("hub", "enrollment attempts a minute per client address (default {n})").format(
                       n=HubSettings.enroll_rate))
    s.add_argument("--upload-hours", type=_hours, default=HubSettings.upload_expiry / 3600,
                   help=translate("hub", "hours an unfinished attachment upload is kept for the device to resume it "
                                         "(default {n})").format(n=f"{HubSettings.upload_expiry / 3600:g}"))
    s.add_argument("--data-dir", metavar="DIR", type=Path,
                   help=translate("hub", "folder for this process's snapshot files (default: beside the ledger "
                                         "file; with a database, a temporary folder)"))

    s = sub.add_parser("enroll", parents=[common], help=translate("hub", "issue a one-time enrollment code for a device"))
    s.add_argument("--scope", required=True, metavar="CODE", help=translate("hub", "division code the device will work for (\"\" for a national office: the whole country)"))
    s.add_argument("--name", required=True, metavar="NAME", help=translate("hub", "name of the office or device"))
    s.add_argument("--days", type=_days, default=14, help=translate("hub", "days the code stays valid (default 14)"))

    s = sub.add_parser("devices", parents=[common], help=translate("hub", "list enrolled devices"))
    s.add_argument("--scope", metavar="CODE", help=translate("hub", "only devices within this division code"))

    s = sub.add_parser("revoke", parents=[common], help=translate("hub", "revoke a device's token"))
    s.add_argument("device", metavar="DEVICE", help=translate("hub", "the device id (16 hex digits)"))

    sub.add_parser("key", parents=[common], help=translate("hub", "show the public key the hub signs device "
                                                                  "statements with, and its check code"))

    s = sub.add_parser("admin", help=translate("hub", "accounts of the admin page (/admin)"))
    # a sub-command each, so that NAME may stand after the options (admin add --db X NAME)
    accounts = s.add_subparsers(dest="action", metavar="add|list",
                                help=translate("hub", "add an account, or list them"))
    a = accounts.add_parser("add", parents=[common], help=translate("hub", "add an account, or list them"))
    a.add_argument("name", metavar="NAME", help=translate("hub", "the account's name (for add)"))
    a.add_argument("--scope", default="", metavar="CODE",
                   help=translate("hub", "the division the account sees and manages (default: the whole hub)"))
    accounts.add_parser("list", parents=[common], help=translate("hub", "add an account, or list them"))
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    common.set_prog(PROG)
    common.choose_language(argv)
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    if not args.command:
        fail(translate("hub", "choose a command: serve, enroll, devices, revoke, key or admin"), EXIT_USAGE)
    return common.run_command(COMMANDS[args.command], args, extra_errors=(
        (sqlite3.Error, lambda exc: translate("hub", "cannot use the hub's ledger: {reason}").format(reason=exc)),))


# ------------------------------------------------------------------------------------ helpers
def _db(args) -> Path | str:
    """The ledger file, or the database address as given."""
    value = args.db or os.environ.get(DB_ENV)
    if not value:
        fail(translate("hub", "say which hub ledger to use: --db PATH or ${env}").format(env=DB_ENV), EXIT_USAGE)
    return value if is_database_url(value) else Path(value)


def _existing_db(args) -> Path | str:
    path = _db(args)
    if isinstance(path, str):  # a database: HubStore.open_admin says when it holds no hub ledger
        return path
    if not path.is_file() or path.stat().st_size == 0:
        fail(translate("hub", "no hub ledger at {path}; start the hub once with: township-hub serve --db {path}").format(
            path=path))
    return path


def _unit_name(code: str) -> str:
    from desktop.scope.geo import geography

    return geography().full_name(code) if code else translate("cli", "the whole country")


def _check_scope(code: str) -> None:
    from desktop.scope.geo import geography

    if not code or not geography().exists(code):
        raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=code)


def _local_time(text: str | None) -> str:
    from sync.hub.store import local_text

    return local_text(text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def _fewer_malloc_arenas() -> None:
    """glibc gives busy threads heaps of their own (up to 8 per processor), and memory freed
    in one stays there: a hub whose worker threads each wrote a large answer keeps every
    heap's high-water mark.  Two heaps serve threads that mostly wait on SQLite and sockets."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX, before any worker thread starts
    except (OSError, AttributeError):  # not glibc (musl has no per-thread heaps)
        pass


# ------------------------------------------------------------------------------------ commands
def _hub_server(config, ready: str):
    """uvicorn's server, saying *ready* once it listens, leaving on SIGTERM with status 0, and
    closing connections that fall idle while it stops."""
    import asyncio

    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)
            if self.started and not self.should_exit:
                print(ready, flush=True)

        @contextlib.contextmanager
        def capture_signals(self):
            with super().capture_signals():
                yield
                # SIGTERM is how a service manager stops the hub: once the requests under
                # way are answered and the ledger is closed, that is a clean exit (status 0),
                # not death by the signal uvicorn would raise again
                self._captured_signals[:] = [s for s in self._captured_signals if s != signal.SIGTERM]

        async def shutdown(self, sockets=None) -> None:
            # uvicorn closes the idle connections once and then waits for the rest to close; one
            # accepted just then, or answered since, would stay open as long as idle connections
            # are kept (KEEP_ALIVE): close each as it falls idle
            sweeper = asyncio.ensure_future(self._close_idle())
            try:
                await super().shutdown(sockets)
            finally:
                sweeper.cancel()

        async def _close_idle(self) -> None:
            while True:
                await asyncio.sleep(0.1)
                for connection in list(self.server_state.connections):
                    transport = getattr(connection, "transport", None)
                    if transport is not None and not transport.is_closing():
                        connection.shutdown()

    return Server(config)


def cmd_serve(args) -> int:
    import uvicorn

    from sync.hub.app import create_app

    _fewer_malloc_arenas()
    path = _db(args)
    host, port = args.host, args.port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio turns Nagle off on accepted connections
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        fail(translate("hub", "cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=exc.strerror or exc))
    port = sock.getsockname()[1]
    # a locked, damaged or foreign file fails here, in one line
    app = create_app(path, HubSettings(readers=args.readers, threads=args.threads, enroll_rate=args.enroll_rate,
                                         upload_expiry=args.upload_hours * 3600, snapshot_dir=args.data_dir))

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    hub_log = logging.getLogger("township.hub")
    hub_log.addHandler(handler)
    hub_log.setLevel(args.log_level.upper())
    hub_log.propagate = False
    # one JSON object per answer (sync/hub/metrics.py), unprefixed, for log collectors
    access = logging.StreamHandler(sys.stderr)
    access.setFormatter(logging.Formatter("%(message)s"))
    access_log = logging.getLogger("township.hub.access")
    access_log.addHandler(access)
    access_log.setLevel(args.log_level.upper())
    access_log.propagate = False

    url = f"http://[{host}]:{port}" if family == socket.AF_INET6 else f"http://{host}:{port}"
    ready = translate("hub", "listening on {url}").format(url=url)

    config = uvicorn.Config(app, log_level="debug" if args.log_level == "debug" else "warning",
                            access_log=args.log_level == "debug", lifespan="on", server_header=False,
                            timeout_keep_alive=KEEP_ALIVE)
    server = _hub_server(config, ready)
    try:
        server.run(sockets=[sock])
    finally:
        app.state.hub.close()
        sock.close()
    return EXIT_OK


def cmd_enroll(args) -> int:
    from sync.hub.store import HubStore
    from desktop.ledger import Ledger

    path = _db(args)
    if args.scope != "":  # "" typed out: a device of the whole country (a national office)
        _check_scope(args.scope)
    if isinstance(path, str):
        from sync.hub.postgres import prepare

        prepare(path)  # a hub ledger from the first use on, as a file is created below
    elif not path.is_file() or path.stat().st_size == 0:
        Ledger.new(path, scope="", operator="hub").close()
        print(translate("hub", "Created the hub ledger {path}.").format(path=path))
    with HubStore.open_admin(path) as store:
        code = store.create_code(args.scope, args.name, days=args.days, nation=True)  # --scope "" typed out
        expires = store.code_expiry(code)
    print(translate("hub", "One-time enrollment code for \"{name}\", {unit} ({scope}), valid until {until}:").format(
        name=args.name.strip(), unit=_unit_name(args.scope), scope=args.scope, until=_local_time(expires)))
    print(code)
    return EXIT_OK


def cmd_devices(args) -> int:
    from sync.hub.store import HubStore

    path = _existing_db(args)
    with HubStore.open_admin(path) as store:
        devices = store.devices(args.scope)
        pending = store.pending_counts(devices)
        refused = store.refusals((d.device_id for d in devices), "")
    if not devices:
        print(translate("hub", "No devices are enrolled."))
        return EXIT_OK
    yes = translate("hub", "revoked")
    header = [translate("hub", "DEVICE"), translate("hub", "NAME"), translate("hub", "SCOPE"),
              translate("hub", "LAST CONTACT"), translate("hub", "PENDING"), translate("hub", "CLOCK (S)"),
              translate("hub", "REFUSED"), translate("hub", "REVOKED")]
    rows = []
    for d in devices:
        name = d.label if not d.name or d.name == d.label else f"{d.label} ({d.name})"
        skew = "-" if d.clock_skew_s is None else f"{d.clock_skew_s:+,}"
        rows.append([d.device_id, name, d.scope, _local_time(d.last_contact), f"{pending[d.device_id]:,}", skew,
                     f"{refused[d.device_id].total:,}" if d.device_id in refused else "0", yes if d.revoked else "-"])
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(_pad(cell, widths[i], right=(4 <= i <= 6)) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK


def cmd_revoke(args) -> int:
    from sync.hub.store import HubStore

    path = _existing_db(args)
    with HubStore.open_admin(path) as store:
        changed = store.revoke(args.device.strip().lower())
        device = store.device(args.device.strip().lower())
    if changed:
        print(translate("hub", "Revoked device {device} (\"{name}\", {scope}); its token no longer works. To let it in again, issue it a new enrollment code.").format(
            device=device.device_id, name=device.label or device.name, scope=device.scope))
    else:
        print(translate("hub", "Device {device} was revoked already.").format(device=device.device_id))
    return EXIT_OK


def cmd_key(args) -> int:
    from sync.hub import statements
    from sync.hub.store import HubStore

    with HubStore.open_admin(_existing_db(args)) as store:
        key = statements.public_key(store.conn)
    print(translate("hub", "The hub's signing key (it signs the statements of each device's unit and keys):"))
    print(key["public_key"])
    print(translate("hub", "Its check code (printed on enrollment slips; offices compare it): {code}").format(
        code=key["check_code"]))
    return EXIT_OK


def _read_password() -> str:
    """Typed twice, unseen, at a terminal; else one line of standard input (for scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass(translate("hub", "Password: "))
    if getpass.getpass(translate("hub", "The same password again: ")) != first:
        fail(translate("hub", "the two passwords differ; nothing was changed"), EXIT_USAGE)
    return first


def cmd_admin(args) -> int:
    from sync.hub.admin.accounts import AdminAccounts
    from sync.hub.store import HubStore
    from desktop.ledger import Ledger

    if args.action not in ("add", "list"):
        fail(translate("hub", "name the account: township-hub admin add NAME"), EXIT_USAGE)
    path = _db(args)
    if args.action == "list":
        with HubStore.open_admin(_existing_db(args)) as store:
            names = AdminAccounts(store.conn, store.tx).names()
        if not names:
            print(translate("hub", "No admin accounts yet: add one with \"township-hub admin add NAME\"."))
        for name, scope in names:
            print(f"{name}\t{scope or '-'}\t{_unit_name(scope) if scope else translate('hub', 'the whole hub')}")
        return EXIT_OK
    if args.scope:
        _check_scope(args.scope)
    password = _read_password()
    if isinstance(path, str):  # a database: made a hub ledger when it is empty, as serve does
        from sync.hub.postgres import open_hub_ledger

        open_hub_ledger(path).close()
    elif not path.is_file() or path.stat().st_size == 0:
        Ledger.new(path, scope="", operator="hub").close()
        print(translate("hub", "Created the hub ledger {path}.").format(path=path))
    with HubStore.open_admin(path) as store:
        admin = AdminAccounts(store.conn, store.tx).add(args.name, password, args.scope)
    print(translate("hub", "Added the admin account \"{name}\" for {unit}; sign in at the hub's address + /admin.").format(
        name=admin.name, unit=_unit_name(admin.scope) if admin.scope else translate("hub", "the whole hub")))
    return EXIT_OK


COMMANDS = {"serve": cmd_serve, "enroll": cmd_enroll, "devices": cmd_devices, "revoke": cmd_revoke,
            "key": cmd_key, "admin": cmd_admin}


if __name__ == "__main__":
    sys.exit(main())
