"""Checking planned rows against the ledger: names resolved to ids, the unit's defaults
filled in, each row matched to what the file or the ledger already holds (new, update,
duplicate, conflict), and a dry run of the ledger's own validation in a transaction that
is rolled back."""

from __future__ import annotations

from typing import Callable

from desktop.errors import FieldError, Label, NotFound, ValidationError
from desktop.excel.errors import CTX, ExcelText, Joined, XInvalid
from desktop.excel.lookups import Divisions, Organisations, Records, name_key, unit_committee
from desktop.excel.matching import Header
from desktop.excel.model import ADD, DUPLICATE, ERROR, UPDATE, ImportPlan, PlanRow, Problem, problem
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import checklist
from desktop.records.dates import less_precise, same_date
from desktop.records import NATURAL_ORG_KINDS, ORG_PARENT_KINDS, Kind, T, natural_org_id, unit_committee_kind
from desktop.records.validation import Invalid

#: Rows checked together by the dry run (a chunk with a bad row is checked again row by row).
DRY_RUN_CHUNK = 500

NOTE_STORED = QT_TRANSLATE_NOOP("excel", "already in the ledger")
NOTE_SAME_ROW = QT_TRANSLATE_NOOP("excel", "the same as row {row}")
NOTE_SAME_ROW_SHEET = QT_TRANSLATE_NOOP("excel", "the same as row {row} of sheet {sheet}")
NOTE_CONFLICT = QT_TRANSLATE_NOOP("excel", "row {row} has the same {what} with different values; keep one of the two rows")
NOTE_CHANGES = QT_TRANSLATE_NOOP("excel", "changes {fields}")
WHAT_MEMBER = QT_TRANSLATE_NOOP("excel", "member (name and birth date or phone)")
WHAT_ORG = QT_TRANSLATE_NOOP("excel", "organisation")
WHAT_RECORD = QT_TRANSLATE_NOOP("excel", "record")
NOTE_NO_PROOF = QT_TRANSLATE_NOOP("excel", "a task is done only with {missing}: import it as in progress, then attach the evidence in the checklist and mark it done there")
#: Task statuses that claim the rectification is finished.
FINISHED = ("done", "verified")


class _DryRun(Exception):
    """Ends the checking transaction, so that it rolls back."""


def org_rank(row: PlanRow) -> int:
    """Organisations are written parents first: county committees, then township and
    co-operative committees, then the organisations under them."""
    kind = row.values.get("kind")
    return {"county_committee": 0, "township_committee": 1, "county_coop_committee": 1}.get(kind, 2)


class Checker:
    """Resolves references, matches rows to stored records and runs the dry run."""

    def __init__(self, ledger, k: Kind, unit: str | None, headers: dict[str, Header], many_sheets: bool, *,
                 incomplete: bool = False) -> None:
        self.ledger, self.k, self.unit, self.headers, self.many_sheets = ledger, k, unit, headers, many_sheets
        self.incomplete = incomplete  #: rows may lack completable required fields
        needs_orgs = k.name == "organisation" or any(
            f.type is T.REF and f.ref == "organisation" for f in k.fields)
        self.orgs = Organisations(ledger, unit) if needs_orgs else None
        self.divisions = Divisions(ledger.scope, unit)
        self.refs: dict[str, Records] = {}
        self.unit_org = unit_committee(ledger, unit) if unit else None
        self.seen: dict[tuple, int] = {}        # identity key → index of the row that has it
        self.rows: list[PlanRow] = []
        self._members: dict[str, list[dict]] = {}
        self._pos: dict[int, int] | None = None

    def order(self, rows: list[PlanRow]) -> list[int]:
        self.rows = rows
        idx = list(range(len(rows)))
        if self.k.name == "organisation":
            idx.sort(key=lambda i: org_rank(rows[i]))
        return idx

    # -------------------------------------------------------------- per row
    def resolve(self, row: PlanRow) -> None:
        k, header = self.k, self.headers[row.sheet]
        bad = {p.field for p in row.problems}
        for name, raw in list(row.raw.items()):
            f = k.field_map[name]
            if name in bad or f.type not in (T.REF, T.DIVISION):
                continue
            try:
                row.values[name] = self._look_up(f, raw)
            except Invalid as exc:
                row.problems.append(problem(f, header, exc))
                bad.add(name)
        self._defaults(row, bad)
        if row.problems:
            row.status = ERROR
            return
        self._identify(row)

    def _look_up(self, f, raw: object) -> str:
        if f.type is T.DIVISION:
            return self.divisions.resolve(raw)
        if f.ref == "organisation":
            return self.orgs.resolve(raw, f.ref_org_kinds)
        return self.refs.setdefault(f.ref, Records(self.ledger, f.ref)).resolve(raw)

    def _defaults(self, row: PlanRow, bad: set[str]) -> None:
        """What the unit gives a row that does not say: its committee, its division."""
        v = row.values

        def missing(name: str) -> bool:
            return name not in v and name not in bad

        if "org_id" in self.k.field_map and missing("org_id") and self.unit_org:
            v["org_id"] = self.unit_org
        if self.k.name == "organisation" and self.unit:
            if missing("division_code"):
                v["division_code"] = self.unit
            kind = v.get("kind")
            if missing("parent_id") and kind and self.unit_org \
                    and unit_committee_kind(self.unit) in ORG_PARENT_KINDS.get(kind, ()):
                v["parent_id"] = self.unit_org
        if self.k.name == "reported_figure" and missing("unit_code") and self.unit:
            v["unit_code"] = self.unit

    def _identity(self, row: PlanRow) -> tuple[list[tuple], str, dict | None]:
        """The keys that say two rows are the same record, what they name (for messages),
        and the stored record the row matches."""
        k, v = self.k, row.values
        if k.name == "committee_member":
            keys = [("m", v.get("org_id"), v.get("name"), "b", v.get("birth_date"))]
            if v.get("phone"):
                keys.append(("m", v.get("org_id"), v.get("name"), "p", v["phone"]))
            return keys, WHAT_MEMBER, self._stored_member(v)
        if k.name == "organisation":
            if v.get("kind") in NATURAL_ORG_KINDS and v.get("division_code"):
                record_id = natural_org_id(v["kind"], v["division_code"])
                return [("o", record_id)], WHAT_ORG, self.ledger.get("organisation", record_id)
            record_id = self.orgs.stored_id(v.get("name"), v.get("parent_id"))
            stored = self.ledger.get("organisation", record_id) if record_id else None
            return [("o", name_key(v.get("name") or ""), v.get("parent_id"))], WHAT_ORG, stored
        if k.name == "reported_figure" and all(v.get(n) for n in ("unit_code", "month", "metric")):
            record_id = f"fig-{v['unit_code']}-{v['month']}-{v['metric']}"
            return [("r", record_id)], WHAT_RECORD, self.ledger.get(k.name, record_id)
        keys = [("v",) + tuple(sorted((n, str(x)) for n, x in v.items()))]
        return keys, WHAT_RECORD, self._stored_identical(row)

    def _identify(self, row: PlanRow) -> None:
        keys, what, stored = self._identity(row)
        if self._repeats(row, keys, what):
            return
        me = self._index_of(row)
        for key in keys:
            self.seen.setdefault(key, me)
        v = row.values
        if stored is None:
            row.status = ADD
            if self.k.name == "organisation" and v.get("kind") in NATURAL_ORG_KINDS and v.get("division_code"):
                self.orgs.planned(natural_org_id(v["kind"], v["division_code"]), v)
            return
        row.record_id = stored["id"]
        # a month where the day is stored ("1995.3" for 1995-03-02) is no change
        # a value given for the whole column fills what the record lacks, never replaces a stored one
        changes = {n: x for n, x in v.items() if stored.get(n) != x and not less_precise(x, stored.get(n))
                   and not (n in row.from_column_value and stored.get(n) is not None)}
        if not changes:
            row.status, row.note = DUPLICATE, ExcelText(NOTE_STORED)
            return
        row.status, row.changes = UPDATE, changes
        header = self.headers[row.sheet]
        names = [header.column_title(n) or self.k.field_map[n].label for n in changes]
        row.note = ExcelText(NOTE_CHANGES, {"fields": Joined(names)})

    def _repeats(self, row: PlanRow, keys: list[tuple], what: str) -> bool:
        """Whether an earlier row of the file is the same record: a duplicate when its
        values are the same, else a conflict."""
        for key in keys:
            other = self.seen.get(key)
            if other is None:
                continue
            first = self.rows[other]
            if first.status == ERROR:
                continue
            if first.values == row.values:
                row.status, row.record_id, row.same_as = DUPLICATE, first.record_id, other
                row.note = self._same_row_note(first)
            else:
                row.status = ERROR
                row.problems.append(Problem(self._identity_column(row), None, None, ExcelText(
                    NOTE_CONFLICT, {"row": first.row, "what": Label(CTX, what)})))
            return True
        return False

    def _index_of(self, row: PlanRow) -> int:
        if self._pos is None:
            self._pos = {id(r): i for i, r in enumerate(self.rows)}
        return self._pos[id(row)]

    def _same_row_note(self, first: PlanRow) -> ExcelText:
        if self.many_sheets:
            return ExcelText(NOTE_SAME_ROW_SHEET, {"row": first.row, "sheet": first.sheet})
        return ExcelText(NOTE_SAME_ROW, {"row": first.row})

    def _identity_column(self, row: PlanRow) -> str:
        title_field = self.k.title_field
        return self.headers[row.sheet].column_title(title_field) or self.k.field_map[title_field].label

    def _stored_member(self, v: dict) -> dict | None:
        org, name = v.get("org_id"), v.get("name")
        if not org or not name:
            return None
        members = self._members.get(org)
        if members is None:
            members = self._members[org] = self.ledger.query("committee_member", where={"org_id": org})
        same = [m for m in members if m["name"] == name]
        for m in same:
            if same_date(m["birth_date"], v.get("birth_date")):
                return m
        if v.get("phone"):
            for m in same:
                if m["phone"] == v["phone"]:
                    return m
        return None

    def _stored_identical(self, row: PlanRow) -> dict | None:
        where = dict(row.values)
        for n in self.headers[row.sheet].fields.values():
            if n not in where and self.k.field_map[n].default is None:
                where[n] = None
        hits = self.ledger.query(self.k.name, where=where, limit=1)
        return hits[0] if hits else None

    # -------------------------------------------------------------- dry run
    def dry_run(self, plan: ImportPlan, tick: Callable[[int], None]) -> None:
        """Write the planned rows inside a transaction that is rolled back: the ledger's
        own validation, with later rows seeing the earlier ones.  New rows go through
        ``create_many`` a chunk at a time (as ``apply_import`` writes them); a chunk the
        ledger refuses is checked again row by row, to find each row's errors."""
        if not plan.write_order:
            return
        if self.k.name == checklist.TASK:
            for i in plan.write_order:
                self._proof(plan.rows[i])
        adds = [plan.rows[i] for i in plan.write_order if plan.rows[i].status == ADD]
        updates = [plan.rows[i] for i in plan.write_order if plan.rows[i].status == UPDATE]
        chunk = 1 if self.k.name == "organisation" else DRY_RUN_CHUNK  # a parent must exist before its children
        done = 0
        try:
            with self.ledger.batch():
                for start in range(0, len(adds), chunk):
                    part = adds[start:start + chunk]
                    self._create(part)
                    done += len(part)
                    tick(done)
                for row in updates:
                    self._check(row)
                    done += 1
                    if done % 100 == 0:
                        tick(done)
                raise _DryRun()
        except _DryRun:
            pass
        plan.write_order = [i for i in plan.write_order if plan.rows[i].status != ERROR]
        for row in plan.rows:  # a repeat of a row the ledger refused is refused too
            if row.same_as is not None and plan.rows[row.same_as].status == ERROR:
                row.status, row.note = ERROR, None
                row.problems = list(plan.rows[row.same_as].problems)

    def _proof(self, row: PlanRow) -> None:
        """A task the sheet marks done (or verified) needs the proof its template asks for, as
        when it is marked done in the window: a measure, and evidence already attached."""
        stored = self.ledger.get(checklist.TASK, row.record_id) if row.status == UPDATE else None
        task = {**(stored or {}), **(row.changes if stored else row.values)}
        if task.get("status") not in FINISHED or (stored or {}).get("status") in FINISHED:
            return
        missing = checklist.missing_proof(self.ledger, {"id": "", **task})
        if missing:
            names = [self.k.field("measure").label if m == "measure" else Label("errors", checklist.MSG_EVIDENCE)
                     for m in missing]
            row.status, row.note = ERROR, None
            row.problems.append(problem(self.k.field_map["status"], self.headers[row.sheet],
                                        XInvalid(NOTE_NO_PROOF, missing=Joined(names))))

    def _create(self, rows: list[PlanRow]) -> None:
        """Create *rows* with ``create_many``; when the ledger refuses, halve and try again,
        down to the single rows at fault (the halves that pass stay, as they would in the
        real import)."""
        try:
            self.ledger.create_many(self.k.name, [r.values for r in rows], incomplete_ok=self.incomplete)
        except ValidationError as exc:
            if len(rows) == 1:
                self._failed(rows[0], exc.errors)
                return
            if len(rows) <= 8:
                for row in rows:
                    self._check(row)
                return
            half = len(rows) // 2
            self._create(rows[:half])
            self._create(rows[half:])

    def _check(self, row: PlanRow) -> None:
        try:
            if row.status == ADD:
                self.ledger.create(self.k.name, row.values, incomplete_ok=self.incomplete)
            else:
                self.ledger.update(self.k.name, row.record_id, row.changes)
        except ValidationError as exc:
            self._failed(row, exc.errors)
        except NotFound as exc:  # the matched record was deleted meanwhile
            row.status, row.note = ERROR, None
            row.problems.append(Problem(self._identity_column(row), None, None, exc))

    def _failed(self, row: PlanRow, errors: list[FieldError]) -> None:
        header = self.headers[row.sheet]
        row.status = ERROR
        row.note = None
        seen = {(p.field, p.reason.text("en")) for p in row.problems}
        for e in errors:
            if e.field in self.k.field_map:
                found = problem(self.k.field_map[e.field], header, e)
            else:
                found = Problem(e.field, None, e.field, e)
            key = (found.field, found.reason.text("en"))
            if key not in seen:
                seen.add(key)
                row.problems.append(found)
