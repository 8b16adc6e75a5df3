"""axe-core finds no WCAG 2.1 A/AA violation on the pages that edit the
indicator catalogue (the form for one indicator, the catalogue upload)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .axe import format_violations, run_axe
from .chromium import log_in
from .sample_data import build_sample_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_catalogue_editing_pages_have_no_axe_violations(live_server, browser):
    city = build_sample_city()
    slug = city.coordinator.memberships.get().municipality.slug
    key = city.values["indicator_key"]
    paths = [
        reverse("monitoring:staff_catalogue", args=[slug]),
        reverse("monitoring:staff_indicator_create", args=[slug]),
        reverse("monitoring:staff_indicator_update", args=[slug, key]),
        reverse("monitoring:staff_catalogue_import", args=[slug]),
    ]
    log_in(browser, live_server.url, city.coordinator)
    failures = []
    for path in paths:
        violations = run_axe(browser, live_server.url + path)
        assert browser.current_url == live_server.url + path
        if violations:
            failures.append(format_violations(path, violations))
    assert not failures, "\n\n".join(failures)
