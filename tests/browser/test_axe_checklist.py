"""axe-core on the Checkliste Netzwerkmanagement: the list with the course
over time, the start form, the answers form (also with its error summary),
the result with changes and next steps, and the delete confirmation; and on
"my tasks" with an overdue task and its calendar addresses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from kette.core.models import Role
from kette.networks.models import ChecklistItem
from kette.networks.services import checklist as services
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.networks.factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
    make_person,
)

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_checklist_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    body = make_body(municipality, "Stadtteilkonferenz Nord")
    items = list(ChecklistItem.objects.all()[:4])
    for year, rating in ((2024, "no"), (2025, "partly")):
        assessment = services.assessment_create(
            actor=None,
            municipality=municipality,
            body=body,
            assessed_on=dt.date(year, 1, 1),
        )
        services.answers_save(
            actor=None,
            assessment=assessment,
            entries={
                item.pk: {"rating": rating, "next_step": "Protokollvorlage einführen"}
                for item in items
            },
        )
    me = make_person(municipality, "Brandt", user=coordinator)
    make_member(body, person=me)
    make_action_item(
        make_meeting(body), responsible_person=me, due=dt.date(2025, 1, 31)
    )
    slug = municipality.slug
    paths = [
        reverse("networks:checklist_list", args=[slug]),
        reverse("networks:checklist_list", args=[slug]) + f"?body={body.pk}",
        reverse("networks:checklist_create", args=[slug]),
        reverse("networks:checklist_result", args=[slug, assessment.pk]),
        reverse("networks:checklist_update", args=[slug, assessment.pk]),
        reverse("networks:checklist_delete", args=[slug, assessment.pk]),
    ]
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    tasks = reverse("networks:my_tasks", args=[slug])
    browser.get(live_server.url + tasks)
    button = browser.find_element(
        By.CSS_SELECTOR, "#main form button[type=submit], main form button[type=submit]"
    )
    button.click()
    WebDriverWait(browser, 30).until(staleness_of(button))
    assert "/kalender/" in browser.page_source
    failures_tasks = axe_here(browser, tasks)
    failures = list(failures_tasks)
    for path in paths:
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path
    answers = reverse("networks:checklist_answers", args=[slug, assessment.pk])
    if violations := run_axe(browser, live_server.url + answers):
        failures.append(format_violations(answers, violations))
    # A comment on an item not rated yet: the error summary names the item.
    unrated = ChecklistItem.objects.exclude(pk__in=[item.pk for item in items]).first()
    browser.find_element(By.NAME, f"i{unrated.pk}-comment").send_keys("offen")
    button = browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]")
    button.click()
    # The answer replaces the page: look only once the old one is gone.
    WebDriverWait(browser, 30).until(staleness_of(button))
    assert "error-summary" in browser.page_source
    failures += axe_here(browser, answers + " (errors)")
    assert not failures, "\n\n".join(failures)
