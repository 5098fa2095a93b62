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


# Field labels, for lupdate (the Label objects carry the English text at run time).
_FIELD_LABELS = [
    QT_TRANSLATE_NOOP("fields", "Kind"), QT_TRANSLATE_NOOP("fields", "Name"), QT_TRANSLATE_NOOP("fields", "Parent organisation"),
    QT_TRANSLATE_NOOP("fields", "Division"), QT_TRANSLATE_NOOP("fields", "Founded on"), QT_TRANSLATE_NOOP("fields", "Status"),
    QT_TRANSLATE_NOOP("fields", "Status changed on"), QT_TRANSLATE_NOOP("fields", "Status reason"), QT_TRANSLATE_NOOP("fields", "Demonstration level"),
    QT_TRANSLATE_NOOP("fields", "League members"), QT_TRANSLATE_NOOP("fields", "Note"), QT_TRANSLATE_NOOP("fields", "Organisation"),
    QT_TRANSLATE_NOOP("fields", "Gender"), QT_TRANSLATE_NOOP("fields", "Birth date"), QT_TRANSLATE_NOOP("fields", "Ethnicity"),
    QT_TRANSLATE_NOOP("fields", "Political status"), QT_TRANSLATE_NOOP("fields", "Education"), QT_TRANSLATE_NOOP("fields", "Phone"),
    QT_TRANSLATE_NOOP("fields", "Post"), QT_TRANSLATE_NOOP("fields", "Employment"), QT_TRANSLATE_NOOP("fields", "Source category"),
    QT_TRANSLATE_NOOP("fields", "Employer"), QT_TRANSLATE_NOOP("fields", "Duty assignment"), QT_TRANSLATE_NOOP("fields", "Rotation duty"),
    QT_TRANSLATE_NOOP("fields", "Joined on"), QT_TRANSLATE_NOOP("fields", "Exited on"), QT_TRANSLATE_NOOP("fields", "Exit reason"),
    QT_TRANSLATE_NOOP("fields", "Appraisal year"), QT_TRANSLATE_NOOP("fields", "Appraisal"), QT_TRANSLATE_NOOP("fields", "Year"),
    QT_TRANSLATE_NOOP("fields", "Budgeted (yuan)"), QT_TRANSLATE_NOOP("fields", "Received (yuan)"), QT_TRANSLATE_NOOP("fields", "Funding source"),
    QT_TRANSLATE_NOOP("fields", "Received on"), QT_TRANSLATE_NOOP("fields", "Document number"), QT_TRANSLATE_NOOP("fields", "Purpose"),
    QT_TRANSLATE_NOOP("fields", "Level"), QT_TRANSLATE_NOOP("fields", "System"), QT_TRANSLATE_NOOP("fields", "Item number"), QT_TRANSLATE_NOOP("fields", "Title"),
    QT_TRANSLATE_NOOP("fields", "Description"), QT_TRANSLATE_NOOP("fields", "Order"), QT_TRANSLATE_NOOP("fields", "Issued by"),
    QT_TRANSLATE_NOOP("fields", "Template kind"), QT_TRANSLATE_NOOP("fields", "Reference task"), QT_TRANSLATE_NOOP("fields", "Problem found"),
    QT_TRANSLATE_NOOP("fields", "Rectification measure"), QT_TRANSLATE_NOOP("fields", "Person responsible"), QT_TRANSLATE_NOOP("fields", "Deadline"),
    QT_TRANSLATE_NOOP("fields", "Done on"), QT_TRANSLATE_NOOP("fields", "Verified on"), QT_TRANSLATE_NOOP("fields", "Verified by"),
    QT_TRANSLATE_NOOP("fields", "Held on"), QT_TRANSLATE_NOOP("fields", "Attendance"), QT_TRANSLATE_NOOP("fields", "Location"), QT_TRANSLATE_NOOP("fields", "Summary"),
    QT_TRANSLATE_NOOP("fields", "Group members"), QT_TRANSLATE_NOOP("fields", "League members in group"), QT_TRANSLATE_NOOP("fields", "Young people reached"),
    QT_TRANSLATE_NOOP("fields", "Created on"), QT_TRANSLATE_NOOP("fields", "Address"), QT_TRANSLATE_NOOP("fields", "Shared with"), QT_TRANSLATE_NOOP("fields", "Opened on"),
    QT_TRANSLATE_NOOP("fields", "Published on"), QT_TRANSLATE_NOOP("fields", "Channel"), QT_TRANSLATE_NOOP("fields", "Link"), QT_TRANSLATE_NOOP("fields", "Unit"),
    QT_TRANSLATE_NOOP("fields", "Month"), QT_TRANSLATE_NOOP("fields", "Figure"), QT_TRANSLATE_NOOP("fields", "Value"), QT_TRANSLATE_NOOP("fields", "Reported by"),
    QT_TRANSLATE_NOOP("fields", "Reported on"), QT_TRANSLATE_NOOP("fields", "Record kind"), QT_TRANSLATE_NOOP("fields", "Record"), QT_TRANSLATE_NOOP("fields", "File name"),
    QT_TRANSLATE_NOOP("fields", "Content hash"), QT_TRANSLATE_NOOP("fields", "Size (bytes)"), QT_TRANSLATE_NOOP("fields", "Media type"),
    QT_TRANSLATE_NOOP("fields", "Added on"), QT_TRANSLATE_NOOP("fields", "Deleted"),
]
_KIND_LABELS = [
    QT_TRANSLATE_NOOP("kinds", "League organisation"), QT_TRANSLATE_NOOP("kinds", "Committee member"), QT_TRANSLATE_NOOP("kinds", "Funding entry"),
    QT_TRANSLATE_NOOP("kinds", "Checklist template item"), QT_TRANSLATE_NOOP("kinds", "Checklist task"), QT_TRANSLATE_NOOP("kinds", "Meeting or activity"),
    QT_TRANSLATE_NOOP("kinds", "WeChat group"), QT_TRANSLATE_NOOP("kinds", "Venue"), QT_TRANSLATE_NOOP("kinds", "Publicity item"),
    QT_TRANSLATE_NOOP("kinds", "Reported figure"), QT_TRANSLATE_NOOP("kinds", "Attachment"),
]

F = Field

ORGANISATION = Kind(
    "organisation", "League organisation", (
        F("kind", T.ENUM, "Kind", required=True, enum="org_kind", immutable=True),
        F("name", T.TEXT, "Name", required=True, max_len=100),
        F("parent_id", T.REF, "Parent organisation", ref="organisation"),
        F("division_code", T.DIVISION, "Division", required=True, immutable=True),
        F("founded_on", T.DATE, "Founded on", not_future=True),
        F("status", T.ENUM, "Status", enum="org_status", default="active", required=True),
        F("status_changed_on", T.DATE, "Status changed on", not_future=True, listed=False),
        F("status_reason", T.TEXT, "Status reason", listed=False),
        F("demo_level", T.ENUM, "Demonstration level", enum="demo_level", default="none", required=True),
        F("league_members", T.INT, "League members"),
        F("note", T.TEXT, "Note", max_len=2000, listed=False),
    ), scope_from="division_code", template=True
)

COMMITTEE_MEMBER = Kind(
    "committee_member", "Committee member", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True,
          ref_org_kinds=("township_committee", "county_committee")),
        F("name", T.TEXT, "Name", required=True, max_len=30, personal=True),
        F("gender", T.ENUM, "Gender", required=True, enum="gender"),
        F("birth_date", T.DATE, "Birth date", not_future=True, personal=True),
        F("ethnicity", T.ENUM, "Ethnicity", enum="ethnicity", listed=False),
        F("political_status", T.ENUM, "Political status", enum="political_status", listed=False),
        F("education", T.ENUM, "Education", enum="education", listed=False),
        F("phone", T.PHONE, "Phone", personal=True),
        F("post", T.ENUM, "Post", required=True, enum="post"),
        F("employment", T.ENUM, "Employment", required=True, enum="employment"),
        F("source", T.ENUM, "Source category", required=True, enum="member_source"),
        F("employer", T.TEXT, "Employer", max_len=100),
        F("duty", T.TEXT, "Duty assignment", listed=False),
        F("rotation_duty", T.TEXT, "Rotation duty", listed=False),
        F("joined_on", T.DATE, "Joined on", required=True, not_future=True),
        F("exited_on", T.DATE, "Exited on", not_future=True),
        F("exit_reason", T.TEXT, "Exit reason", listed=False),
        F("appraisal_year", T.YEAR, "Appraisal year", listed=False),
        F("appraisal", T.ENUM, "Appraisal", enum="appraisal", listed=False),
    ), scope_from="org_id", unique_hint=("org_id", "name", "birth_date"), plural="committee_members", template=True
)

FUNDING_ENTRY = Kind(
    "funding_entry", "Funding entry", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True),
        F("year", T.YEAR, "Year", required=True),
        F("budgeted", T.MONEY, "Budgeted (yuan)"),
        F("received", T.MONEY, "Received (yuan)"),
        F("source", T.ENUM, "Funding source", required=True, enum="funding_source"),
        F("received_on", T.DATE, "Received on", not_future=True),
        F("doc_no", T.TEXT, "Document number", max_len=100),
        F("purpose", T.TEXT, "Purpose", max_len=500),
    ), scope_from="org_id", title_field="purpose", plural="funding_entries", template=True
)

CHECKLIST_TEMPLATE = Kind(
    "checklist_template", "Checklist template item", (
        F("template_kind", T.ENUM, "Template kind", required=True, enum="template_kind", default="reference"),
        F("level", T.ENUM, "Level", required=True, enum="checklist_level"),
        F("system", T.ENUM, "System", enum="checklist_system"),
        F("code", T.TEXT, "Item number", required=True, max_len=20),
        F("title", T.TEXT, "Title", required=True, max_len=200),
        F("description", T.TEXT, "Description", max_len=2000, listed=False),
        F("sort_order", T.INT, "Order", listed=False),
        F("issued_by", T.TEXT, "Issued by", max_len=12, immutable=True),
    ), scope_from="issued_by", title_field="title", plural="checklist_templates", section=False, form_hidden=("issued_by",)
)

CHECKLIST_TASK = Kind(
    "checklist_task", "Checklist task", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True),
        F("template_id", T.REF, "Reference task", ref="checklist_template", listed=False),
        F("system", T.ENUM, "System", required=True, enum="checklist_system"),
        F("title", T.TEXT, "Title", required=True, max_len=200),
        F("problem", T.TEXT, "Problem found", max_len=2000),
        F("measure", T.TEXT, "Rectification measure", max_len=2000),
        F("responsible", T.TEXT, "Person responsible", max_len=50),
        F("deadline", T.DATE, "Deadline"),
        F("status", T.ENUM, "Status", required=True, enum="task_status", default="not_started"),
        F("done_on", T.DATE, "Done on", not_future=True),
        F("verified_on", T.DATE, "Verified on", not_future=True, listed=False),
        F("verified_by", T.TEXT, "Verified by", max_len=50, listed=False),
        F("note", T.TEXT, "Note", max_len=2000, listed=False),
    ), scope_from="org_id", title_field="title", plural="checklist_tasks", template=True, section=False
)

MEETING = Kind(
    "meeting", "Meeting or activity", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True),
        F("kind", T.ENUM, "Kind", required=True, enum="meeting_kind"),
        F("held_on", T.DATE, "Held on", required=True, not_future=True),
        F("title", T.TEXT, "Title", required=True, max_len=200),
        F("attendance", T.INT, "Attendance"),
        F("location", T.TEXT, "Location", max_len=200),
        F("summary", T.TEXT, "Summary", max_len=5000, listed=False),
    ), scope_from="org_id", title_field="title", template=True
)

WECHAT_GROUP = Kind(
    "wechat_group", "WeChat group", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True),
        F("name", T.TEXT, "Name", required=True, max_len=100),
        F("members", T.INT, "Group members"),
        F("league_members", T.INT, "League members in group"),
        F("youth_reached", T.INT, "Young people reached"),
        F("created_on", T.DATE, "Created on", not_future=True),
    ), scope_from="org_id", plural="wechat_groups", template=True
)

VENUE = Kind(
    "venue", "Venue", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True),
        F("name", T.TEXT, "Name", required=True, max_len=100),
        F("kind", T.ENUM, "Kind", required=True, enum="venue_kind"),
        F("address", T.TEXT, "Address", max_len=200),
        F("shared_with", T.TEXT, "Shared with", max_len=200),
        F("opened_on", T.DATE, "Opened on", not_future=True),
    ), scope_from="org_id",
)

PUBLICITY_ITEM = Kind(
    "publicity_item", "Publicity item", (
        F("org_id", T.REF, "Organisation", required=True, ref="organisation", immutable=True),
        F("published_on", T.DATE, "Published on", required=True, not_future=True),
        F("channel", T.ENUM, "Channel", required=True, enum="publicity_channel"),
        F("title", T.TEXT, "Title", required=True, max_len=200),
        F("url", T.TEXT, "Link", max_len=500),
    ), scope_from="org_id", title_field="title", plural="publicity_items"
)

REPORTED_FIGURE = Kind(
    "reported_figure", "Reported figure", (
        F("unit_code", T.DIVISION, "Unit", required=True, immutable=True),
        F("month", T.MONTH, "Month", required=True, immutable=True),
        F("metric", T.ENUM, "Figure", required=True, enum="report_metric", immutable=True),
        F("value", T.INT, "Value", required=True),
        F("reported_by", T.TEXT, "Reported by", max_len=50),
        F("reported_on", T.DATE, "Reported on", not_future=True),
    ), scope_from="unit_code", title_field="metric", plural="reported_figures"
)

ATTACHMENT = Kind(
    "attachment", "Attachment", (
        F("owner_kind", T.TEXT, "Record kind", required=True, max_len=40, immutable=True),
        F("owner_id", T.TEXT, "Record", required=True, max_len=64, immutable=True),
        F("filename", T.TEXT, "File name", required=True, max_len=255),
        F("sha256", T.TEXT, "Content hash", required=True, max_len=64, immutable=True, listed=False),
        F("size", T.INT, "Size (bytes)"),
        F("media_type", T.TEXT, "Media type", max_len=100, listed=False),
        F("added_on", T.DATE, "Added on", not_future=True),
    ), scope_from="owner_id", title_field="filename", importable=False, exportable=False, section=False, in_forms=False
)

KINDS: dict[str, Kind] = {k.name: k for k in (
    ORGANISATION, COMMITTEE_MEMBER, FUNDING_ENTRY, CHECKLIST_TEMPLATE, CHECKLIST_TASK,
    MEETING, WECHAT_GROUP, VENUE, PUBLICITY_ITEM, REPORTED_FIGURE, ATTACHMENT,
)}

#: Columns every record table has besides its fields.
SYSTEM_COLUMNS = ("id", "scope", "deleted", "clock")
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
