"""The Django admin on districts and what goes with them when deleted."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from kette.core.models import (
    AgeBand,
    AuditEntry,
    District,
    DistrictPopulation,
    Role,
    Sector,
)
from tests.core.factories import (
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    square,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def district_form(district: District, **overrides) -> dict:
    data = {
        "parent": district.parent_id or "",
        "code": district.code,
        "name": district.name,
        "level_name": district.level_name,
        "geometry": json.dumps(district.geometry),
    }
    return data | overrides


def test_district_admin_moves_through_the_service(
    client, state_admin, municipality, other_municipality
):
    top = DistrictFactory(municipality=municipality, code="01")
    child = DistrictFactory(municipality=municipality, code="0101", parent=top, level=1)
    other_top = DistrictFactory(municipality=municipality, code="02")
    client.force_login(state_admin)
    url = reverse("admin:kette_core_district_change", args=[top.pk])
    page = client.get(url).content.decode()
    assert 'name="level"' not in page and 'name="municipality"' not in page

    for parent in (top, child):
        response = client.post(url, district_form(top, parent=parent.pk))
        assert response.status_code == 200
        assert "parent" in response.context["adminform"].form.errors
    foreign = DistrictFactory(municipality=other_municipality, code="99")
    response = client.post(url, district_form(top, parent=foreign.pk))
    assert "parent" in response.context["adminform"].form.errors
    assert not AuditEntry.objects.exists()

    data = district_form(
        top, parent=other_top.pk, level=0, municipality=other_municipality.pk
    )
    assert client.post(url, data).status_code == 302
    top.refresh_from_db()
    child.refresh_from_db()
    assert (top.parent, top.level, top.municipality) == (other_top, 1, municipality)
    assert child.level == 2
    assert AuditEntry.objects.count() == 2  # the district and the one below


def test_district_admin_keeps_the_bounding_box_with_the_geometry(
    client, state_admin, municipality
):
    client.force_login(state_admin)
    response = client.post(
        reverse("admin:kette_core_district_add"),
        {
            "municipality": municipality.pk,
            "parent": "",
            "code": "07",
            "name": "Nord",
            "level_name": "Stadtbezirk",
            "geometry": json.dumps(square(7.0, 51.0, size=0.5)),
        },
    )
    assert response.status_code == 302
    district = District.objects.get(code="07")
    assert (district.level, district.min_lon, district.max_lat) == (0, 7.0, 51.5)
    assert AuditEntry.objects.get().action == "create"
    url = reverse("admin:kette_core_district_change", args=[district.pk])
    data = district_form(district, geometry=json.dumps(square(8.0, 52.0)))
    assert client.post(url, data).status_code == 302
    district.refresh_from_db()
    assert (district.min_lon, district.min_lat) == (8.0, 52.0)
    assert "(WGS 84)" in client.get(url).content.decode()


def test_population_figures_stay_with_their_district(
    client, state_admin, municipality, other_municipality
):
    district = DistrictFactory(municipality=municipality)
    foreign = DistrictFactory(municipality=other_municipality)
    band = AgeBand.objects.get(code="3-6")
    row = DistrictPopulation.objects.create(
        district=district, year=2024, age_band=band, count=10
    )
    client.force_login(state_admin)
    url = reverse("admin:kette_core_districtpopulation_change", args=[row.pk])
    data = {"district": foreign.pk, "year": 2024, "age_band": band.pk, "count": 12}
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert (row.district, row.count) == (district, 12)


# --- deleting records with everything that hangs on them ----------------------


def test_deleting_a_district_records_its_population_figures(
    client, state_admin, municipality
):
    district = DistrictFactory(municipality=municipality)
    for code in ("0-3", "3-6"):
        DistrictPopulation.objects.create(
            district=district,
            year=2024,
            age_band=AgeBand.objects.get(code=code),
            count=5,
        )
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_district_delete", args=[district.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_type == "kette_core.District"
    assert entry.changes["cascade"] == {"kette_core.DistrictPopulation": 2}
    assert entry.changes["code"] == [district.code, None]


def test_deleting_a_municipality_records_what_went_with_it(client, state_admin):
    town = MunicipalityFactory(slug="weg", name="Wegstadt")
    district = DistrictFactory(municipality=town)
    DistrictPopulation.objects.create(
        district=district, year=2024, age_band=AgeBand.objects.get(code="3-6"), count=5
    )
    OrganisationFactory.create_batch(2, municipality=town)
    user_with_role(town, Role.COORDINATOR)
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_municipality_delete", args=[town.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_repr == "Wegstadt"
    assert entry.changes["cascade"] == {
        "kette_core.District": 1,
        "kette_core.DistrictPopulation": 1,
        "kette_core.Membership": 1,
        "kette_core.Organisation": 2,
    }


def test_deleting_a_vocabulary_entry_without_dependants_records_no_cascade(
    client, state_admin
):
    sector = Sector.objects.create(code="neu", label_de="Neu", label_en="New")
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_sector_delete", args=[sector.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert "cascade" not in AuditEntry.objects.get(action="delete").changes
