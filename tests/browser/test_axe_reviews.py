"""axe-core on the review pages: the personal review page behind a link (and
after saving), the coordinator's list, form (also with its error summary),
round and report; and answers given without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from kette.core.models import Role
from kette.goals.selectors import reviews as selectors
from kette.goals.services import reviews as services
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.goals.factories import make_goal, make_measure, status

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def submit_and_wait(browser, selector: str) -> None:
    """Click the button; look only once the answer has replaced the page."""
    button = browser.find_element(By.CSS_SELECTOR, selector)
    button.click()
    WebDriverWait(browser, 30).until(staleness_of(button))


def open_round():
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    responsible = user_with_role(municipality, Role.PROVIDER_EDITOR)
    goal = make_goal(municipality, "Eltern sind Erziehungspartner")
    measures = [
        make_measure(goal, "Elterncafés einrichten", responsible_person=responsible),
        make_measure(goal, "Elternbriefe verschicken", responsible_person=responsible),
    ]
    review_round = services.review_round_open(
        actor=coordinator,
        municipality=municipality,
        title="Quartalsreview Q1/2027",
        site_url="http://testserver/",
    )
    request = review_round.requests.get(user=responsible)
    return municipality, coordinator, review_round, request, measures


def test_the_review_pages_have_no_axe_violations(live_server, browser):
    municipality, coordinator, review_round, request, _measures = open_round()
    failures = []
    page = reverse("goals:review_answer", args=[selectors.review_token(request)])
    if violations := run_axe(browser, live_server.url + page):
        failures.append(format_violations(page, violations))
    submit_and_wait(browser, "form.review-answers button")
    assert browser.find_elements(By.CSS_SELECTOR, ".message--success")
    failures += axe_here(browser, "the review page after saving")

    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    slug = municipality.slug
    for path in (
        reverse("goals:review_list", args=[slug]),
        reverse("goals:review_open", args=[slug]),
        reverse("goals:review_detail", args=[slug, review_round.pk]),
        reverse("goals:review_report", args=[slug, review_round.pk]),
    ):
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
    browser.get(live_server.url + reverse("goals:review_open", args=[slug]))
    browser.find_element(By.ID, "id_title").clear()
    submit_and_wait(browser, "form.form button[type=submit]")
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    failures += axe_here(browser, "the review form with errors")
    assert not failures, "\n\n".join(failures)
    assert csp_violations(browser) == []


def test_answers_are_given_without_javascript(live_server, browser_without_javascript):
    _municipality, _coordinator, _round, request, measures = open_round()
    browser = browser_without_javascript
    page = reverse("goals:review_answer", args=[selectors.review_token(request)])
    browser.get(live_server.url + page)
    fully = status("fully-implemented")
    browser.find_element(
        By.CSS_SELECTOR, f"input[name=status_{measures[0].pk}][value='{fully.pk}']"
    ).click()
    browser.find_element(By.ID, f"id_comment_{measures[0].pk}").send_keys(
        "Drei Cafés laufen."
    )
    submit_and_wait(browser, "form.review-answers button")
    assert browser.find_elements(By.CSS_SELECTOR, ".message--success")
    measures[0].refresh_from_db()
    assert measures[0].status == fully
    assert (
        measures[0]
        .status_changes.filter(review_request=request, comment="Drei Cafés laufen.")
        .exists()
    )
