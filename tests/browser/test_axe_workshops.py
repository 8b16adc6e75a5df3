"""axe-core on the goal workshop pages: the ballot behind a personal link
(also with its error summary), the result, the workshop, the documentation,
the voting links and the backlog; and a ballot given without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from kette.core.models import Role
from kette.goals.selectors import workshops as selectors
from kette.goals.services import workshops as services
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.goals.workshop_data import seed_ballots, seed_workshop

from .axe import AXE_SECONDS, RUN_AXE, WCAG_TAGS, axe_source, format_violations, run_axe
from .chromium import csp_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def axe_here(browser, label: str) -> list[str]:
    """axe-core on the page the browser shows (e.g. the answer to a POST)."""
    browser.set_script_timeout(AXE_SECONDS)
    browser.execute_script(axe_source())
    outcome = browser.execute_async_script(RUN_AXE, list(WCAG_TAGS))
    return (
        [format_violations(label, outcome["violations"])]
        if outcome["violations"]
        else []
    )


def test_the_workshop_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    workshop, perspectives, participants = seed_workshop(municipality, coordinator)
    seed_ballots(perspectives, participants[1:])
    failures = []

    ballot = reverse(
        "goals:workshop_vote", args=[selectors.ballot_token(participants[0])]
    )
    if violations := run_axe(browser, live_server.url + ballot):
        failures.append(format_violations(ballot, violations))
    for perspective, dots in ((perspectives[0], "4"), (perspectives[1], "4")):
        browser.find_element(By.ID, f"id_perspective_{perspective.pk}").send_keys(dots)
    browser.find_element(By.CSS_SELECTOR, "form.ballot button[type=submit]").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    failures += axe_here(browser, "the ballot with errors")

    services.workshop_apply_cut(
        actor=coordinator, workshop=workshop, keep=4, reason="Später bearbeiten"
    )
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    slug = municipality.slug
    for path in (
        reverse("goals:workshop_result", args=[slug, workshop.pk]),
        reverse("goals:workshop_detail", args=[slug, workshop.pk]),
        reverse("goals:workshop_document", args=[slug, workshop.pk]),
        reverse("goals:workshop_links", args=[slug, workshop.pk]),
        reverse("goals:workshop_list", args=[slug]),
        reverse("goals:backlog_list", args=[slug]),
    ):
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
    assert not failures, "\n\n".join(failures)
    assert csp_violations(browser) == []


def test_a_ballot_is_given_without_javascript(live_server, browser_without_javascript):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    _workshop, perspectives, participants = seed_workshop(municipality)
    browser = browser_without_javascript
    ballot = reverse(
        "goals:workshop_vote", args=[selectors.ballot_token(participants[0])]
    )
    browser.get(live_server.url + ballot)
    field = browser.find_element(By.ID, f"id_perspective_{perspectives[2].pk}")
    field.clear()
    field.send_keys("3")
    browser.find_element(By.CSS_SELECTOR, "form.ballot button[type=submit]").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".message--success")
    assert selectors.ballot_of(participants[0]) == {perspectives[2].pk: 3}
