"""Blank import templates: a header of the kind's labels (required ones marked *), a
drop-down list for each enumeration, one example row in grey that import skips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop import paths
from desktop.errors import UnknownKind
from desktop.excel.errors import CTX
from desktop.excel.export import HEAD_FILL, save_atomic, sheet_title, text_width
from desktop.excel.matching import reference
from desktop.excel.reader import EXAMPLE_RGB
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS, Field, T, kinds_where
from desktop.records.enums import enumerations

#: Kinds with a blank template in ``resources/templates``: as their declarations say.
TEMPLATE_KINDS = kinds_where("template")
REQUIRED_MARK = "*"
#: Rows of the template the drop-down lists cover.
LIST_ROWS = 1000
#: Fields a template leaves out (filled in by the program).
_NOT_IN_TEMPLATE = {"checklist_task": {"template_id", "return_reason"}, "checklist_template": {"issued_by"}}

EXAMPLE_HINT = QT_TRANSLATE_NOOP("excel", "Grey row: an example, not imported. Columns marked * are required.")
PICK_FROM_LIST = QT_TRANSLATE_NOOP("excel", "Choose a value from the list.")
LISTS_SHEET = QT_TRANSLATE_NOOP("excel", "Lists")
LIST_COLUMN = QT_TRANSLATE_NOOP("excel", "Choices for {label}")


def template_fields(kind: str) -> list[Field]:
    """The columns of *kind*'s template, in the kind's order."""
    skip = _NOT_IN_TEMPLATE.get(kind, set())
    return [f for f in KINDS[kind].fields if f.name not in skip]


def template_path(kind: str) -> Path:
    """The shipped blank template of *kind* (``resources/templates/<kind>.xlsx``)."""
    return paths.resource_dir() / "templates" / f"{kind}.xlsx"


def write_template(kind: str, path: Path | str, language: str = "zh_CN") -> Path:
    """A blank import template: a header of labels (required ones marked *), drop-down
    lists for the enumerations (kept on a hidden sheet), one example row in grey (which
    import skips)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    if kind not in KINDS:
        raise UnknownKind(kind=kind)
    example = reference().get("examples", {}).get(kind, {})
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(KINDS[kind].label.text(language), set())
    lists = wb.create_sheet(sheet_title(translate(CTX, LISTS_SHEET, language), {ws.title.lower()}))
    lists.sheet_state = "hidden"
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    list_col = 0
    for c, f in enumerate(template_fields(kind), 1):
        required = f.required and f.default is None
        label = f.label.text(language)
        cell = ws.cell(1, c, (REQUIRED_MARK if required else "") + label)
        cell.font = Font(bold=True, color="FFC62828" if required else None)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = max(12, min(text_width(label) + 4, 40))
        if f.type is T.ENUM:
            list_col += 1
            _drop_down(ws, lists, f, c, list_col, language)
        if example.get(f.name) is not None:
            _example_cell(ws, f, c, example[f.name], language)
    ws.cell(1, 1).comment = Comment(translate(CTX, EXAMPLE_HINT, language), "Township Ledger")
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return save_atomic(wb, path)


def _drop_down(ws, lists, f: Field, col: int, list_col: int, language: str) -> None:
    """The enumeration's labels in column *list_col* of the hidden sheet, offered as a
    drop-down list in column *col* of the template."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    label = f.label.text(language)
    values = [v.label(language) for v in enumerations().values(f.enum)]
    ll, letter = get_column_letter(list_col), get_column_letter(col)
    lists.cell(1, list_col, translate(CTX, LIST_COLUMN, language).format(label=label))
    for r, value in enumerate(values, 2):
        lists.cell(r, list_col, value)
    dv = DataValidation(type="list", formula1=f"'{lists.title}'!${ll}$2:${ll}${len(values) + 1}",
                        allow_blank=True, showErrorMessage=True, showDropDown=False)
    dv.error = translate(CTX, PICK_FROM_LIST, language)
    dv.errorTitle = label
    dv.add(f"{letter}2:{letter}{LIST_ROWS}")
    ws.add_data_validation(dv)


def _example_cell(ws, f: Field, col: int, value: object, language: str) -> None:
    from openpyxl.styles import Font

    enums = enumerations()
    if f.type is T.DATE and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    elif f.type is T.ENUM and language == "en":
        key = enums.lookup(f.enum, str(value))
        value = enums.label(f.enum, key, "en") if key else value
    cell = ws.cell(2, col, value)
    cell.font = Font(color=EXAMPLE_RGB, italic=True)
    if f.type is T.DATE:
        cell.number_format = "yyyy-mm-dd"
    elif f.type is T.MONEY:
        cell.number_format = "0.00"
