"""``township-ledger import-scan``: a photo, a scan or a scanned PDF (every page) of a printed
table imported through the Excel import's own planning, checks and summary
(``desktop.cli.excel.run_import``), the table read by the optional OCR component
(``desktop.scan``); with ``--kind meeting`` a meeting's sign-in sheet gives the meeting.

Cells read with low confidence are listed after the summary, with their row and column, to
be compared with the paper (the window marks them yellow)."""

from __future__ import annotations

from desktop.cli.excel import _progress, add_import_arguments, run_import
from desktop.i18n import QT_TRANSLATE_NOOP, translate

#: Doubtful cells listed in full.
MAX_DOUBTFUL = 30


def tr(text: str) -> str:
    return translate("excel", text)


def add_parsers(sub) -> None:
    """Add ``import-scan`` to the sub-command parsers."""
    s = sub.add_parser("import-scan", help=tr(QT_TRANSLATE_NOOP(
        "excel", "import records from a photo, scan or scanned PDF of a printed table (.jpg, .png, .pdf; with "
                 "--kind meeting, also a meeting's sign-in sheet; needs the scan component)")))
    add_import_arguments(s, tr(QT_TRANSLATE_NOOP("excel", "the photo, scan or scanned PDF to import")))


def cmd_import_scan(args) -> int:
    from desktop import scan

    def plan_file(ledger, path, options):
        plan, sheets = scan.plan_scan(ledger, args.kind, path, args.unit, progress=_progress, options=options)
        print_doubtful(sheets)
        return plan

    return run_import(args, plan_file)


def print_doubtful(sheets) -> None:
    """The cells the engine was unsure of: row (the table's line), column, text as read."""
    cells = [(s, r, c) for s in sheets for r, c in sorted(s.low_confidence) if r > 0]
    if not cells:
        return
    print(tr(QT_TRANSLATE_NOOP("excel", "{n} cells were read with low confidence; compare them with the paper:"))
          .format(n=len(cells)))
    for s, r, c in cells[:MAX_DOUBTFUL]:
        text = s.rows[r][c] if c < len(s.rows[r]) else ""
        print("  " + tr(QT_TRANSLATE_NOOP("excel", "Row {row}, {column}: {text}")).format(
            row=r + 1, column=s.rows[0][c] if c < len(s.rows[0]) else c + 1, text=text or ""))
    if len(cells) > MAX_DOUBTFUL:
        print("  " + tr(QT_TRANSLATE_NOOP("excel", "… and {n} more")).format(n=len(cells) - MAX_DOUBTFUL))


COMMANDS = {"import-scan": cmd_import_scan}
