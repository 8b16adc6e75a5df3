"""My tasks across bodies, the calendar feeds of meetings and due dates, and
the action-item reminders of `kette send_reminders` (idempotent for a daily
cron; erased people and other municipalities left alone)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kette.core.models import Role
from kette.networks.models import ActionItemReminder, ActionStatus
from kette.networks.services import registry
from tests.conftest import login
from tests.core.factories import user_with_role

from .factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
    make_person,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def lead(municipality):
    return user_with_role(municipality, Role.NETWORK_LEAD, username="lehmann")


@pytest.fixture
def world(municipality, lead):
    """Two bodies: the lead sits in one; tasks of hers (overdue, soon, done)
    and of a colleague without an account."""
    me = make_person(municipality, "Lehmann", user=lead, email="lehmann@example.org")
    colleague = make_person(municipality, "Kaya", email="kaya@example.org")
    mine = make_body(municipality, "AK Sprachförderung")
    other = make_body(municipality, "AG 78 Kita")
    make_member(mine, person=me)
    make_member(mine, person=colleague)
    past = make_meeting(mine)
    upcoming = make_meeting(
        mine, starts_at=timezone.now() + dt.timedelta(days=20), title="Frühjahrssitzung"
    )
    other_meeting = make_meeting(other)
    items = {
        "overdue": make_action_item(past, "Flyer übersetzen", responsible_person=me, due=TODAY - dt.timedelta(days=3)),
        "soon": make_action_item(past, "Kitas einladen", responsible_person=me, due=TODAY + dt.timedelta(days=5)),
        "done": make_action_item(past, "Raum buchen", responsible_person=me, status=ActionStatus.DONE),
        "colleague_task": make_action_item(past, "Bericht schreiben", responsible_person=colleague, due=TODAY - dt.timedelta(days=1)),
        "elsewhere": make_action_item(other_meeting, "Bedarfe abfragen", due=TODAY),
    }  # fmt: skip
    return {
        "me": me,
        "colleague": colleague,
        "mine": mine,
        "other": other,
        "upcoming": upcoming,
        **items,
    }


def test_my_tasks_lists_my_open_tasks_first_and_my_next_meetings(
    client, municipality, lead, world
):
    login(client, lead)
    page = client.get(reverse("networks:my_tasks", args=[municipality.slug]))
    assert page.status_code == 200
    open_tasks = [task.item.task for task in page.context["open_tasks"]]
    assert open_tasks == ["Flyer übersetzen", "Kitas einladen"]
    assert page.context["open_tasks"][0].overdue
    assert [t.item.task for t in page.context["done_tasks"]] == ["Raum buchen"]
    html = page.content.decode()
    assert "überfällig" in html and "Bericht schreiben" not in html
    assert list(page.context["meetings"]) == [world["upcoming"]]


def feed_urls(client, municipality, user) -> dict[str, str]:
    login(client, user)
    url = reverse("networks:my_tasks", args=[municipality.slug])
    client.post(url)
    feeds = dict(client.get(url).context["feeds"])
    client.logout()
    return feeds


def summaries(response) -> set[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]) for event in calendar.walk("VEVENT")}


def test_the_personal_feed_has_my_bodies_meetings_and_my_due_dates(
    client, municipality, lead, world
):
    feeds = feed_urls(client, municipality, lead)
    found = summaries(Client().get(feeds["Meine Sitzungen und Aufgaben"]))
    assert "AK Sprachförderung: Frühjahrssitzung" in found
    assert "Fällig: Flyer übersetzen" in found and "Fällig: Kitas einladen" in found
    assert not any("Raum buchen" in s or "Bericht" in s or "AG 78" in s for s in found)
    body = summaries(Client().get(feeds["AK Sprachförderung"]))
    assert "Fällig: Bericht schreiben" in body
    assert "AG 78 Kita" not in feeds


def test_a_feed_stops_when_its_person_may_no_longer_read_or_the_token_is_wrong(
    client, municipality, lead, world
):
    feeds = feed_urls(client, municipality, lead)
    personal = feeds["Meine Sitzungen und Aufgaben"]
    assert Client().get(personal.replace("/gremien/", "x/gremien/")).status_code == 404
    # Another body's feed under the same key: she may not read its internals.
    other = personal.replace("meine.ics", f"{world['other'].pk}.ics")
    assert Client().get(other).status_code == 404
    lead.memberships.all().delete()
    assert Client().get(personal).status_code == 404


def run(*extra: str, today: dt.date = TODAY) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", today.isoformat(), *extra, stdout=out)
    return out.getvalue()


def test_one_mail_per_person_lists_their_tasks_due_soon_or_overdue(world):
    run()
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {"lehmann@example.org", "kaya@example.org"}
    mine = by_person["lehmann@example.org"].body
    assert "Flyer übersetzen" in mine and "Kitas einladen" in mine
    assert "Überfällig seit" in mine and "Raum buchen" not in mine
    assert "/intern/netzwerke/meine-aufgaben/" in mine
    assert "Sie" in by_person["kaya@example.org"].body
    assert ActionItemReminder.objects.count() == 3
    # A second run on the same day, and a dry run, mail nothing more.
    run()
    run("--dry-run", today=TODAY + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    # A week later the overdue items are mentioned again.
    run(today=TODAY + dt.timedelta(days=7))
    assert len(mail.outbox) == 4


def test_an_erased_person_gets_no_reminder(world):
    registry.person_erase(actor=None, person=world["colleague"])
    run()
    assert [message.to for message in mail.outbox] == [["lehmann@example.org"]]


def test_reminders_of_one_municipality_only(world, other_municipality):
    body = make_body(other_municipality, "Fremdes Gremium")
    stranger = make_person(other_municipality, "Fremd", email="fremd@example.org")
    make_action_item(
        make_meeting(body), "Fremde Aufgabe", responsible_person=stranger, due=TODAY
    )
    run("--municipality", other_municipality.slug)
    assert [message.to for message in mail.outbox] == [["fremd@example.org"]]


def test_the_person_who_took_a_task_on_updates_it_without_a_seat_in_the_body(
    client, municipality, world
):
    outsider = user_with_role(municipality, Role.PROVIDER_EDITOR, username="demir")
    person = make_person(municipality, "Demir", user=outsider)
    item = make_action_item(
        world["upcoming"], "Elternbrief schreiben", responsible_person=person
    )
    login(client, outsider)
    tasks = client.get(reverse("networks:my_tasks", args=[municipality.slug]))
    url = reverse(
        "networks:action_status", args=[municipality.slug, item.meeting_id, item.pk]
    )
    assert url in tasks.content.decode()
    response = client.post(
        url, {"status": ActionStatus.DONE, "done_on": "", "note": ""}
    )
    assert response.status_code == 302
    assert response.url == reverse("networks:my_tasks", args=[municipality.slug])
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE
    # Someone else's task in the same meeting stays out of reach.
    other = world["soon"]
    forbidden = client.post(
        reverse(
            "networks:action_status",
            args=[municipality.slug, other.meeting_id, other.pk],
        ),
        {"status": ActionStatus.DONE, "done_on": "", "note": ""},
    )
    assert forbidden.status_code == 403
    other.refresh_from_db()
    assert other.status == ActionStatus.OPEN


def test_the_staff_start_page_links_my_tasks(municipality, lead):
    """A network lead reaches her tasks from the start page after login."""
    client = Client()
    login(client, lead)
    page = client.get(reverse("core:staff_dashboard", args=[municipality.slug]))
    tasks = reverse("networks:my_tasks", args=[municipality.slug])
    assert f'href="{tasks}"' in page.content.decode()
