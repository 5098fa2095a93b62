"""What kind of file is this?  The bytes of a file to import, looked at before any parser
sees them: a workbook format the reader knows (.xlsx/.xlsm, .xlsb, .xls, .ods), text (CSV
or tab-separated), or a refusal with its own clear message — a WPS .et file, an encrypted
workbook, a web page saved with an Excel name, a damaged or foreign zip file."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from desktop.excel.errors import (DamagedWorkbook, EmptyFile, NotAWorkbook, PasswordProtected, WebPageFile,
                                  WpsFile)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: Streams of the other Office files (a Word .doc, a PowerPoint .ppt) that share the OLE format.
_OTHER_OLE_STREAMS = ("WordDocument", "PowerPoint Document")
_WEB_STARTS = (b"<html", b"<!doctype", b"<?xml", b"<table", b"<meta")
#: Names of text tables: read as text even when their bytes are not clearly text.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
#: WPS's own spreadsheet format (and its template): no reader but WPS knows it.
WPS_SUFFIXES = (".et", ".ett")

XLSX, XLSB, XLS, ODS, TEXT = "xlsx", "xlsb", "xls", "ods", "text"


def file_format(data: bytes, name: str) -> str:
    """The format of a file to import (``XLSX``, ``XLSB``, ``XLS``, ``ODS`` or ``TEXT``);
    raises an ``ExcelError`` saying what to do with anything else (*name* is the file's
    name, for the message)."""
    if not data:
        raise EmptyFile(name=name)
    suffix = PurePath(name).suffix.lower()
    if suffix in WPS_SUFFIXES:
        raise WpsFile(name=name)
    if data[:8] == OLE_MAGIC:
        # an OLE compound file: an encrypted .xlsx (its streams EncryptionInfo and
        # EncryptedPackage) or a binary .xls (whose encryption the reader reports)
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise PasswordProtected(name=name)
        if not any(s.encode("utf-16-le") in data for s in ("Workbook", "Book")) and \
                any(s.encode("utf-16-le") in data for s in _OTHER_OLE_STREAMS):
            raise NotAWorkbook(name=name)
        return XLS
    if data[:4] != ZIP_MAGIC:
        head = data[:4096]
        text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
        if text.startswith(_WEB_STARTS) or b"<html" in text[:512]:
            raise WebPageFile(name=name)
        if suffix in TEXT_SUFFIXES or is_text(head):
            return TEXT  # many web systems export CSV or tab-separated text named .xls
        raise NotAWorkbook(name=name)
    return _zip_format(data, name)


def _zip_format(data: bytes, name: str) -> str:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        members = {m.lower() for m in z.namelist()}
        if "mimetype" in members and b"opendocument.spreadsheet" in z.read("mimetype"):
            manifest = z.read("META-INF/manifest.xml") if "meta-inf/manifest.xml" in members else b""
            if b"encryption-data" in manifest:
                raise PasswordProtected(name=name)
            return ODS
    except (zipfile.BadZipFile, ValueError, OSError, KeyError, EOFError) as exc:
        raise DamagedWorkbook(name=name, detail=str(exc) or type(exc).__name__) from None
    if any(m.startswith("xl/") and m.endswith("workbook.xml") for m in members):
        return XLSX
    if any(m.startswith("xl/") and m.endswith("workbook.bin") for m in members):
        return XLSB
    raise NotAWorkbook(name=name)  # a Word document or another zip file


def is_text(head: bytes) -> bool:
    """Whether the first bytes of a file are text (UTF-16 with its mark, UTF-8 or GB18030,
    no control characters besides line breaks and tabs)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        for cut in (0, 1, 2, 3):  # the sample may end inside a character
            try:
                text = head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return not any(ord(ch) < 32 and ch not in "\r\n\t\f" for ch in text)
    return False
