"""The text-table reader: CSV and tab-separated files as web systems and other offices
export them.  The encoding is told by its byte-order mark, else UTF-8 if the bytes are
UTF-8, else by ``charset-normalizer`` among the encodings Chinese offices use (GBK/GB18030,
Big5, UTF-16); the delimiter by counting; the header row is found by the import's header
matching like any sheet's.  Cells stay text: the conversions read dates, numbers and
phones typed as text, and a phone or ID number keeps every digit."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import PurePath

from desktop.excel.errors import EmptyWorkbook, UnknownEncoding
from desktop.excel.reader import Sheet

#: The encodings looked for when a file is not UTF-8.
CANDIDATE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_32"]
DELIMITERS = ",\t;|"
#: Lines looked at to tell the delimiter.
SAMPLE_LINES = 50


def read_text_table(data: bytes, name: str) -> list[Sheet]:
    """The one table of a CSV or tab-separated file."""
    text = decode(data, name)
    delimiter = guess_delimiter(text, name)
    rows = []
    for line in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        row = [cell.strip() or None for cell in line]
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise EmptyWorkbook(name=name)
    return [Sheet(PurePath(name).stem, rows)]


def decode(data: bytes, name: str) -> str:
    """The file's text; raises ``UnknownEncoding`` when its encoding cannot be told."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise UnknownEncoding(name=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise UnknownEncoding(name=name)
    return str(best)


def guess_delimiter(text: str, name: str) -> str:
    """The delimiter found most often in the first lines (a tab for a .tsv file, else a
    comma, when there is none)."""
    lines = [line for line in text.splitlines()[:SAMPLE_LINES] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best]:
        return best
    return "\t" if PurePath(name).suffix.lower() in (".tsv", ".tab") else ","
