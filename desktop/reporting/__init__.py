"""Reporting: the month's figures and the monthly report (月报), read from the ledger through
its read API (:mod:`desktop.ledger.report_queries`; no SQL here).

- :mod:`~desktop.reporting.figures` — the headline figures of a scope and month, and each per
  unit below (what the dashboard shows);
- :mod:`~desktop.reporting.report` — the monthly report, the one door to the modules below:
  :mod:`~desktop.reporting.model` (what it holds), :mod:`~desktop.reporting.months`,
  :mod:`~desktop.reporting.two_months` (a month and the month before in one pass),
  :mod:`~desktop.reporting.coverage` (meetings per level, co-operative working committees),
  :mod:`~desktop.reporting.timeliness` (who updated, differing figures, reminders),
  :mod:`~desktop.reporting.layout` (sections of tables), :mod:`~desktop.reporting.summary` and
  :mod:`~desktop.reporting.work_figures` (funding by source, publicity, unified activities,
  demonstration units, venues, co-operative organisations, rectifications);
- :mod:`~desktop.reporting.trends` — each frozen figure per unit below, month by month for
  twelve months (the trends tab, ``report --trends``);
- :mod:`~desktop.reporting.submissions` — each unit's monthly submission as the report reads it
  (state, due day, on time, discrepancies), and :mod:`~desktop.reporting.submitting` — the
  steps that write it (submit, review, reopen, the due day): ``docs/monthly-submission.md``;
- :mod:`~desktop.reporting.report_xlsx` — the Excel forms of the report and of the trends;
- :mod:`~desktop.reporting.chart_axis` — the value axis every bar chart of the figures uses.
"""
