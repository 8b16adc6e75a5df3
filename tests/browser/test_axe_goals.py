"""axe-core on the goal pages: the tree, a SMART grid with measures, its
printable form, the status page of a measure (also with its error summary)
and the measure form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By

from kette.core.models import MeasureType, Role
from kette.goals.services import indicators as indicator_services
from tests.core.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    user_with_role,
)
from tests.goals.factories import make_goal, make_measure, status

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_goal_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    organisation = OrganisationFactory(municipality=municipality)
    top = make_goal(municipality, "Lückenlose Präventionskette")
    goal = make_goal(
        municipality,
        "Es gibt ein effektives Netzwerkmanagement",
        parent=top,
        description="Netzwerkstrukturen sind transparent.",
        measurement_criteria="Vereinheitlichte Protokollform",
    )
    measure = make_measure(
        goal,
        "Übersicht der Netzwerke erstellen",
        responsible_person=coordinator,
        cooperation_partners=[organisation],
        measure_type=MeasureType.objects.get(code="networking"),
        due=dt.date(2025, 6, 30),
        schedule_note="1. Halbjahr 2025",
    )
    make_measure(goal, "Begriffe vereinheitlichen")
    # The printable grid's table of indicators (goal and measure).
    for owner in ({"goal": goal}, {"measure": measure}):
        indicator = indicator_services.indicator_create(
            actor=None,
            municipality=municipality,
            level="output",
            name="Protokolle im Netzwerk",
            direction="higher_is_better",
            **owner,
        )
        indicator_services.target_set(
            actor=None, indicator=indicator, period="2025", value=12
        )
    slug = municipality.slug
    paths = [
        reverse("goals:goal_tree", args=[slug]),
        reverse("goals:goal_detail", args=[slug, goal.pk]),
        reverse("goals:goal_print", args=[slug, goal.pk]),
        reverse("goals:goal_create", args=[slug]),
        reverse("goals:measure_update", args=[slug, measure.pk]),
        reverse("goals:vision", args=[slug]),
    ]
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    failures = []
    for path in paths:
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path

    status_page = reverse("goals:measure_status", args=[slug, measure.pk])
    if violations := run_axe(browser, live_server.url + status_page):
        failures.append(format_violations(status_page, violations))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    field = browser.find_element(By.ID, "id_on")
    browser.execute_script(
        "arguments[0].value = arguments[1]", field, tomorrow.isoformat()
    )
    browser.find_element(
        By.CSS_SELECTOR, f"input[name=status][value='{status('fully-implemented').pk}']"
    ).click()
    browser.find_element(
        By.CSS_SELECTOR, ".staff-content form button[type=submit]"
    ).click()
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    failures += axe_here(browser, "the status form with errors")
    assert not failures, "\n\n".join(failures)
