"""Monthly submission sub-commands of ``township-ledger`` (月报上报 → 审核 → 锁定 → 重开):

    township-ledger submit --month 2025-06                      # this unit's month, its figures frozen
    township-ledger review --unit 130111200 --month 2025-06 --approve        # 审核通过: the month locks
    township-ledger review --unit 130111200 --month 2025-06 --return "缺少照片"  # 退回, with the reason
    township-ledger reopen --unit 130111200 --month 2025-06 --reason "补录会议"  # 重开 an approved month
    township-ledger due-day 8 [--month 2025-06]                 # the units below submit by the 8th

Each step is a change of the ledger that goes to the others with the next sync or data
package (:mod:`desktop.reporting.submitting`); each prints one line saying where the month
stands.  Wired into :mod:`desktop.cli.commands` by ``add_parsers`` and ``COMMANDS``.
"""

from __future__ import annotations

from desktop.cli.common import EXIT_OK, EXIT_USAGE, fail, open_ledger
from desktop.i18n import QT_TRANSLATE_NOOP, translate

CTX = "cli"

MSG_STATE = QT_TRANSLATE_NOOP("cli", "{unit}, {month}: {state}.")
MSG_SUBMITTED = QT_TRANSLATE_NOOP("cli", "Submitted {unit}'s report for {month} ({figures} figures frozen); due on "
                                         "{due} ({timely}). It goes to the level above with the next sync or "
                                         "data package.")
MSG_ON_TIME = QT_TRANSLATE_NOOP("cli", "on time")
MSG_LATE = QT_TRANSLATE_NOOP("cli", "late")
MSG_DUE_SET = QT_TRANSLATE_NOOP("cli", "The units below submit their report of {month} by day {day} of the next "
                                       "month.")
MSG_EVERY_MONTH = QT_TRANSLATE_NOOP("cli", "every month")
MSG_UNIT = QT_TRANSLATE_NOOP("cli", "division code of the unit whose report it is, e.g. 130111200")
MSG_MONTH = QT_TRANSLATE_NOOP("cli", "the month, YYYY-MM")


def add_parsers(sub) -> None:
    s = sub.add_parser("submit", help=translate(CTX, "submit this unit's monthly report (its figures, frozen)"))
    s.add_argument("--month", metavar="YYYY-MM", help=translate(CTX, "the month (default: the month being "
                                                                        "reported)"))

    s = sub.add_parser("review", help=translate(CTX, "approve (the month locks) or return a unit's monthly report"))
    s.add_argument("--unit", required=True, metavar="CODE", help=translate(CTX, MSG_UNIT))
    s.add_argument("--month", required=True, metavar="YYYY-MM", help=translate(CTX, MSG_MONTH))
    group = s.add_mutually_exclusive_group(required=True)
    group.add_argument("--approve", action="store_true", help=translate(CTX, "approve it: the month locks"))
    group.add_argument("--return", dest="return_reason", metavar="REASON",
                       help=translate(CTX, "return it, saying why"))

    s = sub.add_parser("reopen", help=translate(CTX, "reopen a unit's approved month, saying why"))
    s.add_argument("--unit", required=True, metavar="CODE", help=translate(CTX, MSG_UNIT))
    s.add_argument("--month", required=True, metavar="YYYY-MM", help=translate(CTX, MSG_MONTH))
    s.add_argument("--reason", required=True, metavar="REASON", help=translate(CTX, "why it is reopened"))

    s = sub.add_parser("due-day", help=translate(CTX, "set the day of the next month by which the units below "
                                                      "submit their report"))
    s.add_argument("day", type=int, metavar="DAY", help=translate(CTX, "a day from 1 to 28"))
    s.add_argument("--month", metavar="YYYY-MM", help=translate(CTX, "only for this month (default: every month)"))


def _month(value: str | None) -> str | None:
    from desktop.reporting.months import month_bounds

    if value is not None:
        try:
            month_bounds(value)
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
    return value


def _state_line(state) -> str:
    return translate(CTX, MSG_STATE).format(unit=state.unit.name, month=state.month, state=state.label)


def cmd_submit(args) -> int:
    from desktop.reporting import submitting
    from desktop.reporting.submissions import month_being_reported

    with open_ledger(args) as ledger:
        state = submitting.submit(ledger, _month(args.month) or month_being_reported(ledger))
    print(translate(CTX, MSG_SUBMITTED).format(
        unit=state.unit.name, month=state.month, figures=len(state.figures or {}), due=state.due_on,
        timely=translate(CTX, MSG_ON_TIME if state.on_time else MSG_LATE)))
    return EXIT_OK


def cmd_review(args) -> int:
    from desktop.reporting import submitting

    with open_ledger(args) as ledger:
        state = submitting.review(ledger, args.unit.strip(), _month(args.month), approve=args.approve,
                                  reason=args.return_reason)
    print(_state_line(state))
    return EXIT_OK


def cmd_reopen(args) -> int:
    from desktop.reporting import submitting

    with open_ledger(args) as ledger:
        state = submitting.reopen(ledger, args.unit.strip(), _month(args.month), args.reason)
    print(_state_line(state))
    return EXIT_OK


def cmd_due_day(args) -> int:
    from desktop.reporting import submitting

    month = _month(args.month)
    with open_ledger(args) as ledger:
        submitting.set_due_day(ledger, args.day, month)
    print(translate(CTX, MSG_DUE_SET).format(month=month or translate(CTX, MSG_EVERY_MONTH), day=args.day))
    return EXIT_OK


COMMANDS = {"submit": cmd_submit, "review": cmd_review, "reopen": cmd_reopen, "due-day": cmd_due_day}
