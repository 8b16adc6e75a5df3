"""The OpenAPI 3 document: valid, complete, described."""

from __future__ import annotations

import pytest
from drf_spectacular.validation import validate_schema

from tests.api.routes import api_routes, openapi_path

pytestmark = pytest.mark.django_db

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(params=["de", "en"])
def document(api, request):
    response = api.get("/api/v1/openapi.json", {"lang": request.param})
    assert response.status_code == 200
    assert "json" in response["Content-Type"]
    return response.json()


def api_paths() -> set[str]:
    """Every path under /api/v1/ as OpenAPI spells it, from the URL resolver."""
    paths = {openapi_path(route) for route in api_routes()}
    paths -= {"/api/v1/openapi.json", "/api/v1/docs/"}
    return paths


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_the_document_is_valid_openapi_3(document):
    validate_schema(document)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "kette API"


def test_the_document_lists_every_endpoint(document):
    expected = api_paths()

    assert len(expected) >= 9
    assert set(document["paths"]) == expected


def test_the_document_lists_every_method(document):
    methods = {(path, method) for path, method, _op in operations(document)}
    organisation = (
        "/api/v1/municipalities/{municipality}/organisations/{organisation_id}/"
    )

    assert {(organisation, m) for m in ("get", "put", "patch", "delete")} <= methods
    assert ("/api/v1/municipalities/{municipality}/organisations/", "post") in methods


def test_every_operation_is_tagged_summarised_and_unique(document):
    tags = {tag["name"]: tag for tag in document["tags"]}
    ids = [op["operationId"] for _p, _m, op in operations(document)]

    assert len(ids) == len(set(ids))
    assert all(tag.get("description") for tag in tags.values())
    for path, method, operation in operations(document):
        assert operation.get("summary"), (path, method)
        assert set(operation["tags"]) <= set(tags), (path, method)


def test_errors_and_writes_are_described(document):
    schemas = document["components"]["schemas"]
    organisations = document["paths"][
        "/api/v1/municipalities/{municipality}/organisations/"
    ]

    assert set(schemas["Error"]["properties"]) == {"message", "errors"}
    assert {"400", "401", "403"} <= set(organisations["post"]["responses"])
    assert "requestBody" in organisations["post"]
    assert "PaginatedOrganisationList" in schemas


def test_districts_are_described_as_geojson(document):
    operation = document["paths"]["/api/v1/municipalities/{municipality}/districts/"][
        "get"
    ]
    schemas = document["components"]["schemas"]

    assert "application/geo+json" in operation["responses"]["200"]["content"]
    assert {p["name"] for p in operation["parameters"]} >= {"level", "include"}
    assert set(schemas["DistrictFeature"]["properties"]) == {
        "type",
        "id",
        "properties",
        "geometry",
    }


def test_an_indicators_licence_is_described(document):
    licence = document["components"]["schemas"]["Indicator"]["properties"]["licence"]
    assert licence["type"] == "string" and licence.get("readOnly")
    assert "dl-de/by-2-0" in licence["description"]


def test_bearer_tokens_and_sessions_are_security_schemes(document):
    schemes = document["components"]["securitySchemes"]

    assert schemes["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert "cookieAuth" in schemes
