"""The unified minutes: immutability of approved versions, corrections as
new versions, action items and their status, the Wiedervorlage, and taking
an action item over as a goals measure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kette.core.exceptions import KetteError
from kette.core.models import AuditEntry
from kette.networks.models import ActionStatus, Minutes, MinutesState
from kette.networks.services import minutes as services
from kette.networks.services.meetings import follow_ups_ensure
from tests.core.factories import OrganisationFactory
from tests.goals.factories import make_goal

from .factories import make_action_item, make_body, make_meeting, make_person

pytestmark = pytest.mark.django_db


def _at(days: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _entries(minutes: Minutes) -> list[tuple[str, str, str]]:
    return [
        (entry.agenda_item.title, entry.discussion, entry.agreements)
        for entry in minutes.entries.all()
    ]


def test_an_approved_version_refuses_every_write(municipality, coordinator):
    meeting = make_meeting(make_body(municipality), agenda=["Bericht"])
    item = meeting.agenda.get()
    draft = services.minutes_start(actor=coordinator, meeting=meeting)
    services.minutes_save(
        actor=coordinator,
        minutes=draft,
        summary="Alle da.",
        entries={item.pk: {"discussion": "Gut.", "agreements": "Weiter so."}},
    )
    approved = services.minutes_approve(actor=coordinator, minutes=draft)
    assert approved.state == MinutesState.APPROVED
    assert approved.approved_by == coordinator
    refused = [
        lambda: services.minutes_save(actor=None, minutes=approved, summary="Neu"),
        lambda: services.minutes_save(
            actor=None, minutes=approved, entries={item.pk: {"discussion": "X"}}
        ),
        lambda: services.minutes_approve(actor=None, minutes=approved),
        lambda: services.action_item_add(actor=None, meeting=meeting, task="Neu"),
    ]
    for write in refused:
        with pytest.raises(KetteError):
            write()
    approved.refresh_from_db()
    assert approved.summary == "Alle da."
    assert _entries(approved) == [("Bericht", "Gut.", "Weiter so.")]


def test_a_correction_is_a_new_draft_copied_from_the_approved_version(
    municipality, coordinator
):
    meeting = make_meeting(make_body(municipality), agenda=["Bericht"])
    item = meeting.agenda.get()
    first = services.minutes_start(actor=None, meeting=meeting)
    services.minutes_save(
        actor=None,
        minutes=first,
        summary="Alle da.",
        entries={item.pk: {"discussion": "Gut.", "agreements": "Weiter so."}},
    )
    with pytest.raises(KetteError):  # a draft is edited, not corrected
        services.minutes_correct(actor=None, meeting=meeting, correction_note="x")
    services.minutes_approve(actor=None, minutes=first)
    with pytest.raises(KetteError) as error:
        services.minutes_correct(actor=None, meeting=meeting, correction_note=" ")
    assert "correction_note" in error.value.errors
    second = services.minutes_correct(
        actor=coordinator, meeting=meeting, correction_note="Name korrigiert"
    )
    assert (second.version, second.state) == (2, MinutesState.DRAFT)
    assert _entries(second) == _entries(first)
    services.minutes_save(
        actor=None, minutes=second, entries={item.pk: {"discussion": "Sehr gut."}}
    )
    first.refresh_from_db()
    assert _entries(first) == [("Bericht", "Gut.", "Weiter so.")]
    assert _entries(second) == [("Bericht", "Sehr gut.", "Weiter so.")]
    services.minutes_approve(actor=None, minutes=second)
    assert services.minutes_latest(meeting).version == 2
    assert AuditEntry.objects.filter(
        object_type="kette_networks.Minutes", object_id=str(second.pk)
    ).exists()


def test_the_agreed_text_is_fixed_but_the_status_moves_on(municipality, coordinator):
    meeting = make_meeting(make_body(municipality))
    item = make_action_item(meeting, actor=coordinator)
    services.action_item_update(actor=None, item=item, task="Einladung an Schulen")
    services.minutes_approve(actor=None, minutes=services.minutes_latest(meeting))
    with pytest.raises(KetteError):
        services.action_item_update(actor=None, item=item, task="Anders")
    with pytest.raises(KetteError):
        services.action_item_delete(actor=None, item=item)
    services.action_item_set_status(
        actor=coordinator, item=item, status=ActionStatus.IN_PROGRESS, note="läuft"
    )
    done = services.action_item_set_status(
        actor=coordinator, item=item, status=ActionStatus.DONE
    )
    assert done.done_on == timezone.localdate()
    reopened = services.action_item_set_status(
        actor=coordinator, item=item, status=ActionStatus.OPEN
    )
    assert reopened.done_on is None
    item.refresh_from_db()
    assert item.task == "Einladung an Schulen"
    changes = [
        entry.changes.get("status")
        for entry in AuditEntry.objects.filter(
            object_type="kette_networks.ActionItem", object_id=str(item.pk)
        ).order_by("pk")
    ]
    assert ["open", "in_progress"] in changes and ["done", "open"] in changes


def test_an_action_item_names_people_and_organisations_of_its_municipality_only(
    municipality, other_municipality
):
    meeting = make_meeting(make_body(municipality))
    with pytest.raises(KetteError) as error:
        make_action_item(meeting, responsible_person=make_person(other_municipality))
    assert "responsible_person" in error.value.errors
    with pytest.raises(KetteError) as error:
        make_action_item(
            meeting,
            responsible_organisation=OrganisationFactory(
                municipality=other_municipality
            ),
        )
    assert "responsible_organisation" in error.value.errors
    with pytest.raises(KetteError) as error:
        make_action_item(meeting, task="  ")
    assert "task" in error.value.errors
    with pytest.raises(KetteError):
        services.action_item_set_status(
            actor=None, item=make_action_item(meeting), status="vergessen"
        )


def test_open_action_items_come_back_until_done_across_three_meetings(municipality):
    body = make_body(municipality)
    first = make_meeting(body, starts_at=_at(-60))
    letters = make_action_item(first, "Briefe schreiben")
    flyer = make_action_item(first, "Flyer drucken")
    make_action_item(first, "Erledigt", status=ActionStatus.DONE)
    make_action_item(first, "Verworfen", status=ActionStatus.DROPPED)
    services.minutes_approve(actor=None, minutes=services.minutes_latest(first))

    second = make_meeting(body, starts_at=_at(-30))
    assert [item.follow_up_of for item in second.agenda.all()] == [letters, flyer]
    services.action_item_set_status(actor=None, item=flyer, status=ActionStatus.DONE)
    room = make_action_item(second, "Raum buchen")

    third = make_meeting(body, starts_at=_at(7), agenda=["Begrüßung"])
    assert [(item.position, item.follow_up_of) for item in third.agenda.all()] == [
        (1, None),
        (2, letters),
        (3, room),
    ]
    # Shown again: nothing doubles.
    assert follow_ups_ensure(meeting=third) == []
    assert third.agenda.count() == 3
    # An action item of an earlier meeting agreed after the third was planned
    # comes on its agenda as it is agreed (no page has to be opened for it).
    late = make_action_item(second, "Nachzügler")
    assert third.agenda.get(position=4).follow_up_of == late
    assert follow_ups_ensure(meeting=third) == []
    # Another body's items stay away.
    make_action_item(
        make_meeting(make_body(municipality, "AG Sprache"), starts_at=_at(-5))
    )
    assert follow_ups_ensure(meeting=third) == []


def test_the_agenda_of_a_meeting_with_minutes_gets_no_more_follow_ups(municipality):
    body = make_body(municipality)
    first = make_meeting(body, starts_at=_at(-30))
    second = make_meeting(body, starts_at=_at(-1))
    services.minutes_start(actor=None, meeting=second)
    make_action_item(first, "Spät eingetragen")
    assert follow_ups_ensure(meeting=second) == []
    assert not second.agenda.exists()


def test_an_action_item_becomes_a_measure_of_a_goal(
    municipality, other_municipality, coordinator, organisation
):
    meeting = make_meeting(make_body(municipality))
    person = make_person(municipality, user=coordinator)
    item = make_action_item(
        meeting,
        "Elterncafé einrichten",
        responsible_person=person,
        responsible_organisation=organisation,
    )
    with pytest.raises(KetteError) as error:
        services.action_item_to_measure(
            actor=coordinator, item=item, goal=make_goal(other_municipality)
        )
    assert "goal" in error.value.errors
    goal = make_goal(municipality)
    measure = services.action_item_to_measure(actor=coordinator, item=item, goal=goal)
    item.refresh_from_db()
    assert item.measure == measure
    assert (measure.goal, measure.task, measure.due) == (goal, item.task, item.due)
    assert measure.responsible_person == coordinator
    assert measure.responsible_organisation == organisation
    with pytest.raises(KetteError):
        services.action_item_to_measure(actor=coordinator, item=item, goal=goal)
    assert AuditEntry.objects.filter(
        object_type="kette_networks.ActionItem", object_id=str(item.pk), action="update"
    ).exists()
