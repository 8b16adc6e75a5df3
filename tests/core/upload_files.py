"""Crafted files for the upload limits: deep JSON, XLSX sheets whose XML is
written directly (a huge dimension, a header of many cells) and zip bombs."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>{rows}</sheetData></worksheet>"
)


def deep_json(depth: int = 50_000) -> bytes:
    """A JSON list nested ``depth`` deep: json.loads would hit RecursionError."""
    return b"[" * depth + b"]" * depth


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_with_sheet(rows_xml: str, *, dimension: str | None = None) -> bytes:
    """A valid workbook whose only sheet is ``rows_xml`` (``<row>`` elements)."""
    book = Workbook()
    book.active.title = "Daten"
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = SHEET.format(
        dimension=f'<dimension ref="{dimension}"/>' if dimension else "",
        rows=rows_xml,
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def xlsx_wide_header(cells: int) -> bytes:
    """A sheet whose first row holds ``cells`` header cells (no dimension)."""
    header = "".join(f"<c><v>{n}</v></c>" for n in range(cells))
    return xlsx_with_sheet(f'<row r="1">{header}</row>')


def xlsx_huge_dimension() -> bytes:
    """Two real rows, but a dimension claiming the whole sheet."""
    rows = (
        f'<row r="1">{_inline("A1", "district")}{_inline("B1", "period")}</row>'
        f'<row r="2">{_inline("A2", "01")}{_inline("B2", "2024")}</row>'
    )
    return xlsx_with_sheet(rows, dimension="A1:XFD1048576")


def xlsx_far_cell() -> bytes:
    """No dimension, but a cell in the last row and column of a sheet."""
    rows = (
        f'<row r="1">{_inline("A1", "district")}</row>'
        f'<row r="1048576">{_inline("XFD1048576", "x")}</row>'
    )
    return xlsx_with_sheet(rows)


def zip_bomb(member: str = "datapackage.json", size: int = 50 * 1024 * 1024) -> bytes:
    """A small zip whose one member unpacks to ``size`` bytes of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b" " * size)
    return out.getvalue()
