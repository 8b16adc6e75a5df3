"""The API documentation page in a real browser: Swagger UI draws the
operations from the OpenAPI document, and the Content-Security-Policy refuses
nothing it needs."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .axe import AXE_SECONDS, WCAG_TAGS, axe_source, format_violations
from .chromium import csp_violations, rendering_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

URL = "/api/v1/docs/"
AXE_OUTSIDE_SWAGGER_UI = """
const done = arguments[arguments.length - 1];
axe.run({exclude: [["#swagger-ui"]]}, {
  runOnly: {type: "tag", values: arguments[0]},
  resultTypes: ["violations"],
}).then(
  (results) => done({violations: results.violations}),
  (error) => done({error: String(error)}),
);
"""


def test_swagger_ui_shows_the_operations_within_the_policy(live_server, browser):
    csp_violations(browser)  # forget earlier messages

    browser.get(live_server.url + URL)
    WebDriverWait(browser, 30).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".opblock")
    )

    summaries = [
        element.get_attribute("textContent")
        for element in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    ]
    assert any("/offers/" in summary for summary in summaries)
    assert csp_violations(browser) == []


def test_the_page_around_swagger_ui_has_no_axe_violations(live_server, browser):
    # Swagger UI itself is a third-party widget with known findings (contrast of
    # its method badges, buttons nested in buttons); the page's own text, links
    # and the link to the OpenAPI document are checked here.
    browser.get(live_server.url + URL)
    browser.set_script_timeout(AXE_SECONDS)
    browser.execute_script(axe_source())
    outcome = browser.execute_async_script(AXE_OUTSIDE_SWAGGER_UI, list(WCAG_TAGS))

    assert "error" not in outcome, outcome
    assert not outcome["violations"], format_violations(URL, outcome["violations"])


def test_the_page_renders_without_javascript(live_server, browser_without_javascript):
    assert rendering_problems(browser_without_javascript, live_server.url + URL) == []
