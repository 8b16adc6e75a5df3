"""``kette demo`` gives Musterstadt the four SMART grids of seed 001."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import AuditEntry
from kette.goals.models import Measure, MeasureStatusChange
from kette.goals.selectors import goals as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_vision_and_four_goals_under_a_guiding_goal(musterstadt):
    [guiding] = selectors.goal_tree(municipality=musterstadt)
    assert guiding.goal.level.name == "Leitziel"
    assert [node.code for node in guiding.children] == ["1.1", "1.2", "1.3", "1.4"]
    assert "Netzwerkmanagement" in guiding.children[1].goal.title
    assert [node.measure_count for node in guiding.children] == [5, 4, 4, 3]
    assert selectors.vision_list(municipality=musterstadt)[0].text.startswith(
        "Kein Kind zurücklassen"
    )


def test_demo_measures_have_a_dated_history_ending_in_their_status(musterstadt):
    measures = Measure.objects.filter(municipality=musterstadt)
    assert {m.status.code for m in measures} == {
        "not-implemented",
        "partly-implemented",
        "fully-implemented",
    }
    for measure in measures:
        latest = selectors.measure_history(measure=measure).first()
        assert latest.new_status == measure.status
        assert latest.on == measure.status_changed_on
    grid = selectors.goal_grid(
        municipality=musterstadt,
        goal=selectors.goal_tree(municipality=musterstadt)[0].children[1].goal,
    )
    first = grid.measures[0].measure
    assert first.responsible_person.username == "netzwerk"
    assert first.measure_type.code == "networking"


def test_a_second_demo_run_writes_nothing_of_goals(musterstadt):
    counts = (
        AuditEntry.objects.count(),
        MeasureStatusChange.objects.count(),
        Measure.objects.count(),
    )
    call_command("demo", stdout=StringIO())
    assert (
        AuditEntry.objects.count(),
        MeasureStatusChange.objects.count(),
        Measure.objects.count(),
    ) == counts
