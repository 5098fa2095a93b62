"""``township-ledger report``: the monthly report (月报) on the command line.

    township-ledger report --scope 130111 --month 2025-06 [--xlsx 月报.xlsx] [--pdf 月报.pdf] [--json]
    township-ledger report --trends [--figure KEY …] [--month M] [--json] [--xlsx 趋势.xlsx]
    township-ledger rules [show | set KEY VALUE | reset KEY | check [--scope CODE] [--month YYYY-MM]]

Prints a text summary and the first units to remind (or, with ``--json``, every figure as JSON:
:mod:`desktop.reporting.report_json`); writes the Excel form and the PDF when asked.  The PDF is
painted by Qt (``ui.report_pdf``), imported only when ``--pdf`` is given,
offscreen when there is no display.  With ``--trends``, the trends instead
(:mod:`desktop.reporting.trends`): each figure per unit below for the twelve months ending at
the month, as text, JSON or an Excel sheet per figure.  ``rules`` shows and sets the
thresholds of the problem list (:mod:`desktop.reporting.problems`) and lists the problems.
Wired into :mod:`desktop.cli.commands` by ``add_parsers`` and ``COMMANDS``.
"""

from __future__ import annotations

import os
import sys

from desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, open_ledger
from desktop.i18n import QT_TRANSLATE_NOOP, translate

CTX = "report"
#: Units of the reminders list printed (the Excel form and the PDF have them all).
PRINTED_REMINDERS = 20

HELP = QT_TRANSLATE_NOOP("report", "the monthly report of a unit: a summary, and the Excel form and PDF on request")
HELP_SCOPE = QT_TRANSLATE_NOOP("report", "division code of the unit (default: the ledger's own; \"\" = all of China)")
HELP_MONTH = QT_TRANSLATE_NOOP("report", "the month, YYYY-MM (default: the month being reported: last month until "
                                         "its report is due (the 5th, or the day the level above set), then this "
                                         "month)")
HELP_XLSX = QT_TRANSLATE_NOOP("report", "write the Excel form to this file")
HELP_PDF = QT_TRANSLATE_NOOP("report", "write the PDF (A4) to this file")
HELP_JSON = QT_TRANSLATE_NOOP("report", "print every figure as JSON instead of the summary: for each figure its "
                                        "value, numerator and denominator (the units the division list expects), "
                                        "and the expected, reporting, on-time and silent units with their codes; "
                                        "keys sorted and stable")
HELP_JSON_KEYS = QT_TRANSLATE_NOOP("report", "JSON keys (--json):")
HELP_TRENDS = QT_TRANSLATE_NOOP("report", "the trends instead of the report: each figure per unit below for the 12 "
                                          "months ending at the month (frozen where a unit submitted); --json prints "
                                          "them all, --xlsx writes a sheet per figure")
HELP_FIGURE = QT_TRANSLATE_NOOP("report", "with --trends: only this figure (may be repeated): {figures}")
MSG_TRENDS_NO_PDF = QT_TRANSLATE_NOOP("report", "--pdf is for the monthly report, not the trends.")
MSG_XLSX_WRITTEN = QT_TRANSLATE_NOOP("report", "Excel form written to {path}.")
MSG_PDF_WRITTEN = QT_TRANSLATE_NOOP("report", "PDF written to {path}.")
MSG_NO_QT = QT_TRANSLATE_NOOP("report", "writing a PDF needs the program's Qt components (PySide6), which are "
                                        "missing: {reason}")
MSG_REMINDERS = QT_TRANSLATE_NOOP("report", "Units to remind ({n}):")
MSG_MORE = QT_TRANSLATE_NOOP("report", "  … and {n} more (see the Excel form).")
MSG_SILENT = QT_TRANSLATE_NOOP("report", "silent")
MSG_NOT_IN_LEDGER = QT_TRANSLATE_NOOP("report", "not in the ledger")
MSG_DIFFERING = QT_TRANSLATE_NOOP("report", "{n} figure(s) differ")


def add_parsers(sub) -> None:
    """Add the ``report`` command to the CLI's sub-parsers."""
    import argparse

    from desktop.reporting.report_json import KEYS

    keys = "\n".join(f"  {key}: {translate(CTX, text)}" for key, text in sorted(KEYS.items()))
    s = sub.add_parser("report", help=translate(CTX, HELP), formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=f"{translate(CTX, HELP_JSON_KEYS)}\n{keys}")
    s.add_argument("--scope", metavar="CODE", help=translate(CTX, HELP_SCOPE))
    s.add_argument("--month", metavar="YYYY-MM", help=translate(CTX, HELP_MONTH))
    s.add_argument("--xlsx", metavar="FILE", help=translate(CTX, HELP_XLSX))
    s.add_argument("--pdf", metavar="FILE", help=translate(CTX, HELP_PDF))
    s.add_argument("--json", action="store_true", help=translate(CTX, HELP_JSON))
    from desktop.reporting.trends import TREND_FIGURES

    s.add_argument("--trends", action="store_true", help=translate(CTX, HELP_TRENDS))
    s.add_argument("--figure", action="append", metavar="KEY", choices=list(TREND_FIGURES),
                   help=translate(CTX, HELP_FIGURE).format(figures=", ".join(TREND_FIGURES)))
    _add_rules_parser(sub)


HELP_RULES = QT_TRANSLATE_NOOP("report", "the problem list's rules: show them and their thresholds, set or reset a "
                                         "threshold, or list the problems of a unit and month")
HELP_RULES_SHOW = QT_TRANSLATE_NOOP("report", "list the rules and the thresholds in force")
HELP_RULES_SET = QT_TRANSLATE_NOOP("report", "set a threshold of this ledger (e.g. hollow_months 4)")
HELP_RULES_RESET = QT_TRANSLATE_NOOP("report", "set a threshold back to its default")
HELP_RULES_CHECK = QT_TRANSLATE_NOOP("report", "list the problems of a unit and month")
HELP_KEY = QT_TRANSLATE_NOOP("report", "the threshold")
HELP_VALUE = QT_TRANSLATE_NOOP("report", "a whole number")
MSG_THRESHOLD_SET = QT_TRANSLATE_NOOP("report", "{key} = {value}")
MSG_DEFAULT = QT_TRANSLATE_NOOP("report", "default {value}")
MSG_NO_PROBLEMS = QT_TRANSLATE_NOOP("report", "No rule finds a problem in {unit} for {month}.")
MSG_PROBLEMS = QT_TRANSLATE_NOOP("report", "{n} problem(s) in {unit} for {month}:")


def _add_rules_parser(sub) -> None:
    s = sub.add_parser("rules", help=translate(CTX, HELP_RULES))
    actions = s.add_subparsers(dest="rules_action", metavar="ACTION")
    actions.add_parser("show", help=translate(CTX, HELP_RULES_SHOW))
    a = actions.add_parser("set", help=translate(CTX, HELP_RULES_SET))
    a.add_argument("key", metavar="KEY", help=translate(CTX, HELP_KEY))
    a.add_argument("value", metavar="VALUE", help=translate(CTX, HELP_VALUE))
    a = actions.add_parser("reset", help=translate(CTX, HELP_RULES_RESET))
    a.add_argument("key", metavar="KEY", help=translate(CTX, HELP_KEY))
    a = actions.add_parser("check", help=translate(CTX, HELP_RULES_CHECK))
    a.add_argument("--scope", metavar="CODE", help=translate(CTX, HELP_SCOPE))
    a.add_argument("--month", metavar="YYYY-MM", help=translate(CTX, HELP_MONTH))


def cmd_rules(args) -> int:
    from desktop.reporting import problems as P

    action = args.rules_action or "show"
    with open_ledger(args, read_only=action in ("show", "check")) as ledger:
        if action in ("set", "reset"):
            value = P.set_threshold(ledger, args.key, args.value if action == "set" else None)
            print(translate(CTX, MSG_THRESHOLD_SET).format(key=args.key, value=value))
        elif action == "check":
            _print_problems(ledger, args)
        else:
            values = P.thresholds(ledger)
            for rule in P.RULES:
                print(f"{rule.id}  {rule.label}  [{translate(P.CTX, P.SEVERITIES[rule.severity])}]")
                for t in rule.thresholds:
                    default = translate(CTX, MSG_DEFAULT).format(value=t.default)
                    print(f"    {t.key} = {values[t.key]}  ({default}; {translate(P.CTX, t.label)})")
    return EXIT_OK


def _print_problems(ledger, args) -> None:
    from desktop.reporting import problems as P
    from desktop.reporting.submissions import month_being_reported
    from desktop.scope.geo import geography

    scope = _scope_of(ledger, args)
    month = args.month or month_being_reported(ledger)
    try:
        found = P.evaluate(ledger, scope, month)
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    unit = geography().full_name(scope) if scope else scope
    if not found:
        print(translate(CTX, MSG_NO_PROBLEMS).format(unit=unit or "-", month=month))
        return
    print(translate(CTX, MSG_PROBLEMS).format(n=f"{len(found):,}", unit=unit or "-", month=month))
    for p in found:
        print(f"  {p.unit}  {p.unit_name}  [{P.RULE_MAP[p.rule].label}]  {p.text}  ({p.kind} {p.record_id})")


def _scope_of(ledger, args) -> str:
    """The unit asked for (default: the ledger's own), which must lie within the ledger's."""
    from desktop.records import rules

    scope = ledger.scope if args.scope is None else args.scope.strip()
    if not scope.startswith(ledger.scope):  # the ledger holds only a part of that unit
        fail(translate("errors", rules.MSG_OUTSIDE_SCOPE).format(code=scope or "-", scope=ledger.scope))
    return scope


def _reminder_line(lag) -> str:
    why = []
    if lag.silent:
        why.append(translate(CTX, MSG_SILENT))
    if not lag.entered:
        why.append(translate(CTX, MSG_NOT_IN_LEDGER))
    if lag.differences:
        why.append(translate(CTX, MSG_DIFFERING).format(n=lag.differences))
    from desktop.reporting.report import MSG_NO_SECRETARY

    who = f"{lag.secretary.name} {lag.secretary.phone}".strip() if lag.secretary else \
        translate(CTX, MSG_NO_SECRETARY)
    return f"  {lag.unit.code}  {lag.unit.within}{lag.unit.name}  ({', '.join(why)})  {who}"


def _write_pdf(report, path: str):
    """Paint the PDF with Qt: offscreen when there is no display (a server, a scheduled task)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import gui

    try:
        report_pdf = gui.load("report_pdf")
    except ImportError as exc:

        fail(translate(CTX, MSG_NO_QT).format(reason=exc))
    report_pdf.ensure_application()
    return report_pdf.write_report_pdf(report, path)


def cmd_report(args) -> int:
    from desktop.reporting.report import monthly_report, summary_lines

    if getattr(args, "trends", False):
        return _cmd_trends(args)
    with open_ledger(args, read_only=True) as ledger:
        scope = _scope_of(ledger, args)
        try:
            report = monthly_report(ledger, scope, args.month)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    if args.json:
        from desktop.reporting.report_json import report_json

        print(report_json(report))
    else:
        _print_summary(report, summary_lines(report))
    if args.xlsx:
        from desktop.reporting.report_xlsx import write_report_xlsx

        _note(args, translate(CTX, MSG_XLSX_WRITTEN).format(path=write_report_xlsx(report, args.xlsx)))
    if args.pdf:
        _note(args, translate(CTX, MSG_PDF_WRITTEN).format(path=_write_pdf(report, args.pdf)))
    return EXIT_OK


def _cmd_trends(args) -> int:
    """``report --trends``: each figure per unit below, month by month (:mod:`desktop.reporting.trends`)."""
    from desktop.records import rules
    from desktop.reporting import trends as tr

    if args.pdf:
        fail(translate(CTX, MSG_TRENDS_NO_PDF), EXIT_USAGE)
    with open_ledger(args, read_only=True) as ledger:
        scope = ledger.scope if args.scope is None else args.scope.strip()
        if not scope.startswith(ledger.scope):
            fail(translate("errors", rules.MSG_OUTSIDE_SCOPE).format(code=scope or "-", scope=ledger.scope))
        try:
            found = tr.trends(ledger, scope, args.month, args.figure)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    if args.json:
        print(tr.trends_json(found))
    else:
        for line in tr.trends_lines(found):
            print(line)
    if args.xlsx:
        from desktop.reporting.report_xlsx import write_trends_xlsx

        _note(args, translate(CTX, MSG_XLSX_WRITTEN).format(path=write_trends_xlsx(found, args.xlsx)))
    return EXIT_OK


def _note(args, text: str) -> None:
    """A line about a file written: on stderr when stdout carries the JSON."""
    print(text, file=sys.stderr if args.json else sys.stdout)


def _print_summary(report, lines: list[str]) -> None:
    for line in lines:
        print(line)
    if report.lagging:
        print()
        print(translate(CTX, MSG_REMINDERS).format(n=f"{len(report.lagging):,}"))
        for lag in report.lagging[:PRINTED_REMINDERS]:
            print(_reminder_line(lag))
        if len(report.lagging) > PRINTED_REMINDERS:
            print(translate(CTX, MSG_MORE).format(n=f"{len(report.lagging) - PRINTED_REMINDERS:,}"))


COMMANDS = {"report": cmd_report, "rules": cmd_rules}
