"""axe-core finds no WCAG 2.1 A/AA violation on any public page, the login page
or a coordinator's staff pages; every such page renders without JavaScript."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from .axe import format_violations, run_axe
from .chromium import csp_violations, log_in, rendering_problems
from .public_pages import Page, public_pages, staff_pages
from .sample_data import build_sample_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def axe_failures(driver, base_url: str, pages: list[Page]) -> list[str]:
    failures = []
    csp_violations(driver)  # forget earlier messages
    for page in pages:
        violations = run_axe(driver, base_url + page.path)
        if violations:
            failures.append(format_violations(f"{page.name} {page.path}", violations))
        # The page is kette's: nothing it needs may be refused by its policy.
        if refused := csp_violations(driver):
            failures.append(f"{page.name} {page.path}: " + "; ".join(refused))
    return failures


def no_javascript_failures(driver, base_url: str, pages: list[Page]) -> list[str]:
    return [
        f"{page.name} {page.path} without JavaScript: {'; '.join(problems)}"
        for page in pages
        if (problems := rendering_problems(driver, base_url + page.path))
    ]


@pytest.fixture
def city(live_server):
    return build_sample_city()


@pytest.fixture
def public(city):
    survey = public_pages(city.values)
    assert not survey.errors, "\n".join(survey.errors)
    assert survey.pages, f"no public page found:\n{survey.report()}"
    return survey.pages


@pytest.fixture
def staff(city):
    survey = staff_pages(city.coordinator, city.values)
    assert not survey.errors, "\n".join(survey.errors)
    assert survey.pages, f"no staff page found for a coordinator:\n{survey.report()}"
    return survey.pages


def test_public_pages_have_no_axe_violations(live_server, browser, public):
    failures = axe_failures(browser, live_server.url, public)
    assert not failures, "\n\n".join(failures)


def test_public_pages_render_without_javascript(
    live_server, browser_without_javascript, public
):
    failures = no_javascript_failures(
        browser_without_javascript, live_server.url, public
    )
    assert not failures, "\n".join(failures)


def test_login_page_has_no_axe_violations(live_server, browser, city):
    url = live_server.url + resolve_url(settings.LOGIN_URL)
    violations = run_axe(browser, url)
    assert not violations, format_violations(url, violations)


def test_coordinators_staff_pages_have_no_axe_violations(
    live_server, browser, city, staff
):
    log_in(browser, live_server.url, city.coordinator)
    failures = axe_failures(browser, live_server.url, staff)
    assert not failures, "\n\n".join(failures)


def test_coordinators_staff_pages_render_without_javascript(
    live_server, browser_without_javascript, city, staff
):
    log_in(browser_without_javascript, live_server.url, city.coordinator)
    failures = no_javascript_failures(
        browser_without_javascript, live_server.url, staff
    )
    assert not failures, "\n".join(failures)
