"""The benchmarking checklist (对标整改台账) as rules, without widgets: who may verify a
task, the status workflow (not started → in progress → done → verified by the level
above) and what each step records, what "done" needs (a measure and evidence, unless the
issuing level's template waives it), the tasks a unit's committee gets from the reference
table, and the progress per system.

Whether "done" needs proof is a field of the reference template (``completion_proof``),
because the template is how the level above already configures a unit's checklist: it is
issued from above and travels down with the ledger's changes, one answer per task, and a
template (or a task without one) that says nothing asks for proof."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.errors import Joined, Label, LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import KINDS, natural_org_id
from desktop.records.enums import enumerations
from desktop.scope.geo import geography

if TYPE_CHECKING:
    from desktop.ledger import Ledger

TASK = "checklist_task"
#: Checklist level and committee kind per division level (3 county, 4 township).
UNIT_LEVELS = {3: ("county", "county_committee"), 4: ("township", "township_committee")}
#: Statuses of a task whose rectification is not finished.
OPEN_STATUSES = ("not_started", "in_progress")
#: Status workflow: which status may follow which.
TRANSITIONS = {
    "not_started": {"in_progress", "done"},
    "in_progress": {"not_started", "done"},
    "done": {"in_progress", "verified"},
    "verified": {"done"},
}
#: What the user can do to a task, in the order the buttons show them.
ACTIONS = ("start", "done", "verify", "reopen")
EMPTY_PROGRESS = {"total": 0, "done": 0, "verified": 0, "overdue": 0}
#: Fields that only the workflow writes (the buttons), never a form.
WORKFLOW_FIELDS = ("status", "done_on", "verified_on", "verified_by", "return_reason")
#: What a task needs before it is done, when its template asks for proof.
PROOF = ("measure", "evidence")
MSG_EVIDENCE = QT_TRANSLATE_NOOP("errors", "at least one evidence file")
MSG_NEEDS_PROOF = QT_TRANSLATE_NOOP("errors", "Before the task is done it needs {missing}.")
#: Fields of a task that only the level above writes: its verification (验收) or a return (退回).
ABOVE_FIELDS = ("verified_on", "verified_by", "return_reason")


def can_verify(ledger_scope: str, unit_scope: str) -> bool:
    """Only the level above a unit verifies its tasks: the ledger's scope must be a proper
    ancestor of the unit's division code (the task's scope)."""
    unit_scope = unit_scope or ""
    return unit_scope.startswith(ledger_scope) and unit_scope != ledger_scope


def verification_refused(kind: str, scope: str, fields: dict, author_scope: str) -> bool:
    """Whether a change of *kind* to a record of *scope* that sets *fields* verifies (or
    returns) a task although its author's scope (*author_scope*) is not above the task's
    unit: the rule the local form keeps, checked again on changes received from elsewhere."""
    if kind != TASK:
        return False
    verifies = fields.get("status") == "verified" or any(fields.get(n) for n in ABOVE_FIELDS)
    return verifies and not can_verify(author_scope, scope)


def verifies_others(ledger_scope: str) -> bool:
    """Whether a ledger of *ledger_scope* is the level above of any unit that keeps a checklist
    (a township's ledger verifies nobody's tasks, so it is not offered the button)."""
    d = geography().get(ledger_scope) if ledger_scope else None
    return d is None or d.level < 4


def transition_allowed(old: str | None, new: str | None) -> bool:
    """Whether a task's status may go from *old* to *new* (unchanged or unset is always allowed)."""
    return not old or not new or old == new or new in TRANSITIONS.get(old, ())


def action_allowed(action: str, task: dict, ledger_scope: str) -> bool:
    """Whether *action* applies to *task* in a ledger of *ledger_scope*."""
    status = task.get("status")
    upper = can_verify(ledger_scope, task.get("scope") or "")
    if action == "start":
        return status == "not_started"
    if action == "done":
        return status in OPEN_STATUSES
    if action == "verify":
        return status == "done" and upper
    if action == "reopen":
        return status == "done" or (status == "verified" and upper)
    return False


def is_return(action: str, task: dict, ledger_scope: str) -> bool:
    """Whether *action* sends the unit's work back (退回): a reopen by the level above,
    which must say why."""
    return action == "reopen" and can_verify(ledger_scope, task.get("scope") or "")


def steps(action: str, task: dict, ledger_scope: str, operator: str | None = None,
          today: dt.date | None = None, reason: str | None = None) -> list[dict]:
    """The writes *action* makes to *task*, one per step of the workflow (empty when the
    action does not apply, or when a return comes without a reason). Each step is a
    transition the workflow allows, so that undoing them one by one walks back the same way.

    A return by the level above records its reason in ``return_reason`` and keeps the
    unit's ``done_on``: the date the unit reported stays on the record (and in its history)
    until the unit marks the task done again. A unit taking back its own "done" clears it.
    Verifying settles an earlier return, so its reason is cleared (the history keeps it)."""
    if not action_allowed(action, task, ledger_scope):
        return []
    returned = is_return(action, task, ledger_scope)
    reason = (reason or "").strip() if returned else ""
    if returned and not reason:
        return []
    day = (today or dt.date.today()).isoformat()
    status = task["status"]
    if action == "start":
        return [{"status": "in_progress"}]
    if action == "done":
        through = [{"status": "in_progress"}] if status == "not_started" else []
        return through + [{"status": "done", "done_on": day}]
    if action == "verify":
        step = {"status": "verified", "verified_on": day, "verified_by": operator or None}
        return [step | {"return_reason": None}] if task.get("return_reason") else [step]
    if reason and status == "done":  # returned by the level above
        return [{"status": "in_progress", "return_reason": reason}]
    if reason:  # a verification withdrawn by the level above
        return [{"status": "done", "verified_on": None, "verified_by": None, "return_reason": reason}]
    if status == "done":  # reopened by the unit itself
        return [{"status": "in_progress", "done_on": None}]
    return [{"status": "done", "verified_on": None, "verified_by": None}]


def evidence_count(ledger: "Ledger", task_id: str) -> int:
    """The files attached to a task as its evidence."""
    return len(ledger.query("attachment", where={"owner_kind": TASK, "owner_id": task_id}, columns=("id",)))


def proof_required(ledger: "Ledger", task: dict) -> bool:
    """Whether *task* needs a measure and evidence to be done: yes, unless its template waives it."""
    template = ledger.get("checklist_template", task["template_id"]) if task.get("template_id") else None
    return (template or {}).get("completion_proof") != "optional"


def missing_proof(ledger: "Ledger", task: dict) -> list[str]:
    """What *task* lacks before it may be done, of :data:`PROOF` (empty: nothing)."""
    if not proof_required(ledger, task):
        return []
    missing = [] if (task.get("measure") or "").strip() else ["measure"]
    return missing + ([] if evidence_count(ledger, task["id"]) else ["evidence"])


def proof_message(missing: list[str]) -> LedgerError:
    """The error that names what a task lacks (the measure's label, evidence)."""
    names = [KINDS[TASK].field("measure").label if m == "measure" else Label("errors", MSG_EVIDENCE)
             for m in missing]
    return LedgerError(MSG_NEEDS_PROOF, missing=Joined(names))


def move(ledger: "Ledger", task: dict, action: str, today: dt.date | None = None,
         reason: str | None = None) -> list[tuple[dict, dict]]:
    """Take *task* through *action* in one transaction: (values before, values after) per
    step, for undoing them; empty when the action does not apply.  Marking it done without
    the proof its template asks for raises :class:`LedgerError` naming what is missing."""
    if action == "done" and action_allowed(action, task, ledger.scope):
        missing = missing_proof(ledger, task)
        if missing:
            raise proof_message(missing)
    planned = steps(action, task, ledger.scope, ledger.operator, today, reason)
    made: list[tuple[dict, dict]] = []
    current = dict(task)
    if planned:
        with ledger.batch():
            for step in planned:
                ledger.update(TASK, task["id"], step)
                made.append(({n: current.get(n) for n in step}, dict(step)))
                current.update(step)
    return made


def unit_level(code: str) -> tuple[str, str] | None:
    """(checklist level, committee kind) of a unit that keeps a checklist (a county or a
    township), None for any other division."""
    d = geography().get(code) if code else None
    return UNIT_LEVELS.get(d.level) if d else None


@dataclass
class TaskPlan:
    """The tasks a unit's committee lacks from its reference table."""

    level: str
    committee_kind: str
    committee_id: str
    #: the committee is in the ledger (tasks belong to it, so none can be made without it)
    committee_exists: bool
    rows: list[dict] = field(default_factory=list)


def plan_tasks(ledger: "Ledger", code: str) -> TaskPlan | None:
    """The tasks of the reference table that the committee of unit *code* does not have yet;
    None when the unit keeps no checklist."""
    # The ledger package imports the rules, which import this module: reference is read
    # when a plan is made, not when the rules load.
    from desktop.ledger.reference import templates_for

    unit = unit_level(code)
    if unit is None:
        return None
    level, committee_kind = unit
    org_id = natural_org_id(committee_kind, code)
    plan = TaskPlan(level, committee_kind, org_id, ledger.get("organisation", org_id) is not None)
    if not plan.committee_exists:
        return plan
    have = {r["template_id"] for r in ledger.query(TASK, where={"org_id": org_id}, columns=("template_id",))}
    plan.rows = [{"org_id": org_id, "template_id": t["id"], "system": t["system"], "title": t["title"]}
                 for t in templates_for(ledger, code, level) if t["id"] not in have and t.get("system")]
    return plan


def create_tasks(ledger: "Ledger", plan: TaskPlan) -> list[str]:
    """Create the planned tasks in one transaction; their ids."""
    if not plan.rows:
        return []
    with ledger.batch():
        return list(ledger.create_many(TASK, plan.rows))


def systems() -> list[str]:
    """The keys of the four systems, in their order."""
    return enumerations().keys("checklist_system")


def task_progress(ledger: "Ledger", scope: str) -> dict[str, dict[str, int]]:
    """Per system (every system, even without tasks): total, done (done or verified),
    verified and overdue tasks under *scope*."""
    counts = ledger.task_progress(scope)
    return {s: dict(counts.get(s, EMPTY_PROGRESS)) for s in systems()}
