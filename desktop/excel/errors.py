"""The Excel room's messages and errors: texts in context "excel" with parameters that are
shown in the reader's language, the cell-level ``XInvalid`` and the file-level ``ExcelError``
family (each refusal says what to do)."""

from __future__ import annotations


from desktop import i18n
from desktop.errors import Joined, LedgerError, Message, format_message, localise
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records.validation import Invalid

CTX = "excel"


def _format(message: str, params: dict, language: str | None) -> str:
    return format_message(CTX, message, params, language)


def english(language: str | None) -> bool:
    return (language or i18n.language()) == "en"


def field_sep(language: str | None) -> str:
    """Between a column and what is wrong with it: "出生年月：…" / "Birth date: …"."""
    return ": " if english(language) else "："


def ExcelText(message: str, params: dict | None = None) -> Message:  # noqa: N802 - reads like the class it was
    """A message of this package (context "excel") with parameters, in the reader's language."""
    return Message(message, params or {}, CTX)


__all__ = ["ExcelText", "Joined", "localise"]


class XInvalid(Invalid):
    """A cell this package cannot read (its message is in the "excel" context)."""


class ExcelError(LedgerError):
    """A workbook that cannot be imported, or an export that cannot be written."""

    message = QT_TRANSLATE_NOOP("excel", "The Excel file could not be used.")
    context = CTX


class FileMissing(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "The file {name} does not exist.")


class FileUnreadable(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} cannot be opened: {reason}.")


class FileInUse(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} cannot be written: it is open in another program (Excel or WPS?). Close it there and try again.")


class EmptyFile(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is empty (0 bytes).")


class PasswordProtected(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is password protected. Open it in Excel or WPS, remove the password (File → Info → Protect workbook), save it and import it again.")


class WpsFile(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is a WPS spreadsheet (.et), which only WPS reads. Open it in WPS, save it as \"Excel workbook (*.xlsx)\" (File → Save as) and import that file.")


class UnknownEncoding(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is a text file in an encoding the program does not recognise. Open it in Excel or WPS, save it as \"Excel workbook (*.xlsx)\" or as \"CSV UTF-8\" and import that file.")


class WebPageFile(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is a web page or XML file with an Excel name (many web systems export such files). Open it in Excel or WPS and save it as \"Excel workbook (*.xlsx)\".")


class NotAWorkbook(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is not an Excel workbook.")


class DamagedWorkbook(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is damaged and cannot be read ({detail}). Open it in Excel or WPS; if it opens, save it under a new name and import that file.")


class EmptyWorkbook(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} contains no data.")


class NoHeader(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "No sheet of {name} has a header row for {kind}. One row above the data must name the columns, for example: {examples}.")


class MissingColumns(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "Sheet {sheet} of {name} has no column for {columns}, which every {kind} needs.")


class BadUnit(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "\"{code}\" is not a township or county inside this ledger's scope {scope}.")


class UnitNotInLedger(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{unit} has no league committee in this ledger yet. Add it (or import the organisations) first.")


class NotImportable(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "Records of kind {kind} cannot be imported from Excel.")


class ImportChanged(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "The ledger changed after the file was checked ({detail}); nothing was imported. Check the file again.")


class BadColumnValue(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "The value given for {column} cannot be used: {reason}")


class NotAField(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "\"{name}\" is not a column of {kind}; write its Chinese or English label (e.g. {example}).")


class NotAChoice(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "\"{value}\" is not a value of {column}; choose one of {allowed}.")


class BadAssignment(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "\"{text}\" is not of the form NAME=VALUE.")
