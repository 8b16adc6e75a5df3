"""Reading a CSV or XLSX table into a header and rows, with the row numbers
the user sees (the header is row 1), as Excel and LibreOffice write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from kette.core.exceptions import ImportFailed, ImportProblem
from kette.core.importers import limits


@dataclass
class Table:
    file: str
    sheet: str  # "" for CSV
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number, cells as text)
    size: int  # rows without the header (for progress), -1 if unknown

    def where(self, row: int | None = None) -> str | int | None:
        """How a problem names the row: "sheet Daten, row 4" or 4."""
        if not self.sheet:
            return row
        if row is None:
            return _("sheet %(sheet)s") % {"sheet": self.sheet}
        return _("sheet %(sheet)s, row %(row)d") % {"sheet": self.sheet, "row": row}


def _fail(file: str, message: str) -> ImportFailed:
    return ImportFailed([ImportProblem(file=file, message=message)])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_csv(path: Path, file: str) -> Table:
    limits.check_size(file=file, size=path.stat().st_size)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail(
            file,
            _(
                "the file is not UTF-8 (byte %(at)d); save it as “CSV UTF-8” in "
                "Excel or choose UTF-8 in LibreOffice"
            )
            % {"at": error.start},
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise _fail(file, _("the file is empty"))
    first = lines[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    limits.check_table_shape(file=file, rows=len(lines) - 1, columns=None)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip() for cell in next(reader)]
    limits.check_table_shape(file=file, rows=None, columns=len(header))

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, [cell.strip() for cell in cells]

    return Table(
        file=file,
        sheet="",
        header=header,
        rows=limits.limit_row_width(rows(), file=file),
        size=len(lines) - 1,
    )


def read_xlsx(path: Path, file: str, sheet: str | None) -> Table:
    # openpyxl loads lazily: it takes half a second to import, and only XLSX needs it.
    from openpyxl import load_workbook  # noqa: PLC0415

    limits.check_xlsx(path, file=file)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise _fail(file, _("the file is not an Excel workbook (.xlsx)")) from None
    if sheet is None:
        worksheet = book.worksheets[0]
    elif sheet in book.sheetnames:
        worksheet = book[sheet]
    else:
        raise _fail(
            file,
            _("there is no sheet “%(sheet)s” (sheets: %(sheets)s)")
            % {"sheet": sheet, "sheets": ", ".join(book.sheetnames)},
        )
    values = worksheet.iter_rows(values_only=True)
    first = next(values, None)
    if first is None or not any(cell is not None for cell in first):
        raise _fail(
            file, _("the sheet “%(sheet)s” is empty") % {"sheet": worksheet.title}
        )
    header = [_cell(cell) for cell in first]
    while header and not header[-1]:
        header.pop()

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in enumerate(values, start=2):
            texts = [_cell(cell) for cell in cells]
            if any(texts):
                yield number, texts

    size = (worksheet.max_row or 1) - 1
    return Table(
        file=file, sheet=worksheet.title, header=header, rows=rows(), size=size
    )


def read_table(path: Path, file: str, *, sheet: str | None = None) -> Table:
    """The table in ``path`` (named ``file`` in messages), by its extension."""
    suffix = Path(file).suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, file, sheet)
    if suffix in {".csv", ".txt", ".tsv"}:
        return read_csv(path, file)
    raise _fail(
        file,
        _("unknown file type “%(suffix)s”: use .csv or .xlsx") % {"suffix": suffix},
    )
