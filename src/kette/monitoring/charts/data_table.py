"""The data table behind every chart, and its CSV download.

A chart never stands alone: the page shows its ``DataTable`` right after it
(the same figures, readable by screen readers and keyboard), and the CSV
download is written from the very same table, so the three cannot disagree.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Cell:
    """One table cell: ``text`` as shown, ``value`` as written to CSV."""

    text: str
    value: object = None
    title: str = ""  # an explanation, e.g. why a figure is not shown
    colour: str = ""  # a swatch before the text (class colour)

    @property
    def csv_value(self) -> object:
        return self.text if self.value is None else self.value


@dataclass(frozen=True)
class Row:
    header: Cell
    cells: tuple[Cell, ...]
    current: bool = False  # the row of the district the page is about


@dataclass
class DataTable:
    caption: str
    columns: list[str]  # the first names the row header column
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, header: Cell, *cells: Cell, current: bool = False) -> None:
        self.rows.append(Row(header, tuple(cells), current))


def _csv_text(value: object, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
        return text.replace(".", decimal) if decimal != "." else text
    text = str(value)
    # a text Excel would run as a formula (=, +, -, @) is written as text
    return "'" + text if text[:1] in FORMULA_STARTS else text


#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_csv(table: DataTable) -> str:
    """The table as CSV the way German Excel reads it: a BOM, semicolons, and
    the decimal separator of the active language."""
    decimal = str(get_format("DECIMAL_SEPARATOR"))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(
            [_csv_text(cell.csv_value, decimal) for cell in (row.header, *row.cells)]
        )
    return out.getvalue()


def _cell_html(cell: Cell) -> str:
    classes = ' class="numeric"' if cell.value is not None else ""
    title = f' title="{escape(cell.title)}"' if cell.title else ""
    swatch = (
        # SVG: a fill attribute is not inline style, which the CSP forbids.
        '<svg class="swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false">'
        f'<rect width="1" height="1" fill="{escape(cell.colour)}"/></svg> '
        if cell.colour
        else ""
    )
    reason = (
        f' <span class="visually-hidden">({escape(cell.title)})</span>'
        if cell.title and cell.value is None
        else ""
    )
    return f"<td{classes}{title}>{swatch}{escape(cell.text)}{reason}</td>"


def render_table(table: DataTable) -> SafeString:
    """The table as accessible HTML: caption, column headers, row headers.

    Written in Python rather than a template loop: an index table of a
    hundred districts has thousands of cells, and this is many times faster.
    """
    selected = escape(_("selected:"))
    out = [
        # a wide table scrolls: keyboard users reach it (WCAG 2.1.1)
        '<div class="table-scroll" tabindex="0" role="region" '
        f'aria-label="{escape(table.caption)}">'
        '<table class="table table--compact data-table">',
        f"<caption>{escape(table.caption)}</caption><thead><tr>",
        *(f'<th scope="col">{escape(column)}</th>' for column in table.columns),
        "</tr></thead><tbody>",
    ]
    for row in table.rows:
        marker = (
            f'<span class="visually-hidden">{selected} </span>' if row.current else ""
        )
        out.append(
            ('<tr class="data-table__current">' if row.current else "<tr>")
            + f'<th scope="row">{marker}{escape(row.header.text)}</th>'
            + "".join(_cell_html(cell) for cell in row.cells)
            + "</tr>"
        )
    out.append("</tbody></table></div>")
    out.extend(
        f'<p class="muted data-table__note">{escape(note)}</p>' for note in table.notes
    )
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
