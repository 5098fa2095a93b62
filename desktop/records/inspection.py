"""The self-inspection (八查八看), the first step of the benchmarking checklist, as rules
without widgets.

A unit answers each self-inspection item of its level for a period (是 / 否 / 部分) and
writes down what it found (查摆问题).  An answer with a finding is a problem (整改问题);
one step turns it into a rectification task of the checklist, prefilled with the item, the
finding and a due date, and the answer keeps the task it became.  Answers and tasks are
ordinary records, so they sync and travel in data packages like any other.

The items are the ``inspection`` templates that apply to the unit (the nearest issuer's,
else the reference data's), so a province's own items replace the built-in eight."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.records import natural_org_id
from desktop.records.checklist import TASK, systems, unit_level

if TYPE_CHECKING:
    from desktop.ledger import Ledger

ANSWER = "inspection_answer"
#: Days from today to a new rectification task's deadline, unless another date is chosen.
DUE_DAYS = 60


def answer_id(org_id: str, period: str, item_id: str) -> str:
    """The one id of a unit's answer to an item for a period: two computers of one office
    answering the same item write the same record, not two."""
    digest = hashlib.sha256(f"{org_id}\x1f{period}\x1f{item_id}".encode()).hexdigest()
    return f"ia-{digest[:32]}"


def default_period(today: dt.date | None = None) -> str:
    """The period a self-inspection is filed under by default: the current month."""
    return (today or dt.date.today()).isoformat()[:7]


def default_deadline(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()) + dt.timedelta(days=DUE_DAYS)


@dataclass
class Row:
    """One item of a unit's self-inspection with its answer (None: not answered yet)."""

    item: dict
    answer: dict | None

    @property
    def finding(self) -> str:
        return ((self.answer or {}).get("finding") or "").strip()

    @property
    def is_problem(self) -> bool:
        """An answer with a finding: a problem (整改问题) to rectify."""
        return bool(self.finding)

    @property
    def task_id(self) -> str | None:
        return (self.answer or {}).get("task_id")


def committee_of(code: str) -> str | None:
    """The id of the committee that answers the self-inspection of unit *code* (a county or
    a township), None for any other division."""
    unit = unit_level(code)
    return natural_org_id(unit[1], code) if unit else None


def items(ledger: "Ledger", code: str) -> list[dict]:
    """The self-inspection items that apply to unit *code*, in their order."""
    from desktop.ledger.reference import templates_for  # the ledger package imports the records

    unit = unit_level(code)
    return templates_for(ledger, code, unit[0], "inspection") if unit else []


def sheet(ledger: "Ledger", code: str, period: str) -> list[Row]:
    """Every item of unit *code*'s self-inspection for *period*, with its answer."""
    org_id = committee_of(code)
    if org_id is None:
        return []
    given = {a["item_id"]: a for a in ledger.query(ANSWER, where={"org_id": org_id, "period": period})}
    return [Row(item, given.get(item["id"])) for item in items(ledger, code)]


def save_answer(ledger: "Ledger", code: str, period: str, item_id: str, answer: str,
                finding: str | None = None) -> str:
    """Record unit *code*'s answer to an item for *period* (a second answer replaces the
    first); the answer's id.  Raises ``ValidationError`` on a bad answer or a missing committee."""
    org_id = committee_of(code)
    record_id = answer_id(org_id or "", period, item_id)
    values = {"answer": answer, "finding": (finding or "").strip() or None}
    with ledger.batch():
        if ledger.get(ANSWER, record_id) is None:
            return ledger.create(ANSWER, {"org_id": org_id, "period": period, "item_id": item_id, **values},
                                 record_id=record_id)
        ledger.update(ANSWER, record_id, values)
    return record_id


def task_system(item: dict) -> str:
    """The system a task made from *item* belongs to: the item's own, else the one the
    reference data names for its number, else the first."""
    from desktop.ledger.reference import inspection_systems

    return item.get("system") or inspection_systems().get(item.get("code") or "") or systems()[0]


def task_values(row: Row, org_id: str, deadline: dt.date) -> dict:
    """The rectification task a problem becomes: the item, the finding, a due date."""
    return {"org_id": org_id, "template_id": row.item["id"], "system": task_system(row.item),
            "title": row.item["title"], "problem": row.finding, "deadline": deadline.isoformat()}


def make_task(ledger: "Ledger", code: str, period: str, item_id: str, deadline: dt.date | None = None) -> str | None:
    """Turn unit *code*'s finding on an item into a rectification task, in one transaction
    with the answer that keeps it; the task's id (the existing one when the finding already
    became a task), None when the answer has no finding."""
    org_id = committee_of(code)
    row = next((r for r in sheet(ledger, code, period) if r.item["id"] == item_id), None)
    if org_id is None or row is None or not row.is_problem:
        return None
    if row.task_id and ledger.get(TASK, row.task_id) is not None:
        return row.task_id
    with ledger.batch():
        task_id = ledger.create(TASK, task_values(row, org_id, deadline or default_deadline()))
        ledger.update(ANSWER, row.answer["id"], {"task_id": task_id})
    return task_id


def make_tasks(ledger: "Ledger", code: str, period: str, deadline: dt.date | None = None) -> list[str]:
    """Turn every finding of the period not yet a task into one, in one transaction; the new tasks."""
    made = []
    with ledger.batch():
        for row in sheet(ledger, code, period):
            if row.is_problem and not (row.task_id and ledger.get(TASK, row.task_id)):
                made.append(make_task(ledger, code, period, row.item["id"], deadline))
    return made
