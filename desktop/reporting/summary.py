"""The monthly report as a few lines of text: what the command line prints."""

from __future__ import annotations

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.reporting.layout import format_cell, format_share
from desktop.reporting.model import CTX, MonthlyReport


def _t(text: str) -> str:
    return translate(CTX, text)


def summary_lines(report: MonthlyReport) -> list[str]:
    """A short text summary (the command line)."""
    h = report.headline
    lines = [report.title, ""]
    for c in report.comparisons:
        extra = f"  ({format_share(c.share)})" if c.share is not None else ""
        lines.append(f"  {c.label}: {c.value:,}{extra}  [{format_cell(c.change, 'change')}]")
    lines.append("")
    for lv in report.levels:
        lines.append(_t(QT_TRANSLATE_NOOP("report", "  {level}: {units}; mobilisation meeting {mob} ({mob_share}), "
                                                    "review meeting {rev} ({rev_share})")).format(
            level=lv.label, units=f"{lv.units:,}", mob=f"{lv.mobilisation:,}", mob_share=format_share(lv.mobilisation_share),
            rev=f"{lv.review:,}", rev_share=format_share(lv.review_share)))
    lines.append(_t(QT_TRANSLATE_NOOP("report", "  Co-operative working committees: {n} of {agri} agricultural "
                                                "counties ({share})")).format(
        n=f"{report.coop_counties:,}", agri=f"{report.agricultural_counties:,}", share=format_share(report.coop_share)))
    total, done, verified = h.checklist_total
    lines.append(_t(QT_TRANSLATE_NOOP("report", "  Checklist: {done} of {total} tasks done, {verified} verified")).format(
        done=f"{done:,}", total=f"{total:,}", verified=f"{verified:,}"))
    if h.records_incomplete:
        lines.append(_t(QT_TRANSLATE_NOOP("report", "  Records to complete: {n}")).format(n=f"{h.records_incomplete:,}"))
    lines.append("")
    lines.append(_t(QT_TRANSLATE_NOOP("report", "Timeliness: {updated} of {total} townships updated their ledger "
                                                "({share}); {silent} silent; {diff} reported figures differ; "
                                                "{lagging} units to remind.")).format(
        updated=f"{len(report.updated):,}", total=f"{len(report.updated) + len(report.silent):,}",
        share=format_share(report.timeliness_share), silent=f"{len(report.silent):,}",
        diff=f"{len(report.differences):,}", lagging=f"{len(report.lagging):,}"))
    lines.append(_t(QT_TRANSLATE_NOOP("report", "Expected: {expected} townships (division list); {silent} silent, "
                                                "{unknown} of them with no records in the ledger.")).format(
        expected=f"{len(report.expected):,}", silent=f"{len(report.silent):,}", unknown=f"{len(report.unknown):,}"))
    subs = report.submissions
    lines.append(_t(QT_TRANSLATE_NOOP("report", "Submissions: {on_time} of {units} units submitted by the due day "
                                                "({share}); {approved} approved; {differing} differ from the ledger "
                                                "since.")).format(
        on_time=f"{report.on_time_submissions:,}", units=f"{len(subs):,}", share=format_share(report.on_time_share),
        approved=f"{sum(s.locked for s in subs):,}", differing=f"{sum(bool(s.discrepancies) for s in subs):,}"))
    return lines
