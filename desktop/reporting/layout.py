"""The monthly report laid out as sections of titled tables (:func:`sections`): the one
layout the Excel form (:mod:`desktop.reporting.report_xlsx`), the PDF (``ui.report_pdf``) and
the report view share, and how their cells read as text."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS
from desktop.records.enums import enumerations
from desktop.reporting import work_figures
from desktop.reporting.figures import share
from desktop.reporting.model import (CTX, LEVELS, MSG_AS_REPORTED, MSG_GENERATED, MSG_LEDGER, MSG_NO,
                                     MSG_NO_CHANGE, MSG_NO_SECRETARY, MSG_NONE_DIFFERING, MSG_NONE_LAGGING,
                                     MSG_NOT_ENTERED, MSG_YES, UNIT_FIGURES,
                                     MonthlyReport)
from desktop.reporting.overdue import OverdueTasks

@dataclass(frozen=True)
class Column:
    """A column of a report table: its title and how its values are shown."""

    title: str
    #: "text", "int", "share" (0…1, shown as a percentage), "change" (a signed int: up or down),
    #: "discrepancy" (a signed int where anything but 0 is a fault: reported unlike the ledger),
    #: "money" (yuan, with two decimals), "ratio" (a number with two decimals)
    kind: str = "int"


@dataclass(frozen=True)
class Table:
    """A titled table of the report.  ``chart`` names the value columns a per-unit bar chart
    of this table shows (the first column holds the unit names)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    note: str = ""
    chart: tuple[int, ...] = ()
    chart_title: str = ""
    #: names of the chart's series (default: the columns' titles)
    chart_series: tuple[str, ...] = ()

    def series_names(self) -> tuple[str, ...]:
        return self.chart_series or tuple(self.columns[c].title for c in self.chart)


@dataclass(frozen=True)
class Section:
    """A part of the report: a sheet of the Excel form, a tab of the view."""

    key: str
    title: str
    tables: tuple[Table, ...]


def format_share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def format_cell(value: object, kind: str) -> str:
    """A cell as text (the PDF, the CLI)."""
    if value is None:
        return "–" if kind in ("share", "int", "change", "discrepancy", "money", "ratio") else ""
    if kind == "share":
        return format_share(value)  # type: ignore[arg-type]
    if kind in ("change", "discrepancy"):
        return f"{value:+,}" if value else "0"
    if kind == "int":
        return f"{value:,}"
    if kind in ("money", "ratio"):
        return f"{value:,.2f}"
    return str(value)


def _t(text: str) -> str:
    return translate(CTX, text)


def _unit_column(report: MonthlyReport) -> Column:
    return Column(_t(LEVELS[report.unit_level]), "text")


def _headline_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    return (Table(
        "headline", T(QT_TRANSLATE_NOOP("report", "Headline figures")),
        (C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"), C(report.month), C(report.previous_month),
         C(T(QT_TRANSLATE_NOOP("report", "Change")), "change"), C(T(QT_TRANSLATE_NOOP("report", "Share")), "share"),
         C(T(QT_TRANSLATE_NOOP("report", "Share last month")), "share")),
        tuple((c.label, c.value, c.previous, c.change, c.share, c.previous_share) for c in report.comparisons),
        note=T(MSG_GENERATED).format(when=report.generated_at, previous=report.previous_month)),)


def _member_tables(report: MonthlyReport) -> tuple[Table, ...]:
    h, p = report.headline, report.previous
    enums = enumerations()
    T, C = _t, Column
    sources = Table(
        "sources", T(QT_TRANSLATE_NOOP("report", "Committee members by source")),
        (C(T(QT_TRANSLATE_NOOP("report", "Source category")), "text"), C(report.month),
         C(T(QT_TRANSLATE_NOOP("report", "Share")), "share"), C(report.previous_month),
         C(T(QT_TRANSLATE_NOOP("report", "Change")), "change")),
        tuple((enums.label("member_source", k), v, share(v, h.members_current), p.members_by_source.get(k, 0),
               v - p.members_by_source.get(k, 0)) for k, v in h.members_by_source.items()))
    member_units = Table(
        "members_by_unit", T(QT_TRANSLATE_NOOP("report", "Committee members by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["members_current"])), C(T(UNIT_FIGURES["members_added"])),
         C(T(UNIT_FIGURES["members_exited"])),
         *(C(enums.label("member_source", k)) for k in h.members_by_source)),
        tuple((u.name, u.figures.members_current, u.figures.members_added, u.figures.members_exited,
               *(u.figures.members_by_source.get(k, 0) for k in h.members_by_source)) for u in report.units),
        chart=(1,), chart_title=T(UNIT_FIGURES["members_current"]))
    return sources, member_units, _incomplete_table(report)


def _incomplete_table(report: MonthlyReport) -> Table:
    """The units with records lacking required values (imported so), until completed."""
    T, C = _t, Column
    rows = tuple((u.name, u.figures.records_incomplete) for u in report.units if u.figures.records_incomplete)
    return Table(
        "incomplete_by_unit", T(QT_TRANSLATE_NOOP("report", "Records to complete, by unit")),
        (_unit_column(report), C(T(QT_TRANSLATE_NOOP("report", "Records to complete")))), rows,
        note=T(QT_TRANSLATE_NOOP("report", "Records imported without some required values count here until "
                                           "they are completed in the table; {n} in all.")).format(
            n=f"{report.headline.records_incomplete:,}"))


def _meeting_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    held, share_col = T(QT_TRANSLATE_NOOP("report", "Units")), T(QT_TRANSLATE_NOOP("report", "Share"))
    mob = T(QT_TRANSLATE_NOOP("report", "Mobilisation meeting held"))
    rev = T(QT_TRANSLATE_NOOP("report", "Review meeting held"))
    levels = Table(
        "levels", T(QT_TRANSLATE_NOOP("report", "Meetings held, per level")),
        (C(T(QT_TRANSLATE_NOOP("report", "Level")), "text"), C(held), C(mob), C(share_col, "share"), C(rev),
         C(share_col, "share"), C(T(QT_TRANSLATE_NOOP("report", "Counted from")), "text")),
        tuple((lv.label, lv.units, lv.mobilisation, lv.mobilisation_share, lv.review, lv.review_share,
               T(MSG_AS_REPORTED) if lv.reported else T(MSG_LEDGER)) for lv in report.levels),
        note=T(QT_TRANSLATE_NOOP("report", "Townships and counties count their own committee's meetings held by "
                                           "the month's end; prefectures and provinces, which have no committee in "
                                           "the ledger, count as they reported.")))
    meeting_units = Table(
        "meetings_by_unit", T(QT_TRANSLATE_NOOP("report", "Townships that held the meetings, by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["townships"])), C(mob), C(share_col, "share"), C(rev),
         C(share_col, "share")),
        tuple((u.name, u.figures.townships, u.figures.townships_mobilisation_meeting,
               u.figures.mobilisation_meeting_share, u.figures.townships_review_meeting, u.figures.review_meeting_share)
              for u in report.units),
        chart=(3, 5), chart_title=T(QT_TRANSLATE_NOOP("report", "Meetings held (% of townships)")),
        chart_series=(mob, rev))
    return levels, meeting_units


def _organisation_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    share_col = T(QT_TRANSLATE_NOOP("report", "Share"))
    orgs = Table(
        "organisations", T(QT_TRANSLATE_NOOP("report", "Directly affiliated organisations and co-operative working "
                                                       "committees")),
        (C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"), C(report.month), C(report.previous_month),
         C(T(QT_TRANSLATE_NOOP("report", "Change")), "change"), C(T(QT_TRANSLATE_NOOP("report", "Share")), "share")),
        tuple((c.label, c.value, c.previous, c.change, c.share) for c in report.comparisons
              if c.key.startswith(("direct_orgs", "coop"))),
        note=T(QT_TRANSLATE_NOOP("report", "Agricultural counties (with at least one rural township): {n}.")).format(
            n=f"{report.agricultural_counties:,}"))
    counties_below = report.unit_level <= 3  # townships have no co-operative working committees of their own
    org_units = Table(
        "orgs_by_unit", T(QT_TRANSLATE_NOOP("report", "Organisations by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["direct_orgs"])), C(T(UNIT_FIGURES["direct_orgs_new"])),
         C(T(UNIT_FIGURES["direct_orgs_revoked"])), C(T(UNIT_FIGURES["direct_orgs_rectifying"])))
        + ((C(T(QT_TRANSLATE_NOOP("report", "Agricultural counties"))),
            C(T(QT_TRANSLATE_NOOP("report", "With a co-operative working committee"))), C(share_col, "share"))
           if counties_below else ()),
        tuple((u.name, u.figures.direct_orgs_total, u.figures.direct_orgs_new, u.figures.direct_orgs_revoked,
               u.figures.direct_orgs_rectifying)
              + ((u.agricultural_counties, u.coop_counties, u.value("coop_share")) if counties_below else ())
              for u in report.units),
        chart=(1,), chart_title=T(UNIT_FIGURES["direct_orgs"]))
    return orgs, org_units


def _wechat_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    return (Table(
        "wechat_by_unit", T(QT_TRANSLATE_NOOP("report", "WeChat groups by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["wechat_groups"])), C(T(UNIT_FIGURES["wechat_reach"]))),
        tuple((u.name, u.figures.wechat_groups, u.figures.wechat_reach) for u in report.units),
        chart=(2,), chart_title=T(UNIT_FIGURES["wechat_reach"])),)


def _funding_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    return (Table(
        "funding_by_unit", T(QT_TRANSLATE_NOOP("report", "Townships with 20,000 yuan funding secured, by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["townships"])), C(T(QT_TRANSLATE_NOOP("report", "Funding secured"))),
         C(T(QT_TRANSLATE_NOOP("report", "Share")), "share")),
        tuple((u.name, u.figures.townships, u.figures.townships_funding_secured, u.figures.funding_secured_share)
              for u in report.units),
        chart=(3,), chart_title=T(UNIT_FIGURES["funding_share"])),)


def _checklist_tables(report: MonthlyReport) -> tuple[Table, ...]:
    h, pc = report.headline, report.previous.checklist
    enums = enumerations()
    T, C = _t, Column
    tasks, done, verified = (T(QT_TRANSLATE_NOOP("report", "Tasks")), T(QT_TRANSLATE_NOOP("report", "Done")),
                             T(QT_TRANSLATE_NOOP("report", "Verified")))
    systems = Table(
        "checklist", T(QT_TRANSLATE_NOOP("report", "Checklist progress by system")),
        (C(T(QT_TRANSLATE_NOOP("report", "System")), "text"), C(tasks), C(done), C(verified),
         C(T(QT_TRANSLATE_NOOP("report", "Done (%)")), "share"), C(T(QT_TRANSLATE_NOOP("report", "Done last month")))),
        tuple((enums.label("checklist_system", k), total, d, v, share(d, total), pc.get(k, (0, 0, 0))[1])
              for k, (total, d, v) in h.checklist.items())
        + ((T(QT_TRANSLATE_NOOP("report", "All systems")), *h.checklist_total, h.checklist_done_share,
            report.previous.checklist_total[1]),))
    checklist_units = Table(
        "checklist_by_unit", T(QT_TRANSLATE_NOOP("report", "Checklist progress by unit")),
        (_unit_column(report), C(tasks), C(done), C(verified), C(T(QT_TRANSLATE_NOOP("report", "Done (%)")), "share")),
        tuple((u.name, *u.figures.checklist_total, u.value("checklist_share")) for u in report.units),
        chart=(2,), chart_title=T(UNIT_FIGURES["checklist_done"]))
    return systems, checklist_units


def _code_columns() -> tuple[Column, Column, Column]:
    """Code, name and the unit above: how the lists name a unit."""
    return (Column(_t(QT_TRANSLATE_NOOP("report", "Code")), "text"),
            Column(_t(QT_TRANSLATE_NOOP("report", "Unit")), "text"),
            Column(_t(QT_TRANSLATE_NOOP("report", "Within")), "text"))


def _timeliness_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    timeliness_units = Table(
        "timeliness_by_unit", T(QT_TRANSLATE_NOOP("report", "Timeliness by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["expected_townships"])), C(T(UNIT_FIGURES["townships_updated"])),
         C(T(QT_TRANSLATE_NOOP("report", "Silent"))), C(T(QT_TRANSLATE_NOOP("report", "Share")), "share"),
         C(T(QT_TRANSLATE_NOOP("report", "Reported figures"))), C(T(UNIT_FIGURES["lagging"]))),
        tuple((u.name, u.figures.expected_townships, u.townships_updated, u.silent,
               u.value("timeliness_share"), u.reporting, u.lagging) for u in report.units),
        note=T(QT_TRANSLATE_NOOP("report", "{updated} of {total} townships updated their ledger in {month} "
                                           "({share}); {reported} units reported figures.")).format(
            updated=f"{len(report.updated):,}", total=f"{len(report.updated) + len(report.silent):,}",
            month=report.month, share=format_share(report.timeliness_share), reported=f"{len(report.reporting):,}"),
        chart=(4,), chart_title=T(UNIT_FIGURES["timeliness_share"]))
    reminders = Table(
        "reminders", T(QT_TRANSLATE_NOOP("report", "Units to remind")),
        (*_code_columns(), C(T(QT_TRANSLATE_NOOP("report", "Silent this month")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Differing figures"))),
         C(T(QT_TRANSLATE_NOOP("report", "Secretary")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Phone")), "text")),
        tuple((lag.unit.code, lag.unit.name, lag.unit.within, T(MSG_YES) if lag.silent else T(MSG_NO), lag.differences,
               lag.secretary.name if lag.secretary else T(MSG_NO_SECRETARY),
               lag.secretary.phone if lag.secretary else "") for lag in report.lagging),
        note="" if report.lagging else T(MSG_NONE_LAGGING))
    return timeliness_units, reminders


def _silent_tables(report: MonthlyReport) -> tuple[Table, ...]:
    """The expected townships that are silent this month, by name, with whom to call."""
    T, C = _t, Column
    never, quiet = T(MSG_NOT_ENTERED), T(MSG_NO_CHANGE)
    units = Table(
        "silent_by_unit", T(QT_TRANSLATE_NOOP("report", "Expected and silent townships, by unit")),
        (_unit_column(report), C(T(UNIT_FIGURES["expected_townships"])), C(T(UNIT_FIGURES["townships"])),
         C(T(UNIT_FIGURES["townships_updated"])), C(T(UNIT_FIGURES["silent"])),
         C(T(QT_TRANSLATE_NOOP("report", "Silent (%)")), "share")),
        tuple((u.name, u.figures.expected_townships, u.figures.townships, u.townships_updated, u.silent,
               share(u.silent, u.townships_updated + u.silent)) for u in report.units),
        chart=(5,), chart_title=T(QT_TRANSLATE_NOOP("report", "Silent townships (%)")))
    silent = Table(
        "silent", T(QT_TRANSLATE_NOOP("report", "Silent townships")),
        (*_code_columns(), C(T(QT_TRANSLATE_NOOP("report", "Why")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Secretary")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Phone")), "text")),
        tuple((lag.unit.code, lag.unit.name, lag.unit.within, quiet if lag.entered else never,
               lag.secretary.name if lag.secretary else T(MSG_NO_SECRETARY),
               lag.secretary.phone if lag.secretary else "") for lag in report.lagging if lag.silent),
        note=T(QT_TRANSLATE_NOOP("report", "{silent} of the {expected} townships expected (every rural township of "
                                           "the division list in scope) are silent in {month}: {unknown} have no "
                                           "records in the ledger, {quiet} did not change it.")).format(
            silent=f"{len(report.silent):,}", expected=f"{len(report.expected):,}", month=report.month,
            unknown=f"{len(report.unknown):,}", quiet=f"{len(report.silent) - len(report.unknown):,}"))
    return silent, units   # the names first: whom to call


def _difference_tables(report: MonthlyReport) -> tuple[Table, ...]:
    T, C = _t, Column
    return (Table(
        "differences", T(QT_TRANSLATE_NOOP("report", "Reported figures that differ from the ledger")),
        (*_code_columns(), C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Reported"))), C(T(QT_TRANSLATE_NOOP("report", "Ledger"))),
         C(T(QT_TRANSLATE_NOOP("report", "Difference")), "discrepancy"),
         C(T(QT_TRANSLATE_NOOP("report", "Reported by")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Reported on")), "text")),
        tuple((d.unit.code, d.unit.name, d.unit.within, d.label, d.reported, d.ledger, d.change, d.reported_by,
               d.reported_on) for d in report.differences),
        note="" if report.differences else T(MSG_NONE_DIFFERING)),)


def _submission_tables(report: MonthlyReport) -> tuple[Table, ...]:
    """Each unit's monthly submission (state, due day, on time), and the figures of the
    submissions that the live ledger no longer agrees with."""
    T, C = _t, Column
    yes, no = T(MSG_YES), T(MSG_NO)
    subs = report.submissions
    states = Table(
        "submissions", T(QT_TRANSLATE_NOOP("report", "Monthly submissions")),
        (*_code_columns(), C(T(QT_TRANSLATE_NOOP("report", "State")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Due on")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Submitted at")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "On time")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Reviewed by")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Differing figures")))),
        tuple((s.unit.code, s.unit.name, s.unit.within, s.label, s.due_on, s.submitted_at[:16].replace("T", " "),
               (yes if s.on_time else no) if s.submitted else "", s.review.reviewer_text if s.review else "",
               len(s.discrepancies)) for s in subs),
        note=T(QT_TRANSLATE_NOOP("report", "{on_time} of {units} units submitted their report of {month} by the due "
                                           "day ({share}); {approved} approved and locked.")).format(
            on_time=f"{report.on_time_submissions:,}", units=f"{len(subs):,}", month=report.month,
            share=format_share(report.on_time_share), approved=f"{sum(s.locked for s in subs):,}"))
    rows = tuple((s.unit.code, s.unit.name, d.label, d.submitted, d.ledger, d.change)
                 for s in subs for d in s.discrepancies)
    differing = Table(
        "submission_differences", T(QT_TRANSLATE_NOOP("report", "Submitted figures the ledger no longer agrees with")),
        (C(T(QT_TRANSLATE_NOOP("report", "Code")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Unit")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Figure")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Submitted"))),
         C(T(QT_TRANSLATE_NOOP("report", "Ledger now"))), C(T(QT_TRANSLATE_NOOP("report", "Difference")), "discrepancy")),
        rows, note=T(QT_TRANSLATE_NOOP("report", "Changes made after a submission, such as those received from "
                                                 "other offices into an approved month, show here.")) if rows else
        T(QT_TRANSLATE_NOOP("report", "Every submission agrees with the ledger.")))
    return states, differing


def _problem_tables(report: MonthlyReport) -> tuple[Table, ...]:
    """The problem list (问题清单): problems per rule, per unit below (a county and above),
    and each problem with the record it points at."""
    from desktop.reporting import problems as P

    T, C = _t, Column
    found = report.problems
    if not report.problem_thresholds:  # too wide a scope for the rules
        return (Table("problems_by_rule", T(QT_TRANSLATE_NOOP("report", "Problems by rule")), (), (), note=T(
            QT_TRANSLATE_NOOP("report", "The problem list is made for a prefecture, a county or a township: "
                                        "choose one of them."))),)
    rule_col, problems_col = C(T(QT_TRANSLATE_NOOP("report", "Rule")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Problems")))
    by_rule = Table(
        "problems_by_rule", T(QT_TRANSLATE_NOOP("report", "Problems by rule")),
        (rule_col, C(T(QT_TRANSLATE_NOOP("report", "Severity")), "text"), problems_col),
        tuple((r.label, translate(P.CTX, P.SEVERITIES[r.severity]), n)
              for r, n in zip(P.RULES, P.counts(found).values())),
        note=T(QT_TRANSLATE_NOOP("report", "{n} problems in all; the rules' thresholds are set with "
                                           "\"township-ledger rules set\".")).format(n=f"{len(found):,}"))
    tables = [by_rule]
    if len(report.scope) <= 6:  # a county and above: which unit below has them
        per_unit = P.counts_by_unit(found, [u.code for u in report.units])
        tables.append(Table(
            "problems_by_unit", T(QT_TRANSLATE_NOOP("report", "Problems by unit")),
            (_unit_column(report), *(C(r.label) for r in P.RULES), problems_col),
            tuple((u.name, *per_unit[u.code].values(), sum(per_unit[u.code].values())) for u in report.units),
            chart=(len(P.RULES) + 1,), chart_title=T(QT_TRANSLATE_NOOP("report", "Problems"))))
    tables.append(Table(
        "problems", T(QT_TRANSLATE_NOOP("report", "Problem list")),
        (*_code_columns()[:2], rule_col, C(T(QT_TRANSLATE_NOOP("report", "Description")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Record kind")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Record")), "text")),
        tuple((p.unit, p.unit_name, P.RULE_MAP[p.rule].label, p.text, KINDS[p.kind].label.text(), p.record_id)
              for p in found),
        note="" if found else T(QT_TRANSLATE_NOOP("report", "No rule finds a problem."))))
    return tuple(tables)


def _work_tables(report: MonthlyReport) -> tuple[Table, ...]:
    from desktop.reporting.work_section import work_tables  # it lays out with this module's tables

    return work_tables(report)


def _contact_tables(report: MonthlyReport) -> tuple[Table, ...]:
    from desktop.reporting.work_section import contact_tables

    return contact_tables(report)


# ---- overdue checklist tasks (desktop.reporting.overdue)
def _overdue_tables(report: MonthlyReport) -> tuple[Table, ...]:
    """Checklist tasks past their deadline and not done: a count per unit below and, at a
    county's scope or below, the tasks one by one (the longest overdue first)."""
    T, C = _t, Column
    overdue = report.overdue or OverdueTasks("", (), False)
    enums = enumerations()
    counts = [(u.name, overdue.by_unit(len(u.code)).get(u.code, 0)) for u in report.units]
    note = T(QT_TRANSLATE_NOOP("report", "{n} checklist tasks were past their deadline and not done on {day}.")).format(
        n=f"{overdue.count:,}", day=overdue.as_of)
    by_unit = Table(
        "overdue_by_unit", T(QT_TRANSLATE_NOOP("report", "Overdue checklist tasks by unit")),
        (_unit_column(report), C(T(QT_TRANSLATE_NOOP("report", "Overdue tasks")))), tuple(counts), note=note,
        chart=(1,), chart_title=T(QT_TRANSLATE_NOOP("report", "Overdue checklist tasks")))
    if not overdue.listed:
        return (by_unit,)
    tasks = Table(
        "overdue_tasks", T(QT_TRANSLATE_NOOP("report", "Overdue checklist tasks")),
        (*_code_columns(), C(T(QT_TRANSLATE_NOOP("report", "System")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Task")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Responsible")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Deadline")), "text"), C(T(QT_TRANSLATE_NOOP("report", "Status")), "text"),
         C(T(QT_TRANSLATE_NOOP("report", "Days overdue")))),
        tuple((t.unit.code, t.unit.name, t.unit.within, enums.label("checklist_system", t.system) if t.system else "",
               t.title, t.responsible, t.deadline, enums.label("task_status", t.status), t.days)
              for t in overdue.tasks),
        note=note if overdue.tasks else T(QT_TRANSLATE_NOOP("report", "No checklist task is overdue.")))
    return tasks, by_unit
# ---- end of overdue checklist tasks


#: The sections in order: key, title, and the tables they hold.
_SECTIONS = (
    ("overview", QT_TRANSLATE_NOOP("report", "Overview"), _headline_tables),
    ("members", QT_TRANSLATE_NOOP("report", "Members by source"), _member_tables),
    ("meetings", QT_TRANSLATE_NOOP("report", "Meetings"), _meeting_tables),
    ("organisations", QT_TRANSLATE_NOOP("report", "Organisations"), _organisation_tables),
    ("wechat", QT_TRANSLATE_NOOP("report", "WeChat groups"), _wechat_tables),
    ("funding", QT_TRANSLATE_NOOP("report", "Funding"), _funding_tables),
    *work_figures.SECTIONS,
    ("checklist", QT_TRANSLATE_NOOP("report", "Checklist"), _checklist_tables),
    ("work", QT_TRANSLATE_NOOP("report", "Work ledger"), _work_tables),
    ("contacts", QT_TRANSLATE_NOOP("report", "Contact points and assessments"), _contact_tables),
    ("overdue", QT_TRANSLATE_NOOP("report", "Overdue tasks"), _overdue_tables),
    ("timeliness", QT_TRANSLATE_NOOP("report", "Timeliness and reminders"), _timeliness_tables),
    ("silent", QT_TRANSLATE_NOOP("report", "Silent units"), _silent_tables),
    ("submissions", QT_TRANSLATE_NOOP("report", "Submissions"), _submission_tables),
    ("differences", QT_TRANSLATE_NOOP("report", "Reported vs ledger"), _difference_tables),
    ("problems", QT_TRANSLATE_NOOP("report", "Problem list"), _problem_tables),
)


def sections(report: MonthlyReport) -> list[Section]:
    """The report laid out as sections of titled tables (translated)."""
    return [Section(key, _t(title), tables(report)) for key, title, tables in _SECTIONS]
