"""axe-core on the pages of setting up: the state admin's new-municipality page,
inviting people, the members with their roles and removing one, the HSDS
import and export (the coordinator's survey in test_axe.py reaches only some)."""

from __future__ import annotations

import pytest

from kette.core.models import Role
from tests.core.factories import UserFactory, user_with_role

from .axe import format_violations, run_axe
from .chromium import log_in
from .sample_data import build_sample_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_setting_up_pages_have_no_axe_violations(live_server, browser):
    city = build_sample_city()
    municipality = city.coordinator.memberships.get().municipality
    planner = user_with_role(municipality, Role.PLANNER).memberships.get()
    pages = [
        (UserFactory(username="land", is_state_admin=True), "/kommunen/neu/"),
        (
            city.coordinator,
            f"/{municipality.slug}/intern/mitglieder/{planner.pk}/entfernen/",
        ),
        (city.coordinator, f"/{municipality.slug}/intern/mitglieder/einladen/"),
        (city.coordinator, f"/{municipality.slug}/intern/angebote/hsds/"),
        (city.coordinator, f"/{municipality.slug}/intern/mitglieder/"),
        (city.coordinator, f"/{municipality.slug}/intern/"),
    ]
    failures = []
    for user, path in pages:
        log_in(browser, live_server.url, user)
        violations = run_axe(browser, live_server.url + path)
        # The page itself, not a login or set-up page it sent us to.
        assert browser.current_url == live_server.url + path
        if violations:
            failures.append(format_violations(path, violations))
    assert not failures, "\n\n".join(failures)
