"""axe-core on the upload of networks and members: empty, with the problems
of a bad file, and with a preview."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from kette.core.models import Role
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.networks.test_import import workbook

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_goal_files import upload
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_registry_upload_has_no_axe_violations(live_server, browser, tmp_path):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    page = reverse("networks:registry_import", args=[municipality.slug])
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    failures = []
    if violations := run_axe(browser, live_server.url + page):
        failures.append(format_violations(page, violations))
    assert not csp_violations(browser), page
    bad = tmp_path / "fehler.xlsx"
    bad.write_bytes(workbook([["AG Sprache", "Kaffeekränzchen"]], []))
    upload(browser, bad)
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    failures += axe_here(browser, "the registry upload with problems")
    good = tmp_path / "netzwerke.xlsx"
    good.write_bytes(
        workbook(
            [["AG Sprache", "Projektgruppe"]],
            [["AG Sprache", "Ali", "Demir", "", "", "Mitglied", "", ""]],
        )
    )
    browser.get(live_server.url + page)
    upload(browser, good)
    assert browser.find_elements(By.CSS_SELECTOR, ".preview")
    failures += axe_here(browser, "the registry upload's preview")
    assert not failures, "\n\n".join(failures)
