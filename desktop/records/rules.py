"""Rules that look at more than one field, or at other records.

Each rule gets the record as it would be after the write (``new``), the record
before it (``old``, ``None`` on create) and the ledger to look things up (anything
with the few methods of ``Lookups``), and returns the field errors it finds.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Protocol

from desktop.records.enums import enumerations
from desktop.errors import FieldError, Joined
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS, ORG_DIVISION_LEVELS, ORG_PARENT_KINDS, Kind
from desktop.records.dates import same_date
from desktop.records.checklist import can_verify, transition_allowed
from desktop.scope.geo import geography

MSG_OUTSIDE_SCOPE = QT_TRANSLATE_NOOP("errors", "{code} lies outside this ledger's scope {scope}")
MSG_WRONG_LEVEL = QT_TRANSLATE_NOOP("errors", "a {kind} belongs to a division of level {levels} (1 province … 5 village), not {code}")
MSG_PARENT_KIND = QT_TRANSLATE_NOOP("errors", "the parent of a {kind} must be a {allowed}")
MSG_NO_PARENT_ALLOWED = QT_TRANSLATE_NOOP("errors", "a {kind} has no parent organisation")
MSG_PARENT_OUTSIDE = QT_TRANSLATE_NOOP("errors", "the parent organisation's division {parent} does not contain {code}")
MSG_PARENT_SELF = QT_TRANSLATE_NOOP("errors", "an organisation cannot be its own parent")
MSG_MISSING_REF = QT_TRANSLATE_NOOP("errors", "the referenced record {id} does not exist or was deleted")
MSG_ORG_KIND = QT_TRANSLATE_NOOP("errors", "must be a {allowed}, not a {kind}")
MSG_ALREADY_EXISTS = QT_TRANSLATE_NOOP("errors", "there is already a {kind} for {code}")
MSG_EXIT_BEFORE_JOIN = QT_TRANSLATE_NOOP("errors", "the exit date {exited} is before the join date {joined}")
MSG_REASON_WITHOUT_EXIT = QT_TRANSLATE_NOOP("errors", "an exit reason needs an exit date")
MSG_TOO_YOUNG = QT_TRANSLATE_NOOP("errors", "the birth date {birth} makes the member younger than {years} on joining ({joined})")
MSG_DUPLICATE_MEMBER = QT_TRANSLATE_NOOP("errors", "{name} (born {birth}) is already a member of this committee")
MSG_APPRAISAL_YEAR = QT_TRANSLATE_NOOP("errors", "an appraisal needs its year")
MSG_NO_AMOUNT = QT_TRANSLATE_NOOP("errors", "enter the budgeted or the received amount")
MSG_TRANSITION = QT_TRANSLATE_NOOP("errors", "the status cannot go from \"{old}\" to \"{new}\"")
MSG_VERIFY_UPPER = QT_TRANSLATE_NOOP("errors", "only the level above ({scope} is this ledger) can verify a task of {code} or withdraw its verification")
MSG_VERIFIED_BEFORE_DONE = QT_TRANSLATE_NOOP("errors", "verified on {verified}, before it was done on {done}")
MSG_MORE_THAN = QT_TRANSLATE_NOOP("errors", "{value} is more than {other} ({other_label})")
MSG_FUTURE_MONTH = QT_TRANSLATE_NOOP("errors", "{value} lies in the future")
MSG_NO_BLOB = QT_TRANSLATE_NOOP("errors", "the attached file's content is not in the ledger")
MSG_UNKNOWN_OWNER_KIND = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a record kind")

MIN_JOIN_AGE = 14




class Lookups(Protocol):
    """What the rules read besides the record itself: the ledger's scope and other records."""

    scope: str

    def get(self, kind: str, record_id: str) -> dict | None:
        """The live record of *kind* with this id, None if missing or deleted."""

    def members_named(self, org_id: str, name: str) -> list[dict]:
        """Current members of a committee with this name: id, birth_date, exited_on."""

    def has_blob(self, digest: str) -> bool:
        """Whether the file content with this SHA-256 is stored."""


Rule = Callable[[Lookups, Kind, dict, "dict | None", frozenset], list[FieldError]]


def _err(kind: Kind, name: str, message: str, /, **params: object) -> FieldError:
    return FieldError(name, message, params, kind.field(name).label if name in kind.field_map else None)


class EnumText:
    """An enumeration value's label, in the language of whoever reads the message."""

    def __init__(self, enum: str, key: str) -> None:
        self.enum, self.key = enum, key

    def text(self, language: str | None = None) -> str:
        return enumerations().label(self.enum, self.key, language)


def _org(ledger: Lookups, kind: Kind, new: dict, errors: list, allowed: tuple[str, ...] | None = None):
    org = ledger.get("organisation", new["org_id"]) if new.get("org_id") else None
    if new.get("org_id") and org is None:
        errors.append(_err(kind, "org_id", MSG_MISSING_REF, id=new["org_id"]))
    elif org is not None and allowed and org["kind"] not in allowed:
        errors.append(_err(kind, "org_id", MSG_ORG_KIND,
                           allowed=Joined((EnumText("org_kind", k) for k in allowed), sep="/"),
                           kind=EnumText("org_kind", org["kind"])))
    return org


def organisation(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    org_kind, code = new.get("kind"), new.get("division_code")
    if not org_kind or not code:
        return errors
    levels = ORG_DIVISION_LEVELS[org_kind]
    if geography().level(code) not in levels:
        errors.append(_err(kind, "division_code", MSG_WRONG_LEVEL, kind=EnumText("org_kind", org_kind),
                           levels="/".join(map(str, levels)), code=code))
    parent_id = new.get("parent_id")
    if parent_id:
        allowed = ORG_PARENT_KINDS[org_kind]
        parent = ledger.get("organisation", parent_id)
        if parent_id == new.get("id"):
            errors.append(_err(kind, "parent_id", MSG_PARENT_SELF))
        elif parent is None:
            errors.append(_err(kind, "parent_id", MSG_MISSING_REF, id=parent_id))
        elif not allowed:
            errors.append(_err(kind, "parent_id", MSG_NO_PARENT_ALLOWED, kind=EnumText("org_kind", org_kind)))
        elif parent["kind"] not in allowed:
            errors.append(_err(kind, "parent_id", MSG_PARENT_KIND, kind=EnumText("org_kind", org_kind),
                               allowed=Joined((EnumText("org_kind", k) for k in allowed), sep="/")))
        elif not code.startswith(parent["division_code"]):
            errors.append(_err(kind, "parent_id", MSG_PARENT_OUTSIDE, parent=parent["division_code"], code=code))
    return errors


def committee_member(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    _org(ledger, kind, new, errors, kind.field("org_id").ref_org_kinds)
    joined, exited, birth = new.get("joined_on"), new.get("exited_on"), new.get("birth_date")
    if joined and exited and exited < joined:
        errors.append(_err(kind, "exited_on", MSG_EXIT_BEFORE_JOIN, exited=exited, joined=joined))
    if new.get("exit_reason") and not exited:
        errors.append(_err(kind, "exit_reason", MSG_REASON_WITHOUT_EXIT))
    if birth and joined:
        b = dt.date.fromisoformat(birth if len(birth) == 10 else birth + "-01")  # 出生年月: its first day
        latest = dt.date(b.year + MIN_JOIN_AGE, b.month, 28 if (b.month, b.day) == (2, 29) else b.day)
        if dt.date.fromisoformat(joined) < latest:
            errors.append(_err(kind, "birth_date", MSG_TOO_YOUNG, birth=birth, years=MIN_JOIN_AGE, joined=joined))
    if new.get("appraisal") and not new.get("appraisal_year"):
        errors.append(_err(kind, "appraisal_year", MSG_APPRAISAL_YEAR))
    if new.get("org_id") and new.get("name") and not exited:
        for other in ledger.members_named(new["org_id"], new["name"]):
            if other["id"] != new.get("id") and not other["exited_on"] and same_date(other["birth_date"], birth):
                errors.append(_err(kind, "name", MSG_DUPLICATE_MEMBER, name=new["name"], birth=birth or "?"))
                break
    return errors


def funding_entry(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    _org(ledger, kind, new, errors)
    if new.get("budgeted") is None and new.get("received") is None and not invalid & {"budgeted", "received"}:
        errors.append(_err(kind, "received", MSG_NO_AMOUNT))
    return errors


def checklist_task(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    org = _org(ledger, kind, new, errors)
    if new.get("template_id") and ledger.get("checklist_template", new["template_id"]) is None:
        errors.append(_err(kind, "template_id", MSG_MISSING_REF, id=new["template_id"]))
    status, before = new.get("status"), (old or {}).get("status")
    if old is not None and not transition_allowed(before, status):
        errors.append(_err(kind, "status", MSG_TRANSITION, old=EnumText("task_status", before),
                           new=EnumText("task_status", status)))
    if "verified" in (status, before) and status != before and org is not None:  # verifying, or withdrawing it
        if not can_verify(ledger.scope, org["scope"]):
            errors.append(_err(kind, "status", MSG_VERIFY_UPPER, scope=ledger.scope, code=org["scope"]))
    if new.get("verified_on") and new.get("done_on") and new["verified_on"] < new["done_on"]:
        errors.append(_err(kind, "verified_on", MSG_VERIFIED_BEFORE_DONE, verified=new["verified_on"],
                           done=new["done_on"]))
    return errors


def org_only(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    _org(ledger, kind, new, errors)
    return errors


def wechat_group(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors = org_only(ledger, kind, new, old)
    members, league = new.get("members"), new.get("league_members")
    if members is not None and league is not None and league > members:
        errors.append(_err(kind, "league_members", MSG_MORE_THAN, value=league, other=members,
                           other_label=kind.field("members").label))
    return errors


def reported_figure(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    month = new.get("month")
    if month and month > dt.date.today().isoformat()[:7]:
        errors.append(_err(kind, "month", MSG_FUTURE_MONTH, value=month))
    return errors


def attachment(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    owner_kind = new.get("owner_kind")
    if owner_kind not in KINDS or owner_kind == "attachment":
        errors.append(_err(kind, "owner_kind", MSG_UNKNOWN_OWNER_KIND, value=owner_kind))
    elif ledger.get(owner_kind, new.get("owner_id") or "") is None:
        errors.append(_err(kind, "owner_id", MSG_MISSING_REF, id=new.get("owner_id")))
    if new.get("sha256") and not ledger.has_blob(new["sha256"]):
        errors.append(_err(kind, "sha256", MSG_NO_BLOB))
    return errors


RULES: dict[str, Rule] = {
    "organisation": organisation,
    "committee_member": committee_member,
    "funding_entry": funding_entry,
    "checklist_task": checklist_task,
    "meeting": org_only,
    "wechat_group": wechat_group,
    "venue": org_only,
    "publicity_item": org_only,
    "reported_figure": reported_figure,
    "attachment": attachment,
}


# ---------------------------------------------------------------- the work ledger (工作台账)
MSG_WRONG_DIVISION_LEVEL = QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a {levels}")
MSG_DONE_WITHOUT_STATUS = QT_TRANSLATE_NOOP("errors", "a done date needs the status \"{done}\"")
MSG_LIBRARY_NOT_CASE = QT_TRANSLATE_NOOP("errors", "only a case enters the excellent case library, not a {kind}")
MSG_ENDED_BEFORE_LINKED = QT_TRANSLATE_NOOP("errors", "the link ended on {ended}, before it began on {linked}")
MSG_ASSESSED_BEFORE_YEAR = QT_TRANSLATE_NOOP("errors", "assessed on {date}, before the year {year} began")
MSG_TERM_END_BEFORE = QT_TRANSLATE_NOOP("errors", "the term ends on {end}, before the election on {elected}")
MSG_TERM_TOO_LONG = QT_TRANSLATE_NOOP("errors", "a term lasts at most {years} years ({elected} to {end})")
#: What the units of each level are called in the errors above.
LEVEL_NAMES = {1: QT_TRANSLATE_NOOP("errors", "province"), 2: QT_TRANSLATE_NOOP("errors", "prefecture"),
               3: QT_TRANSLATE_NOOP("errors", "county"), 4: QT_TRANSLATE_NOOP("errors", "township"),
               5: QT_TRANSLATE_NOOP("errors", "village")}
#: The longest term of a village branch (村"两委" and their League branches are elected for five years).
MAX_TERM_YEARS = 5


class _LevelNames:
    """The names of division levels ("county/township"), in the reader's language."""

    def __init__(self, levels: tuple[int, ...]) -> None:
        self.levels = levels

    def text(self, language: str | None = None) -> str:
        return "/".join(translate("errors", LEVEL_NAMES[n], language) for n in self.levels)


def _division_levels(kind: Kind, new: dict, errors: list) -> None:
    """A division field declared for some levels names a unit of one of them."""
    for f in kind.fields:
        code = new.get(f.name)
        if f.division_levels and code and geography().level(code) not in f.division_levels:
            errors.append(_err(kind, f.name, MSG_WRONG_DIVISION_LEVEL, code=code,
                               levels=_LevelNames(f.division_levels)))


def work_plan_item(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    _org(ledger, kind, new, errors, kind.field("org_id").ref_org_kinds)
    if new.get("done_on") and new.get("status") != "done":
        errors.append(_err(kind, "done_on", MSG_DONE_WITHOUT_STATUS, done=EnumText("plan_status", "done")))
    return errors


def case_brief(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors = org_only(ledger, kind, new, old)
    if new.get("library") and new.get("kind") not in (None, "case"):
        errors.append(_err(kind, "library", MSG_LIBRARY_NOT_CASE, kind=EnumText("case_kind", new["kind"])))
    return errors


def contact_point(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    _division_levels(kind, new, errors)
    linked, ended = new.get("linked_on"), new.get("ended_on")
    if linked and ended and ended < linked:
        errors.append(_err(kind, "ended_on", MSG_ENDED_BEFORE_LINKED, ended=ended, linked=linked))
    return errors


def unit_assessment(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors = org_only(ledger, kind, new, old)
    year, on = new.get("year"), new.get("assessed_on")
    if year and year > dt.date.today().year:
        errors.append(_err(kind, "year", MSG_FUTURE_MONTH, value=year))
    if year and on and int(on[:4]) < year:
        errors.append(_err(kind, "assessed_on", MSG_ASSESSED_BEFORE_YEAR, date=on, year=year))
    return errors


def branch_term(ledger: Lookups, kind: Kind, new: dict, old: dict | None, invalid: frozenset = frozenset()) -> list[FieldError]:
    errors: list[FieldError] = []
    _division_levels(kind, new, errors)
    elected, end = new.get("elected_on"), new.get("term_end")
    if elected and end:
        if end <= elected:
            errors.append(_err(kind, "term_end", MSG_TERM_END_BEFORE, end=end, elected=elected))
        elif end > f"{int(elected[:4]) + MAX_TERM_YEARS}{elected[4:]}":
            errors.append(_err(kind, "term_end", MSG_TERM_TOO_LONG, years=MAX_TERM_YEARS, elected=elected, end=end))
    return errors


RULES.update({
    "work_plan_item": work_plan_item,
    "case_brief": case_brief,
    "contact_point": contact_point,
    "unit_assessment": unit_assessment,
    "branch_term": branch_term,
})
# ---------------------------------------------------------------- end of the work ledger
