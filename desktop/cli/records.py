"""Record sub-commands of ``township-ledger``: ``find``, ``history`` and ``conflicts``.

    township-ledger find 王芳                      # records whose title holds the text, with their ids
    township-ledger history RECORD_ID              # who changed what, when (values as people read them)
    township-ledger conflicts                      # values here that a concurrent edit elsewhere replaced,
                                                   # with the office, person and time of the change kept
    township-ledger conflicts --take-back N        # put my value back (a new change that syncs)
    township-ledger conflicts --dismiss N          # keep the other office's value

Records are named by their titles, fields by their labels, values as the window shows them,
and offices by unit and person (:mod:`desktop.offices`); ids stay visible for ``history``.
"""

from __future__ import annotations

from desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, open_ledger
from desktop.conflict_text import conflict_rows, conflict_sentence
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.offices import office_of
from desktop.records import DELETED, KINDS, Kind
from desktop.records.display import field_label, record_title, reference_titles, shown_value

CTX = "cli"
#: At most this many records are listed by ``find``.
FIND_LIMIT = 50


def add_parsers(sub) -> None:
    s = sub.add_parser("find", help=translate(CTX, "find records by their name or title (and their ids)"))
    s.add_argument("text", metavar="TEXT", help=translate(CTX, "part of a name or title, e.g. 王芳"))
    s.add_argument("--kind", choices=tuple(KINDS), help=translate(CTX, "only records of this kind"))

    s = sub.add_parser("history", help=translate(CTX, "show who changed a record, when, and what"))
    s.add_argument("record_id", metavar="RECORD_ID", help=translate(CTX, "the record's id (see the find command)"))

    s = sub.add_parser("conflicts", help=translate(CTX, "list values here that a concurrent edit elsewhere replaced"))
    group = s.add_mutually_exclusive_group()
    group.add_argument("--take-back", type=int, metavar="N", help=translate(CTX, "put my value of conflict N back"))
    group.add_argument("--dismiss", type=int, metavar="N", help=translate(CTX, "keep the other value of conflict N"))


def _kind_of(ledger, record_id: str) -> Kind:
    for kind in KINDS.values():
        if ledger.get(kind.name, record_id, include_deleted=True) is not None:
            return kind
    fail(translate(CTX, "no record has the id {id}; the find command shows ids").format(id=record_id), EXIT_USAGE)


def _value(ledger, kind: Kind, name: str, value: object) -> str:
    if name == DELETED:
        return translate(CTX, "deleted") if value else translate(CTX, "present")
    if value is None or value == "":
        return translate(CTX, "(empty)")
    return shown_value(kind, name, value, reference_titles(ledger, kind, [(name, value)]))


def _field(kind: Kind, name: str) -> str:
    return translate(CTX, "Deleted") if name == DELETED else field_label(kind, name)


def cmd_find(args) -> int:
    text = args.text.strip()
    if not text:
        fail(translate(CTX, "say what to look for"), EXIT_USAGE)
    kinds = [KINDS[args.kind]] if args.kind else [k for k in KINDS.values() if k.in_forms]
    with open_ledger(args, read_only=True) as ledger:
        found = 0
        for kind in kinds:
            for rec in ledger.query(kind.name, search=text, limit=FIND_LIMIT - found):
                found += 1
                unit = shown_value(KINDS["organisation"], "division_code", rec.get("scope"), {})
                print(f"{kind.label.text()}  {record_title(ledger, kind, rec['id'])}  {unit}  {rec['id']}")
            if found >= FIND_LIMIT:
                print(translate(CTX, "(only the first {n} are listed; say more of the name)").format(n=FIND_LIMIT))
                break
    if not found:
        print(translate(CTX, "No record holds \"{text}\".").format(text=text))
    return EXIT_OK


def cmd_history(args) -> int:
    with open_ledger(args, read_only=True) as ledger:
        kind = _kind_of(ledger, args.record_id)
        print(f"{kind.label.text()}: {record_title(ledger, kind, args.record_id)}")
        for e in ledger.history(args.record_id):
            what = translate(CTX, "created") if e.created else translate(CTX, "changed")
            print(f"{e.when:%Y-%m-%d %H:%M:%S}  {office_of(ledger, e.origin).text(person=False)}  {e.author or '-'}  {what}")
            for name, old, new in e.changes:
                before, after = _value(ledger, kind, name, old), _value(ledger, kind, name, new)
                if before != after:  # a new record's "not deleted" says nothing
                    print(f"    {_field(kind, name)}: {before} → {after}")
    return EXIT_OK


def cmd_conflicts(args) -> int:
    chosen = args.take_back if args.take_back is not None else args.dismiss
    with open_ledger(args, read_only=chosen is None) as ledger:
        if chosen is not None:
            ledger.resolve_conflict(chosen, take_back=args.take_back is not None)
            print(translate(CTX, "Your value is back; it goes to the others with the next sync.") if args.take_back
                  is not None else translate(CTX, "The other value stays; the conflict is closed."))
            return EXIT_OK
        rows = conflict_rows(ledger, ledger.conflicts())
        if not rows:
            print(translate(CTX, "No conflicts: every edit was merged."))
        for row in rows:  # the window's sentence: the value kept, from which office and person, when
            print(f"[{row.conflict.id}] {row.kind}: {conflict_sentence(row)}")
    return EXIT_OK


COMMANDS = {"find": cmd_find, "history": cmd_history, "conflicts": cmd_conflicts}

_MESSAGES = [QT_TRANSLATE_NOOP(CTX, "Deleted")]
