"""axe-core on the pages around the grid files: the upload of grids (empty,
with the problems of a bad file, and with a preview) and the calendar
addresses of measure deadlines."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from kette.core.models import Role
from kette.goals.services.deadlines import feed_key_ensure
from tests.core.factories import MunicipalityFactory, user_with_role
from tests.goals.test_grid_import import oberhausen_rows, workbook

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in
from .test_axe_workshops import axe_here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def upload(browser, path) -> None:
    browser.find_element(By.ID, "id_file").send_keys(str(path))
    button = browser.find_element(By.CSS_SELECTOR, "button[value=preview]")
    button.click()
    # The answer replaces the page: look only once the old one is gone.
    WebDriverWait(browser, 30).until(staleness_of(button))


def test_the_grid_file_pages_have_no_axe_violations(live_server, browser, tmp_path):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    feed_key_ensure(actor=coordinator, municipality=municipality)
    slug = municipality.slug
    log_in(browser, live_server.url, coordinator)
    csp_violations(browser)
    failures = []
    for path in (
        reverse("goals:calendar_feeds", args=[slug]),
        reverse("goals:grid_import", args=[slug]),
    ):
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))
        assert not csp_violations(browser), path
    rows = oberhausen_rows()
    rows[0][8] = "bald"
    bad = tmp_path / "fehler.xlsx"
    bad.write_bytes(workbook(rows))
    upload(browser, bad)
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    failures += axe_here(browser, "the grid upload with problems")
    good = tmp_path / "raster.xlsx"
    good.write_bytes(workbook(oberhausen_rows()))
    browser.get(live_server.url + reverse("goals:grid_import", args=[slug]))
    upload(browser, good)
    assert browser.find_elements(By.CSS_SELECTOR, ".preview")
    failures += axe_here(browser, "the grid upload's preview")
    assert not failures, "\n\n".join(failures)
