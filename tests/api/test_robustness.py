"""Every API answer is JSON in the error envelope, whatever is asked."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.routes import api_routes, url_for
from tests.core.factories import DistrictFactory
from tests.goals.factories import make_goal, make_measure
from tests.networks.factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
)
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/api/v1/municipalities/musterstadt/organisations/"


@pytest.fixture
def values(municipality, bound_organisation):
    offer = OfferFactory(municipality=municipality, organisation=bound_organisation)
    district = DistrictFactory(municipality=municipality, code="01")
    goal = make_goal(municipality)
    body = make_body(municipality)
    meeting = make_meeting(body)
    return {
        "municipality": municipality.slug,
        "organisation_id": bound_organisation.pk,
        "offer_id": offer.pk,
        "district_code": district.code,
        "vocabulary": "age-bands",
        "key": "no-such-key",
        "goal_id": goal.pk,
        "measure_id": make_measure(goal).pk,
        "body_id": body.pk,
        "member_id": make_member(body).pk,
        "meeting_id": meeting.pk,
        "action_id": make_action_item(meeting).pk,
    }


def assert_envelope(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert "json" in response["Content-Type"]
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert body["message"]
    return body


def as_token(user, make_token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user)}")
    return client


@pytest.mark.parametrize("caller", ["anonymous", "session", "token"])
def test_options_answers_on_every_api_url(values, people, make_token, caller):
    coordinator = people["coordinator"]
    client = as_token(coordinator, make_token) if caller == "token" else APIClient()
    if caller == "session":
        client.force_login(coordinator)

    for route in api_routes():
        response = client.options(url_for(route, values))

        assert response.status_code < 500, (route, response.content)
        if route != "api/v1/docs/":  # the documentation page is HTML
            assert "json" in response["Content-Type"], route


def test_options_names_the_allowed_methods_of_a_detail_url(api, values):
    response = api.options(url_for(ORGANISATIONS[1:] + "<organisation_id>/", values))

    assert response.status_code == 200
    assert {"GET", "PUT", "PATCH", "DELETE", "OPTIONS"} <= {
        method.strip() for method in response["Allow"].split(",")
    }
    assert "actions" not in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/municipalities/musterstadt/offers/not-a-uuid/",
        "/api/v1/municipalities/musterstadt/offers/not-a-uuid/submit/",
        "/api/v1/municipalities/musterstadt/organisations/abc/",
        "/api/v1/municipalities/musterstadt/nothing-here/",
        "/api/v1/no-such-endpoint/",
        "/api/v2/",
        "/api/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "delete", "options"])
def test_an_address_naming_nothing_is_a_json_404(api, municipality, url, method):
    assert_envelope(getattr(api, method)(url), 404)


def test_a_method_the_endpoint_lacks_is_a_json_405(api, municipality):
    assert_envelope(api.delete(ORGANISATIONS), 405)


def test_a_body_that_is_not_json_is_a_readable_400(people, make_token):
    response = as_token(people["coordinator"], make_token).post(
        ORGANISATIONS + "?lang=en", data='{"name": ', content_type="application/json"
    )

    body = assert_envelope(response, 400)
    assert "JSON" in body["message"]
    assert "parse error" not in body["message"].lower()
    assert "Expecting" not in body["message"]


def test_a_body_of_another_media_type_is_a_json_415(people, make_token):
    response = as_token(people["coordinator"], make_token).post(
        ORGANISATIONS, data="name=x", content_type="text/plain"
    )

    assert_envelope(response, 415)


def test_a_bug_is_a_logged_json_500(api, municipality, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("kette.core.selectors.organisation_list", broken)

    response = api.get(ORGANISATIONS)

    assert_envelope(response, 500)
    assert "bug" not in response.json()["message"]
    assert any(
        record.levelname == "ERROR" and record.exc_info for record in caplog.records
    )


# PostgreSQL refuses strings with NUL characters: they must not reach it.
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/municipalities/musterstadt/districts/0%001/",
        "/api/v1/municipalities/musterstadt/monitoring/indicators/x%00/",
    ],
)
def test_a_nul_character_in_the_path_is_a_json_404(api, municipality, url):
    assert_envelope(api.get(url), 404)


@pytest.mark.parametrize("query", ["q=a%00b", "sector=%00", "page=1%00"])
def test_a_nul_character_in_the_query_is_a_400_naming_it(api, municipality, query):
    body = assert_envelope(api.get(f"{ORGANISATIONS}?{query}"), 400)

    assert list(body["errors"]) == [query.split("=")[0]]


def test_a_nul_character_in_the_body_is_a_400_naming_the_field(people, make_token):
    response = as_token(people["coordinator"], make_token).post(
        ORGANISATIONS, {"name": "Null\x00Byte", "sector": "sport"}, format="json"
    )

    body = assert_envelope(response, 400)
    assert "name" in body["errors"]
