"""axe-core on a person's API token pages: the list on the account page, the
form for a new token and the page that shows it once."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from kette.core.models import Role
from kette.core.services.accounts import api_token_create
from tests.core.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    user_with_role,
)

from .axe import (
    AXE_SECONDS,
    RUN_AXE,
    WCAG_TAGS,
    axe_source,
    format_violations,
    run_axe,
)
from .chromium import csp_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_token_pages_have_no_axe_violations(live_server, browser):
    municipality = MunicipalityFactory(slug="musterstadt", ags=None)
    editor = user_with_role(
        municipality,
        Role.PROVIDER_EDITOR,
        organisations=[OrganisationFactory(municipality=municipality)],
    )
    api_token_create(actor=editor, user=editor, name="GIS-Export")
    log_in(browser, live_server.url, editor)
    csp_violations(browser)
    failures = []
    for path in ("/konto/", "/konto/api-token/neu/"):
        if violations := run_axe(browser, live_server.url + path):
            failures.append(format_violations(path, violations))

    browser.find_element(By.ID, "id_name").send_keys("Abgleich")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    assert browser.find_element(By.ID, "api-token").text.startswith("kt_")
    # The answer to the POST, checked where it is (loading its URL again
    # would show the form).
    browser.set_script_timeout(AXE_SECONDS)
    browser.execute_script(axe_source())
    outcome = browser.execute_async_script(RUN_AXE, list(WCAG_TAGS))
    if outcome["violations"]:
        failures.append(format_violations("the new token", outcome["violations"]))

    assert not failures, "\n\n".join(failures)
    assert csp_violations(browser) == []
