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
from django.utils.safestring import SafeString

from .base import drawn


@dataclass(frozen=True)
class Cell:
    """One table cell: ``text`` as shown, ``value`` as written to CSV."""

    text: str
    value: object = None
    title: str = ""  # an explanation, e.g. why a figure is not shown
    colour: str = ""  # a swatch before the text (class colour)

    @property
    def plain(self) -> bool:
        """A figure with nothing around it: most cells, drawn the short way."""
        return self.value is not None and not self.title and not self.colour

    @property
    def numeric(self) -> bool:
        return self.value is not None

    @property
    def reason(self) -> str:
        """Why a figure is missing, read out after the cell's text."""
        return self.title if self.value is None else ""

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


def render_table(table: DataTable) -> SafeString:
    """The table as accessible HTML: caption, column headers, row headers
    (``kette_monitoring/charts/data_table.html``)."""
    return drawn("kette_monitoring/charts/data_table.html", "table", table)
