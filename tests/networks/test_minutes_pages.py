"""Pages of meetings and minutes: the lead plans a meeting and writes the
minutes without JavaScript, members read them, nobody else does; approved
minutes refuse changes; the printable page and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kette.core.models import Role
from kette.networks.models import ActionStatus, Meeting, MinutesState
from kette.networks.services import minutes as services
from tests.conftest import login
from tests.core.factories import user_with_role
from tests.goals.factories import make_goal

from .factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
    make_person,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"networks:{name}", args=["musterstadt", *args])


@pytest.fixture
def body(municipality):
    return make_body(municipality)


@pytest.fixture
def lead(municipality, body):
    user = user_with_role(municipality, Role.NETWORK_LEAD, username="leitung")
    make_member(
        body, person=make_person(municipality, "Lehmann", user=user), role="lead"
    )
    return user


@pytest.fixture
def member(municipality, body):
    user = user_with_role(municipality, Role.PROVIDER_EDITOR, username="mitglied")
    make_member(body, person=make_person(municipality, "Müller", user=user))
    return user


def test_the_lead_plans_a_meeting_and_writes_the_minutes_without_js(
    client, municipality, body, lead
):
    earlier = make_meeting(body, starts_at=timezone.now() - dt.timedelta(days=30))
    open_item = make_action_item(earlier, "Räume anfragen")
    login(client, lead)
    response = client.post(
        url("meeting_create", body.pk),
        {
            "title": "Frühjahrstreffen",
            "date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
            "start": "14:00",
            "end": "16:00",
            "place": "Familienzentrum",
            "invited": [m.pk for m in body.members.all()],
        },
    )
    meeting = Meeting.objects.get(title="Frühjahrstreffen")
    assert response.status_code == 302
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Räume anfragen" in page  # the Wiedervorlage on the agenda
    assert meeting.agenda.get().follow_up_of == open_item
    client.post(url("agenda_add", meeting.pk), {"title": "Bericht der Kitas"})
    item = meeting.agenda.get(title="Bericht der Kitas")
    client.post(url("minutes_edit", meeting.pk), {"start": "1"})
    response = client.post(
        url("minutes_edit", meeting.pk),
        {
            "summary": "Acht Teilnehmende.",
            f"discussion_{item.pk}": "Die Kitas berichten.",
            f"agreements_{item.pk}": "Elternabend im Mai\nFlyer auf Türkisch",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("action_create", meeting.pk),
        {
            "agenda_item": item.pk,
            "task": "Flyer übersetzen lassen",
            "due": "2030-05-01",
        },
    )
    assert response.status_code == 302
    client.post(url("minutes_approve", meeting.pk))
    minutes = services.minutes_latest(meeting)
    assert minutes.state == MinutesState.APPROVED
    printed = client.get(url("minutes_print", meeting.pk)).content.decode()
    for text in (
        "Die Kitas berichten.",
        "Flyer auf Türkisch",
        "Flyer übersetzen lassen",
    ):
        assert text in printed


def test_a_form_error_names_the_field_and_writes_nothing(client, body, lead):
    login(client, lead)
    response = client.post(
        url("meeting_create", body.pk),
        {"date": "2030-05-01", "start": "16:00", "end": "14:00"},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()


def test_approved_minutes_refuse_changes_and_a_correction_is_a_new_version(
    client, body, lead
):
    meeting = make_meeting(body, agenda=["Bericht"])
    item = meeting.agenda.get()
    draft = services.minutes_start(actor=None, meeting=meeting)
    services.minutes_save(
        actor=None, minutes=draft, entries={item.pk: {"discussion": "Alt."}}
    )
    services.minutes_approve(actor=None, minutes=draft)
    login(client, lead)
    # The editor sends back to the meeting; a posted change is not saved.
    response = client.post(
        url("minutes_edit", meeting.pk), {f"discussion_{item.pk}": "Neu."}
    )
    assert response.status_code == 302
    assert draft.entries.get().discussion == "Alt."
    client.post(url("agenda_add", meeting.pk), {"title": "Nachtrag"})
    assert meeting.agenda.count() == 1
    response = client.post(url("minutes_correct", meeting.pk), {"correction_note": ""})
    assert response.status_code == 200
    client.post(url("minutes_correct", meeting.pk), {"correction_note": "Tippfehler"})
    client.post(url("minutes_edit", meeting.pk), {f"discussion_{item.pk}": "Neu."})
    latest = services.minutes_latest(meeting)
    assert (latest.version, latest.entries.get().discussion) == (2, "Neu.")
    draft.refresh_from_db()
    assert draft.entries.get().discussion == "Alt."
    first = client.get(url("minutes_print", meeting.pk) + "?version=1").content.decode()
    assert "Alt." in first and "Neu." not in first
    history = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Tippfehler" in history


def test_the_status_moves_on_after_approval(client, municipality, body, lead):
    meeting = make_meeting(body)
    action = make_action_item(meeting)
    services.minutes_approve(actor=None, minutes=services.minutes_latest(meeting))
    login(client, lead)
    response = client.post(
        url("action_status", meeting.pk, action.pk),
        {"status": ActionStatus.DONE, "done_on": "", "note": "verschickt"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DONE, timezone.localdate())
    # The agreed text is no longer editable.
    client.post(url("action_update", meeting.pk, action.pk), {"task": "Etwas anderes"})
    action.refresh_from_db()
    assert action.task == "Einladung an die Kitas versenden"


def test_staff_take_an_action_item_over_as_a_measure(
    client, municipality, body, lead, coordinator
):
    meeting = make_meeting(body)
    action = make_action_item(meeting, "Elterncafé einrichten")
    goal = make_goal(municipality)
    login(client, lead)  # a network lead does not keep the goals
    assert (
        client.get(url("action_to_measure", meeting.pk, action.pk)).status_code == 403
    )
    login(client, coordinator)
    response = client.post(
        url("action_to_measure", meeting.pk, action.pk), {"goal": goal.pk}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.measure.goal == goal


def test_members_read_the_minutes_but_do_not_write(client, body, member):
    meeting = make_meeting(body, agenda=["Bericht"])
    make_action_item(meeting, "Elternbrief")
    login(client, member)
    assert client.get(url("meeting_list", body.pk)).status_code == 200
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Elternbrief" in page
    assert f'href="{url("minutes_edit", meeting.pk)}"' not in page
    assert client.get(url("minutes_print", meeting.pk)).status_code == 200
    for name in ("minutes_edit", "meeting_update", "minutes_approve"):
        assert client.get(url(name, meeting.pk)).status_code == 403
    assert client.post(url("agenda_add", meeting.pk), {"title": "X"}).status_code == 403
    assert meeting.agenda.count() == 1


def test_other_people_see_no_meetings(client, municipality, other_municipality, body):
    meeting = make_meeting(body)
    outsider = user_with_role(municipality, Role.PROVIDER_EDITOR, username="aussen")
    login(client, outsider)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 403
    assert client.get(url("minutes_print", meeting.pk)).status_code == 403
    stranger = user_with_role(other_municipality, Role.COORDINATOR, username="fremd")
    client = login(Client(), stranger)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 403
    foreign = reverse("networks:meeting_detail", args=["nachbarstadt", meeting.pk])
    assert client.get(foreign).status_code == 404
    response = client.post(
        reverse("networks:agenda_add", args=["nachbarstadt", meeting.pk]),
        {"title": "X"},
    )
    assert response.status_code == 404
    assert not meeting.agenda.exists()


def test_the_minutes_as_pdf(client, body, coordinator):
    meeting = make_meeting(body, agenda=["Bericht"])
    make_action_item(meeting)
    login(client, coordinator)
    response = client.get(url("minutes_pdf", meeting.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_body_page_lists_its_meetings_for_members_only(
    client, municipality, body, member
):
    meeting = make_meeting(body, title="Herbsttreffen")
    detail = reverse("networks:body_detail", args=["musterstadt", body.pk])
    login(client, member)
    page = client.get(detail).content.decode()
    assert url("meeting_detail", meeting.pk) in page
    assert url("meeting_list", body.pk) in page
    outsider = user_with_role(municipality, Role.PROVIDER_EDITOR, username="aussen")
    page = login(Client(), outsider).get(detail).content.decode()
    assert url("meeting_detail", meeting.pk) not in page


def test_showing_a_meeting_writes_nothing(client, municipality, coordinator):
    """Reads never write: the agenda a page shows is the one stored."""
    body = make_body(municipality, "AK Lesen")
    first = make_meeting(body, starts_at=timezone.now() - dt.timedelta(days=30))
    make_action_item(first, "Am Dienst vorbei")
    second = make_meeting(body, starts_at=timezone.now() + dt.timedelta(days=3))
    # Its keeper took the follow-up off the agenda on purpose.
    second.agenda.all().delete()
    login(client, coordinator)
    page = client.get(
        reverse("networks:meeting_detail", args=[municipality.slug, second.pk])
    )
    assert page.status_code == 200
    assert not second.agenda.exists()
