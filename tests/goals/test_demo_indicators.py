"""``kette demo`` gives the seed-001 goals of Musterstadt indicators with
baselines, targets and actuals, some of them from the monitoring."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import AuditEntry
from kette.goals.models import GoalIndicator
from kette.goals.selectors.indicators import indicator_progress

pytestmark = pytest.mark.django_db


def test_the_demo_goals_have_typed_indicators_with_targets_and_actuals(musterstadt):
    indicators = GoalIndicator.objects.filter(municipality=musterstadt)
    assert {i.level for i in indicators} == {"input", "output", "outcome"}
    assert indicators.filter(measure__isnull=False).exists()
    assert {i.goal.parent.number for i in indicators if i.goal} == {1}
    for indicator in indicators:
        progress = indicator_progress(indicator=indicator, public=False)
        assert any(row.target is not None for row in progress.rows), indicator
        assert progress.latest is not None, indicator


def test_demo_actuals_from_the_monitoring_are_read_from_its_figures(musterstadt):
    linked = GoalIndicator.objects.filter(
        municipality=musterstadt, monitoring_indicator__isnull=False
    )
    assert linked.count() == 2
    assert linked.filter(monitoring_district__code="03").exists()
    for indicator in linked:
        assert not indicator.actuals.exists()
        rows = indicator_progress(indicator=indicator, public=False).rows
        assert [r.actual.value for r in rows if r.actual and r.period == "2025"]
        reached = {r.reached for r in rows if r.target is not None and r.actual}
        assert reached <= {True, False} and reached


def test_a_second_demo_run_writes_no_indicators(musterstadt):
    mine = AuditEntry.objects.filter(
        object_type__in=[
            "kette_goals.GoalIndicator",
            "kette_goals.IndicatorTarget",
            "kette_goals.IndicatorActual",
        ]
    )
    before = mine.count()
    assert before
    call_command("demo", stdout=StringIO())
    assert mine.count() == before
