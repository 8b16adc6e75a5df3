"""Every list of the API pages the same way: count, next, previous, results."""

from __future__ import annotations

import pytest

from tests.core.factories import OrganisationFactory
from tests.monitoring.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/municipalities/musterstadt/"
LISTS = {
    "organisations": "organisations/",
    "observations": "monitoring/observations/",
}


@pytest.fixture
def lists(municipality):
    """Five organisations and five published figures."""
    OrganisationFactory.create_batch(5, municipality=municipality)
    indicator = IndicatorFactory(municipality=municipality, key="poverty")
    for period in ("2020", "2021", "2022", "2023", "2024"):
        ObservationFactory(indicator=indicator, period=period, numerator=50)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_comes_in_pages_of_the_asked_size(api, lists, name):
    first = api.get(BASE + LISTS[name], {"page_size": 2})
    body = first.json()

    assert first.status_code == 200
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 2
    assert body["previous"] is None
    second = api.get(body["next"]).json()
    assert second["previous"]
    assert len(second["results"]) == 2
    assert second["results"] != body["results"]


@pytest.mark.parametrize("name", LISTS)
def test_a_page_past_the_last_is_a_json_404(api, lists, name):
    response = api.get(BASE + LISTS[name], {"page": 999, "page_size": 2})

    assert response.status_code == 404
    assert set(response.json()) == {"message", "errors"}


@pytest.mark.parametrize("name", LISTS)
def test_the_openapi_document_describes_the_pages(api, name):
    document = api.get("/api/v1/openapi.json").json()
    path = "/api/v1/municipalities/{municipality}/" + LISTS[name]
    operation = document["paths"][path]["get"]
    schema_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]
    schema = document["components"]["schemas"][schema_ref["$ref"].split("/")[-1]]

    assert {"page", "page_size"} <= {p["name"] for p in operation["parameters"]}
    assert {"count", "next", "previous", "results"} <= set(schema["properties"])
