"""axe-core on the quality-cycle pages: the list, a station form (also with
its error summary), the result with the radar and the change table, the
prevention-standards summary and the state's overview."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from kette.core.models import PreventionStandard, Role, StationStandard
from kette.goals.services import quality as services
from tests.core.factories import MunicipalityFactory, UserFactory, user_with_role
from tests.goals.factories import make_goal, make_measure

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_quality_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    first = services.assessment_create(
        actor=None,
        municipality=municipality,
        data={"title": "Selbstbewertung 2024", "date": dt.date(2024, 3, 1)},
    )
    services.ratings_save(
        actor=None,
        assessment=first,
        entries={
            s.pk: {"rating": s.position % 5, "evidence": "Ratsbeschluss"}
            for s in StationStandard.objects.all()
        },
    )
    services.assessment_complete(actor=None, assessment=first)
    draft = services.assessment_create(
        actor=None,
        municipality=municipality,
        data={"title": "Selbstbewertung 2025", "date": dt.date(2025, 3, 1)},
        copy_latest=True,
    )
    make_measure(
        make_goal(municipality),
        "Elternrat gründen",
        prevention_standards=[PreventionStandard.objects.first()],
    )
    slug = municipality.slug
    standard = PreventionStandard.objects.first().code
    paths = [
        reverse("goals:quality_list", args=[slug]),
        reverse("goals:quality_create", args=[slug]),
        reverse("goals:quality_result", args=[slug, first.pk]),
        reverse("goals:quality_result", args=[slug, draft.pk]),
        reverse("goals:quality_update", args=[slug, draft.pk]),
        reverse("goals:prevention_standards", args=[slug]) + f"?standard={standard}",
    ]
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    failures = []
    for path in paths:
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path
    station = reverse("goals:quality_station", args=[slug, draft.pk, 1])
    if violations := run_axe(browser, live_server.url + station):
        failures.append(format_violations(station, violations))
    due = browser.find_element(By.CSS_SELECTOR, "input[name$='-due']")
    browser.execute_script("arguments[0].type = 'text'", due)
    due.clear()
    due.send_keys("kein Datum")
    browser.find_element(By.CSS_SELECTOR, "button[name=next]").click()
    assert "error-summary" in browser.page_source
    failures += axe_here(browser, station + " (errors)")

    browser.delete_all_cookies()
    log_in(browser, live_server.url, UserFactory(is_state_admin=True))
    state = reverse("goals:state_quality")
    if violations := run_axe(browser, live_server.url + state):
        failures.append(format_violations(state, violations))
    assert "<svg" in browser.page_source
    assert not failures, "\n\n".join(failures)
