"""The record kinds of the ledger and their fields, declared once.

Storage, validation, the change log, the CLI and the GUI's forms and table
columns are all driven by these declarations.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

from desktop.errors import Label, UnknownKind
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records.fieldtypes import TYPES, T, Coercion


@dataclass(frozen=True)
class Field:
    name: str
    type: T
    label_en: str
    required: bool = False
    enum: str | None = None
    ref: str | None = None
    max_len: int = 200
    not_future: bool = False
    default: object = None
    immutable: bool = False
    #: shown in the default table columns
    listed: bool = True
    #: personal data (encrypted in data packages)
    personal: bool = False
    #: for a REF to an organisation: the organisation kinds it may point at (empty: any)
    ref_org_kinds: tuple[str, ...] = ()
    #: a DATE that may be known to the month only ("1996-08": 出生年月)
    month_ok: bool = False
    #: for a DIVISION: the levels it may name (1 province … 5 village; empty: any)
    division_levels: tuple[int, ...] = ()
    #: for a DIVISION that places a record written by a level (its kind's ``scope_from``): the
    #: empty code "" is a value of its own, the nation (全国), whose ledger's scope it is
    nation_ok: bool = False

    @property
    def label(self) -> Label:
        return Label("fields", self.label_en)

    @property
    def sql_type(self) -> str:
        return TYPES[self.type].sql_type

    @functools.cached_property
    def coerce(self) -> Coercion:
        """The stored form of a value for this field, ``None`` for empty; raises ``Invalid``."""
        return TYPES[self.type].coercer(self)

    @functools.cached_property
    def coerce_received(self) -> Coercion:
        """The coercion of a value received from another ledger: ``coerce`` without "not in
        the future", which the writer checked against its own date (a receiver whose clock
        or time zone is behind must not refuse it)."""
        return TYPES[self.type].coercer(dataclasses.replace(self, not_future=False)) if self.not_future else self.coerce


@dataclass(frozen=True)
class Kind:
    """One record kind (a table)."""

    name: str
    label_en: str
    fields: tuple[Field, ...]
    #: field holding the division code that is the record's scope, or the REF field whose
    #: record's scope it inherits
    scope_from: str
    #: field used as the record's title in lists and history
    title_field: str = "name"
    unique_hint: tuple[str, ...] = field(default_factory=tuple)
    #: name of the method family on a ``Ledger`` (``ledger.committee_members``)
    plural: str = ""
    #: rows of this kind can be imported from a spreadsheet
    importable: bool = True
    #: a sheet of this kind is written when the whole ledger is exported
    exportable: bool = True
    #: a blank spreadsheet template is shipped for this kind
    template: bool = False
    #: the main window has a table tab of its own for this kind
    section: bool = True
    #: the kind is edited with a generated form (attachments are files, added otherwise)
    in_forms: bool = True
    #: fields the generated form leaves out (set by the program, not typed)
    form_hidden: tuple[str, ...] = ()
    #: the DATE or MONTH fields that place a record in a reporting month: a month approved by
    #: the level above (locked, :mod:`desktop.ledger.locks`) refuses edits of what they date
    month_dates: tuple[str, ...] = ()
    #: the record is an event of the month its date names (a meeting, a payment): any change
    #: of it changes that month; otherwise only its dates moving into or out of the month do
    month_event: bool = False
    #: the main window's tab that holds this kind's section with others of the same group
    #: (empty: a tab of its own); keeps the tab bar within a small screen
    section_group: str = ""
    #: records of this kind carry files (attachments), which its section lists for the chosen record
    attachments: bool = False

    def __post_init__(self) -> None:
        if not self.plural:
            object.__setattr__(self, "plural", self.name + "s")

    @property
    def label(self) -> Label:
        return Label("kinds", self.label_en)

    @property
    def table(self) -> str:
        return self.name

    def field(self, name: str) -> Field:
        return self.field_map[name]

    @functools.cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @functools.cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @functools.cached_property
    def clock_fields(self) -> tuple[str, ...]:
        """The fields the per-field clock covers: every field and the tombstone."""
        return self.field_names + (DELETED,)


#: Fields and kinds are declared with their English labels marked for translation, so
#: the translation tool finds each label once, where it is declared.
F = Field

ORGANISATION = Kind(
    "organisation", QT_TRANSLATE_NOOP("kinds", "League organisation"), (
        F("kind", T.ENUM, QT_TRANSLATE_NOOP("fields", "Kind"), required=True, enum="org_kind", immutable=True),
        F("name", T.TEXT, QT_TRANSLATE_NOOP("fields", "Name"), required=True, max_len=100),
        F("parent_id", T.REF, QT_TRANSLATE_NOOP("fields", "Parent organisation"), ref="organisation"),
        F("division_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Division"), required=True, immutable=True),
        F("founded_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Founded on"), not_future=True),
        F("status", T.ENUM, QT_TRANSLATE_NOOP("fields", "Status"), enum="org_status", default="active", required=True),
        F("status_changed_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Status changed on"), not_future=True, listed=False),
        F("status_reason", T.TEXT, QT_TRANSLATE_NOOP("fields", "Status reason"), listed=False),
        F("demo_level", T.ENUM, QT_TRANSLATE_NOOP("fields", "Demonstration level"),
          enum="demo_level", default="none", required=True),
        F("league_members", T.INT, QT_TRANSLATE_NOOP("fields", "League members")),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="division_code", template=True, month_dates=("founded_on", "status_changed_on"),
)

COMMITTEE_MEMBER = Kind(
    "committee_member", QT_TRANSLATE_NOOP("kinds", "Committee member"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True,
          ref_org_kinds=("township_committee", "county_committee")),
        # a person's name: 姓名, where the "Name" of the other kinds is 名称
        F("name", T.TEXT, QT_TRANSLATE_NOOP("fields", "Full name"), required=True, max_len=30, personal=True),
        F("gender", T.ENUM, QT_TRANSLATE_NOOP("fields", "Gender"), required=True, enum="gender"),
        F("birth_date", T.DATE, QT_TRANSLATE_NOOP("fields", "Birth date"), not_future=True, personal=True,
          month_ok=True),
        F("ethnicity", T.ENUM, QT_TRANSLATE_NOOP("fields", "Ethnicity"), enum="ethnicity", listed=False),
        F("political_status", T.ENUM, QT_TRANSLATE_NOOP("fields", "Political status"),
          enum="political_status", listed=False),
        F("education", T.ENUM, QT_TRANSLATE_NOOP("fields", "Education"), enum="education", listed=False),
        F("phone", T.PHONE, QT_TRANSLATE_NOOP("fields", "Phone"), personal=True),
        F("post", T.ENUM, QT_TRANSLATE_NOOP("fields", "Post"), required=True, enum="post"),
        F("employment", T.ENUM, QT_TRANSLATE_NOOP("fields", "Employment"), required=True, enum="employment"),
        F("source", T.ENUM, QT_TRANSLATE_NOOP("fields", "Source category"), required=True, enum="member_source"),
        F("employer", T.TEXT, QT_TRANSLATE_NOOP("fields", "Employer"), max_len=100),
        F("duty", T.TEXT, QT_TRANSLATE_NOOP("fields", "Duty assignment"), listed=False),
        F("rotation_duty", T.TEXT, QT_TRANSLATE_NOOP("fields", "Rotation duty"), listed=False),
        F("joined_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Joined on"), required=True, not_future=True),
        F("exited_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Exited on"), not_future=True),
        F("exit_reason", T.TEXT, QT_TRANSLATE_NOOP("fields", "Exit reason"), listed=False),
        F("appraisal_year", T.YEAR, QT_TRANSLATE_NOOP("fields", "Appraisal year"), listed=False),
        F("appraisal", T.ENUM, QT_TRANSLATE_NOOP("fields", "Appraisal"), enum="appraisal", listed=False),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="org_id", unique_hint=("org_id", "name", "birth_date"), plural="committee_members", template=True,
    month_dates=("joined_on", "exited_on"),
)

FUNDING_ENTRY = Kind(
    "funding_entry", QT_TRANSLATE_NOOP("kinds", "Funding entry"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("year", T.YEAR, QT_TRANSLATE_NOOP("fields", "Year"), required=True),
        F("budgeted", T.MONEY, QT_TRANSLATE_NOOP("fields", "Budgeted (yuan)")),
        F("received", T.MONEY, QT_TRANSLATE_NOOP("fields", "Received (yuan)")),
        F("source", T.ENUM, QT_TRANSLATE_NOOP("fields", "Funding source"), required=True, enum="funding_source"),
        F("received_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Received on"), not_future=True),
        F("doc_no", T.TEXT, QT_TRANSLATE_NOOP("fields", "Document number"), max_len=100),
        F("purpose", T.TEXT, QT_TRANSLATE_NOOP("fields", "Purpose"), max_len=500),
    ), scope_from="org_id", title_field="purpose", plural="funding_entries", template=True,
    month_dates=("received_on",), month_event=True,
)

CHECKLIST_TEMPLATE = Kind(
    "checklist_template", QT_TRANSLATE_NOOP("kinds", "Checklist template item"), (
        F("template_kind", T.ENUM, QT_TRANSLATE_NOOP("fields", "Template kind"),
          required=True, enum="template_kind", default="reference"),
        F("level", T.ENUM, QT_TRANSLATE_NOOP("fields", "Level"), required=True, enum="checklist_level"),
        F("system", T.ENUM, QT_TRANSLATE_NOOP("fields", "System"), enum="checklist_system"),
        F("code", T.TEXT, QT_TRANSLATE_NOOP("fields", "Item number"), required=True, max_len=20),
        F("title", T.TEXT, QT_TRANSLATE_NOOP("fields", "Title"), required=True, max_len=200),
        F("description", T.TEXT, QT_TRANSLATE_NOOP("fields", "Description"), max_len=2000, listed=False),
        F("sort_order", T.INT, QT_TRANSLATE_NOOP("fields", "Order"), listed=False),
        F("issued_by", T.TEXT, QT_TRANSLATE_NOOP("fields", "Issued by"), max_len=12, immutable=True),
        # set by the issuing level; unset means required
        F("completion_proof", T.ENUM, QT_TRANSLATE_NOOP("fields", "Proof of completion"), enum="completion_proof",
          listed=False),
    ), scope_from="issued_by", title_field="title", plural="checklist_templates", section=False, form_hidden=("issued_by",)
)

CHECKLIST_TASK = Kind(
    "checklist_task", QT_TRANSLATE_NOOP("kinds", "Checklist task"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("template_id", T.REF, QT_TRANSLATE_NOOP("fields", "Reference task"), ref="checklist_template", listed=False),
        F("system", T.ENUM, QT_TRANSLATE_NOOP("fields", "System"), required=True, enum="checklist_system"),
        F("title", T.TEXT, QT_TRANSLATE_NOOP("fields", "Title"), required=True, max_len=200),
        F("problem", T.TEXT, QT_TRANSLATE_NOOP("fields", "Problem found"), max_len=2000),
        F("measure", T.TEXT, QT_TRANSLATE_NOOP("fields", "Rectification measure"), max_len=2000),
        F("responsible", T.TEXT, QT_TRANSLATE_NOOP("fields", "Person responsible"), max_len=50),
        F("deadline", T.DATE, QT_TRANSLATE_NOOP("fields", "Deadline")),
        F("status", T.ENUM, QT_TRANSLATE_NOOP("fields", "Status"),
          required=True, enum="task_status", default="not_started"),
        F("done_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Done on"), not_future=True),
        F("verified_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Verified on"), not_future=True, listed=False),
        F("verified_by", T.TEXT, QT_TRANSLATE_NOOP("fields", "Verified by"), max_len=50, listed=False),
        F("return_reason", T.TEXT, QT_TRANSLATE_NOOP("fields", "Reason for return"), max_len=500),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="org_id", title_field="title", plural="checklist_tasks", template=True, section=False,
    form_hidden=("return_reason",),  # written by a return (退回), not typed into the form
    month_dates=("done_on", "verified_on"),
)

MEETING = Kind(
    "meeting", QT_TRANSLATE_NOOP("kinds", "Meeting or activity"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("kind", T.ENUM, QT_TRANSLATE_NOOP("fields", "Kind"), required=True, enum="meeting_kind"),
        F("held_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Held on"), required=True, not_future=True),
        F("title", T.TEXT, QT_TRANSLATE_NOOP("fields", "Title"), required=True, max_len=200),
        F("attendance", T.INT, QT_TRANSLATE_NOOP("fields", "Attendance")),
        F("location", T.TEXT, QT_TRANSLATE_NOOP("fields", "Location"), max_len=200),
        F("summary", T.TEXT, QT_TRANSLATE_NOOP("fields", "Summary"), max_len=5000, listed=False),
    ), scope_from="org_id", title_field="title", template=True, month_dates=("held_on",), month_event=True,
)

WECHAT_GROUP = Kind(
    "wechat_group", QT_TRANSLATE_NOOP("kinds", "WeChat group"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("name", T.TEXT, QT_TRANSLATE_NOOP("fields", "Name"), required=True, max_len=100),
        F("members", T.INT, QT_TRANSLATE_NOOP("fields", "Group members")),
        F("league_members", T.INT, QT_TRANSLATE_NOOP("fields", "League members in group")),
        F("youth_reached", T.INT, QT_TRANSLATE_NOOP("fields", "Young people reached")),
        F("created_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Created on"), not_future=True),
    ), scope_from="org_id", plural="wechat_groups", template=True, month_dates=("created_on",),
)

VENUE = Kind(
    "venue", QT_TRANSLATE_NOOP("kinds", "Venue"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("name", T.TEXT, QT_TRANSLATE_NOOP("fields", "Name"), required=True, max_len=100),
        F("kind", T.ENUM, QT_TRANSLATE_NOOP("fields", "Kind"), required=True, enum="venue_kind"),
        F("address", T.TEXT, QT_TRANSLATE_NOOP("fields", "Address"), max_len=200),
        F("shared_with", T.TEXT, QT_TRANSLATE_NOOP("fields", "Shared with"), max_len=200),
        F("opened_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Opened on"), not_future=True),
    ), scope_from="org_id", month_dates=("opened_on",),
)

PUBLICITY_ITEM = Kind(
    "publicity_item", QT_TRANSLATE_NOOP("kinds", "Publicity item"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("published_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Published on"), required=True, not_future=True),
        F("channel", T.ENUM, QT_TRANSLATE_NOOP("fields", "Channel"), required=True, enum="publicity_channel"),
        F("title", T.TEXT, QT_TRANSLATE_NOOP("fields", "Title"), required=True, max_len=200),
        F("url", T.TEXT, QT_TRANSLATE_NOOP("fields", "Link"), max_len=500),
    ), scope_from="org_id", title_field="title", plural="publicity_items", month_dates=("published_on",),
    month_event=True,
)

REPORTED_FIGURE = Kind(
    "reported_figure", QT_TRANSLATE_NOOP("kinds", "Reported figure"), (
        F("unit_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Unit"), required=True, immutable=True),
        F("month", T.MONTH, QT_TRANSLATE_NOOP("fields", "Month"), required=True, immutable=True),
        F("metric", T.ENUM, QT_TRANSLATE_NOOP("fields", "Figure"), required=True, enum="report_metric", immutable=True),
        F("value", T.INT, QT_TRANSLATE_NOOP("fields", "Value"), required=True),
        F("reported_by", T.TEXT, QT_TRANSLATE_NOOP("fields", "Reported by"), max_len=50),
        F("reported_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Reported on"), not_future=True),
    ), scope_from="unit_code", title_field="metric", plural="reported_figures", month_dates=("month",),
    month_event=True,
)

ATTACHMENT = Kind(
    "attachment", QT_TRANSLATE_NOOP("kinds", "Attachment"), (
        F("owner_kind", T.TEXT, QT_TRANSLATE_NOOP("fields", "Record kind"), required=True, max_len=40, immutable=True),
        F("owner_id", T.TEXT, QT_TRANSLATE_NOOP("fields", "Record"), required=True, max_len=64, immutable=True),
        F("filename", T.TEXT, QT_TRANSLATE_NOOP("fields", "File name"), required=True, max_len=255),
        F("sha256", T.TEXT, QT_TRANSLATE_NOOP("fields", "Content hash"),
          required=True, max_len=64, immutable=True, listed=False),
        F("size", T.INT, QT_TRANSLATE_NOOP("fields", "Size (bytes)")),
        F("media_type", T.TEXT, QT_TRANSLATE_NOOP("fields", "Media type"), max_len=100, listed=False),
        F("added_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Added on"), not_future=True),
    ), scope_from="owner_id", title_field="filename", importable=False, exportable=False, section=False, in_forms=False
)

#: The monthly submission workflow (月报上报 → 审核 → 锁定): written by
#: :mod:`desktop.reporting.submissions` only, never typed or imported.
_WORKFLOW = dict(importable=False, exportable=False, section=False, in_forms=False)

MONTH_SUBMISSION = Kind(
    "month_submission", QT_TRANSLATE_NOOP("kinds", "Monthly submission"), (
        F("unit_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Unit"), required=True, immutable=True),
        F("month", T.MONTH, QT_TRANSLATE_NOOP("fields", "Month"), required=True, immutable=True),
        # the unit's figures of the month as submitted (JSON: figure -> value), frozen
        F("figures", T.TEXT, QT_TRANSLATE_NOOP("fields", "Figures submitted"), required=True, max_len=8000,
          listed=False),
        F("submitted_at", T.TEXT, QT_TRANSLATE_NOOP("fields", "Submitted at"), required=True, max_len=26),
        F("first_submitted_at", T.TEXT, QT_TRANSLATE_NOOP("fields", "First submitted at"), required=True,
          max_len=26, immutable=True),
        F("submitted_by", T.TEXT, QT_TRANSLATE_NOOP("fields", "Submitted by"), max_len=50),
    ), scope_from="unit_code", title_field="month", plural="month_submissions", **_WORKFLOW,
)

MONTH_REVIEW = Kind(
    "month_review", QT_TRANSLATE_NOOP("kinds", "Review of a monthly submission"), (
        F("reviewer_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Reviewing unit"), required=True, immutable=True,
          nation_ok=True),
        F("unit_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Unit"), required=True, immutable=True),
        F("month", T.MONTH, QT_TRANSLATE_NOOP("fields", "Month"), required=True, immutable=True),
        F("decision", T.ENUM, QT_TRANSLATE_NOOP("fields", "Decision"), required=True, enum="review_decision"),
        F("reason", T.TEXT, QT_TRANSLATE_NOOP("fields", "Reason"), max_len=500),
        # which submission was reviewed (its submitted_at): a later one is not covered
        F("submitted_at", T.TEXT, QT_TRANSLATE_NOOP("fields", "Submission reviewed"), required=True, max_len=26),
        F("reviewed_at", T.TEXT, QT_TRANSLATE_NOOP("fields", "Reviewed at"), required=True, max_len=26),
        F("reviewed_by", T.TEXT, QT_TRANSLATE_NOOP("fields", "Reviewed by"), max_len=50),
    ), scope_from="reviewer_code", title_field="month", plural="month_reviews", **_WORKFLOW,
)

REPORT_DUE = Kind(
    "report_due", QT_TRANSLATE_NOOP("kinds", "Report due day"), (
        F("issued_by", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Set by"), required=True, immutable=True,
          nation_ok=True),
        # empty: every month
        F("month", T.MONTH, QT_TRANSLATE_NOOP("fields", "Month"), immutable=True),
        F("due_day", T.INT, QT_TRANSLATE_NOOP("fields", "Due day of the next month"), required=True),
    ), scope_from="issued_by", title_field="due_day", plural="report_due_days", **_WORKFLOW,
)

# ---------------------------------------------------------------- the work ledger (工作台账)
# What the campaign asks each level to keep besides its organisations and members: the monthly
# work plan (每月具体工作), cases and briefs (优秀案例库, 专题简报, with their files as
# attachments), contact points (联系点), the annual assessment of units (考核、评优) and the
# terms of village branches (村团组织换届).  One tab of the main window holds them.
_WORK = dict(template=True, section_group="work")
#: The League committees a unit's own work records belong to.
_COMMITTEES = ("township_committee", "county_committee", "county_coop_committee")

WORK_PLAN_ITEM = Kind(
    "work_plan_item", QT_TRANSLATE_NOOP("kinds", "Monthly work plan item"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True, ref_org_kinds=_COMMITTEES),
        F("month", T.MONTH, QT_TRANSLATE_NOOP("fields", "Month"), required=True),
        F("item", T.TEXT, QT_TRANSLATE_NOOP("fields", "Work item"), required=True, max_len=200),
        F("responsible", T.TEXT, QT_TRANSLATE_NOOP("fields", "Person responsible"), max_len=50),
        F("status", T.ENUM, QT_TRANSLATE_NOOP("fields", "Status"), required=True, enum="plan_status",
          default="planned"),
        F("done_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Done on"), not_future=True),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="org_id", title_field="item", plural="work_plan_items", month_dates=("month", "done_on"),
    month_event=True, **_WORK,
)

CASE_BRIEF = Kind(
    "case_brief", QT_TRANSLATE_NOOP("kinds", "Case or brief"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("kind", T.ENUM, QT_TRANSLATE_NOOP("fields", "Kind"), required=True, enum="case_kind"),
        F("title", T.TEXT, QT_TRANSLATE_NOOP("fields", "Title"), required=True, max_len=200),
        F("dated_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Date"), required=True, not_future=True),
        F("issue_no", T.TEXT, QT_TRANSLATE_NOOP("fields", "Issue number"), max_len=50),
        F("library", T.ENUM, QT_TRANSLATE_NOOP("fields", "Excellent case library"), enum="case_library"),
        F("summary", T.TEXT, QT_TRANSLATE_NOOP("fields", "Summary"), max_len=5000, listed=False),
    ), scope_from="org_id", title_field="title", plural="case_briefs", month_dates=("dated_on",), month_event=True,
    attachments=True, **_WORK,
)

CONTACT_POINT = Kind(
    "contact_point", QT_TRANSLATE_NOOP("kinds", "Contact point"), (
        F("unit_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Unit contacted"), required=True, immutable=True,
          division_levels=(3, 4)),
        F("leader", T.TEXT, QT_TRANSLATE_NOOP("fields", "Contact official"), required=True, max_len=30,
          personal=True),
        F("office", T.TEXT, QT_TRANSLATE_NOOP("fields", "Official's office"), required=True, max_len=100),
        F("post", T.TEXT, QT_TRANSLATE_NOOP("fields", "Official's post"), max_len=50),
        F("linked_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Linked since"), required=True, not_future=True),
        F("ended_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Linked until")),
        F("phone", T.PHONE, QT_TRANSLATE_NOOP("fields", "Phone"), personal=True),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="unit_code", title_field="leader", plural="contact_points", unique_hint=("unit_code", "leader"),
    month_dates=("linked_on", "ended_on"), **_WORK,
)

UNIT_ASSESSMENT = Kind(
    "unit_assessment", QT_TRANSLATE_NOOP("kinds", "Annual assessment"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"),
          required=True, ref="organisation", immutable=True),
        F("year", T.YEAR, QT_TRANSLATE_NOOP("fields", "Year"), required=True),
        F("grade", T.ENUM, QT_TRANSLATE_NOOP("fields", "Grade"), required=True, enum="assessment_grade"),
        F("award", T.TEXT, QT_TRANSLATE_NOOP("fields", "Award or honour"), max_len=200),
        F("assessed_by", T.TEXT, QT_TRANSLATE_NOOP("fields", "Assessed by"), max_len=100),
        F("assessed_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Assessed on"), not_future=True),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="org_id", title_field="grade", plural="unit_assessments", unique_hint=("org_id", "year"),
    month_dates=("assessed_on",), **_WORK,
)

BRANCH_TERM = Kind(
    "branch_term", QT_TRANSLATE_NOOP("kinds", "Village branch term"), (
        F("village_code", T.DIVISION, QT_TRANSLATE_NOOP("fields", "Village"), required=True, immutable=True,
          division_levels=(5,)),
        F("elected_on", T.DATE, QT_TRANSLATE_NOOP("fields", "Elected on"), required=True, not_future=True),
        F("term_end", T.DATE, QT_TRANSLATE_NOOP("fields", "Term ends on"), required=True),
        F("secretary", T.TEXT, QT_TRANSLATE_NOOP("fields", "Secretary"), max_len=30, personal=True),
        F("members", T.INT, QT_TRANSLATE_NOOP("fields", "Committee members (number)")),
        F("note", T.TEXT, QT_TRANSLATE_NOOP("fields", "Note"), max_len=2000, listed=False),
    ), scope_from="village_code", title_field="village_code", plural="branch_terms",
    unique_hint=("village_code", "elected_on"), month_dates=("elected_on",), month_event=True, **_WORK,
)

#: The kinds of the work ledger, in the order of their tabs.
WORK_KINDS = (WORK_PLAN_ITEM, CASE_BRIEF, CONTACT_POINT, UNIT_ASSESSMENT, BRANCH_TERM)
# ---------------------------------------------------------------- end of the work ledger

KINDS: dict[str, Kind] = {k.name: k for k in (
    ORGANISATION, COMMITTEE_MEMBER, FUNDING_ENTRY, CHECKLIST_TEMPLATE, CHECKLIST_TASK,
    MEETING, WECHAT_GROUP, VENUE, PUBLICITY_ITEM, REPORTED_FIGURE, ATTACHMENT,
    MONTH_SUBMISSION, MONTH_REVIEW, REPORT_DUE, *WORK_KINDS,
)}

# ---- self-inspection (八查八看): a unit's answer to one item for a period; its finding is a
# problem (整改问题) that becomes a rectification task (desktop.records.inspection)
INSPECTION_ANSWER = Kind(
    "inspection_answer", QT_TRANSLATE_NOOP("kinds", "Self-inspection answer"), (
        F("org_id", T.REF, QT_TRANSLATE_NOOP("fields", "Organisation"), required=True, ref="organisation",
          immutable=True, ref_org_kinds=("township_committee", "county_committee")),
        F("period", T.MONTH, QT_TRANSLATE_NOOP("fields", "Period"), required=True, immutable=True),
        F("item_id", T.REF, QT_TRANSLATE_NOOP("fields", "Self-inspection item"), required=True,
          ref="checklist_template", immutable=True),
        F("answer", T.ENUM, QT_TRANSLATE_NOOP("fields", "Answer"), required=True, enum="inspection_answer"),
        F("finding", T.TEXT, QT_TRANSLATE_NOOP("fields", "Finding"), max_len=2000),
        F("task_id", T.REF, QT_TRANSLATE_NOOP("fields", "Rectification task"), ref="checklist_task"),
    ), scope_from="org_id", title_field="finding", plural="inspection_answers", importable=False, section=False,
    in_forms=False,
)
KINDS[INSPECTION_ANSWER.name] = INSPECTION_ANSWER
# ---- end of self-inspection

#: The tombstone is a field of its own in the per-field clock.
DELETED = "deleted"

#: Which organisation kinds may be the parent of which, and the division levels allowed.
ORG_PARENT_KINDS: dict[str, tuple[str, ...]] = {
    "county_committee": (),
    "township_committee": ("county_committee",),
    "county_coop_committee": ("county_committee",),
    "direct_org": ("township_committee",),
    "coop_org": ("county_coop_committee", "township_committee"),
    "village_branch": ("township_committee",),
}
ORG_DIVISION_LEVELS: dict[str, tuple[int, ...]] = {
    "county_committee": (3,),
    "township_committee": (4,),
    "county_coop_committee": (3,),
    "direct_org": (4, 5),
    "coop_org": (3, 4, 5),
    "village_branch": (4, 5),
}
#: Organisation kinds that have a natural identity: one per division.
NATURAL_ORG_KINDS = ("county_committee", "township_committee", "county_coop_committee")


#: The League committee of a unit, by the length of its division code (county, township).
UNIT_COMMITTEE_KINDS: dict[int, str] = {6: "county_committee", 9: "township_committee"}


def natural_org_id(kind: str, division_code: str) -> str:
    """Deterministic id of the one organisation of *kind* for a division."""
    return f"org-{kind}-{division_code}"


def unit_committee_kind(division_code: str) -> str | None:
    """The kind of a unit's own League committee (团县委, 乡镇团委), None above the county."""
    return UNIT_COMMITTEE_KINDS.get(len(division_code))


def kinds_where(flag: str) -> tuple[str, ...]:
    """Names of the kinds whose declaration sets *flag* (``importable``, ``section`` …), in
    declaration order."""
    return tuple(k.name for k in KINDS.values() if getattr(k, flag))


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(kind=name) from None
