"""axe-core on the registry pages: the list of bodies with its filters, the
nesting, a body with current and former members, the body and member forms
(also with an error summary), the people pages with the erasure
confirmation, and the public list and page of a network (no account)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from kette.core.models import Role
from tests.core.factories import (
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    user_with_role,
)
from tests.networks.factories import make_body, make_member, make_person

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_registry_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    organisation = OrganisationFactory(municipality=municipality)
    district = DistrictFactory(municipality=municipality, name="Nord")
    network = make_body(
        municipality,
        "Präventionsnetzwerk",
        is_public=True,
        topics=["Sprache"],
        contact_email="netzwerk@example.org",
    )
    body = make_body(
        municipality,
        "Stadtteilkonferenz Nord",
        parent=network,
        city_wide=False,
        districts=[district],
        is_public=True,
    )
    person = make_person(
        municipality, "Schneider", email="s@example.org", organisation=organisation
    )
    member = make_member(body, person=person, role="lead")
    make_member(
        body,
        organisation=organisation,
        joined_on=dt.date(2019, 1, 1),
        left_on=dt.date(2020, 1, 1),
    )
    slug = municipality.slug

    def url(name: str, *args) -> str:
        return reverse(f"networks:{name}", args=[slug, *args])

    failures = []
    for path in (url("public_list"), url("public_detail", body.pk)):
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    paths = [
        url("body_list"),
        url("body_list") + "?status=active&district=" + district.code,
        url("body_tree"),
        url("body_detail", body.pk),
        url("body_update", body.pk),
        url("body_delete", network.pk),
        url("member_add", body.pk),
        url("member_update", body.pk, member.pk),
        url("member_leave", body.pk, member.pk),
        url("member_delete", body.pk, member.pk),
        url("person_list"),
        url("person_create"),
        url("person_detail", person.pk),
        url("person_update", person.pk),
        url("person_erase", person.pk),
    ]
    for path in paths:
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path
    # A body without a name: the error summary names the field.
    create = url("body_create")
    if violations := run_axe(browser, live_server.url + create):
        failures.append(format_violations(create, violations))
    button = browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]")
    button.click()
    WebDriverWait(browser, 30).until(staleness_of(button))
    assert "error-summary" in browser.page_source
    failures += axe_here(browser, create + " (errors)")
    assert not failures, "\n\n".join(failures)
