"""The inventory of offers (Bestandsübersicht) under ``/<municipality>/intern/bestand/``.

Age band × field of action, city-wide or for one district, as a page whose
cells link to the public directory, and as CSV and XLSX downloads.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.districts import district_tree
from kette.core.models import District
from kette.core.tenancy import municipality_view

from ..forms.staff import InventoryFilterForm
from ..inventory import Inventory, inventory_csv, inventory_matrix, inventory_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _inventory(request: HttpRequest) -> tuple[InventoryFilterForm, Inventory]:
    municipality = request.municipality
    districts = district_tree(municipality=municipality).ordered()
    form = InventoryFilterForm(request.GET or None, districts=districts)
    try:
        inventory = inventory_matrix(
            municipality=municipality, district_code=form.district_code()
        )
    except District.DoesNotExist as exc:
        raise Http404(_("No such district here.")) from exc
    return form, inventory


def _filename(inventory: Inventory, extension: str) -> str:
    parts = [_("inventory"), inventory.municipality.slug]
    if inventory.district is not None:
        parts.append(inventory.district.code)
    return slugify("-".join(parts)) + "." + extension


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@municipality_view("offers.view_inventory")
@require_safe
def inventory_page(request: HttpRequest) -> HttpResponse:
    form, inventory = _inventory(request)
    query = (
        "?" + urlencode({"district": inventory.district.code})
        if inventory.district
        else ""
    )
    context = {"filter_form": form, "inventory": inventory, "download_query": query}
    return render(request, "kette_offers/staff/inventory.html", context)


@municipality_view("offers.view_inventory")
@require_safe
def inventory_csv_download(request: HttpRequest) -> HttpResponse:
    _form, inventory = _inventory(request)
    return _download(
        inventory_csv(inventory).encode("utf-8"),
        "text/csv; charset=utf-8",
        _filename(inventory, "csv"),
    )


@municipality_view("offers.view_inventory")
@require_safe
def inventory_xlsx_download(request: HttpRequest) -> HttpResponse:
    _form, inventory = _inventory(request)
    return _download(inventory_xlsx(inventory), XLSX, _filename(inventory, "xlsx"))
