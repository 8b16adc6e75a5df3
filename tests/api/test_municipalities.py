from __future__ import annotations

import pytest

from tests.core.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_api_root_links_the_entry_points(api):
    response = api.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {
        "municipalities": "http://testserver/api/v1/municipalities/",
        "vocabularies": "http://testserver/api/v1/vocabularies/",
        "openapi": "http://testserver/api/v1/openapi.json",
    }


def test_anyone_lists_municipalities_by_name(api, municipality, other_municipality):
    response = api.get("/api/v1/municipalities/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [m["slug"] for m in body["results"]] == ["musterstadt", "nachbarstadt"]
    first = body["results"][0]
    assert first == {
        "slug": "musterstadt",
        "name": "Musterstadt",
        "ags": "05999000",
        "kind": "kreisfreie_stadt",
        "kind_label": first["kind_label"],
        "state": "05",
        "state_name": "Nordrhein-Westfalen",
        "url": "http://testserver/api/v1/municipalities/musterstadt/",
        "districts_url": "http://testserver/api/v1/municipalities/musterstadt/districts/",
        "organisations_url": (
            "http://testserver/api/v1/municipalities/musterstadt/organisations/"
        ),
    }
    assert "kreisfreie Stadt" in first["kind_label"]


def test_anyone_reads_one_municipality(api, municipality):
    response = api.get("/api/v1/municipalities/musterstadt/")

    assert response.status_code == 200
    assert response.json()["ags"] == "05999000"


def test_an_unknown_municipality_is_404_in_the_error_envelope(api, municipality):
    for url in (
        "/api/v1/municipalities/nirgendwo/",
        "/api/v1/municipalities/nirgendwo/districts/",
        "/api/v1/municipalities/nirgendwo/organisations/",
    ):
        response = api.get(url)

        assert response.status_code == 404, url
        assert set(response.json()) == {"message", "errors"}
        assert response.json()["errors"] == {}


def test_a_municipality_without_an_ags_answers_null(api):
    MunicipalityFactory(slug="ohne-eins", ags=None)
    MunicipalityFactory(slug="ohne-zwei", ags=None)

    response = api.get("/api/v1/municipalities/ohne-zwei/")

    assert response.status_code == 200
    assert response.json()["ags"] is None
