"""The inventory matrix: overlap semantics, totals, districts, CSV and XLSX."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kette.core.models import FieldOfAction, Role
from kette.offers.filters import OfferQuery
from kette.offers.inventory import NO_FIELD, inventory_matrix
from kette.offers.models import OfferStatus
from kette.offers.search.index import index_offers
from kette.offers.selectors.public import search_offers
from tests.core.factories import DistrictFactory, user_with_role
from tests.offers.factories import OfferFactory, OfferLocationFactory

pytestmark = pytest.mark.django_db

BANDS = ["0-3", "3-6", "6-10", "10-14", "14-18", "18-27"]


@pytest.fixture
def city(municipality):
    """Seven offers with known ages, fields and districts (see each comment)."""
    old_town = DistrictFactory(municipality=municipality, code="01", name="Altstadt")
    market = DistrictFactory(
        municipality=municipality, code="01-1", name="Markt", parent=old_town, level=1
    )
    north = DistrictFactory(municipality=municipality, code="02", name="Nord")

    def offer(title, low, high, fields=(), district=None, **extra):
        made = OfferFactory(
            municipality=municipality,
            title=title,
            min_age_months=low,
            max_age_months=high,
            **extra,
        )
        made.fields_of_action.set(FieldOfAction.objects.filter(code__in=fields))
        if district is not None:
            OfferLocationFactory(offer=made, district=district)
        index_offers([made.pk])  # the fields were set behind the services' back
        return made

    offer("A", 0, 36, ["health", "sport"], market)  # 0-3 only: 36 is exclusive
    offer("B", 24, 84, ["health"], north)  # 0-3, 3-6, 6-10
    offer("C", None, None, [], old_town)  # every band, no field
    offer("D", 0, 36, ["health"], market, status=OfferStatus.DRAFT)  # not counted
    offer("E", -9, 0, ["youth-welfare"])  # pregnancy only, no place
    offer("F", 300, 400, ["culture"])  # 18-27
    offer("G", 400, 500, ["culture"])  # older than every band
    return municipality


def matrix(inventory) -> dict:
    codes = [column.code for column in inventory.columns]
    cells = {
        (row.code, code): cell.count
        for row in inventory.rows
        for code, cell in zip(codes, row.cells, strict=True)
    }
    return {
        "cells": cells,
        "rows": {row.code: row.total.count for row in inventory.rows},
        "columns": {
            code: cell.count
            for code, cell in zip(codes, inventory.column_totals, strict=True)
        },
        "total": inventory.total.count,
    }


def test_offers_count_in_every_band_they_overlap_and_every_field(city):
    m = matrix(inventory_matrix(municipality=city))
    assert [m["cells"][(band, "health")] for band in BANDS] == [2, 1, 1, 0, 0, 0]
    assert m["cells"][("0-3", "sport")] == 1
    assert m["cells"][("0-3", "youth-welfare")] == 1
    assert m["cells"][("3-6", "youth-welfare")] == 0
    assert [m["cells"][(band, NO_FIELD)] for band in BANDS] == [1] * 6
    assert m["cells"][("18-27", "culture")] == 1


def test_totals_count_each_offer_once(city):
    m = matrix(inventory_matrix(municipality=city))
    # A is in health and sport, but the 0-3 row counts it once: A, B, C, E.
    assert m["rows"] == {
        "0-3": 4,
        "3-6": 2,
        "6-10": 2,
        "10-14": 1,
        "14-18": 1,
        "18-27": 2,
    }
    # B is in three bands, but the health column counts it once: A, B.
    assert m["columns"]["health"] == 2
    assert m["columns"]["culture"] == 1  # G is older than every band
    assert m["columns"][NO_FIELD] == 1
    assert m["total"] == 5  # A, B, C, E, F


def test_a_district_includes_its_sub_districts(city):
    old_town = matrix(inventory_matrix(municipality=city, district_code="01"))
    assert old_town["total"] == 2  # A (in Markt) and C
    assert old_town["cells"][("0-3", "health")] == 1
    assert (
        matrix(inventory_matrix(municipality=city, district_code="01-1"))["total"] == 1
    )
    north = matrix(inventory_matrix(municipality=city, district_code="02"))
    assert north["rows"]["6-10"] == 1 and north["total"] == 1


@pytest.mark.parametrize("district", ["", "01", "02"])
def test_each_number_matches_the_directory_it_links_to(city, district):
    inventory = inventory_matrix(municipality=city, district_code=district)
    for row in inventory.rows:
        for column, cell in zip(inventory.columns, row.cells, strict=True):
            if not column.code:
                assert not cell.url
                continue
            query = OfferQuery(age_band=row.code, field=column.code, district=district)
            assert search_offers(municipality=city, query=query).count == cell.count
            assert f"age_band={row.code}" in cell.url
            assert f"field={column.code}" in cell.url
            assert (f"district={district}" in cell.url) is bool(district)
        query = OfferQuery(age_band=row.code, district=district)
        assert search_offers(municipality=city, query=query).count == row.total.count


def test_the_page_links_cells_to_the_public_directory(client, city, coordinator):
    client.force_login(coordinator)
    page = client.get(
        reverse("offers_staff:inventory", args=[city.slug]), {"district": "01"}
    ).content.decode()
    assert (
        "/musterstadt/angebote/?age_band=0-3&amp;field=health&amp;district=01" in page
    )
    assert "Altstadt" in page
    cell = inventory_matrix(municipality=city, district_code="01").rows[0].cells[0]
    assert client.get(cell.url).status_code == 200
    assert "bestand.csv?district=01" in page


def test_csv_has_german_headers_and_totals(client, city, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("offers_staff:inventory_csv", args=[city.slug]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="bestand-musterstadt.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[0] == "Altersgruppe" and header[-1].startswith("Gesamt")
    assert "Gesundheit" in header and "Sport und Bewegung" in header
    health = header.index("Gesundheit")
    assert rows[1][0] == "Schwangerschaft bis 3 Jahre"
    assert rows[1][health] == "2" and rows[1][-1] == "4"
    assert rows[-1][0].startswith("Gesamt")
    assert rows[-1][health] == "2" and rows[-1][-1] == "5"


def test_xlsx_opens_with_a_title_row_headers_and_numbers(client, city, coordinator):
    client.force_login(coordinator)
    response = client.get(
        reverse("offers_staff:inventory_xlsx", args=[city.slug]), {"district": "01"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="bestand-musterstadt-01.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert "Musterstadt, Altstadt" in values[0][0]
    header = values[3]
    assert header[0] == "Altersgruppe" and "Gesundheit" in header
    health = header.index("Gesundheit")
    assert values[4][0] == "Schwangerschaft bis 3 Jahre"
    assert values[4][health] == 1 and isinstance(values[4][health], int)
    assert values[-1][-1] == 2
    assert sheet.freeze_panes == "B5"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COORDINATOR, 200),
        (Role.PLANNER, 200),
        (Role.PROVIDER_EDITOR, 403),
        (Role.NETWORK_LEAD, 403),
    ],
)
def test_who_sees_the_inventory(client, municipality, role, status):
    client.force_login(user_with_role(municipality, role))
    for name in ("inventory", "inventory_csv", "inventory_xlsx"):
        response = client.get(reverse(f"offers_staff:{name}", args=[municipality.slug]))
        assert response.status_code == status, name


def test_an_unknown_district_shows_the_whole_municipality(client, city, coordinator):
    client.force_login(coordinator)
    response = client.get(
        reverse("offers_staff:inventory", args=[city.slug]), {"district": "99"}
    )
    assert response.status_code == 200
    assert 'id="id_district_error"' in response.content.decode()
