from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.models import AgeBand, DistrictPopulation, Role
from tests.core.factories import DistrictFactory, user_with_role

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/{slug}/districts/"


@pytest.fixture
def districts(municipality):
    """Two Stadtbezirke with three Stadtteile below them, with population."""
    north = DistrictFactory(
        municipality=municipality, code="1", name="Nord", level_name="Stadtbezirk"
    )
    south = DistrictFactory(
        municipality=municipality, code="2", name="Süd", level_name="Stadtbezirk"
    )
    parts = [
        DistrictFactory(
            municipality=municipality,
            code=code,
            name=name,
            level=1,
            level_name="Stadtteil",
            parent=parent,
        )
        for code, name, parent in (
            ("1.1", "Altstadt", north),
            ("1.2", "Hafen", north),
            ("2.1", "Südpark", south),
        )
    ]
    band = AgeBand.objects.get(code="0-3")
    for district in [north, south, *parts]:
        DistrictPopulation.objects.create(
            district=district, year=2024, age_band=band, count=4321
        )
    return {"north": north, "south": south, "parts": parts}


def test_districts_are_a_geojson_feature_collection(api, districts):
    response = api.get(URL.format(slug="musterstadt"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert [f["id"] for f in body["features"]] == ["1", "2", "1.1", "1.2", "2.1"]
    feature = body["features"][2]
    assert feature == {
        "type": "Feature",
        "id": "1.1",
        "properties": {
            "code": "1.1",
            "name": "Altstadt",
            "level": 1,
            "level_name": "Stadtteil",
            "parent": "1",
        },
        "geometry": districts["parts"][0].geometry,
    }
    assert body["features"][0]["properties"]["parent"] is None


def test_plain_json_is_served_when_asked_for(api, districts):
    response = api.get(URL.format(slug="musterstadt"), HTTP_ACCEPT="application/json")

    assert response["Content-Type"] == "application/json"
    assert response.json()["type"] == "FeatureCollection"


def test_a_district_without_geometry_has_null_geometry(api, municipality):
    no_box = dict.fromkeys(("min_lon", "min_lat", "max_lon", "max_lat"))
    DistrictFactory(municipality=municipality, code="X", geometry=None, **no_box)

    feature = api.get(URL.format(slug="musterstadt") + "X/").json()

    assert feature["geometry"] is None


def test_level_filters_the_districts(api, districts):
    response = api.get(URL.format(slug="musterstadt"), {"level": 1})

    assert [f["id"] for f in response.json()["features"]] == ["1.1", "1.2", "2.1"]


@pytest.mark.parametrize("level", ["eins", "-1"])
def test_a_bad_level_is_400_naming_the_parameter(api, districts, level):
    response = api.get(URL.format(slug="musterstadt"), {"level": level})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["level"]


def test_an_unknown_include_is_400(api, districts):
    response = api.get(URL.format(slug="musterstadt"), {"include": "secrets"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["include"]


def test_one_district_is_a_feature(api, districts):
    response = api.get(URL.format(slug="musterstadt") + "1.2/")

    assert response.status_code == 200
    feature = response.json()
    assert feature["type"] == "Feature"
    assert feature["id"] == "1.2"
    assert feature["properties"]["parent"] == "1"


def test_an_unknown_district_code_is_404(api, districts):
    response = api.get(URL.format(slug="musterstadt") + "9.9/")

    assert response.status_code == 404
    assert set(response.json()) == {"message", "errors"}


def test_the_public_never_sees_population_figures(api, districts):
    listing = api.get(URL.format(slug="musterstadt")).json()
    one = api.get(URL.format(slug="musterstadt") + "1/").json()

    assert all("population" not in f["properties"] for f in listing["features"])
    assert "population" not in one["properties"]
    assert "4321" not in str(listing)


def test_anonymous_asking_for_population_is_401(api, districts):
    for url in (URL.format(slug="musterstadt"), URL.format(slug="musterstadt") + "1/"):
        response = api.get(url, {"include": "population"})

        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Bearer"
        assert "4321" not in response.content.decode()


@pytest.mark.parametrize(
    "role", [Role.COORDINATOR, Role.PLANNER, Role.NETWORK_LEAD, Role.PROVIDER_EDITOR]
)
def test_members_see_population_figures_on_request(
    api_as, municipality, districts, role
):
    client = api_as(user_with_role(municipality, role))

    body = client.get(URL.format(slug="musterstadt"), {"include": "population"}).json()
    one = client.get(
        URL.format(slug="musterstadt") + "1/", {"include": "population"}
    ).json()

    assert body["features"][0]["properties"]["population"] == [
        {"year": 2024, "age_band": "0-3", "count": 4321}
    ]
    assert one["properties"]["population"][0]["count"] == 4321


def test_the_state_admin_sees_population_figures(api_as, districts, state_admin):
    response = api_as(state_admin).get(
        URL.format(slug="musterstadt"), {"include": "population"}
    )

    assert response.status_code == 200
    assert "population" in response.json()["features"][0]["properties"]


def test_a_member_of_another_municipality_gets_403_for_population(
    api_as, districts, other_municipality
):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    client = api_as(stranger)

    for url in (URL.format(slug="musterstadt"), URL.format(slug="musterstadt") + "1/"):
        response = client.get(url, {"include": "population"})

        assert response.status_code == 403, url
        assert "4321" not in response.content.decode()


def test_another_municipalitys_district_code_is_404(api, districts, other_municipality):
    DistrictFactory(municipality=other_municipality, code="B-7")

    assert api.get(URL.format(slug="musterstadt") + "B-7/").status_code == 404
    assert api.get(URL.format(slug="nachbarstadt") + "B-7/").status_code == 200
    assert api.get(URL.format(slug="nachbarstadt")).json()["features"][0]["id"] == "B-7"


def count_queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_districts(
    api_as, municipality, districts, coordinator
):
    client = api_as(coordinator)
    url = URL.format(slug="musterstadt")
    few = count_queries(client, url, {"include": "population"})
    band = AgeBand.objects.get(code="3-6")
    for number in range(10):
        district = DistrictFactory(
            municipality=municipality,
            code=f"3.{number}",
            level=1,
            parent=districts["south"],
        )
        DistrictPopulation.objects.create(
            district=district, year=2024, age_band=band, count=10
        )

    many = count_queries(client, url, {"include": "population"})

    assert many == few
