"""axe-core on meetings and the unified minutes: the body's meetings, a
meeting with its Wiedervorlage, the minutes editor, the approval and the
correction, the action item forms (also with an error summary), the
printable minutes and the members' read-only link (no account)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from kette.core.models import Role
from kette.networks.services import meetings, minutes
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.goals.factories import make_goal
from tests.networks.factories import make_action_item, make_body, make_meeting

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_minutes_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    make_goal(municipality)
    body = make_body(municipality, "Stadtteilkonferenz Nord")
    earlier = make_meeting(
        body,
        starts_at=dt.datetime(2025, 3, 4, 15, tzinfo=dt.UTC),
        agenda=["Bericht aus den Kitas"],
    )
    make_action_item(earlier, "Elternbrief übersetzen lassen")
    minutes.minutes_approve(actor=None, minutes=minutes.minutes_latest(earlier))
    token = meetings.meeting_share_renew(actor=None, meeting=earlier)
    later = make_meeting(body, starts_at=dt.datetime(2025, 6, 3, 15, tzinfo=dt.UTC))
    action = make_action_item(later, "Fortbildung planen")
    slug = municipality.slug

    def url(name: str, *args) -> str:
        return reverse(f"networks:{name}", args=[slug, *args])

    paths = [
        url("meeting_list", body.pk),
        url("meeting_create", body.pk),
        url("meeting_detail", earlier.pk),
        url("meeting_detail", later.pk),
        url("minutes_edit", later.pk),
        url("minutes_approve", later.pk),
        url("minutes_correct", earlier.pk),
        url("minutes_print", earlier.pk),
        url("action_status", later.pk, action.pk),
        url("action_to_measure", later.pk, action.pk),
        url("agenda_update", later.pk, later.agenda.first().pk),
    ]
    failures = []
    # The read-only link, without an account.
    shared = reverse("networks:minutes_shared", args=[token])
    if violations := run_axe(browser, live_server.url + shared):
        failures.append(format_violations(shared, violations))
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    for path in paths:
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path
    # An action item without a task: the error summary names the field.
    create = url("action_create", later.pk)
    if violations := run_axe(browser, live_server.url + create):
        failures.append(format_violations(create, violations))
    button = browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]")
    button.click()
    WebDriverWait(browser, 30).until(staleness_of(button))
    assert "error-summary" in browser.page_source
    failures += axe_here(browser, create + " (errors)")
    assert not failures, "\n\n".join(failures)
