"""Goal services: levels, numbering, the hierarchy's rules and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.exceptions import KetteError
from kette.core.models import AuditEntry, FieldOfAction, PreventionStandard
from kette.goals.models import Goal, GoalLevel, Measure
from kette.goals.selectors import goals as selectors
from kette.goals.services import goals as services

from .factories import make_goal, make_measure

BIELEFELD = ["Leitziel", "Produktgruppenziel", "Produkt", "Teilziel", "Maßnahme"]


def codes(municipality) -> list[tuple[str, str, str]]:
    """(code, title, level name) of every goal in reading order."""
    return [
        (node.code, node.goal.title, node.goal.level.name)
        for node in selectors.goal_outline(municipality=municipality)
    ]


def test_the_first_goal_creates_the_three_default_levels(municipality, coordinator):
    assert not GoalLevel.objects.filter(municipality=municipality).exists()
    make_goal(municipality, "Präventionskette", actor=coordinator)
    assert [
        level.name for level in selectors.goal_levels(municipality=municipality)
    ] == [
        "Leitziel",
        "Strategisches Ziel",
        "Operatives Ziel",
    ]
    assert AuditEntry.objects.filter(object_type="kette_goals.GoalLevel").count() == 3


def test_goals_are_numbered_within_their_parent_on_the_level_below(municipality):
    first = make_goal(municipality, "A")
    make_goal(municipality, "B")
    make_goal(municipality, "A1", parent=first)
    a2 = make_goal(municipality, "A2", parent=first)
    make_goal(municipality, "A2a", parent=a2)
    assert codes(municipality) == [
        ("1", "A", "Leitziel"),
        ("1.1", "A1", "Strategisches Ziel"),
        ("1.2", "A2", "Strategisches Ziel"),
        ("1.2.1", "A2a", "Operatives Ziel"),
        ("2", "B", "Leitziel"),
    ]


def test_no_goal_below_the_deepest_level(municipality):
    top = make_goal(municipality, "A")
    middle = make_goal(municipality, "B", parent=top)
    bottom = make_goal(municipality, "C", parent=middle)
    with pytest.raises(ValidationError) as error:
        make_goal(municipality, "D", parent=bottom)
    assert "parent" in error.value.message_dict
    assert Goal.objects.filter(municipality=municipality).count() == 3


def test_bielefelds_five_levels_are_expressible(municipality, coordinator):
    services.goal_levels_save(
        actor=coordinator, municipality=municipality, names=BIELEFELD
    )
    parent = None
    for name in BIELEFELD:
        parent = make_goal(municipality, f"Ein {name}", parent=parent)
    assert [level for _code, _title, level in codes(municipality)] == BIELEFELD
    assert codes(municipality)[-1][0] == "1.1.1.1.1"


def test_a_level_in_use_cannot_be_dropped(municipality, coordinator):
    top = make_goal(municipality, "A")
    make_goal(municipality, "B", parent=top)
    with pytest.raises(ValidationError):
        services.goal_levels_save(
            actor=coordinator, municipality=municipality, names=["Leitziel"]
        )
    services.goal_levels_save(
        actor=coordinator, municipality=municipality, names=["Vision", "Ziel"]
    )
    assert selectors.level_names(municipality=municipality) == ["Vision", "Ziel"]


def test_a_goal_cannot_move_below_itself_or_its_sub_goals(municipality, coordinator):
    top = make_goal(municipality, "A")
    child = make_goal(municipality, "A1", parent=top)
    for target in (top, child):
        with pytest.raises(ValidationError) as error:
            services.goal_move(actor=coordinator, goal=top, parent=target)
        assert "parent" in error.value.message_dict
    assert codes(municipality) == [
        ("1", "A", "Leitziel"),
        ("1.1", "A1", "Strategisches Ziel"),
    ]


def test_moving_a_goal_takes_its_sub_goals_and_renumbers_both_sides(
    municipality, coordinator
):
    a = make_goal(municipality, "A")
    b = make_goal(municipality, "B")
    c = make_goal(municipality, "C")
    make_goal(municipality, "B1", parent=b)
    make_goal(municipality, "A1", parent=a)
    services.goal_move(actor=coordinator, goal=b, parent=a, number=1)
    assert codes(municipality) == [
        ("1", "A", "Leitziel"),
        ("1.1", "B", "Strategisches Ziel"),
        ("1.1.1", "B1", "Operatives Ziel"),
        ("1.2", "A1", "Strategisches Ziel"),
        ("2", "C", "Leitziel"),
    ]
    c.refresh_from_db()
    assert c.number == 2
    moved = AuditEntry.objects.filter(object_type="kette_goals.Goal", action="update")
    assert {entry.object_repr for entry in moved} >= {"B", "B1", "C", "A1"}


def test_a_move_that_would_push_sub_goals_below_the_last_level_is_refused(
    municipality, coordinator
):
    a = make_goal(municipality, "A")
    b = make_goal(municipality, "B")
    b1 = make_goal(municipality, "B1", parent=b)
    make_goal(municipality, "B1a", parent=b1)
    with pytest.raises(ValidationError):
        services.goal_move(actor=coordinator, goal=b, parent=a)
    b.refresh_from_db()
    assert b.parent_id is None and b.number == 2


def test_renumbering_among_siblings(municipality, coordinator):
    make_goal(municipality, "A")
    make_goal(municipality, "B")
    c = make_goal(municipality, "C")
    services.goal_move(actor=coordinator, goal=c, parent=None, number=1)
    assert [title for _code, title, _level in codes(municipality)] == ["C", "A", "B"]


def test_a_goal_of_another_municipality_is_no_parent(municipality, other_municipality):
    foreign = make_goal(other_municipality, "Fremd")
    with pytest.raises(ValidationError):
        make_goal(municipality, "A", parent=foreign)
    assert not Goal.objects.filter(municipality=municipality).exists()


def test_deleting_a_goal_takes_its_measures_and_closes_the_gap(
    municipality, coordinator
):
    a = make_goal(municipality, "A")
    make_goal(municipality, "B")
    make_measure(a, "Auftrag 1")
    make_measure(a, "Auftrag 2")
    services.goal_delete(actor=coordinator, goal=a)
    assert codes(municipality) == [("1", "B", "Leitziel")]
    assert not Measure.objects.filter(municipality=municipality).exists()
    deleted = AuditEntry.objects.filter(action="delete", actor=coordinator)
    assert sorted(entry.object_type for entry in deleted) == [
        "kette_goals.Goal",
        "kette_goals.Measure",
        "kette_goals.Measure",
    ]


def test_a_goal_with_sub_goals_is_not_deleted(municipality, coordinator):
    a = make_goal(municipality, "A")
    make_goal(municipality, "A1", parent=a)
    with pytest.raises(KetteError):
        services.goal_delete(actor=coordinator, goal=a)
    assert Goal.objects.filter(municipality=municipality).count() == 2


def test_goal_edits_are_audited_with_their_tags(municipality, coordinator):
    goal = make_goal(municipality, "A")
    standard = PreventionStandard.objects.get(code="participation")
    health = FieldOfAction.objects.get(code="health")
    services.goal_update(
        actor=coordinator,
        goal=goal,
        measurement_criteria="Elternbefragungen",
        prevention_standards=[standard],
        fields_of_action=[health],
    )
    entry = AuditEntry.objects.get(action="update", actor=coordinator)
    assert entry.changes["measurement_criteria"] == ["", "Elternbefragungen"]
    assert entry.changes["prevention_standards"] == [[], [standard.pk]]
    assert entry.changes["fields_of_action"] == [[], [health.pk]]


def test_visions_are_kept_by_date(municipality, coordinator):
    services.vision_create(
        actor=coordinator,
        municipality=municipality,
        text="Kein Kind zurücklassen",
        adopted_on=dt.date(2013, 2, 28),
    )
    services.vision_create(
        actor=coordinator,
        municipality=municipality,
        text="Jedes Kind mitnehmen",
        adopted_on=dt.date(2016, 6, 1),
    )
    texts = [v.text for v in selectors.vision_list(municipality=municipality)]
    assert texts == ["Jedes Kind mitnehmen", "Kein Kind zurücklassen"]
    assert AuditEntry.objects.filter(object_type="kette_goals.Vision").count() == 2


def _lock_then_number(sql: list[str]) -> bool:
    """The municipality row is locked before the next number is read."""
    lock = next(i for i, text in enumerate(sql) if "FOR NO KEY UPDATE" in text)
    first_max = next(i for i, text in enumerate(sql) if "MAX(" in text.upper())
    return 'FROM "kette_core_municipality"' in sql[lock] and lock < first_max


def test_numbering_takes_a_lock_so_simultaneous_creations_get_distinct_numbers(
    municipality, coordinator
):
    """Two goals or measures made at the same moment must not read the same
    "next number" (the second would fail on the unique constraint). PostgreSQL
    row-locks the municipality; SQLite serialises writers itself."""
    goal = make_goal(municipality, "A")
    with CaptureQueriesContext(connection) as goal_queries:
        make_goal(municipality, "B")
    with CaptureQueriesContext(connection) as measure_queries:
        make_measure(goal, "Auftrag")
    if connection.features.has_select_for_no_key_update:
        assert _lock_then_number([q["sql"] for q in goal_queries])
        assert _lock_then_number([q["sql"] for q in measure_queries])
    else:
        assert connection.vendor == "sqlite"
    assert [g.number for g in Goal.objects.filter(parent=None).order_by("number")] == [
        1,
        2,
    ]
