"""Meetings and their agenda through the services: invitations, attendance,
agenda numbering, audit, and what approved minutes fix."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kette.core.exceptions import KetteError
from kette.core.models import AuditEntry
from kette.networks.models import AgendaItem, Meeting
from kette.networks.services import meetings, minutes

from .factories import make_body, make_meeting, make_member

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_a_meeting_invites_the_current_members_and_is_audited(
    municipality, coordinator
):
    body = make_body(municipality)
    present = make_member(body)
    make_member(body, left_on=timezone.localdate() - dt.timedelta(days=3))
    meeting = make_meeting(
        body, actor=coordinator, agenda=["Begrüßung", "Bericht aus den Kitas"]
    )
    assert list(meeting.invited.all()) == [present]
    assert [str(item) for item in meeting.agenda.all()] == [
        "1. Begrüßung",
        "2. Bericht aus den Kitas",
    ]
    entry = AuditEntry.objects.get(
        object_type="kette_networks.Meeting", object_id=str(meeting.pk), action="create"
    )
    assert entry.actor == coordinator
    assert entry.municipality == municipality


def test_a_meeting_must_not_end_before_it_starts(municipality):
    body = make_body(municipality)
    with pytest.raises(KetteError) as error:
        meetings.meeting_create(
            actor=None, body=body, starts_at=_at(1, 14), ends_at=_at(1, 12)
        )
    assert "ends_at" in error.value.errors
    assert not Meeting.objects.exists()


def test_only_members_of_the_body_can_be_invited_or_attend(municipality):
    body = make_body(municipality)
    stranger = make_member(make_body(municipality, "Stadtteilkonferenz Nord"))
    with pytest.raises(KetteError) as error:
        make_meeting(body, invited=[stranger])
    assert "invited" in error.value.errors
    meeting = make_meeting(body)
    with pytest.raises(KetteError):
        meetings.attendance_set(actor=None, meeting=meeting, attended=[stranger])
    member = make_member(body)
    meetings.attendance_set(actor=None, meeting=meeting, attended=[member])
    assert list(meeting.attended.all()) == [member]


def test_the_agenda_is_renumbered_on_move_reorder_and_delete(municipality):
    meeting = make_meeting(make_body(municipality), agenda=["A", "B", "C"])
    first, second, third = meeting.agenda.all()
    meetings.agenda_item_move(actor=None, item=third, by=-1)
    assert list(meeting.agenda.values_list("title", flat=True)) == ["A", "C", "B"]
    meetings.agenda_reorder(
        actor=None, meeting=meeting, order=[second.pk, first.pk, third.pk]
    )
    assert list(meeting.agenda.values_list("title", flat=True)) == ["B", "A", "C"]
    meetings.agenda_item_delete(actor=None, item=AgendaItem.objects.get(pk=first.pk))
    assert list(meeting.agenda.values_list("position", "title")) == [
        (1, "B"),
        (2, "C"),
    ]
    added = meetings.agenda_item_add(actor=None, meeting=meeting, title=" D ")
    assert (added.position, added.title) == (3, "D")
    with pytest.raises(KetteError) as error:
        meetings.agenda_item_add(actor=None, meeting=meeting, title="  ")
    assert "title" in error.value.errors


def test_a_reorder_with_items_missing_is_refused(municipality):
    meeting = make_meeting(make_body(municipality), agenda=["A", "B"])
    with pytest.raises(KetteError):
        meetings.agenda_reorder(
            actor=None, meeting=meeting, order=[meeting.agenda.first().pk]
        )


def test_approved_minutes_fix_the_meeting_and_its_agenda(municipality):
    meeting = make_meeting(make_body(municipality), agenda=["A"])
    item = meeting.agenda.get()
    minutes.minutes_approve(
        actor=None, minutes=minutes.minutes_start(actor=None, meeting=meeting)
    )
    refused = [
        lambda: meetings.meeting_update(actor=None, meeting=meeting, place="Online"),
        lambda: meetings.agenda_item_add(actor=None, meeting=meeting, title="B"),
        lambda: meetings.agenda_item_update(actor=None, item=item, title="X"),
        lambda: meetings.agenda_item_delete(actor=None, item=item),
        lambda: meetings.agenda_item_move(actor=None, item=item, by=1),
        lambda: meetings.meeting_delete(actor=None, meeting=meeting),
    ]
    for write in refused:
        with pytest.raises(KetteError):
            write()
    meeting.refresh_from_db()
    assert meeting.place == "Rathaus, Raum 101"
    assert list(meeting.agenda.values_list("title", flat=True)) == ["A"]


def test_deleting_a_meeting_records_what_went_with_it(municipality, coordinator):
    meeting = make_meeting(make_body(municipality), agenda=["A", "B"])
    pk = meeting.pk
    meetings.meeting_delete(actor=coordinator, meeting=meeting)
    assert not Meeting.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(
        object_type="kette_networks.Meeting", object_id=str(pk), action="delete"
    )
    assert entry.changes["cascaded"][0] == {"agenda": 2, "action_items": 0}
