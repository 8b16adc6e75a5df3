"""Calendar feeds of measure deadlines: personal signed addresses, revocable,
repeating measures as RRULE, the person's own measures, tenant isolation, and
no key in the logs."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re

import pytest
from django.test import Client
from icalendar import Calendar

from kette.core.logfilters import RedactSecretPaths
from kette.core.models import AuditEntry, Role
from kette.goals.models import CalendarFeedKey, Recurrence
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure

BASE = "/musterstadt/intern/ziele/"


@pytest.fixture
def deadlines(goal, measure, responsible):
    """Measure 1.1 (responsible: ``responsible``) without a date gets one;
    1.2 repeats quarterly; 1.3 has no date at all."""
    measure.due = dt.date(2026, 6, 30)
    measure.save()
    make_measure(
        goal,
        "Quartalsbericht schreiben",
        due=dt.date(2026, 3, 31),
        recurrence=Recurrence.QUARTERLY,
        recurrence_until=dt.date(2027, 12, 31),
    )
    make_measure(goal, "Ohne Termin")
    return goal


def feed_urls(client, user, base=BASE) -> dict[str, str]:
    """The person's feed addresses as the page shows them, by kind."""
    client.force_login(user)
    client.post(base + "kalender/", {"action": "create"})
    page = client.get(base + "kalender/").content.decode()
    client.logout()
    found = re.findall(r'value="http://testserver(/kalender/[^"]+/(\w+)\.ics)"', page)
    return {kind: url for url, kind in found}


def events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_municipality_feed_has_every_deadline(
    client, deadlines, responsible, coordinator
):
    urls = feed_urls(client, coordinator)
    found = events(Client().get(urls["alle"]))
    assert set(found) == {"1.1 Fortbildungen anbieten", "1.2 Quartalsbericht schreiben"}
    single = found["1.1 Fortbildungen anbieten"]
    assert single["dtstart"].dt == dt.date(2026, 6, 30)
    assert "RRULE" not in single
    repeating = found["1.2 Quartalsbericht schreiben"]
    assert repeating["dtstart"].dt == dt.date(2026, 3, 31)
    rule = repeating["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [3]
    assert rule["UNTIL"] == [dt.date(2027, 12, 31)]
    assert "/musterstadt/intern/ziele/massnahmen/" in str(single["url"])


def test_my_feed_has_only_my_measures(client, deadlines, responsible):
    urls = feed_urls(client, responsible)
    assert set(events(Client().get(urls["meine"]))) == {"1.1 Fortbildungen anbieten"}


def test_new_addresses_end_the_old_ones(client, deadlines, coordinator):
    old = feed_urls(client, coordinator)
    client.force_login(coordinator)
    response = client.post(BASE + "kalender/", {"action": "renew"})
    assert response.status_code == 302
    client.logout()
    assert Client().get(old["alle"]).status_code == 404
    new = feed_urls(client, coordinator)
    assert new["alle"] != old["alle"]
    assert Client().get(new["alle"]).status_code == 200
    key = CalendarFeedKey.objects.get(user=coordinator)
    entries = AuditEntry.objects.filter(object_type="kette_goals.CalendarFeedKey")
    assert entries.count() == 2
    assert all(key.key not in str(entry.changes) for entry in entries)


def test_a_made_up_or_changed_token_is_refused(client, deadlines, coordinator):
    urls = feed_urls(client, coordinator)
    assert Client().get("/kalender/erfunden/alle.ics").status_code == 404
    assert Client().get(urls["alle"][:-9] + "x/alle.ics").status_code == 404
    assert (
        Client().get(urls["alle"].replace("alle.ics", "andere.ics")).status_code == 404
    )


def test_the_feed_stops_when_the_person_loses_their_role(
    client, deadlines, responsible
):
    urls = feed_urls(client, responsible)
    responsible.memberships.all().delete()
    assert Client().get(urls["meine"]).status_code == 404


def test_a_feed_shows_only_its_own_municipality(client, deadlines, other_municipality):
    neighbour = user_with_role(other_municipality, Role.COORDINATOR, username="nb")
    make_measure(
        make_goal(other_municipality, "Fremdes Ziel"),
        "Nachbarprojekt",
        due=dt.date(2026, 5, 1),
    )
    urls = feed_urls(client, neighbour, "/nachbarstadt/intern/ziele/")
    assert set(events(Client().get(urls["alle"]))) == {"1.1 Nachbarprojekt"}
    client.force_login(neighbour)
    assert client.get(BASE + "kalender/").status_code in (403, 404)


def test_the_feed_page_needs_a_login(client, municipality):
    assert client.get(BASE + "kalender/").status_code == 302


def test_a_refused_feed_request_is_logged_without_its_token(
    client, deadlines, coordinator
):
    urls = feed_urls(client, coordinator)
    token = urls["alle"].split("/")[2]
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretPaths) for f in handler.filters)
    )
    lines = io.StringIO()
    stream = handler.setStream(lines)
    try:
        response = Client().post(urls["alle"])  # feeds are read-only: 405
    finally:
        handler.setStream(stream)
    assert response.status_code == 405
    assert "/kalender/" in lines.getvalue()
    assert token not in lines.getvalue()
