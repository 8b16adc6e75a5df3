"""axe-core on the balance of goals and measures: a municipality's, and the
state's across municipalities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kette.core.models import FieldOfAction, MeasureType, Role
from kette.goals.services import measures as measure_services
from tests.core.factories import MunicipalityFactory, UserFactory, user_with_role
from tests.goals.factories import make_goal, make_measure, status

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_balance_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    goal = make_goal(municipality, "Eltern beteiligen")
    goal.fields_of_action.set(FieldOfAction.objects.all()[:2])
    types = list(MeasureType.objects.all())
    for number in range(6):
        make_measure(
            goal,
            f"Maßnahme {number}",
            measure_type=types[number % len(types)],
            on=dt.date(2024, 1 + number, 1),
        )
    measure_services.measure_status_update(
        actor=None,
        measure=goal.measures.first(),
        status=status("fully-implemented"),
        on=dt.date(2024, 9, 1),
    )
    failures = []
    for user, path in (
        (coordinator, reverse("goals:balance", args=[municipality.slug])),
        (UserFactory(is_state_admin=True), reverse("goals:state_balance")),
    ):
        browser.delete_all_cookies()
        log_in(browser, live_server.url, user)
        csp_violations(browser)
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert "<svg" in browser.page_source, path
        assert not csp_violations(browser), path
    assert not failures, "\n\n".join(failures)
