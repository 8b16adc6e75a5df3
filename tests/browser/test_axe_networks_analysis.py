"""axe-core on the networks analysis: overlap, load and the network picture
(its SVG with title and description, and the tables beside it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kette.core.models import Role
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.networks.analysis_city import build_city

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_analysis_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    build_city(municipality)
    log_in(browser, live_server.url, user_with_role(municipality, Role.PLANNER))
    csp_violations(browser)
    failures = []
    for name in ("analysis_overlap", "analysis_load", "analysis_graph"):
        path = reverse(f"networks:{name}", args=[municipality.slug])
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path
    assert "<svg" in browser.page_source
    assert not failures, "\n\n".join(failures)
