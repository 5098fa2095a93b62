"""The Excel sub-commands of ``township-ledger``: ``import-excel`` and ``export-excel``.

Wired into :mod:`desktop.cli.commands` with::

    from desktop.cli import excel as cli_excel
    ...
    cli_excel.add_parsers(sub)          # in build_parser(), before `return p`
    ...
    COMMANDS.update(cli_excel.COMMANDS)  # after the COMMANDS dict

``import-excel`` checks the whole file first and prints what it would do (to add / to
update / duplicates / errors, each error with its row, column and reason).  It then
imports the good rows in one transaction and one undo batch and writes the rows with
errors to FILE-errors.xlsx, to be fixed and imported again.  Exit status: 0 when rows
were imported (or there was nothing to import and nothing wrong), 3 when the file had
errors and nothing was imported; with ``--dry-run`` nothing is stored and the status is 3
when the file has errors, else 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import EXIT_OK, open_ledger
from desktop.i18n import QT_TRANSLATE_NOOP, translate

CTX = "excel"
#: Exit code when every row of the file had an error.
EXIT_ONLY_ERRORS = 3
#: Error rows printed in full; the others are in the error workbook.
MAX_LISTED = 50


def tr(text: str) -> str:
    return translate(CTX, text)


def add_parsers(sub) -> None:
    """Add ``import-excel`` and ``export-excel`` to the sub-command parsers."""
    from desktop.excel import EXPORT_KINDS

    s = sub.add_parser("import-excel", help=tr(QT_TRANSLATE_NOOP("excel", "import records from a spreadsheet (.xlsx, .xls, .xlsb, .ods) or a CSV file")))
    add_import_arguments(s, tr(QT_TRANSLATE_NOOP("excel", "the file to import")))

    s = sub.add_parser("export-excel", help=tr(QT_TRANSLATE_NOOP("excel", "export records to an Excel workbook (.xlsx)")))
    s.add_argument("file", metavar="FILE", help=tr(QT_TRANSLATE_NOOP("excel", "the workbook to write")))
    s.add_argument("--kind", choices=EXPORT_KINDS, help=tr(QT_TRANSLATE_NOOP(
        "excel", "only this kind of records (default: the whole ledger, a sheet per kind)")))
    s.add_argument("--scope", metavar="CODE", help=tr(QT_TRANSLATE_NOOP(
        "excel", "only records under this division code (default: the whole ledger)")))


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


def _end_progress() -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def print_plan(plan) -> None:
    """The plan's summary and every row with an error (the first MAX_LISTED)."""
    counts = plan.summary()
    print(tr(QT_TRANSLATE_NOOP("excel", "To add: {add}   To update: {update}   Duplicates (skipped): {duplicate}   Errors: {error}"))
          .format(**counts))
    for name, why in plan.skipped_sheets:
        print(tr(QT_TRANSLATE_NOOP("excel", "Sheet {sheet} not imported: {reason}")).format(sheet=name, reason=why.text()))
    ignored = plan.ignored_columns
    if ignored:
        print(tr(QT_TRANSLATE_NOOP("excel", "Columns not imported: {columns}")).format(columns="、".join(ignored)))
    print_decisions(plan)
    bad = plan.errors
    many_sheets = len(plan.sheets) > 1
    for row in bad[:MAX_LISTED]:
        print("  " + row.line(with_sheet=many_sheets))
    if len(bad) > MAX_LISTED:
        print("  " + tr(QT_TRANSLATE_NOOP("excel", "… and {n} more rows with errors")).format(n=len(bad) - MAX_LISTED))


def print_decisions(plan) -> None:
    """What the file leaves to the user: rows to complete, unknown words, exit dates in
    the remarks."""
    from desktop.errors import Joined
    from desktop.records import KINDS

    k = KINDS[plan.kind]
    incomplete = plan.incomplete
    if incomplete:
        fields = Joined(k.field(n).label for n in plan.missing_counts())
        print(tr(QT_TRANSLATE_NOOP("excel", "{n} records to complete: no {fields}")).format(
            n=len(incomplete), fields=fields.text()))
    for name, word, n in plan.unknown_words():
        print(tr(QT_TRANSLATE_NOOP("excel", "{column}: \"{word}\" ×{n} is not a known value; answer with --map {word}=VALUE")).format(
            column=k.field(name).label.text(), word=word, n=n))
    for row in plan.suggestions:
        date = row.suggested.get("exited_on")
        if date and not plan.options.exits_from_remarks:
            print("  " + tr(QT_TRANSLATE_NOOP("excel", "Row {row}: the remarks give the exit date {date} (--apply-exits writes it)")).format(
                row=row.row, date=date))


def add_import_arguments(s, file_help: str) -> None:
    """The arguments of an import (import-excel, import-scan): the file, what it holds, for
    which unit, a dry run, where errors go, and the user's answers."""
    from desktop.excel import IMPORT_KINDS

    s.add_argument("file", metavar="FILE", help=file_help)
    s.add_argument("--kind", required=True, choices=IMPORT_KINDS,
                   help=tr(QT_TRANSLATE_NOOP("excel", "the kind of records the file holds")))
    s.add_argument("--unit", metavar="CODE", help=tr(QT_TRANSLATE_NOOP(
        "excel", "township (or county) code: rows without an organisation belong to its committee")))
    s.add_argument("--dry-run", action="store_true", help=tr(QT_TRANSLATE_NOOP(
        "excel", "check the file and show what would be imported, storing nothing")))
    s.add_argument("--errors", metavar="PATH", help=tr(QT_TRANSLATE_NOOP(
        "excel", "where to write the rows with errors (default: FILE-errors.xlsx)")))
    add_answer_arguments(s)


def add_answer_arguments(s) -> None:
    """The user's answers to what a roster lacks or words differently (import-excel, import-scan)."""
    s.add_argument("--set", metavar="FIELD=VALUE", action="append", default=[], dest="column_values",
                   help=tr(QT_TRANSLATE_NOOP("excel", "one value for every row the file gives none, e.g. 任职方式=兼职 (the field by its Chinese or English label; repeatable)")))
    s.add_argument("--map", metavar="WORD=VALUE", action="append", default=[], dest="words",
                   help=tr(QT_TRANSLATE_NOOP("excel", "the value a word of a choice column stands for, e.g. 村干部=其他 (by label or code; remembered by the ledger; repeatable)")))
    s.add_argument("--apply-exits", action="store_true", help=tr(QT_TRANSLATE_NOOP(
        "excel", "write the exit dates found in the remarks column (e.g. \"2024年5月调离\") as the members' exit dates")))
    s.add_argument("--complete-only", action="store_true", help=tr(QT_TRANSLATE_NOOP(
        "excel", "refuse rows that lack required values instead of importing them as incomplete")))


def _options(args, plan=None):
    """The user's answers of the command line (the words answered against *plan*'s)."""
    from desktop import excel

    words = excel.word_answers(args.kind, args.words, plan.unknown_words() if plan else [])
    return excel.ImportOptions(column_values=excel.column_values(args.kind, args.column_values), words=words,
                               incomplete=not args.complete_only, exits_from_remarks=args.apply_exits)


def cmd_import_excel(args) -> int:
    from desktop import excel

    return run_import(args, lambda ledger, path, options: excel.plan_import(
        ledger, args.kind, path, args.unit, progress=_progress, options=options))


def run_import(args, plan_file) -> int:
    """Plan the import of ``args.file`` with ``plan_file(ledger, path, options)`` (any reader's), print
    the plan, write the rows with errors, then import the good rows unless ``--dry-run``."""
    from desktop import excel

    path = Path(args.file)
    with open_ledger(args) as ledger:
        options = _options(args)
        plan = plan_file(ledger, path, options)
        if args.words:  # the words answered for the columns the file has them in
            options = _options(args, plan)
            plan = plan_file(ledger, path, options)
        _end_progress()
        print_plan(plan)
        if plan.errors:
            errors_path = Path(args.errors) if args.errors else excel.error_workbook_path(path)
            excel.write_error_workbook(plan, errors_path)
            print(tr(QT_TRANSLATE_NOOP("excel", "The rows with errors were written to {path}; correct them there and import that file."))
                  .format(path=errors_path))
        if args.dry_run:
            print(tr(QT_TRANSLATE_NOOP("excel", "Dry run: nothing was stored.")))
            return EXIT_ONLY_ERRORS if plan.errors else EXIT_OK
        result = excel.apply_import(ledger, plan, progress=_progress)
        _end_progress()
    if result.batch_id:
        print(tr(QT_TRANSLATE_NOOP("excel", "Imported {added} new and {updated} updated records (undo batch {batch}).")).format(
            added=result.added, updated=result.updated, batch=result.batch_id))
        if result.incomplete:
            print(tr(QT_TRANSLATE_NOOP("excel", "{n} of them are incomplete: complete them in the table.")).format(
                n=result.incomplete))
    else:
        print(tr(QT_TRANSLATE_NOOP("excel", "Nothing was imported.")))
    if result.errors and not (result.added or result.updated):
        return EXIT_ONLY_ERRORS
    return EXIT_OK


def cmd_export_excel(args) -> int:
    from desktop import excel
    from desktop.records import KINDS

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    with open_ledger(args, read_only=True) as ledger:
        scope = args.scope if args.scope is not None else ledger.scope
        if args.kind:
            k = KINDS[args.kind]
            rows = ledger.query(args.kind, scope=scope)
            n = excel.export_rows(path, args.kind, rows, titles=excel.ref_titles(ledger, k, rows),
                                  progress=_progress, total=len(rows))
        else:
            n = sum(excel.export_ledger(ledger, path, scope, progress=_progress).values())
        _end_progress()
    print(tr(QT_TRANSLATE_NOOP("excel", "Wrote {n} records to {path}.")).format(n=n, path=path))
    return EXIT_OK


COMMANDS = {"import-excel": cmd_import_excel, "export-excel": cmd_export_excel}
