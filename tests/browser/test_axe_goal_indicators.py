"""axe-core on the goal indicator pages: the indicator with its chart, table
and value forms (also with an error summary), its form, and the goal page
listing it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from kette.core.models import Role
from kette.goals.services import indicators as services
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.goals.factories import make_goal, make_measure

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_indicator_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    goal = make_goal(municipality, "Präventionsangebote wirken")
    measure = make_measure(goal, "Sprachförderung in Kitas ausbauen")
    indicator = services.indicator_create(
        actor=coordinator,
        municipality=municipality,
        goal=goal,
        level="outcome",
        name="Kinder mit Sprachförderbedarf",
        unit="%",
        direction="lower_is_better",
        baseline_value=27.0,
        baseline_period="2022",
    )
    for period, value in (("2023", 26), ("2024", 25), ("2025", 24)):
        services.target_set(
            actor=coordinator, indicator=indicator, period=period, value=value
        )
    for period, value in (("2023", 25.5), ("2024", 25.4)):
        services.actual_record(
            actor=coordinator, indicator=indicator, period=period, value=value
        )
    slug = municipality.slug
    detail = reverse("goals:indicator_detail", args=[slug, indicator.pk])
    paths = [
        detail,
        reverse("goals:indicator_update", args=[slug, indicator.pk]),
        reverse("goals:goal_indicator_create", args=[slug, goal.pk]),
        reverse("goals:measure_indicator_create", args=[slug, measure.pk]),
        reverse("goals:indicator_delete", args=[slug, indicator.pk]),
        reverse("goals:goal_detail", args=[slug, goal.pk]),
        reverse("goals:measure_status", args=[slug, measure.pk]),
    ]
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    failures = []
    for path in paths:
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path

    browser.get(live_server.url + detail)
    browser.find_element(By.ID, "id_target-period").send_keys("2025-Q9")
    browser.find_element(By.ID, "id_target-value").send_keys("3")
    browser.find_element(
        By.CSS_SELECTOR, "form input[name=action][value=target] ~ .form__actions button"
    ).click()
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    failures += axe_here(browser, "the target form with errors")
    assert not failures, "\n\n".join(failures)
