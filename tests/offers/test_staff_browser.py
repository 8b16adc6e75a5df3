"""The offer form in a real browser: "add a place" without JavaScript, and axe-core
on the states the page survey does not reach (errors, a diff in review)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from kette.offers.models import Offer, OfferRevision, RevisionState
from kette.offers.services.content import offer_content
from kette.offers.services.workflow import offer_edit, offer_return, offer_submit
from tests.browser.axe import RUN_AXE, WCAG_TAGS, axe_source, format_violations
from tests.browser.chromium import log_in
from tests.browser.conftest import (  # noqa: F401 - fixtures of the browser tests
    _chromium,
    _chromium_without_javascript,
    _plain_http,
    browser,
    browser_without_javascript,
)
from tests.browser.sample_data import build_sample_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def chromium(request):
    """The browser tests' headless Chromium (fixture imported above)."""
    return request.getfixturevalue("browser")


@pytest.fixture
def chromium_without_javascript(request):
    return request.getfixturevalue("browser_without_javascript")


def axe_here(driver) -> list:
    """axe-core on the page the browser shows now (after a form was sent)."""
    driver.execute_script(axe_source())
    outcome = driver.execute_async_script(RUN_AXE, list(WCAG_TAGS))
    assert "error" not in outcome, outcome
    return outcome["violations"]


def staff_url(name: str, city, **kwargs) -> str:
    return reverse(
        f"offers_staff:{name}", kwargs={"municipality": "musterstadt", **kwargs}
    )


def test_places_are_added_without_javascript_and_input_is_kept(
    live_server, chromium_without_javascript
):
    city = build_sample_city()
    driver = chromium_without_javascript
    log_in(driver, live_server.url, city.coordinator)
    driver.get(live_server.url + staff_url("offer_create", city))
    driver.find_element(By.ID, "id_title").send_keys("Familiencafé am Markt")
    driver.find_element(By.ID, "id_locations-0-name").send_keys("Stadtteilbüro")

    driver.find_element(By.CSS_SELECTOR, 'button[value="locations"]').click()

    assert driver.find_element(By.ID, "id_locations-1-name")
    assert driver.find_element(By.ID, "id_title").get_attribute("value") == (
        "Familiencafé am Markt"
    )
    assert driver.find_element(By.ID, "id_locations-0-name").get_attribute("value") == (
        "Stadtteilbüro"
    )
    assert not Offer.objects.filter(title="Familiencafé am Markt").exists()


def test_the_form_with_errors_has_no_axe_violations(live_server, chromium):
    driver = chromium
    city = build_sample_city()
    log_in(driver, live_server.url, city.coordinator)
    driver.get(live_server.url + staff_url("offer_create", city))
    Select(driver.find_element(By.ID, "id_organisation")).select_by_index(1)
    driver.find_element(By.ID, "id_title").send_keys("Hebammensprechstunde")
    driver.find_element(By.ID, "id_min_years").send_keys("3")
    driver.find_element(By.ID, "id_max_years").send_keys("1")
    driver.find_element(By.ID, "id_locations-0-latitude").send_keys("200")
    driver.find_element(By.ID, "id_locations-0-longitude").send_keys("7")
    driver.find_element(By.ID, "id_contacts-0-role").send_keys("Hebamme")
    save = ".form__actions button[name=save]"
    driver.find_element(By.CSS_SELECTOR, save).click()
    # Every wrong field is named at once, each linked from the summary.
    wrong = ("id_locations-0-latitude", "id_contacts-0-name", "id_max_years")
    summary = WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".error-summary")
    )
    for field_id in wrong:
        assert f'href="#{field_id}"' in summary.get_attribute("innerHTML")
        assert driver.find_element(By.ID, f"{field_id}_error")
    violations = axe_here(driver)
    assert not violations, format_violations("form with errors", violations)
    # What the user typed is still there.
    assert driver.find_element(By.ID, "id_title").get_attribute("value") == (
        "Hebammensprechstunde"
    )
    for field_id, fix in zip(wrong, ("51", "Anna Beispiel", "4"), strict=True):
        field = driver.find_element(By.ID, field_id)
        field.clear()
        field.send_keys(fix)
    form_url = driver.current_url
    driver.find_element(By.CSS_SELECTOR, save).click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url != form_url)
    offer = Offer.objects.get(title="Hebammensprechstunde")
    assert (offer.min_age_months, offer.max_age_months) == (36, 48)


def test_review_and_pending_changes_pages_have_no_axe_violations(live_server, chromium):
    driver = chromium
    city = build_sample_city()
    offer = Offer.objects.get(pk=city.values["offer_id"])
    content = offer_content(offer) | {"title": "Krabbelgruppe am Dienstag"}
    offer_edit(actor=city.coordinator, offer=offer, content=content)
    offer_submit(actor=city.coordinator, offer=offer)
    log_in(driver, live_server.url, city.coordinator)
    pages = [
        staff_url("review_queue", city),
        staff_url("review_detail", city, offer_id=offer.pk),
        staff_url("offer_detail", city, offer_id=offer.pk),
        staff_url("offer_delete", city, offer_id=offer.pk),  # why not, and archive
    ]
    failures = []
    for path in pages:
        driver.get(live_server.url + path)
        if violations := axe_here(driver):
            failures.append(format_violations(path, violations))
    offer_return(actor=city.coordinator, offer=offer, comment="Bitte Uhrzeit nennen.")
    assert OfferRevision.objects.get().state == RevisionState.RETURNED
    for path in (
        staff_url("offer_update", city, offer_id=offer.pk),
        staff_url("offer_list", city),
    ):
        driver.get(live_server.url + path)
        if violations := axe_here(driver):
            failures.append(format_violations(path, violations))
    assert not failures, "\n\n".join(failures)
