"""The browser harness itself: axe finds real violations, scripts really are off."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .axe import format_violations, run_axe
from .chromium import rendering_problems

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
