"""The inventory of offers (seed 001, 1.1): age band × field of action.

An offer counts in every age band its age range overlaps (an open end
overlaps everything, as in the public directory's age filter) and in every
field of action it has; offers without a field are counted in a column of
their own. Row and column totals count each offer once, so a total is
usually less than the sum of its cells. Only published offers count.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core.models import AgeBand, District, FieldOfAction, Municipality

from .models import Offer, OfferLocation, OfferStatus
from .selectors.public import district_codes_below

NO_FIELD = ""


@dataclass
class Cell:
    count: int
    url: str = ""
    label: str = ""  # what the number counts, for screen readers


@dataclass
class Column:
    code: str  # NO_FIELD for offers without a field of action
    label: str


@dataclass
class InventoryRow:
    code: str
    label: str
    cells: list[Cell]
    total: Cell


@dataclass
class Inventory:
    municipality: Municipality
    district: District | None
    columns: list[Column]
    rows: list[InventoryRow]
    column_totals: list[Cell]
    total: Cell
    created: object = field(default_factory=timezone.localtime)

    @property
    def area(self) -> str:
        if self.district is None:
            return self.municipality.name
        return f"{self.municipality.name}, {self.district.name}"

    @property
    def title(self) -> str:
        return _("Published offers by age band and field of action – %(area)s") % {
            "area": self.area
        }


def directory_url(
    municipality: Municipality, *, age_band: str = "", field: str = "", district=""
) -> str:
    """The public directory filtered like an inventory cell."""
    path = f"/{municipality.slug}/angebote/"
    for name in ("offers:search", "offers:list"):
        try:
            path = reverse(name, kwargs={"municipality": municipality.slug})
        except NoReverseMatch:
            continue
        break
    query = {"age_band": age_band, "field": field, "district": district}
    query = {key: value for key, value in query.items() if value}
    return f"{path}?{urlencode(query)}" if query else path


def _overlaps(low: int | None, high: int | None, band: AgeBand) -> bool:
    return (low is None or low < band.max_months) and (
        high is None or high > band.min_months
    )


def inventory_matrix(
    *, municipality: Municipality, district_code: str = ""
) -> Inventory:
    """Counts of published offers per age band and field, optionally in a district.

    A district includes its sub-districts; an offer is in it when one of its
    places is.
    """
    district = None
    offers = Offer.objects.for_municipality(municipality).filter(
        status=OfferStatus.PUBLISHED
    )
    if district_code:
        district = District.objects.for_municipality(municipality).get(
            code=district_code
        )
        codes = district_codes_below(municipality=municipality, code=district_code)
        offers = offers.filter(
            pk__in=OfferLocation.objects.filter(
                district__municipality=municipality, district__code__in=codes
            ).values("offer_id")
        )
    ages: dict = {}
    fields_of: dict = {}
    for pk, low, high, code in offers.values_list(
        "pk", "min_age_months", "max_age_months", "fields_of_action__code"
    ):
        ages[pk] = (low, high)
        fields_of.setdefault(pk, set())
        if code:
            fields_of[pk].add(code)
    used = set().union(*fields_of.values()) if fields_of else set()
    columns = [
        Column(term.code, term.label)
        for term in FieldOfAction.objects.order_by("position", "code")
        if term.is_active or term.code in used
    ]
    columns.append(Column(NO_FIELD, _("No field of action")))
    bands = list(AgeBand.objects.filter(is_active=True).order_by("position", "code"))
    area = district.code if district else ""

    def link(count: int, label: str, **query: str) -> Cell:
        return Cell(count, directory_url(municipality, district=area, **query), label)

    rows = []
    column_sets: dict[str, set] = {column.code: set() for column in columns}
    everything: set = set()
    for band in bands:
        in_band = {pk for pk, (low, high) in ages.items() if _overlaps(low, high, band)}
        cells = []
        for column in columns:
            if column.code:
                ids = {pk for pk in in_band if column.code in fields_of[pk]}
                cells.append(
                    link(
                        len(ids),
                        f"{band.label}, {column.label}",
                        age_band=band.code,
                        field=column.code,
                    )
                )
            else:
                ids = {pk for pk in in_band if not fields_of[pk]}
                cells.append(Cell(len(ids)))
            column_sets[column.code] |= ids
        everything |= in_band
        rows.append(
            InventoryRow(
                band.code,
                band.label,
                cells,
                link(len(in_band), band.label, age_band=band.code),
            )
        )
    column_totals = [
        link(len(column_sets[c.code]), c.label, field=c.code)
        if c.code
        else Cell(len(column_sets[c.code]))
        for c in columns
    ]
    return Inventory(
        municipality=municipality,
        district=district,
        columns=columns,
        rows=rows,
        column_totals=column_totals,
        total=link(len(everything), _("all age bands and fields")),
    )


def _header(inventory: Inventory) -> list[str]:
    return (
        [_("Age band")]
        + [column.label for column in inventory.columns]
        + [_("Total (each offer once)")]
    )


def _body(inventory: Inventory) -> list[list]:
    lines = [
        [row.label] + [cell.count for cell in row.cells] + [row.total.count]
        for row in inventory.rows
    ]
    lines.append(
        [_("Total (each offer once)")]
        + [cell.count for cell in inventory.column_totals]
        + [inventory.total.count]
    )
    return lines


def inventory_csv(inventory: Inventory) -> str:
    """The matrix as CSV the way German Excel reads it: semicolons, a BOM."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(inventory))
    writer.writerows(_body(inventory))
    return out.getvalue()


def inventory_xlsx(inventory: Inventory) -> bytes:
    """The matrix as an Excel workbook with a title row, headers and totals."""
    # openpyxl loads lazily: it takes half a second to import, and only XLSX needs it.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import (  # noqa: PLC0415
        Alignment,
        Border,
        Font,
        PatternFill,
        Side,
    )
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = _("Inventory")[:31]
    header = _header(inventory)
    sheet.append([inventory.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            _("As of %(date)s. Offers count in every age band and field they cover.")
            % {"date": inventory.created.strftime("%d.%m.%Y %H:%M")}
        ]
    )
    sheet["A2"].font = Font(italic=True)
    sheet.append([])
    sheet.append(header)
    head_row = sheet.max_row
    fill = PatternFill("solid", fgColor="DDE6EE")
    for cell in sheet[head_row]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in _body(inventory):
        sheet.append(line)
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    last = sheet.max_row
    for cell in sheet[last]:
        cell.font = Font(bold=True)
        cell.border = Border(top=Side(style="thin"))
    sheet.column_dimensions["A"].width = 42
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
