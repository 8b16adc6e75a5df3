"""The browser harness itself: axe finds real violations, scripts really are off."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .axe import format_violations, run_axe
from .chromium import csp_violations, rendering_problems

pytestmark = pytest.mark.browser

BROKEN_PAGE = "<title>broken</title><main><h1>Hallo</h1><img src='x.png'></main>"
SCRIPTED_PAGE = (
    "<html lang='de'><title>scripted</title><main id='m'></main>"
    "<script>document.getElementById('m').innerHTML = '<h1>Hallo</h1>'</script>"
)


def data_url(html: str) -> str:
    return "data:text/html;charset=utf-8," + quote(html)


def test_run_axe_reports_a_missing_language_and_alt_text(browser):
    violations = run_axe(browser, data_url(BROKEN_PAGE))

    assert {"html-has-lang", "image-alt"} <= {v["id"] for v in violations}
    message = format_violations("broken page", violations)
    assert "image-alt" in message
    assert "<img" in message


def test_the_browser_without_javascript_runs_no_scripts(
    browser, browser_without_javascript
):
    assert rendering_problems(browser, data_url(SCRIPTED_PAGE)) == []
    assert rendering_problems(browser_without_javascript, data_url(SCRIPTED_PAGE)) == [
        "no <h1> with text"
    ]


CSP_PAGE = (
    "<html lang='de'><meta http-equiv='Content-Security-Policy' "
    "content=\"style-src 'self'\"><title>csp</title>"
    "<main><h1 style='color: red'>Hallo</h1></main>"
)


def test_csp_violations_are_read_from_the_console(browser):
    csp_violations(browser)  # forget earlier messages
    browser.get(data_url(CSP_PAGE))
    violations = csp_violations(browser)
    assert violations and "style-src" in violations[0]
    browser.get(data_url(BROKEN_PAGE))
    assert csp_violations(browser) == []
