"""A chart with its data table and CSV download: the unit every page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString
from django.utils.text import slugify

from ..charts import DataTable, fmt, render_table, table_csv
from ..models import Indicator, IndicatorKind


@dataclass
class Block:
    """One chart (or none, e.g. a map without geometries) and its table."""

    key: str  # names the CSV download: ?csv=<key>
    heading: str
    svg: SafeString | None
    table: DataTable
    csv_url: str = ""
    collapsed: bool = False  # a wide table shown folded (``<details>``)

    @property
    def table_html(self) -> SafeString:
        return render_table(self.table)


def with_csv_links(request: HttpRequest, blocks: list[Block]) -> list[Block]:
    for block in blocks:
        query = request.GET.copy()
        query["csv"] = block.key
        block.csv_url = f"{request.path}?{query.urlencode()}"
    return blocks


def csv_response(block: Block, name: str) -> HttpResponse:
    response = HttpResponse(
        table_csv(block.table), content_type="text/csv; charset=utf-8"
    )
    filename = slugify(f"{name}-{block.key}") or "monitoring"
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def decimals_of(indicator: Indicator) -> int:
    return 0 if indicator.kind == IndicatorKind.COUNT else 1


def shown(indicator: Indicator, value: float | None) -> str:
    """A figure as the page shows it, with the indicator's unit."""
    if value is None:
        return ""
    text = fmt(value, decimals_of(indicator))
    # a non-breaking space: "25,2 %" never breaks across lines
    return f"{text}\u00a0{indicator.unit}" if indicator.unit else text


def count_text(value: float | None) -> str:
    return "" if value is None else fmt(value, 0 if float(value).is_integer() else 1)
