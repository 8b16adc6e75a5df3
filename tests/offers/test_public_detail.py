"""The public offer page, its calendar file, JSON-LD and print view."""

from __future__ import annotations

import json
import re

import icalendar
import pytest
from django.utils import timezone

from kette.core.models import Role
from kette.offers.models import OfferStatus
from kette.offers.services import workflow
from tests.core.factories import user_with_role
from tests.offers.factories import OfferFactory
from tests.offers.public_city import build_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(client, municipality, coordinator, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return build_directory(municipality, coordinator)


def page_url(offer, suffix: str = "") -> str:
    return f"/musterstadt/angebote/{offer.pk}/{suffix}"


def jsonld(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_the_offer_page_shows_every_field(client, directory):
    response = client.get(page_url(directory.midwife))

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        '<h1 id="offer-title">Hebammensprechstunde</h1>',
        "Beratung rund um Schwangerschaft und Geburt.",  # summary
        "<p>Ohne Termin.</p>",  # description, paragraphs kept
        "by Familienzentrum Regenbogen e.V.",
        "0208 555 11",  # the offer's phone
        "mailto:hebammen@regenbogen.example",
        "https://regenbogen.example/hebammen",
        "from pregnancy to 1 year",
        "free of charge",
        "not needed",  # registration
        "12 places",  # capacity
        "Familienzentrum Hafen",
        "Marktstraße 1",
        "46045 Musterstadt",
        "District: Hafen",
        "Stufenloser Zugang, Wickelraum",  # accessibility
        "Tuesday",
        "09:00 to 12:00",
        "ohne Anmeldung",
        "Infoabend für werdende Väter",
        "Anna Beispiel",
        "Familienhebamme",
        "mailto:anna@regenbogen.example",
        "Expectant parents",  # target group
        "Around pregnancy and birth",  # life phase
        "Health",  # field of action
        "Outreach (bring offers to people)",  # prevention standard
        'lang="tr"',  # language, in its own name
        "Türkçe",
        "Information last checked on",
    ):
        assert text in html, text


def test_the_offer_page_has_a_map_of_its_place(client, directory):
    html = client.get(page_url(directory.midwife)).content.decode()

    svg = html[html.index('<svg class="offer-map__svg"') : html.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="offer-map-title">' in svg and "<desc" in svg
    assert svg.count("<circle") == 1
    assert "<title>Familienzentrum Hafen</title>" in svg


def test_drafts_and_offers_in_review_are_not_public(client, municipality, directory):
    assert client.get(page_url(directory.draft)).status_code == 404
    workflow.offer_submit(actor=None, offer=directory.draft)
    assert client.get(page_url(directory.draft)).status_code == 404
    assert client.get(page_url(directory.draft, "kalender.ics")).status_code == 404


def test_drafts_are_not_public_for_staff_either(client, municipality, directory):
    client.force_login(user_with_role(municipality, Role.COORDINATOR))

    assert client.get(page_url(directory.draft)).status_code == 404


def test_archived_offers_are_gone(client, coordinator, directory):
    workflow.offer_archive(actor=coordinator, offer=directory.youth)

    assert client.get(page_url(directory.youth)).status_code == 404


def test_another_municipalitys_offer_is_not_found_here(
    client, other_municipality, directory
):
    foreign = OfferFactory(
        municipality=other_municipality, status=OfferStatus.PUBLISHED
    )

    assert client.get(page_url(foreign)).status_code == 404
    assert client.get(f"/nachbarstadt/angebote/{foreign.pk}/").status_code == 200


def test_writes_are_not_allowed(client, directory):
    assert client.post(page_url(directory.midwife)).status_code == 405
    assert client.post("/musterstadt/angebote/").status_code == 405


def test_the_english_address_shows_the_same_offer(client, directory):
    response = client.get(f"/musterstadt/offers/{directory.midwife.pk}/")

    assert response.status_code == 200
    assert (
        f'<link rel="canonical" href="http://testserver/musterstadt/angebote/{directory.midwife.pk}/">'
        in response.content.decode()
    )
    assert client.get(f"/musterstadt/offers/{directory.draft.pk}/").status_code == 404


def test_the_calendar_file_has_weekly_times_and_dated_sessions(client, directory):
    response = client.get(page_url(directory.midwife, "kalender.ics"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    weekly = next(e for e in events if e.get("RRULE"))
    dated = next(e for e in events if not e.get("RRULE"))
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"]
    assert weekly["RRULE"]["BYDAY"] == ["TU"]
    start = weekly.decoded("DTSTART")
    assert start.weekday() == 1 and start.hour == 9
    assert str(start.tzinfo) == "Europe/Berlin"
    assert weekly["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert weekly.decoded("DTEND").hour == 12
    assert start.date() >= timezone.localdate()
    assert str(weekly["SUMMARY"]) == "Hebammensprechstunde"
    assert "Familienzentrum Hafen" in str(weekly["LOCATION"])
    assert dated.decoded("DTSTART").hour == 18
    assert "Infoabend" in str(dated["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert not calendar.get_missing_tzids()


def test_the_calendar_file_respects_validity_and_leaves_out_the_past(
    client, coordinator, directory
):
    today = timezone.localdate()
    workflow.offer_edit(
        actor=coordinator,
        offer=directory.toddlers,
        direct=True,
        content={
            "schedules": [
                {
                    "kind": "weekly",
                    "weekday": 4,
                    "opens_at": "10:00",
                    "closes_at": "11:30",
                    "valid_until": today.replace(year=today.year + 1).isoformat(),
                },
                {"kind": "weekly", "weekday": 2, "valid_until": "2001-01-01"},
                {"kind": "dated", "date": "2001-05-01", "opens_at": "10:00"},
            ]
        },
    )

    calendar = icalendar.Calendar.from_ical(
        client.get(page_url(directory.toddlers, "kalender.ics")).content
    )

    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["FR"]
    assert event["RRULE"]["UNTIL"][0].year == today.year + 1


def test_json_ld_describes_the_service_with_audience_and_provider(client, directory):
    data = jsonld(client.get(page_url(directory.midwife)).content.decode())

    assert data["@context"] == "https://schema.org"
    service = next(node for node in data["@graph"] if node["@type"] == "Service")
    assert service["name"] == "Hebammensprechstunde"
    assert service["provider"]["@type"] == "Organization"
    assert service["provider"]["name"] == "Familienzentrum Regenbogen e.V."
    assert service["audience"]["@type"] == "PeopleAudience"
    assert service["audience"]["suggestedMinAge"] == 0
    assert service["audience"]["suggestedMaxAge"] == 1
    assert {"@type": "City", "name": "Musterstadt"} in service["areaServed"]
    assert any(area["name"] == "Hafen" for area in service["areaServed"])
    assert [lang["alternateName"] for lang in service["availableLanguage"]] == [
        "de",
        "tr",
    ]
    assert service["isAccessibleForFree"] is True
    assert service["offers"]["price"] == "0"
    place = service["availableChannel"][0]["serviceLocation"]
    assert place["address"]["streetAddress"] == "Marktstraße 1"
    assert place["address"]["postalCode"] == "46045"
    assert place["geo"]["latitude"] == 51.405
    assert service["hoursAvailable"][0]["dayOfWeek"] == "https://schema.org/Tuesday"
    (event,) = [node for node in data["@graph"] if node["@type"] == "Event"]
    assert event["startDate"].endswith("T18:00:00+01:00") or event[
        "startDate"
    ].endswith("T18:00:00+02:00")
    assert event["location"]["name"] == "Familienzentrum Hafen"


def test_json_ld_ages_are_years_and_fees_are_not_free(client, directory):
    data = jsonld(client.get(page_url(directory.toddlers)).content.decode())

    (service,) = data["@graph"]
    assert service["audience"]["suggestedMinAge"] == 0.5
    assert service["audience"]["suggestedMaxAge"] == 3
    assert service["isAccessibleForFree"] is False
    assert service["offers"]["description"] == "3 € pro Treffen"


def test_json_ld_cannot_break_out_of_its_script(client, coordinator, directory):
    workflow.offer_edit(
        actor=coordinator,
        offer=directory.youth,
        direct=True,
        content={"title": "Treff </script><script>alert(1)</script>"},
    )

    html = client.get(page_url(directory.youth)).content.decode()

    assert "<script>alert(1)" not in html
    assert jsonld(html)["@graph"][0]["name"].startswith("Treff </script>")


def test_the_page_has_meta_description_and_opengraph(client, directory):
    html = client.get(page_url(directory.midwife)).content.decode()

    assert (
        '<meta name="description" content="Beratung rund um Schwangerschaft und Geburt.">'
        in html
    )
    assert '<meta property="og:title" content="Hebammensprechstunde">' in html
    assert '<meta property="og:type" content="website">' in html
    assert (
        f'<meta property="og:url" content="http://testserver/musterstadt/angebote/{directory.midwife.pk}/">'
        in html
    )
    assert '<meta property="og:description"' in html


def test_the_print_view_has_the_content_without_navigation(client, directory):
    response = client.get(page_url(directory.midwife) + "?druck=1")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="print-page"' in html
    assert "Hebammensprechstunde" in html and "Anna Beispiel" in html
    assert "site-nav" not in html and "language-form" not in html
    assert "Printed on" in html
    assert "Add to calendar" not in html


def test_the_page_links_print_view_and_calendar(client, directory):
    html = client.get(page_url(directory.midwife)).content.decode()

    assert 'href="?druck=1"' in html
    assert f'href="/musterstadt/angebote/{directory.midwife.pk}/kalender.ics"' in html


def test_an_offer_without_times_has_no_calendar_link(client, directory):
    html = client.get(page_url(directory.homework)).content.decode()

    assert "kalender.ics" not in html


def test_the_offer_page_speaks_german_by_default(client, municipality, coordinator):
    offers = build_directory(municipality, coordinator)

    html = client.get(page_url(offers.midwife)).content.decode()

    assert "ab Schwangerschaft bis 1 Jahr" in html
    assert "kostenlos" in html
    assert "Dienstag" in html
    assert "In den Kalender eintragen" in html
