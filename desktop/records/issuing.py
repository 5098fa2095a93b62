"""Issuing checklist tables from above (参考表, 一县一表、一乡一表), without widgets.

A level above writes a table — the reference tasks (and self-inspection items) of a level —
as ``checklist_template`` records issued by a division: its own code for the table every unit
under it takes, or one unit's code for that unit's own table.  The nearest issuer's table is
the one a unit follows (:func:`desktop.ledger.reference.templates_for`), so issuing to a
unit replaces whatever it followed before.  Issuing to a unit also creates its tasks when its
committee is in the ledger; both travel down with the ledger's changes.

Tables come from the window's editor or from a file of the reference data's form
(``resources/reference/checklists.json``: ``township-ledger templates load FILE``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import checklist

if TYPE_CHECKING:
    from desktop.ledger import Ledger

TEMPLATE = "checklist_template"
REFERENCE, INSPECTION = "reference", "inspection"
#: What an item of a table holds (the fields of a template record that an editor changes).
ITEM_FIELDS = ("template_kind", "level", "system", "code", "title", "description", "completion_proof")
LEVELS = ("county", "township")
MSG_BAD_FILE = QT_TRANSLATE_NOOP("errors", "{name} is not a checklist table: {problem}")
MSG_DUPLICATE_CODE = QT_TRANSLATE_NOOP("errors", "the item number {code} appears twice")
MSG_NOT_BELOW = QT_TRANSLATE_NOOP("errors", "{unit} is not a unit under this ledger's scope {scope}")


def template_id(issuer: str, item: dict) -> str:
    """The id of *issuer*'s template for *item*: issuing the same item again updates it."""
    marker = "i" if item["template_kind"] == INSPECTION else "r"
    return f"tpl-{issuer or 'cn'}-{item['level']}-{marker}-{item['code']}"


def as_item(template: dict) -> dict:
    """The editable part of a template record."""
    return {name: template.get(name) for name in ITEM_FIELDS}


def current_items(ledger: "Ledger", code: str, level: str, template_kind: str = REFERENCE) -> list[dict]:
    """The table of *level* that unit (or issuer) *code* follows now, as items to edit."""
    from desktop.ledger.reference import templates_for

    return [as_item(t) for t in templates_for(ledger, code, level, template_kind)]


def read_items(path: Path | str) -> list[dict]:
    """The items of a file in the reference data's form: ``reference`` rows (level, system,
    number, title, description) and ``inspection`` rows (number, title) for both levels.
    Raises :class:`LedgerError` naming what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = [{"template_kind": REFERENCE, "level": lv, "system": sy, "code": co, "title": ti, "description": de}
                 for lv, sy, co, ti, de in data.get("reference", [])]
        items += [{"template_kind": INSPECTION, "level": lv, "system": None, "code": row[0], "title": row[1],
                   "description": None} for lv in LEVELS for row in data.get("inspection", [])]
    except (OSError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise LedgerError(MSG_BAD_FILE, name=path.name, problem=str(exc)) from None
    if not items:
        raise LedgerError(MSG_BAD_FILE, name=path.name, problem="reference, inspection: []")
    return items


def _check(items: list[dict]) -> None:
    seen = set()
    for item in items:
        key = (item["template_kind"], item["level"], item["code"])
        if key in seen:
            raise LedgerError(MSG_DUPLICATE_CODE, code=item["code"])
        seen.add(key)


def write_table(ledger: "Ledger", issuer: str, items: list[dict]) -> int:
    """Make *issuer*'s tables the given *items*, inside the caller's transaction: each table
    (kind and level) that *items* hold is written whole (items it no longer has are deleted);
    tables it does not hold stay as they are.  How many templates were written or deleted."""
    _check(items)
    tables = {(i["template_kind"], i["level"]) for i in items}
    keep = set()
    written = 0
    for order, item in enumerate(items, start=1):
        record_id = template_id(issuer, item)
        keep.add(record_id)
        values = {**{n: item.get(n) for n in ITEM_FIELDS}, "sort_order": order}
        values["description"] = values["description"] or None
        row = ledger.get(TEMPLATE, record_id)
        if row is None:
            ledger.create(TEMPLATE, {**values, "issued_by": issuer}, record_id=record_id)
            written += 1
        elif any(row.get(n) != v for n, v in values.items()):
            written += bool(ledger.update(TEMPLATE, record_id, values))
    for row in ledger.query(TEMPLATE, where={"issued_by": issuer}):
        if (row["template_kind"], row["level"]) in tables and row["id"] not in keep:
            ledger.delete(TEMPLATE, row["id"])
            written += 1
    return written


@dataclass
class Issued:
    """What issuing did: templates written, and tasks created per unit."""

    templates: int = 0
    tasks: dict[str, int] = field(default_factory=dict)


def issue(ledger: "Ledger", items: list[dict], units: list[str] | None = None) -> Issued:
    """Issue *items* in one transaction: as the table of the ledger's own scope (*units*
    None), or as each of *units*' own table (一县一表) with their tasks created where their
    committee is in the ledger.  Raises :class:`LedgerError` for a unit not under the
    ledger's scope."""
    out = Issued()
    scope = ledger.scope or ""
    for unit in units or ():
        if not checklist.can_verify(scope, unit):
            raise LedgerError(MSG_NOT_BELOW, unit=unit, scope=scope or "-")
    with ledger.batch():
        if units is None:
            out.templates = write_table(ledger, scope, items)
            return out
        for unit in units:
            out.templates += write_table(ledger, unit, items)
            plan = checklist.plan_tasks(ledger, unit)
            if plan is not None and plan.committee_exists:
                out.tasks[unit] = len(checklist.create_tasks(ledger, plan))
    return out
