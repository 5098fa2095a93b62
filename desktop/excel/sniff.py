"""What kind of file is this?  The bytes of a file said to be a workbook, checked before
openpyxl sees them, so that an old .xls, an encrypted workbook, a CSV or web page saved
with an Excel name, a damaged or foreign zip file each gets its own clear message instead
of a parser's traceback."""

from __future__ import annotations

import io
import zipfile

from desktop.excel.errors import (DamagedWorkbook, EmptyFile, NotAWorkbook, OldExcelFormat, PasswordProtected,
                                  TextFile, WebPageFile)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_WEB_STARTS = (b"<html", b"<!doctype", b"<?xml", b"<table", b"<meta")


def check_xlsx(data: bytes, name: str) -> None:
    """Refuse, with the reason, whatever is not an .xlsx workbook (*name* is the file's
    name, for the message)."""
    if not data:
        raise EmptyFile(name=name)
    if data[:8] == OLE_MAGIC:
        # an OLE compound file: an encrypted .xlsx (its streams EncryptionInfo and
        # EncryptedPackage) or an old binary workbook
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise PasswordProtected(name=name)
        raise OldExcelFormat(name=name)
    if data[:4] != ZIP_MAGIC:
        head = data[:4096]
        if is_text(head):
            text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
            if text.startswith(_WEB_STARTS) or b"<html" in text[:512]:
                raise WebPageFile(name=name)
            raise TextFile(name=name)
        raise NotAWorkbook(name=name)
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DamagedWorkbook(name=name, detail=str(exc) or type(exc).__name__) from None
    if not any(m.lower().startswith("xl/") and m.lower().endswith("workbook.xml") for m in members):
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
