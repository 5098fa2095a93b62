"""Import planning and applying: sheets in, a row-by-row plan out (add, update,
duplicate, error), then the good rows written in one transaction and one undo batch.

Planning reads ``Sheet`` objects (``desktop.excel.reader``) and nothing of the file
format: ``plan_import(..., sheets=...)`` takes the sheets of any reader."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop.errors import NotFound, UnknownKind, ValidationError
from desktop.excel.checker import Checker
from desktop.excel.conversion import MSG_EXCEL_ERROR, MSG_LOST_DIGITS, cell_converter, cell_text
from desktop.excel.errors import ExcelText, ImportChanged, Joined, MissingColumns, NoHeader, NotImportable, XInvalid
from desktop.excel.lookups import check_unit, default_unit
from desktop.excel.matching import Header, find_header, norm_header
from desktop.excel.model import (ADD, DUPLICATE, ERROR, UPDATE, ImportPlan, ImportResult, PlanRow, Progress, SheetPlan,
                                 problem, tick)
from desktop.excel.reader import Sheet, read_workbook
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import KINDS, Field, Kind, kinds_where
from desktop.records.validation import Invalid

#: Kinds that can be imported from Excel: as their declarations say.
IMPORT_KINDS = kinds_where("importable")
#: A footer row whose first cell is one of these is not a record.
_TOTAL_WORDS = ("合计", "总计", "小计", "total")
#: Rows written together by ``apply_import``.
WRITE_CHUNK = 500

SKIP_NO_HEADER = QT_TRANSLATE_NOOP("excel", "no header row for this kind of record")
SKIP_NO_COLUMN = QT_TRANSLATE_NOOP("excel", "no column for {columns}")


def plan_import(ledger, kind: str, path: Path | str, unit_code: str | None = None, *,
                progress: Progress | None = None, sheets: list[Sheet] | None = None) -> ImportPlan:
    """Read *path* and decide, row by row, what importing it into *ledger* would do.

    ``unit_code`` (a township, or a county) gives rows without an organisation their
    committee (``org-township_committee-<code>``) and organisations without a division
    that division.  ``sheets``, when given, are the file as another reader read it
    (*path* then only names the file in messages).  Nothing is stored: every row is
    validated by the ledger inside a transaction that is rolled back."""
    if kind not in IMPORT_KINDS:
        if kind not in KINDS:
            raise UnknownKind(kind=kind)
        raise NotImportable(kind=KINDS[kind].label)
    k = KINDS[kind]
    path = Path(path)
    unit = check_unit(ledger, default_unit(ledger, unit_code), k)
    sheets = read_workbook(path) if sheets is None else sheets
    plans, skipped = _sheet_plans(k, sheets, unit, path.name)
    by_name = {s.name: s for s in sheets}
    rows = [row for sp in plans for row in _data_rows(k, by_name[sp.name], sp.header)]
    total = len(rows) * 2
    tick(progress, 0, total)

    checker = Checker(ledger, k, unit, {s.name: s.header for s in plans}, len(plans) > 1)
    order = checker.order(rows)
    for n, i in enumerate(order):
        checker.resolve(rows[i])
        if n % 200 == 0:
            tick(progress, n, total)
    plan = ImportPlan(kind, path, unit, plans, rows, skipped)
    # new records first (organisations parents first), then the updates
    plan.write_order = [i for i in order if rows[i].status == ADD] + [i for i in order if rows[i].status == UPDATE]
    checker.dry_run(plan, lambda n: tick(progress, len(rows) + n, total))
    tick(progress, total, total)
    return plan


def _sheet_plans(k: Kind, sheets: list[Sheet], unit: str | None,
                 file_name: str) -> tuple[list[SheetPlan], list[tuple[str, object]]]:
    """The sheets to read, each with its header, and the ones passed over with the reason.
    Raises when no sheet can be read."""
    plans: list[SheetPlan] = []
    skipped: list[tuple[str, object]] = []
    missing_error: MissingColumns | None = None
    for sheet in sheets:
        if sheet.hidden or not sheet.rows:
            continue
        header = find_header(sheet, k.name)
        if header is None:
            skipped.append((sheet.name, ExcelText(SKIP_NO_HEADER)))
            continue
        missing = _required_missing(k, header, unit)
        if missing:
            columns = Joined(f.label for f in missing)
            missing_error = missing_error or MissingColumns(sheet=sheet.name, name=file_name, columns=columns,
                                                            kind=k.label)
            skipped.append((sheet.name, ExcelText(SKIP_NO_COLUMN, {"columns": columns})))
            continue
        plans.append(SheetPlan(sheet.name, header))
    if not plans:
        if missing_error is not None:
            raise missing_error
        examples = Joined(f.label for f in k.fields if f.required and f.default is None)
        raise NoHeader(name=file_name, kind=k.label, examples=examples)
    return plans, skipped


def _required_missing(k: Kind, header: Header, unit: str | None) -> list[Field]:
    have = set(header.fields.values())
    defaulted = {"org_id", "division_code"} if unit else set()
    if k.name == "checklist_template":
        defaulted.add("issued_by")
    return [f for f in k.fields if f.required and f.default is None and f.name not in have
            and f.name not in defaulted]


def _data_rows(k: Kind, sheet: Sheet, header: Header) -> list[PlanRow]:
    """The sheet's records below its header: blank rows, examples, titles and notes, totals
    and repeated headers left out; each cell converted (references are resolved later)."""
    fields = {c: k.field_map[name] for c, name in header.fields.items()}
    columns = [(c, f, cell_converter(f)) for c, f in fields.items()]
    out = []
    for r in range(header.row + 1, len(sheet.rows)):
        if r in sheet.banner_rows or r in sheet.example_rows:
            continue
        cells = sheet.rows[r]
        if all(cells[c] is None for c in header.fields if c < len(cells)):
            continue
        first = next((v for v in cells if v is not None), None)
        if isinstance(first, str) and norm_header(first) in _TOTAL_WORDS:
            continue
        if header.repeated_by(cells):
            continue
        out.append(_read_row(sheet, header, columns, r, cells))
    return out


def _read_row(sheet: Sheet, header: Header, columns: list[tuple[int, Field, Callable]], r: int,
              cells: list) -> PlanRow:
    row = PlanRow(sheet.name, r + 1, cells=list(cells))
    for c, f, convert in columns:
        raw = cells[c] if c < len(cells) else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        row.raw[f.name] = raw
        try:
            if (r, c) in sheet.errors:
                raise XInvalid(MSG_EXCEL_ERROR, value=cell_text(raw))
            if (r, c) in sheet.lost_digits:
                raise XInvalid(MSG_LOST_DIGITS, value=cell_text(raw))
            row.values[f.name] = convert(raw, sheet.formats.get((r, c)))
        except Invalid as exc:
            row.problems.append(problem(f, header, exc))
    return row


def apply_import(ledger, plan: ImportPlan, *, progress: Progress | None = None) -> ImportResult:
    """Write the plan's good rows (add and update) in one transaction and one undo batch,
    through the ledger API, so they sync and ``ledger.undo_batch(result.batch_id)`` takes
    them back.  All or nothing: a cancelled or failed import stores nothing."""
    order = [i for i in plan.write_order if plan.rows[i].status in (ADD, UPDATE)]
    skipped, errors = plan.count(DUPLICATE), plan.count(ERROR)
    if not order:
        return ImportResult(None, 0, 0, skipped, errors)
    kind = plan.kind
    adds = [plan.rows[i] for i in order if plan.rows[i].status == ADD]
    updates = [plan.rows[i] for i in order if plan.rows[i].status == UPDATE]
    total = len(order)
    tick(progress, 0, total)
    try:
        with ledger.batch() as batch_id:
            if kind == "organisation":  # one by one: a later row may have an earlier one as parent
                for n, row in enumerate(adds, 1):
                    ledger.create(kind, row.values)
                    if n % 100 == 0:
                        tick(progress, n, total)
            else:
                for start in range(0, len(adds), WRITE_CHUNK):
                    chunk = adds[start:start + WRITE_CHUNK]
                    ledger.create_many(kind, [r.values for r in chunk])
                    tick(progress, start + len(chunk), total)
            for n, row in enumerate(updates, 1):
                ledger.update(kind, row.record_id, row.changes)
                if n % 100 == 0:
                    tick(progress, len(adds) + n, total)
    except (ValidationError, NotFound) as exc:
        raise ImportChanged(detail=exc.text()) from None
    tick(progress, total, total)
    return ImportResult(batch_id, len(adds), len(updates), skipped, errors)

