"""The checklist tables sub-command of ``township-ledger``.

    township-ledger templates load FILE              # issue FILE's tables from this ledger's unit
    township-ledger templates load FILE --to 130111200 --to 130111103
                                                     # each unit's own table (一县一表、一乡一表),
                                                     # and their tasks where their committee is here

FILE has the form of the reference data (``resources/reference/checklists.json``): the
reference tasks of counties and townships in four systems, and the self-inspection items
(八查八看).  The changes go down to the units with the next sync or data package.
"""

from __future__ import annotations

from desktop.cli.common import EXIT_OK, open_ledger
from desktop.i18n import translate
from desktop.records import issuing

CTX = "cli"


def add_parsers(sub) -> None:
    s = sub.add_parser("templates", help=translate(CTX, "issue checklist tables (参考表, 八查八看) to the units below"))
    actions = s.add_subparsers(dest="templates_action", metavar="ACTION", required=True)
    load = actions.add_parser("load", help=translate(CTX, "issue the tables of a file in the reference data's form"))
    load.add_argument("file", metavar="FILE", help=translate(CTX, "a checklist table file (JSON, as checklists.json)"))
    load.add_argument("--to", action="append", metavar="UNIT", dest="units",
                      help=translate(CTX, "a unit's division code: issue the tables as its own (repeatable)"))


def cmd_templates(args) -> int:
    items = issuing.read_items(args.file)
    with open_ledger(args) as ledger:
        issued = issuing.issue(ledger, items, args.units)
    print(translate(CTX, "{n} checklist templates written; they go to the units with the next sync or package.")
          .format(n=issued.templates))
    for unit, n in issued.tasks.items():
        print(translate(CTX, "{unit}: {n} tasks created").format(unit=unit, n=n))
    return EXIT_OK


COMMANDS = {"templates": cmd_templates}
