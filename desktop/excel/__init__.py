"""Excel import and export (导入 / 导出 Excel): office rosters in, any table out.

Import reads the files township offices really keep (.xlsx, .xlsm, .xlsb, .xls, .ods, CSV
and tab-separated text) — title rows above the header,
merged cells, Chinese header variants in any order, dates typed every which way — and
*plans* every row against the ledger: add, update (the same member or organisation is
already stored), duplicate (twice in the file, or identical to what is stored) or error
(row, column, reason in the user's language).  The plan runs the ledger's own validation
on each row inside a transaction that is rolled back, so a file is checked completely and
nothing is stored.  ``apply_import`` then writes the good rows in one transaction and one
undo batch; ``write_error_workbook`` hands the bad rows back with a reason column, to be
fixed and imported again.  Export writes records as .xlsx (real dates and numbers, labels
in the user's language, formula-looking text kept as text), atomically.

The rooms, in the order a file goes through them::

    sniff       what kind of file is this (refuses WPS .et, web pages, encrypted, damaged)
    reader      file → Sheet objects: the seam, and the door to the readers
    workbook    .xlsx/.xlsm/.xlsb/.xls/.ods through calamine
    xlsx_hints  error cells, the example row, decimal formats from an .xlsx's XML
    ods_merges  merged ranges of an .ods
    textfile    CSV and tab-separated text: encoding, delimiter
    matching    which row is the header, which column is which field
    conversion  cell → field value, one table keyed by field type
    lookups     names → ids: organisations, divisions, other records; the unit
    model       the plan: rows with status, values, problems
    checker     rows matched to the ledger and to each other; the dry run
    words       the words of choice columns: synonyms.json, the answers a ledger remembers
    remarks     an exit date written in the remarks column
    answers     the user's answers: a value for a whole column, the value a word stands for
    plan        plan_import, apply_import (one transaction, one undo batch)
    export      export_rows, export_ledger, write_error_workbook
    templates   the blank import templates

Reading with calamine, writing with openpyxl.  Every workbook is read by calamine (Rust,
``python-calamine``): ten times faster than openpyxl and the only reader of .xls, .xlsb
and .ods.  openpyxl reads nothing any more; it writes the templates, exports and error
workbooks (always .xlsx).  calamine 0.9 gives merged ranges (``merged_cell_ranges``) for
.xlsx and .xls, which title and banner detection and committees merged down their members'
rows need, so they come from it (measured: they come with the sheet, at no cost; keeping
openpyxl for them would mean reading every .xlsx twice); an .ods's are
read from its content.xml by ``ods_merges`` (only when it has one); an .xlsb is read
unmerged (a title row is still passed over by the header matching; a value merged down
several rows names only the first).  What calamine does not give of an .xlsx — error cells,
the grey example row of the templates, decimal number formats — ``xlsx_hints`` reads from
its XML (a .xls error cell reads as blank).

The reader seam.  Planning consumes ``Sheet`` objects, never a file format, so another
reader (CSV, .xls, an OCR'd photo of a paper table) plugs in without touching matching,
conversion or planning: build ``Sheet(name, rows, hidden=False, merged=[...])`` — rows of
cell values (None, str, int, float, bool, date, datetime), merged ranges as 0-based
inclusive (first row, first column, last row, last column) with the value in the first
cell — optionally with the hints ``example_rows``, ``formats`` (number formats of decimal
cells) and ``errors`` (cells holding a spreadsheet error), and call
``plan_import(ledger, kind, path, unit, sheets=sheets)``.

No Qt here: the GUI runs these functions in workers; ``progress(done, total)`` callbacks
may raise to cancel (a cancelled import stores nothing).
"""

from desktop.excel.checker import NOTE_SAME_ROW, NOTE_STORED
from desktop.excel.conversion import (CONVERSIONS, MSG_BAD_DATE, MSG_EXCEL_ERROR, MSG_LOST_DIGITS, cell_text, convert_cell,
                                      excel_amount, excel_date, excel_enum, excel_int, excel_month,
                                      excel_phone, excel_year)
from desktop.excel.answers import add_answer, check_column_value, choice, column_values, field_of, word_answers
from desktop.excel.errors import (BadAssignment, BadColumnValue, BadUnit, DamagedWorkbook, EmptyFile, EmptyWorkbook, ExcelError, ExcelText,
                                  FileInUse, FileMissing, FileUnreadable, ImportChanged, MissingColumns, NoHeader,
                                  NotAChoice, NotAField, NotAWorkbook, NotImportable, PasswordProtected, UnitNotInLedger, UnknownEncoding,
                                  WebPageFile, WpsFile)
from desktop.excel.export import (ERROR_COLUMN, EXPORT_KINDS, error_workbook_path, export_ledger, export_rows,
                                  ref_titles, write_error_workbook)
from desktop.excel.matching import Header, find_header, header_field, header_synonyms, norm_header
from desktop.excel.model import (ADD, DUPLICATE, ERROR, STATUS_LABELS, STATUSES, UPDATE, ImportOptions, ImportPlan,
                                 ImportResult,
                                 PlanRow, Problem, Progress, SheetPlan)
from desktop.excel.plan import IMPORT_KINDS, apply_import, plan_import
from desktop.excel.reader import EXAMPLE_RGB, Sheet, read_workbook
from desktop.excel.sniff import OLE_MAGIC, file_format
from desktop.excel.templates import TEMPLATE_KINDS, template_fields, template_path, write_template

__all__ = [
    "ADD", "BadAssignment", "BadColumnValue", "BadUnit", "ImportOptions", "NotAChoice", "NotAField", "add_answer",
    "check_column_value", "choice", "column_values", "field_of", "word_answers", "CONVERSIONS", "DUPLICATE", "DamagedWorkbook", "ERROR", "ERROR_COLUMN", "EXAMPLE_RGB",
    "EXPORT_KINDS", "EmptyFile", "EmptyWorkbook", "ExcelError", "ExcelText", "FileInUse", "FileMissing",
    "FileUnreadable", "Header", "IMPORT_KINDS", "ImportChanged", "ImportPlan", "ImportResult", "MSG_BAD_DATE",
    "MSG_EXCEL_ERROR", "MSG_LOST_DIGITS", "MissingColumns", "NOTE_SAME_ROW", "NOTE_STORED", "NoHeader", "NotAWorkbook",
    "NotImportable", "OLE_MAGIC", "PasswordProtected", "PlanRow", "Problem", "Progress",
    "STATUSES", "STATUS_LABELS", "Sheet", "SheetPlan", "TEMPLATE_KINDS", "UPDATE",
    "UnitNotInLedger", "UnknownEncoding", "WebPageFile", "WpsFile", "apply_import", "cell_text", "file_format", "convert_cell",
    "error_workbook_path", "excel_amount", "excel_date", "excel_enum", "excel_int", "excel_month",
    "excel_phone", "excel_year", "export_ledger", "export_rows", "find_header", "header_field",
    "header_synonyms", "norm_header", "plan_import", "read_workbook", "ref_titles", "template_fields",
    "template_path", "write_error_workbook", "write_template",
]
