"""Import planning and applying: sheets in, a row-by-row plan out (add, update,
duplicate, error), then the good rows written in one transaction and one undo batch.

Planning reads ``Sheet`` objects (``desktop.excel.reader``) and nothing of the file
format: ``plan_import(..., sheets=...)`` takes the sheets of any reader."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from desktop.errors import NotFound, UnknownKind, ValidationError
from desktop.excel.checker import Checker
from desktop.excel import words
from desktop.excel.answers import bad_column_value
from desktop.excel.conversion import CONVERSIONS, MSG_EXCEL_ERROR, MSG_LOST_DIGITS, cell_converter, cell_text
from desktop.excel.errors import (ExcelText, ImportChanged, Joined, MissingColumns, NoHeader,
                                  NotImportable, XInvalid)
from desktop.excel.lookups import check_unit, default_unit
from desktop.excel.matching import Header, find_header, is_footer, norm_header
from desktop.excel.model import (ADD, DUPLICATE, ERROR, UPDATE, ImportOptions, ImportPlan, ImportResult, PlanRow,
                                 Progress, SheetPlan, problem, tick)
from desktop.excel.reader import Sheet, read_workbook
from desktop.excel.remarks import exit_date
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import KINDS, T, Field, Kind, kinds_where
from desktop.records.validation import MSG_BAD_ENUM, Invalid, completable, missing_required

#: Kinds that can be imported from Excel: as their declarations say.
IMPORT_KINDS = kinds_where("importable")
#: A footer row whose first cell is one of these is not a record.
_TOTAL_WORDS = ("合计", "总计", "小计", "total")
#: Rows written together by ``apply_import``.
WRITE_CHUNK = 500

SKIP_NO_HEADER = QT_TRANSLATE_NOOP("excel", "no header row for this kind of record")
SKIP_NO_COLUMN = QT_TRANSLATE_NOOP("excel", "no column for {columns}")


def plan_import(ledger, kind: str, path: Path | str, unit_code: str | None = None, *,
                progress: Progress | None = None, sheets: list[Sheet] | None = None,
                options: ImportOptions | None = None) -> ImportPlan:
    """Read *path* and decide, row by row, what importing it into *ledger* would do.

    ``unit_code`` (a township, or a county) gives rows without an organisation their
    committee (``org-township_committee-<code>``) and organisations without a division
    that division.  ``sheets``, when given, are the file as another reader read it
    (*path* then only names the file in messages).  ``options`` are what the user decided
    (a value for a whole column, answers for unknown words …).  Nothing is stored: every
    row is validated by the ledger inside a transaction that is rolled back."""
    if kind not in IMPORT_KINDS:
        if kind not in KINDS:
            raise UnknownKind(kind=kind)
        raise NotImportable(kind=KINDS[kind].label)
    k = KINDS[kind]
    path = Path(path)
    options = options or ImportOptions()
    unit = check_unit(ledger, default_unit(ledger, unit_code), k)
    sheets = read_workbook(path) if sheets is None else sheets
    reading = _Reading(k, options, words.Vocabulary(ledger, options.words))
    plans, skipped = _sheet_plans(k, sheets, unit, path.name, options)
    by_name = {s.name: s for s in sheets}
    rows = [row for sp in plans for row in _data_rows(reading, by_name[sp.name], sp.header)]
    total = len(rows) * 2
    tick(progress, 0, total)

    checker = Checker(ledger, k, unit, {s.name: s.header for s in plans}, len(plans) > 1,
                      incomplete=options.incomplete)
    order = checker.order(rows)
    for n, i in enumerate(order):
        checker.resolve(rows[i])
        if options.incomplete and rows[i].status == ADD:
            rows[i].missing = [f.name for f in missing_required(k, rows[i].values)]
        if n % 200 == 0:
            tick(progress, n, total)
    plan = ImportPlan(kind, path, unit, plans, rows, skipped, options=options)
    # new records first (organisations parents first), then the updates
    plan.write_order = [i for i in order if rows[i].status == ADD] + [i for i in order if rows[i].status == UPDATE]
    checker.dry_run(plan, lambda n: tick(progress, len(rows) + n, total))
    tick(progress, total, total)
    return plan


def _sheet_plans(k: Kind, sheets: list[Sheet], unit: str | None, file_name: str,
                 options: ImportOptions) -> tuple[list[SheetPlan], list[tuple[str, object]]]:
    """The sheets to read, each with its header and the completable columns it lacks, and
    the ones passed over with the reason.  Raises when no sheet can be read."""
    plans: list[SheetPlan] = []
    skipped: list[tuple[str, object]] = []
    missing_error: MissingColumns | None = None
    later = {f.name for f in completable(k)} if options.incomplete else set()
    for sheet in sheets:
        if sheet.hidden or not sheet.rows:
            continue
        header = find_header(sheet, k.name)
        if header is None:
            skipped.append((sheet.name, ExcelText(SKIP_NO_HEADER)))
            continue
        missing = _required_missing(k, header, unit)
        essential = [f for f in missing if f.name not in later and f.name not in options.column_values]
        if essential:
            columns = Joined(f.label for f in essential)
            missing_error = missing_error or MissingColumns(sheet=sheet.name, name=file_name, columns=columns,
                                                            kind=k.label)
            skipped.append((sheet.name, ExcelText(SKIP_NO_COLUMN, {"columns": columns})))
            continue
        plans.append(SheetPlan(sheet.name, header, [f.name for f in missing]))
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


class _Reading:
    """How the cells of one import become values: the kind's converters, the user's
    answers for unknown words, the values given for whole columns."""

    def __init__(self, k: Kind, options: ImportOptions, vocabulary: words.Vocabulary) -> None:
        self.k, self.options, self.vocabulary = k, options, vocabulary
        #: field → (cell, number format) → value: the converter itself, or (for a choice
        #: column with answered words) the answers first; one call per cell
        self.converters = {f.name: self._converter(f) for f in k.fields}
        self.column_values = {name: self._column_value(name, raw) for name, raw in options.column_values.items()
                              if raw is not None and str(raw).strip()}

    def _column_value(self, name: str, raw: object) -> tuple[object, object]:
        """(cell, value) of a value given for a whole column; a name to look up stays a cell."""
        f = self.k.field_map[name]
        if CONVERSIONS[f.type].lookup:
            return raw, None
        try:
            return raw, self.converters[name](raw, None)
        except Invalid as exc:
            raise bad_column_value(f, exc) from None

    def _converter(self, f: Field) -> Callable[[object, str | None], object]:
        convert = cell_converter(f)
        if f.type is not T.ENUM or not self.vocabulary.words.get(f.enum):
            return convert
        answer = self.vocabulary.key

        def answered_first(raw: object, fmt: str | None = None) -> object:
            key = answer(f, raw)
            return convert(raw, fmt) if key is None else key
        return answered_first


def _data_rows(reading: _Reading, sheet: Sheet, header: Header) -> list[PlanRow]:
    """The sheet's records below its header: blank rows, examples, titles and notes, totals,
    repeated headers and the form's footer (填表人, 盖章 …) left out; each cell converted
    (references are resolved later)."""
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
        if header.repeated_by(cells) or is_footer(cells):
            continue
        out.append(_read_row(reading, sheet, header, r, cells))
    return out


def _read_row(reading: _Reading, sheet: Sheet, header: Header, r: int, cells: list) -> PlanRow:
    k, converters = reading.k, reading.converters
    row = PlanRow(sheet.name, r + 1, k.name, cells=list(cells))
    for c, name in header.fields.items():
        f = k.field_map[name]
        raw = cells[c] if c < len(cells) else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        row.raw[f.name] = raw
        try:
            if (r, c) in sheet.errors:
                raise XInvalid(MSG_EXCEL_ERROR, value=cell_text(raw))
            if (r, c) in sheet.lost_digits:
                raise XInvalid(MSG_LOST_DIGITS, value=cell_text(raw))
            row.values[name] = converters[name](raw, sheet.formats.get((r, c)))
        except Invalid as exc:
            if exc.message == MSG_BAD_ENUM:
                row.unknown[f.name] = cell_text(raw).strip()
            row.problems.append(problem(f, header, exc))
    for name, (raw, value) in reading.column_values.items():
        if name not in row.raw:
            row.raw[name] = raw
            row.from_column_value.add(name)
            if value is not None:
                row.values[name] = value
    _remarks(reading, row)
    return row


def _remarks(reading: _Reading, row: PlanRow) -> None:
    """An exit date the remarks give, for a row without one: suggested, or applied."""
    if "note" not in row.values or "exited_on" not in reading.k.field_map or "exited_on" in row.raw:
        return
    found = exit_date(row.values["note"])
    if found is None:
        return
    row.suggested["exited_on"] = found
    if reading.options.exits_from_remarks:
        row.raw["exited_on"] = row.values["exited_on"] = found


def apply_import(ledger, plan: ImportPlan, *, progress: Progress | None = None) -> ImportResult:
    """Write the plan's good rows (add and update) in one transaction and one undo batch,
    through the ledger API, so they sync and ``ledger.undo_batch(result.batch_id)`` takes
    them back.  All or nothing: a cancelled or failed import stores nothing.  The answers
    given for unknown words are remembered by the ledger, for later imports."""
    order = [i for i in plan.write_order if plan.rows[i].status in (ADD, UPDATE)]
    skipped, errors = plan.count(DUPLICATE), plan.count(ERROR)
    if not order:
        if plan.options.words:
            words.remember(ledger, plan.options.words)
        return ImportResult(None, 0, 0, skipped, errors)
    kind = plan.kind
    adds = [plan.rows[i] for i in order if plan.rows[i].status == ADD]
    updates = [plan.rows[i] for i in order if plan.rows[i].status == UPDATE]
    total = len(order)
    tick(progress, 0, total)
    try:
        with ledger.batch() as batch_id:
            words.remember(ledger, plan.options.words)
            incomplete = plan.options.incomplete
            if kind == "organisation":  # one by one: a later row may have an earlier one as parent
                for n, row in enumerate(adds, 1):
                    ledger.create(kind, row.values, incomplete_ok=incomplete)
                    if n % 100 == 0:
                        tick(progress, n, total)
            else:
                for start in range(0, len(adds), WRITE_CHUNK):
                    chunk = adds[start:start + WRITE_CHUNK]
                    ledger.create_many(kind, [r.values for r in chunk], incomplete_ok=incomplete)
                    tick(progress, start + len(chunk), total)
            for n, row in enumerate(updates, 1):
                ledger.update(kind, row.record_id, row.changes)
                if n % 100 == 0:
                    tick(progress, len(adds) + n, total)
    except (ValidationError, NotFound) as exc:
        raise ImportChanged(detail=exc.text()) from None
    tick(progress, total, total)
    return ImportResult(batch_id, len(adds), len(updates), skipped, errors, sum(1 for r in adds if r.incomplete))

