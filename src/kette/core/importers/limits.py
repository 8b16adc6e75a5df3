"""Limits a file must keep before it is parsed, for every import route.

Staff uploads and the ``kette`` commands check here first, so a file cannot
exhaust memory or time before its content is looked at: the size of the file;
the nesting depth of JSON, checked on the bytes before ``json.loads`` (whose
recursion a file nested 50,000 deep would exhaust); the unpacked size of an
archive (a .zip or .xlsx of a few KB can unpack to gigabytes); and rows and
columns of a table: an XLSX sheet's declared dimension and its cells, counted
in the sheet's XML before openpyxl builds a row of them. The limits are
settings (``KETTE_MAX_*``, see settings.py); every refusal names the file,
where possible the place in it, and the limit.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterable
from typing import IO, Any

from django import forms
from django.conf import settings
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..exceptions import ImportFailed, ImportProblem

MB = 1024 * 1024
DEFINITION = "definition"  # an index definition: small
DATA = "data"  # everything else: GeoJSON, tables, HSDS packages


def megabytes(size: int | float) -> str:
    """``size`` bytes in MB, as precise as a small size needs (0.05, 2.5, 50)."""
    value = round(size / MB, 1 if size >= MB else 2)
    return number_format(int(value) if value == int(value) else value)


def _fail(file: str, message: str, row: int | str | None = None) -> ImportFailed:
    return ImportFailed([ImportProblem(file=file, message=message, row=row)])


# --- Size ---


def max_upload_bytes(kind: str = DATA) -> int:
    limit = (
        settings.KETTE_MAX_DEFINITION_MB
        if kind == DEFINITION
        else settings.KETTE_MAX_UPLOAD_MB
    )
    return int(limit * MB)


def size_problem(*, file: str, size: int, kind: str = DATA) -> ImportProblem | None:
    """What is wrong with a file of ``size`` bytes, or None if it may be read."""
    limit = max_upload_bytes(kind)
    if size <= limit:
        return None
    return ImportProblem(
        file=file,
        message=_(
            "the file is larger than %(limit)s MB (it has %(size)s MB); "
            "split it into smaller files or ask the administrator"
        )
        % {"limit": megabytes(limit), "size": megabytes(size)},
    )


def check_size(*, file: str, size: int, kind: str = DATA) -> None:
    """Raise ImportFailed when a file of ``size`` bytes is too large."""
    if problem := size_problem(file=file, size=size, kind=kind):
        raise ImportFailed([problem])


@deconstructible
class MaxUploadSize:
    """A form file field's validator: the upload's size, before it is read."""

    def __init__(self, kind: str = DATA) -> None:
        self.kind = kind

    def __call__(self, upload) -> None:
        problem = size_problem(file=upload.name, size=upload.size, kind=self.kind)
        if problem:
            raise forms.ValidationError(str(problem))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MaxUploadSize) and other.kind == self.kind


# --- JSON ---

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_AS_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth_line(data: bytes, limit: int | None = None) -> int | None:
    """The line where ``data`` nests deeper than ``limit``, or None.

    Brackets inside strings do not count. Each pass removes the innermost
    pairs of the bare bracket skeleton (fast, in C), so ``limit`` passes
    empty the skeleton of any document nested no deeper; only a document that
    is left over (too deep, or unbalanced) is walked bracket by bracket.
    """
    limit = limit or settings.KETTE_MAX_JSON_DEPTH
    skeleton = _STRING.sub(b"", data).translate(_AS_SQUARE, _NOT_BRACKET)
    for _pass in range(limit):
        if not skeleton:
            return None
        skeleton = skeleton.replace(b"[]", b"")
    if not skeleton:
        return None
    depth = 0
    for token in _TOKEN.finditer(data):
        char = token.group()
        if char in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return data.count(b"\n", 0, token.start()) + 1
        elif char in (b"]", b"}"):
            depth -= 1
    return None


def _json_reason(message: str) -> str:
    reasons = (
        ("Expecting value", _("a value is missing or is not JSON")),
        ("Expecting ',' delimiter", _("a comma is missing between two entries")),
        ("Expecting ':' delimiter", _("a colon is missing after a name")),
        (
            "Expecting property name",
            _("a name in double quotes is expected (is there a comma too many?)"),
        ),
        ("Unterminated string", _("a text in quotes is not closed")),
        ("Extra data", _("more follows after the end of the JSON data")),
        ("Invalid control character", _("a text holds a line break or tab")),
        ("Invalid \\", _("a backslash in a text starts no valid escape")),
    )
    for start, reason in reasons:
        if message.startswith(start):
            return reason
    return _("the JSON is not well-formed here")


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def json_load(data: bytes | str, *, file: str, kind: str = DATA) -> Any:
    """The JSON document in ``data``, read within the limits.

    Raises ImportFailed naming ``file`` and the line: too large, not UTF-8,
    nested too deep, not well-formed, or with NaN/Infinity (not JSON).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_size(file=file, size=len(raw), kind=kind)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail(
            file,
            _(
                "not UTF-8 text (byte 0x%(byte)02X in line %(line)d); save the "
                "file as UTF-8 and import it again"
            )
            % {
                "byte": raw[error.start],
                "line": raw.count(b"\n", 0, error.start) + 1,
            },
        ) from None
    limit = settings.KETTE_MAX_JSON_DEPTH
    if (line := json_depth_line(raw, limit)) is not None:
        raise _fail(
            file,
            _("the JSON data is nested more than %(limit)d levels deep (line %(line)d)")
            % {"limit": limit, "line": line},
        )
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _fail(
            file,
            _("not valid JSON: %(reason)s (line %(line)d, column %(column)d)")
            % {
                "reason": _json_reason(error.msg),
                "line": error.lineno,
                "column": error.colno,
            },
        ) from None
    except (ValueError, RecursionError) as error:
        raise _fail(
            file,
            _("not valid JSON: %(value)s is not a number JSON allows")
            % {"value": error},
        ) from None


# --- Archives (.zip, .xlsx) ---


def max_unpacked_bytes() -> int:
    return int(settings.KETTE_MAX_UNPACKED_MB * MB)


def unpacked_problem(archive: zipfile.ZipFile, *, file: str) -> ImportProblem | None:
    """Refuse an archive whose members unpack to more than the limit.

    zipfile never unpacks a member beyond its declared size, so the sum of
    the declared sizes bounds what reading the archive can cost.
    """
    total = sum(info.file_size for info in archive.infolist())
    limit = max_unpacked_bytes()
    if total <= limit:
        return None
    return ImportProblem(
        file=file,
        message=_(
            "the archive unpacks to %(size)s MB, more than the %(limit)s MB allowed"
        )
        % {"size": megabytes(total), "limit": megabytes(limit)},
    )


# --- Tables ---


def _too_many_rows(file: str, where: str | None = None) -> ImportFailed:
    return _fail(
        file,
        _("the table has more than %(limit)s rows; split it into smaller files")
        % {"limit": number_format(settings.KETTE_MAX_TABLE_ROWS, force_grouping=True)},
        where,
    )


def _too_many_columns(file: str, where: str | int | None = None) -> ImportFailed:
    return _fail(
        file,
        _("the table has more than %(limit)s columns")
        % {
            "limit": number_format(
                settings.KETTE_MAX_TABLE_COLUMNS, force_grouping=True
            )
        },
        where,
    )


def check_table_shape(
    *, file: str, rows: int | None, columns: int | None, where: str | None = None
) -> None:
    """Refuse a table of (at least) ``rows`` data lines or ``columns`` columns."""
    if rows is not None and rows > settings.KETTE_MAX_TABLE_ROWS:
        raise _too_many_rows(file, where)
    if columns is not None and columns > settings.KETTE_MAX_TABLE_COLUMNS:
        raise _too_many_columns(file, where)


def limit_row_width(
    rows: Iterable[tuple[int, list[str]]], *, file: str, where=None
) -> Iterable[tuple[int, list[str]]]:
    """Pass rows on; refuse one wider than the column limit (``where(n)``
    names row ``n``)."""
    for number, cells in rows:
        if len(cells) > settings.KETTE_MAX_TABLE_COLUMNS:
            raise _too_many_columns(file, where(number) if where else number)
        yield number, cells


_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_CELL = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_CELL_COLUMN = re.compile(rb'\sr="([A-Z]{1,3})\d+"')
_ROW_NUMBER = re.compile(rb'^[^>]*?\br="(\d+)"')
_DIMENSION = re.compile(
    rb'<(?:[\w.-]+:)?dimension\s[^>]*?ref="[A-Z]*\d*:?([A-Z]+)(\d+)"'
)
_SHEET_PATH = re.compile(r"xl/worksheets/[^/]+\.xml")
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w.:-]+)="([^"]*)"')
CHUNK = 1 << 20


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index


def _dimension(data: bytes) -> tuple[int | None, int | None]:
    """Rows and columns a sheet's ``<dimension ref="A1:D20"/>`` declares."""
    match = _DIMENSION.search(data)
    if not match:
        return None, None
    return int(match.group(2)), _column_index(match.group(1))


def scan_sheet(source: IO[bytes], *, file: str, sheet: str) -> None:
    """Refuse an XLSX sheet with too many rows or columns before it is read.

    The sheet's declared ``<dimension>`` is checked first (openpyxl pads every
    row to it). The dimension can lie, so the sheet's XML is then counted in
    chunks: rows, the cells of each row and the highest row and column a cell
    names (openpyxl fills the gaps with empty cells).
    """
    where = _("sheet %(sheet)s") % {"sheet": sheet}
    max_rows = settings.KETTE_MAX_TABLE_ROWS
    max_columns = settings.KETTE_MAX_TABLE_COLUMNS
    rows = cells = 0
    tail = b""

    def count(part: bytes) -> int:
        found = len(_CELL.findall(part))
        columns = _CELL_COLUMN.findall(part)
        if columns and _column_index(columns[-1]) > max_columns:
            found = max_columns + 1
        return found

    first = True
    while chunk := source.read(CHUNK):
        data = tail + chunk
        if first:
            declared_rows, declared_columns = _dimension(data.split(b"sheetData")[0])
            check_table_shape(
                file=file,
                rows=declared_rows - 1 if declared_rows else None,
                columns=declared_columns,
                where=where,
            )
            first = False
        cut = data.rfind(b"<")
        data, tail = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
        parts = _ROW.split(data)
        cells += count(parts[0])
        for part in parts[1:]:
            if cells > max_columns:
                break
            rows += 1
            number = _ROW_NUMBER.match(part)
            highest = int(number.group(1)) if number else rows
            if max(rows, highest) > max_rows + 1:  # the header is row 1
                raise _too_many_rows(file, where)
            cells = count(part)
        if cells > max_columns:
            raise _too_many_columns(
                file, _("sheet %(sheet)s, row %(row)d") % {"sheet": sheet, "row": rows}
            )


def _attributes(tag: bytes) -> dict[str, str]:
    return {
        name.decode().rsplit(":", 1)[-1]: html.unescape(
            value.decode("utf-8", "replace")
        )
        for name, value in _ATTRIBUTE.findall(tag)
    }


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet titles by their XML's path in the archive, as far as readable
    (read with patterns: no XML parser runs on the file before the checks)."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        attributes = _attributes(tag)
        target = attributes.get("Target", "").lstrip("/").removeprefix("xl/")
        targets[attributes.get("Id")] = "xl/" + target
    titles = {}
    for tag in _SHEET.findall(book):
        attributes = _attributes(tag)
        titles[targets.get(attributes.get("id"), "")] = attributes.get("name", "")
    return titles


def check_xlsx(path, *, file: str) -> None:
    """Refuse a workbook that is too large, unpacks too large or has a sheet
    with too many rows or columns, before openpyxl opens it (it reads every
    sheet once on opening). A file that is no zip is left to openpyxl."""
    check_size(file=file, size=path.stat().st_size)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        if problem := unpacked_problem(archive, file=file):
            raise ImportFailed([problem])
        titles = _sheet_titles(archive)
        for name in archive.namelist():
            if _SHEET_PATH.fullmatch(name):
                with archive.open(name) as source:
                    title = titles.get(name) or name.rsplit("/", 1)[-1]
                    scan_sheet(source, file=file, sheet=title)
