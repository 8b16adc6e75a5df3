"""The offer endpoints are in the OpenAPI document, with parameters and bodies."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

OFFERS = "/api/v1/municipalities/{municipality}/offers/"
OFFER = OFFERS + "{offer_id}/"


@pytest.fixture
def document(api):
    return api.get("/api/v1/openapi.json", {"lang": "en"}).json()


def test_every_offer_route_and_method_is_documented(document):
    paths = document["paths"]

    assert set(paths[OFFERS]) >= {"get", "post"}
    assert set(paths[OFFER]) >= {"get", "put", "patch", "delete"}
    for step in ("submit", "approve", "return", "archive"):
        operation = paths[f"{OFFER}{step}/"]["post"]
        assert operation["operationId"] == f"offers_{step}"
        assert operation["tags"] == ["offers"]
        assert {"200", "401", "403", "404"} <= set(operation["responses"])
    assert "requestBody" in paths[f"{OFFER}return/"]["post"]


def test_the_search_documents_its_parameters_and_answer(document):
    operation = document["paths"][OFFERS]["get"]
    schemas = document["components"]["schemas"]

    assert {p["name"] for p in operation["parameters"]} >= {
        "municipality",
        "q",
        "age_months",
        "age_band",
        "life_phase",
        "field",
        "district",
        "language",
        "target_group",
        "free",
        "sort",
        "page",
        "page_size",
    }
    assert set(schemas["OfferSearch"]["properties"]) >= {
        "count",
        "results",
        "facets",
        "next",
        "previous",
    }
    assert set(schemas["OfferFacets"]["properties"]) == {
        "age_band",
        "life_phase",
        "field",
        "district",
        "language",
        "target_group",
        "free",
    }
    assert set(schemas["OfferSummary"]["properties"]) >= {
        "id",
        "url",
        "title",
        "summary",
        "organisation",
        "min_age_months",
        "max_age_months",
        "age_label",
        "locations",
        "languages",
        "fields",
    }


def test_writes_document_the_content_shape_and_the_202(document):
    item = document["paths"][OFFER]
    schemas = document["components"]["schemas"]

    assert "202" in item["patch"]["responses"] and "202" in item["put"]["responses"]
    assert {p["name"] for p in item["put"]["parameters"]} >= {"offer_id", "direct"}
    content = schemas["OfferContentRequest"]["properties"]
    assert {"title", "organisation", "locations", "schedules", "contacts"} <= set(
        content
    )
