"""Browser fixtures: headless Chromium with and without JavaScript, plain HTTP.

Use them with pytest-django's ``live_server``; mark the tests
``@pytest.mark.browser`` and, because the live server needs committed data,
``@pytest.mark.django_db(transaction=True, serialized_rollback=True)`` (the
rollback restores the seeded vocabularies that a transactional test flushes).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from .chromium import start_chromium


@pytest.fixture(scope="session")
def _chromium(tmp_path_factory) -> Iterator[WebDriver]:
    driver = start_chromium(user_data_dir=tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def _chromium_without_javascript(tmp_path_factory) -> Iterator[WebDriver]:
    driver = start_chromium(
        user_data_dir=tmp_path_factory.mktemp("chromium-nojs"), javascript=False
    )
    yield driver
    driver.quit()


def _clean(driver: WebDriver) -> Iterator[WebDriver]:
    yield driver
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture
def browser(_chromium) -> Iterator[WebDriver]:
    """Headless Chromium, shared by the session; cookies are cleared after each test."""
    yield from _clean(_chromium)


@pytest.fixture
def browser_without_javascript(_chromium_without_javascript) -> Iterator[WebDriver]:
    """A second Chromium with JavaScript switched off."""
    yield from _clean(_chromium_without_javascript)


@pytest.fixture(autouse=True)
def _plain_http(settings) -> None:
    """The live server speaks HTTP: no redirect to HTTPS, no HTTPS-only cookies."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
