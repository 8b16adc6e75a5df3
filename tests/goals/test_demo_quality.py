"""``kette demo`` gives Musterstadt two completed quality-cycle
self-assessments a year apart, and its measures prevention standards."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import AuditEntry
from kette.goals.models import AssessmentState, Measure, StandardRating
from kette.goals.selectors import quality as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_completed_assessments_with_changes(musterstadt):
    later, earlier = selectors.assessment_list(municipality=musterstadt)
    assert {later.state, earlier.state} == {AssessmentState.COMPLETED}
    assert (later.date - earlier.date).days in range(360, 370)
    assert later.rated == later.standard_count == 18
    result = selectors.quality_result(later)
    assert result.previous == earlier
    means = {
        mean.station.number: (mean.previous, mean.current) for mean in result.means
    }
    assert means[1] == (1.5, 3.0)
    directions = {
        change.standard.code: change.direction
        for block in result.stations
        for change in block.changes
    }
    assert directions["s1-4"] == "up"
    assert directions["s3-2"] == "down"
    assert directions["s6-2"] == "same"


def test_the_demo_measures_carry_prevention_standards(musterstadt):
    measures = Measure.objects.filter(municipality=musterstadt)
    assert measures.exists()
    assert not measures.filter(prevention_standards__isnull=True).exists()
    summary = selectors.prevention_standard_summary(municipality=musterstadt)
    assert sum(row.measures for row in summary.rows) >= measures.count()


def test_a_second_demo_run_writes_nothing_of_the_quality_cycle(musterstadt):
    counts = (AuditEntry.objects.count(), StandardRating.objects.count())
    call_command("demo", stdout=StringIO())
    assert (AuditEntry.objects.count(), StandardRating.objects.count()) == counts
