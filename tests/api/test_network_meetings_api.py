"""Meetings and action items of networks in the API: who reads a body's
meetings (staff, its lead and members; not others of the town), who adds and
changes them, the action items a caller sees and who updates their status
(also the person who took the task on), bad input naming the field, the
audit trail, and other municipalities seeing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kette.core.models import AuditEntry, Role
from kette.networks.models import ActionStatus, Meeting
from kette.networks.services import meetings as meeting_services
from kette.networks.services import minutes as minutes_services
from tests.core.factories import user_with_role
from tests.networks.factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
    make_person,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/municipalities/musterstadt/"
TODAY = timezone.localdate()


@pytest.fixture
def network(municipality):
    return make_body(municipality, "Netzwerk Frühe Hilfen")


@pytest.fixture
def lead(people, network):
    user = people["network_lead"]
    make_member(
        network,
        person=make_person(network.municipality, "Lehmann", user=user),
        role="lead",
    )
    return user


@pytest.fixture
def worker(municipality, network):
    """A provider editor who sits in the network and took a task on."""
    user = user_with_role(municipality, Role.PROVIDER_EDITOR, username="kaya")
    person = make_person(municipality, "Kaya", user=user)
    make_member(network, person=person)
    return user, person


@pytest.fixture
def meeting(network, worker):
    meeting = make_meeting(network, title="Frühjahrssitzung")
    make_action_item(
        meeting,
        "Flyer übersetzen",
        responsible_person=worker[1],
        due=TODAY - dt.timedelta(days=2),
    )
    make_action_item(meeting, "Raum buchen", due=TODAY + dt.timedelta(days=9))
    return meeting


@pytest.mark.parametrize(
    ("who", "code"),
    [("coordinator", 200), ("state_admin", 200), ("network_lead", 200), ("worker", 200),
     ("planner", 403), ("provider_editor", 403), ("no_role", 404), ("anonymous", 401)],
)  # fmt: skip
def test_who_reads_a_bodys_meetings(
    api_as, people, lead, worker, network, meeting, who, code
):
    user = worker[0] if who == "worker" else people[who]
    api = api_as(user)
    listed = api.get(f"{BASE}bodies/{network.pk}/meetings/")
    assert listed.status_code == code
    assert api.get(f"{BASE}meetings/{meeting.pk}/").status_code == code
    if code == 200:
        [row] = listed.json()["results"]
        assert row["title"] == "Frühjahrssitzung"
        assert [item["task"] for item in row["action_items"]] == [
            "Flyer übersetzen",
            "Raum buchen",
        ]
        assert row["minutes"]["state"] == "draft"


def test_a_lead_adds_a_meeting_with_agenda_and_follow_ups(
    api_as, lead, network, meeting
):
    api = api_as(lead)
    response = api.post(
        f"{BASE}bodies/{network.pk}/meetings/",
        {
            "starts_at": "2027-02-02T10:00:00+01:00",
            "place": "Rathaus",
            "agenda": ["Begrüßung"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    agenda = response.json()["agenda"]
    assert agenda[0]["title"] == "Begrüßung"
    # Both open items of the earlier meeting come back (Wiedervorlage).
    assert len([item for item in agenda if item["follow_up_of"]]) == 2
    new = Meeting.objects.get(pk=response.json()["id"])
    assert AuditEntry.objects.filter(
        object_type="kette_networks.Meeting", object_id=str(new.pk), actor=lead
    ).exists()
    bad = api.patch(f"{BASE}meetings/{new.pk}/", {"starts_at": "morgen"}, format="json")
    assert bad.status_code == 400 and "starts_at" in bad.json()["errors"]
    assert (
        api.patch(
            f"{BASE}meetings/{new.pk}/", {"place": "Online"}, format="json"
        ).json()["place"]
        == "Online"
    )
    assert api.delete(f"{BASE}meetings/{new.pk}/").status_code == 204


def test_a_member_may_not_change_meetings(api_as, worker, network, meeting):
    api = api_as(worker[0])
    assert (
        api.post(
            f"{BASE}bodies/{network.pk}/meetings/",
            {"starts_at": "2027-02-02T10:00:00Z"},
            format="json",
        ).status_code
        == 403
    )
    assert api.delete(f"{BASE}meetings/{meeting.pk}/").status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_action_items_a_caller_sees_and_who_updates_them(
    api_as, people, lead, worker, meeting
):
    user, person = worker
    api = api_as(user)
    mine = api.get(f"{BASE}action-items/?mine=true").json()["results"]
    assert [item["task"] for item in mine] == ["Flyer übersetzen"]
    overdue = api.get(f"{BASE}action-items/?overdue=true").json()["results"]
    assert [item["task"] for item in overdue] == ["Flyer übersetzen"]
    others = {
        item["task"]: item["id"]
        for item in api.get(f"{BASE}action-items/").json()["results"]
    }
    assert set(others) == {"Flyer übersetzen", "Raum buchen"}
    # The person who took the task on marks it done; someone else's task stays.
    done = api.post(
        f"{BASE}action-items/{others['Flyer übersetzen']}/status/",
        {"status": "done"},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert (
        done.json()["status"] == ActionStatus.DONE
        and done.json()["done_on"] == TODAY.isoformat()
    )
    refused = api.post(
        f"{BASE}action-items/{others['Raum buchen']}/status/",
        {"status": "done"},
        format="json",
    )
    assert refused.status_code == 403
    bad = api_as(lead).post(
        f"{BASE}action-items/{others['Raum buchen']}/status/",
        {"status": "fertig"},
        format="json",
    )
    assert bad.status_code == 400 and "status" in bad.json()["errors"]
    # A planner without a seat in the body sees none of its items.
    assert api_as(people["planner"]).get(f"{BASE}action-items/").json()["results"] == []


def test_another_municipality_sees_nothing(
    api_as, other_municipality, network, meeting
):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    api = api_as(stranger)
    assert api.get(f"{BASE}meetings/{meeting.pk}/").status_code == 404
    assert api.get(f"{BASE}action-items/").status_code == 404
    item = meeting.action_items.first()
    elsewhere = "/api/v1/municipalities/nachbarstadt/"
    assert api.get(f"{elsewhere}meetings/{meeting.pk}/").status_code == 404
    assert (
        api.post(
            f"{elsewhere}action-items/{item.pk}/status/",
            {"status": "done"},
            format="json",
        ).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN


def _grow(meeting, count: int) -> None:
    """``count`` more agenda items, each with an entry in the draft minutes
    and an action item."""
    entries = {}
    for number in range(count):
        item = meeting_services.agenda_item_add(
            actor=None, meeting=meeting, title=f"Punkt {number}"
        )
        make_action_item(meeting, f"Aufgabe {number}", agenda_item=item)
        entries[item.pk] = {"discussion": f"Besprochen {number}", "agreements": ""}
    minutes_services.minutes_save(
        actor=None, minutes=meeting.minutes.get(), entries=entries
    )


def test_meeting_list_queries_do_not_grow_with_entries_and_action_items(
    api_as, people, network, django_assert_max_num_queries
):
    """Each minutes entry's agenda item and each action item's body were read
    one by one (N+1 per meeting)."""
    meeting = make_meeting(network, title="Sitzung")
    _grow(meeting, 1)
    api = api_as(people["coordinator"])
    url = f"{BASE}bodies/{network.pk}/meetings/"
    with CaptureQueriesContext(connection) as few:
        assert api.get(url).status_code == 200
    _grow(meeting, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get(url)
    [row] = response.json()["results"]
    assert len(row["minutes"]["entries"]) == 7
    assert len(row["action_items"]) == 7
