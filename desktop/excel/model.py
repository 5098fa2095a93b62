"""What an import plan is made of: each data row of the file with its status (add,
update, duplicate, error), its values, and its problems located by column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from desktop.errors import FieldError
from desktop.excel.errors import CTX, ExcelText, Joined, XInvalid, english, field_sep, localise
from desktop.excel.matching import Header
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS, Field
from desktop.records.validation import Invalid, field_error

ADD, UPDATE, DUPLICATE, ERROR = "add", "update", "duplicate", "error"
STATUSES = (ADD, UPDATE, DUPLICATE, ERROR)
STATUS_LABELS = {
    ADD: QT_TRANSLATE_NOOP("excel", "New"),
    UPDATE: QT_TRANSLATE_NOOP("excel", "Update"),
    DUPLICATE: QT_TRANSLATE_NOOP("excel", "Duplicate"),
    ERROR: QT_TRANSLATE_NOOP("excel", "Has errors"),
}
#: A row written as incomplete (待补全): "缺少 任职方式、任职日期".
NOTE_INCOMPLETE = QT_TRANSLATE_NOOP("excel", "to complete: no {fields}")
NOTE_EXIT_FOUND = QT_TRANSLATE_NOOP("excel", "the remarks give the exit date {date}")
#: ``progress(done, total)``, called now and then by long work; it may raise to cancel.
Progress = Callable[[int, int], None]
LINE_ROW = QT_TRANSLATE_NOOP("excel", "Row {row}: {reason}")
LINE_SHEET_ROW = QT_TRANSLATE_NOOP("excel", "Sheet {sheet}, row {row}: {reason}")


def tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


@dataclass
class ImportOptions:
    """What the user decided about a file, applied when it is planned (again)."""

    #: field → one value for every row the sheet gives none (a missing column, a blank cell),
    #: as it would be typed in a cell ("兼职", "2024-01-01")
    column_values: dict[str, object] = field(default_factory=dict)
    #: enumeration → {word: key}: the user's answers for words of a choice column no table
    #: knows; remembered by the ledger when the import is applied
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    #: rows lacking completable required fields are imported as incomplete (待补全)
    incomplete: bool = True
    #: the exit dates found in remarks are written to the exit date
    exits_from_remarks: bool = False


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or with a value the row lacks)."""

    column: str            #: the header as the sheet writes it, else the field's label
    col: int | None        #: 0-based column in the sheet, None when the sheet has no such column
    field: str | None
    reason: object         #: has ``text(language)``: a FieldError or an ExcelText

    def text(self, language: str | None = None) -> str:
        reason = self.reason.text(language) if hasattr(self.reason, "text") else str(self.reason)
        return f"{localise(self.column, language)}{field_sep(language)}{reason}"


def problem(f: Field, header: Header | None, exc: Invalid | FieldError) -> Problem:
    """A problem with field *f*, placed in its column of the sheet when it has one."""
    col = header.column_of(f.name) if header else None
    column = header.titles[col] if col is not None and header.titles[col] else f.label
    if isinstance(exc, FieldError):
        reason: object = exc
    elif isinstance(exc, XInvalid):
        reason = ExcelText(exc.message, exc.params)
    else:
        reason = field_error(f, exc)
    return Problem(column, col, f.name, reason)


@dataclass
class PlanRow:
    """One data row of the file and what the import will do with it."""

    sheet: str
    row: int                                    #: Excel row number
    kind: str = ""
    status: str = ADD
    cells: list = field(default_factory=list)   #: the sheet row as read (every column)
    raw: dict = field(default_factory=dict)     #: field → cell as read
    values: dict = field(default_factory=dict)  #: field → stored form (what is written for "add")
    record_id: str | None = None                #: the stored record an "update" or "duplicate" matches
    changes: dict = field(default_factory=dict)  #: field → new value, for "update"
    problems: list[Problem] = field(default_factory=list)
    note: object | None = None                  #: why duplicate, what an update changes
    same_as: int | None = None                  #: index of the earlier row of the file this one repeats
    #: fields set from ``ImportOptions.column_values`` (not from the row)
    from_column_value: set = field(default_factory=set)
    #: completable required fields the row leaves empty: it is written as incomplete
    missing: list[str] = field(default_factory=list)
    #: field → value the row suggests elsewhere (an exit date in its remarks)
    suggested: dict = field(default_factory=dict)
    #: field → the word of a choice column no table knows (the row is an error until answered)
    unknown: dict = field(default_factory=dict)

    @property
    def incomplete(self) -> bool:
        return self.status == ADD and bool(self.missing)

    def reason(self, language: str | None = None) -> str:
        sep = "; " if english(language) else "；"
        if self.problems:
            return sep.join(p.text(language) for p in self.problems)
        parts = [self.note.text(language)] if self.note is not None else []
        if self.incomplete:
            k = KINDS[self.kind]
            fields = Joined(k.field_map[n].label for n in self.missing)
            parts.append(ExcelText(NOTE_INCOMPLETE, {"fields": fields}).text(language))
        if "exited_on" in self.suggested:
            parts.append(ExcelText(NOTE_EXIT_FOUND, {"date": self.suggested["exited_on"]}).text(language))
        return sep.join(parts)

    def line(self, language: str | None = None, with_sheet: bool = False) -> str:
        """"Row 7: 出生年月：…" — the row for a report (the CLI, a log, the error workbook)."""
        if with_sheet:
            return translate(CTX, LINE_SHEET_ROW, language).format(sheet=self.sheet, row=self.row,
                                                                   reason=self.reason(language))
        return translate(CTX, LINE_ROW, language).format(row=self.row, reason=self.reason(language))


@dataclass
class SheetPlan:
    """A sheet the import reads, and where its header is."""

    name: str
    header: Header
    #: required fields the sheet has no column for (given a value for the whole column, or
    #: left to complete)
    missing: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What importing a file would do, row by row."""

    kind: str
    path: Path
    unit_code: str | None
    sheets: list[SheetPlan]
    rows: list[PlanRow]
    #: sheets passed over: (name, why) — hidden, no header, required columns missing
    skipped_sheets: list[tuple[str, object]] = field(default_factory=list)
    #: indexes into ``rows``, in the order they are written (parents before children)
    write_order: list[int] = field(default_factory=list)
    options: ImportOptions = field(default_factory=ImportOptions)

    @property
    def missing_columns(self) -> list[str]:
        """Completable required fields some sheet read has no column for (and no value was
        given for), in the kind's order: the preview offers one value for the whole column."""
        missing = {n for s in self.sheets for n in s.missing if n not in self.options.column_values}
        return [f.name for f in KINDS[self.kind].fields if f.name in missing]

    @property
    def incomplete(self) -> list[PlanRow]:
        """The rows written as incomplete (待补全)."""
        return [r for r in self.rows if r.incomplete]

    def missing_counts(self) -> dict[str, int]:
        """field → rows written without it, in the kind's order."""
        counts: dict[str, int] = {}
        for r in self.incomplete:
            for n in r.missing:
                counts[n] = counts.get(n, 0) + 1
        return {f.name: counts[f.name] for f in KINDS[self.kind].fields if f.name in counts}

    def unknown_words(self) -> list[tuple[str, str, int]]:
        """(field, word, rows) of the words of a choice column no table knows, most rows
        first: each answered once for the whole file."""
        counts: dict[tuple[str, str], int] = {}
        for r in self.rows:
            for name, word in r.unknown.items():
                counts[(name, word)] = counts.get((name, word), 0) + 1
        return [(n, w, c) for (n, w), c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    @property
    def suggestions(self) -> list[PlanRow]:
        """Rows whose remarks suggest a value the row does not have (an exit date)."""
        return [r for r in self.rows if r.suggested and r.status in (ADD, UPDATE)]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUSES}

    @property
    def errors(self) -> list[PlanRow]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def writable(self) -> int:
        return self.count(ADD) + self.count(UPDATE)

    @property
    def ignored_columns(self) -> list[str]:
        """Header texts of the columns no field was found for, in every sheet read."""
        return sorted({t for s in self.sheets for t in s.header.ignored})

    @property
    def fields(self) -> list[str]:
        """The kind's fields some sheet has a column for, in the kind's order."""
        mapped = {f for s in self.sheets for f in s.header.fields.values()}
        return [f.name for f in KINDS[self.kind].fields if f.name in mapped]


@dataclass(frozen=True)
class ImportResult:
    """What ``apply_import`` stored; ``batch_id`` undoes it (None: nothing was written)."""

    batch_id: str | None
    added: int
    updated: int
    skipped: int
    errors: int
    #: new records written incomplete (待补全)
    incomplete: int = 0
