"""The page survey behind the browser tests finds pages by itself."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .public_pages import public_pages, routes, unfillable
from .sample_data import build_sample_city

pytestmark = pytest.mark.django_db


def test_every_route_keyword_has_a_sample_value():
    city = build_sample_city()

    assert unfillable(city.values) == [], (
        "add a value for these keyword names to tests/browser/sample_data.py"
    )


def test_the_walk_leaves_out_admin_api_and_language_switch():
    names = {route.name for route in routes()}

    assert reverse("admin:index") and reverse("api:openapi") and reverse("set_language")
    assert not names & {"admin:index", "api:openapi", "set_language"}
    assert {"core:home", "core:municipality"} <= names


def test_the_survey_finds_the_start_pages_as_public():
    city = build_sample_city()

    survey = public_pages(city.values)

    assert {"/", "/musterstadt/"} <= {page.path for page in survey.pages}, (
        survey.report()
    )
