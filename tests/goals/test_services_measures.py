"""Measure services: numbering, who and with whom, schedules, the status history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kette.core.models import AuditEntry, MeasureType, Role
from kette.goals.models import Measure, MeasureStatusChange, Recurrence
from kette.goals.selectors import goals as selectors
from kette.goals.services import measures as services
from tests.core.factories import OrganisationFactory, UserFactory, user_with_role
from tests.offers.factories import OfferFactory

from .factories import make_goal, make_measure, status


def tasks(goal) -> list[tuple[int, str]]:
    return list(goal.measures.order_by("number").values_list("number", "task"))


def test_measures_are_numbered_in_their_goal_and_coded_with_it(municipality):
    make_goal(municipality, "A")
    goal = make_goal(municipality, "B")
    make_measure(goal, "Übersicht der Netzwerke")
    make_measure(goal, "Begriffe vereinheitlichen")
    grid = selectors.goal_grid(municipality=municipality, goal=goal)
    assert [(row.code, row.measure.task) for row in grid.measures] == [
        ("2.1", "Übersicht der Netzwerke"),
        ("2.2", "Begriffe vereinheitlichen"),
    ]


def test_moving_and_deleting_measures_renumber_the_others(goal, coordinator):
    first = make_measure(goal, "eins")
    make_measure(goal, "zwei")
    third = make_measure(goal, "drei")
    services.measure_move(actor=coordinator, measure=third, number=1)
    assert tasks(goal) == [(1, "drei"), (2, "eins"), (3, "zwei")]
    services.measure_delete(actor=coordinator, measure=first)
    assert tasks(goal) == [(1, "drei"), (2, "zwei")]
    renumbered = AuditEntry.objects.filter(
        object_type="kette_goals.Measure", action="update", actor=coordinator
    )
    assert renumbered.count() == 4  # three moved once, "zwei" once more


def test_a_new_measure_starts_not_implemented_with_a_dated_entry(goal, coordinator):
    measure = make_measure(goal, actor=coordinator)
    assert measure.status.code == "not-implemented"
    [entry] = MeasureStatusChange.objects.filter(measure=measure)
    assert entry.old_status is None
    assert entry.new_status.code == "not-implemented"
    assert entry.on == timezone.localdate()
    assert entry.actor == coordinator


def test_a_status_update_is_dated_commented_and_audited(measure, responsible):
    services.measure_status_update(
        actor=responsible,
        measure=measure,
        status=status("partly-implemented"),
        comment="Zwei von vier Fortbildungen fanden statt.",
    )
    measure.refresh_from_db()
    assert measure.status.code == "partly-implemented"
    latest = selectors.measure_history(measure=measure).first()
    assert (latest.old_status.code, latest.new_status.code) == (
        "not-implemented",
        "partly-implemented",
    )
    assert latest.comment == "Zwei von vier Fortbildungen fanden statt."
    assert latest.actor == responsible
    assert latest.actor_name == responsible.display_name
    entry = AuditEntry.objects.get(
        object_type="kette_goals.Measure", action="update", actor=responsible
    )
    assert entry.changes["status"][1] == status("partly-implemented").pk


def test_the_history_keeps_every_dated_change_newest_first(measure, coordinator):
    today = timezone.localdate()
    services.measure_status_update(
        actor=coordinator,
        measure=measure,
        status=status("partly-implemented"),
        on=today,
    )
    services.measure_status_update(
        actor=coordinator, measure=measure, status=status("fully-implemented"), on=today
    )
    history = [
        (change.old_status and change.old_status.code, change.new_status.code)
        for change in selectors.measure_history(measure=measure)
    ]
    assert history == [
        ("partly-implemented", "fully-implemented"),
        ("not-implemented", "partly-implemented"),
        (None, "not-implemented"),
    ]


@pytest.mark.parametrize("days", [1, -1])
def test_a_status_cannot_be_dated_in_the_future_or_before_the_last_one(
    measure, coordinator, days
):
    on = timezone.localdate() + dt.timedelta(days=days)
    with pytest.raises(ValidationError) as error:
        services.measure_status_update(
            actor=coordinator,
            measure=measure,
            status=status("fully-implemented"),
            on=on,
        )
    assert "on" in error.value.message_dict
    measure.refresh_from_db()
    assert measure.status.code == "not-implemented"
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1


def test_who_and_with_whom_belong_to_the_municipality(
    goal, municipality, other_municipality
):
    foreign = OrganisationFactory(municipality=other_municipality)
    cases = {
        "responsible_organisation": {"responsible_organisation": foreign},
        "cooperation_partners": {"cooperation_partners": [foreign]},
        "offers": {
            "offers": [
                OfferFactory(municipality=other_municipality, organisation=foreign)
            ]
        },
        "responsible_person": {
            "responsible_person": user_with_role(other_municipality, Role.PLANNER)
        },
    }
    for field, fields in cases.items():
        with pytest.raises(ValidationError) as error:
            make_measure(goal, **fields)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError):
        make_measure(goal, responsible_person=UserFactory())  # no role anywhere
    assert not Measure.objects.filter(goal=goal).exists()


def test_partners_type_offers_and_schedule_are_saved(goal, organisation, municipality):
    offer = OfferFactory(municipality=municipality, organisation=organisation)
    measure = make_measure(
        goal,
        cooperation_partners=[organisation],
        cooperation_note="Externe Begleitung durch Consens",
        measure_type=MeasureType.objects.get(code="networking"),
        offers=[offer],
        start=dt.date(2013, 1, 1),
        recurrence=Recurrence.QUARTERLY,
        recurrence_until=dt.date(2014, 12, 31),
    )
    assert list(measure.cooperation_partners.all()) == [organisation]
    assert list(offer.measures.all()) == [measure]
    assert measure.get_recurrence_display() == "vierteljährlich"
    # An offer's key is a UUID; the audit trail records it as text.
    created = AuditEntry.objects.get(object_type="kette_goals.Measure")
    assert created.changes["offers"] == [None, [str(offer.pk)]]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start": dt.date(2013, 6, 1), "due": dt.date(2013, 1, 1)}, "due"),
        ({"recurrence_until": dt.date(2014, 1, 1)}, "recurrence_until"),
        (
            {
                "start": dt.date(2013, 6, 1),
                "recurrence": Recurrence.YEARLY,
                "recurrence_until": dt.date(2013, 1, 1),
            },
            "recurrence_until",
        ),
    ],
)
def test_a_schedule_that_contradicts_itself_is_refused(goal, fields, field):
    with pytest.raises(ValidationError) as error:
        make_measure(goal, **fields)
    assert field in error.value.message_dict


def test_a_persons_measures_are_listed_in_grid_order(municipality, responsible):
    first = make_goal(municipality, "A")
    for number in range(1, 12):
        make_goal(municipality, f"Ziel {number}")
    eleventh = make_goal(municipality, "L")  # number 13
    second = make_goal(municipality, "A1", parent=first)
    make_measure(eleventh, "spät", responsible_person=responsible)
    make_measure(second, "früh", responsible_person=responsible)
    make_measure(second, "fremd")
    rows = selectors.person_measures(municipality=municipality, user=responsible)
    assert [(row.code, row.measure.task) for row in rows] == [
        ("1.1.1", "früh"),
        ("13.1", "spät"),
    ]
